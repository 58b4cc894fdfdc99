import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../src/infrastructure/database/rls';
import { SEARCH_FN_ARGS } from './1764600000000-mentor-search-terms';
import {
  BUCKETS,
  MENTOR_SEARCH_SYNC_V4,
  mentorSearchSyncV4,
  PROFILE_TERMS,
  SEARCH_INPUT_TERMS,
  SEARCH_MENTORS_HEAD,
  SEARCH_MENTORS_V5_SQL,
} from './1764606000000-matching-reads-narrow-rows';

/** Buckets come in aligned groups of 1, 2, 4, … 32: levels 0 to 5. */
const LEVELS = Math.log2(BUCKETS);

/**
 * The term of a group of 2^level buckets ('r:<bucket>' at level 0, as
 * version 5 named it).
 */
const groupTerm = (tenant: string, level: string, group: string) =>
  `search_term(${tenant}, CASE WHEN ${level} = 0 THEN 'r:' ELSE 'r' || ${level} || ':' END || (${group}))`;

/** A first bucket with fewer matches than this says too little: every match is read. */
const MIN_EVIDENCE = 12;

/**
 * The matches, in static SQL over the function's variables: not the viewer,
 * nobody blocked either way; all the terms `needed` and, in the same GIN
 * scan, any of `sample` (the groups of buckets read; when every match is
 * read, a term of `needed` itself: GIN shares the entry); the `common` terms
 * checked on the row (a function call, which the planner cannot turn into
 * an index condition); available on `available_on` when given; for an exact
 * query, the profile's own words.
 */
const MATCHES = `
  SELECT m.user_id, m.exposure_log, m.head_terms FROM mentor_search m
   WHERE m.tenant_id = tenant AND m.listed AND m.user_id <> viewer
     AND NOT m.user_id = ANY (ARRAY(
           SELECT b.blocked_id FROM member_blocks b WHERE b.tenant_id = tenant AND b.blocker_id = viewer
           UNION ALL
           SELECT b.blocker_id FROM member_blocks b WHERE b.tenant_id = tenant AND b.blocked_id = viewer))
     AND m.terms @> needed AND m.terms && sample AND arraycontains(m.terms, common)
     AND (available_on IS NULL
          OR (m.active_count < m.capacity AND (m.paused_until IS NULL OR m.paused_until <= available_on)))
     AND (NOT exact OR EXISTS (SELECT 1 FROM mentor_profiles p
                                WHERE p.tenant_id = tenant AND p.user_id = m.user_id
                                  AND p.search_vector @@ query))`;

/** `sql` indented by `spaces` after its first line. */
const indent = (sql: string, spaces: number) => sql.replace(/\n/g, `\n${' '.repeat(spaces)}`);

// search_mentors(), version 6: a query of middling breadth is sampled too,
// a sample is one to six terms, and it is read once.
//
// - Version 5 read every match unless the first bucket promised more than
//   8 × (cap + 1) of them. A query with 1,400 matches read them all (1,386
//   heap pages, 14.6 ms in EXPLAIN ANALYZE) to keep the 201 least exposed.
//   Now, as soon as the first bucket holds enough matches to estimate from
//   (12), the search reads as many buckets as should hold 1.5 × (cap + 1):
//   about 300 rows.
// - A sample of 19 buckets was 19 terms ORed in the GIN scan, which decoded
//   all their postings (about 1 ms). Each aligned group of 2, 4, … 32
//   buckets now has a term of its own, so a sample is its groups, largest
//   first (19 = 16 + 2 + 1); a one-group sample joins the other terms.
// - Version 5 counted a sample before reading it again to rank it. Now it is
//   ranked in the same pass, and a larger sample is read only when that one
//   fell short of cap + 1 (twice as many buckets, then every match).
// - A term nearly every mentor of the programme has (its main language,
//   say) is checked on each row read instead of in the GIN scan, where its
//   posting list of 100,000 entries cost about 0.7 ms to step through in each
//   scan. search_common_terms lists them (CommonSearchTerms counts them).
// - Its statements are static SQL over the function's variables, planned
//   once per connection (the search runs with generic plans). Built as text
//   and planned on every call, they cost about 12% more.
export const SEARCH_MENTORS_V6_SQL = `${SEARCH_MENTORS_HEAD}
    needed int[];
    common int[];
    first_bucket int := (hashtext(COALESCE(viewer::text, '') || current_date::text) % ${BUCKETS} + ${BUCKETS}) % ${BUCKETS};
    taken_buckets int;
    top int;
    pos int;
    sample int[];
    found int;
    ids uuid[];
    ranks real[];
  BEGIN${SEARCH_INPUT_TERMS}
    -- Terms nearly every listed mentor has are checked on each row read.
    common := ARRAY(SELECT c.term FROM search_common_terms c
                     WHERE c.tenant_id = tenant AND c.term = ANY (term_ids));
    term_ids := ARRAY(SELECT t FROM unnest(term_ids) t WHERE t <> ALL (common));

    -- How broad is it? Count the first bucket's matches.
    sample := ARRAY[${groupTerm('tenant', '0', 'first_bucket')}];
    needed := term_ids || sample;
    SELECT count(*)::int INTO found FROM (${indent(MATCHES, 4)}
     LIMIT cap + 1) x;
    -- More than cap: that bucket is the sample. Enough to estimate from:
    -- as many buckets as should hold 1.5 × (cap + 1). Too few to tell:
    -- every match.
    taken_buckets := CASE WHEN found > cap THEN 1
                          ELSE ceil(1.5 * (cap + 1) / greatest(found, 1))::int + 1 END;
    IF found < LEAST(cap + 1, ${MIN_EVIDENCE}) THEN
      taken_buckets := ${BUCKETS};
    END IF;
    LOOP
      IF taken_buckets <= ${BUCKETS / 2} THEN
        -- The sample: taken_buckets buckets from the group of first_bucket,
        -- as aligned groups, largest first (19 buckets: groups of 16, 2, 1).
        top := floor(log(2, taken_buckets))::int;
        pos := first_bucket - first_bucket % (1 << top);
        sample := '{}';
        FOR level IN REVERSE top..0 LOOP
          IF taken_buckets & (1 << level) <> 0 THEN
            sample := sample || ${groupTerm('tenant', 'level', `((pos % ${BUCKETS}) >> level)`)};
            pos := pos + (1 << level);
          END IF;
        END LOOP;
      ELSE
        -- Every match: "any of" one of the terms, or of both halves of the
        -- buckets when there is none.
        sample := CASE WHEN cardinality(term_ids) > 0 THEN term_ids[1:1]
                       ELSE ARRAY[${groupTerm('tenant', `${LEVELS - 1}`, '0')},
                                  ${groupTerm('tenant', `${LEVELS - 1}`, '1')}] END;
      END IF;
      -- One group is needed like the terms (cheaper for GIN than "any of").
      needed := CASE WHEN cardinality(sample) = 1 THEN term_ids || sample ELSE term_ids END;
      -- The matches taken, least exposed first, at most cap + 1. Only those
      -- are ranked and counted; the page shown is checked against the
      -- profile's own words.
      WITH taken AS (${indent(MATCHES, 6)}
             ORDER BY m.exposure_log, m.user_id
             LIMIT cap + 1),
      ranked AS (
        SELECT t.user_id, t.exposure_log,
               (CASE WHEN exact THEN (SELECT ts_rank_cd(p.search_vector, query)
                                        FROM mentor_profiles p
                                       WHERE p.tenant_id = tenant AND p.user_id = t.user_id)
                     WHEN cardinality(word_ids) > 0
                     THEN (SELECT count(*) FROM unnest(word_ids) w
                            WHERE w = ANY (t.head_terms))::float8 / cardinality(word_ids)
                     ELSE 0 END)::real AS rank
          FROM taken t
         ORDER BY 3 DESC, t.exposure_log, t.user_id
         LIMIT page_limit OFFSET page_offset),
      shown AS (
        SELECT r.user_id, r.rank,
               row_number() OVER (ORDER BY r.rank DESC, r.exposure_log, r.user_id) AS ord
          FROM ranked r
         WHERE query IS NULL OR EXISTS (SELECT 1 FROM mentor_profiles p
                                         WHERE p.tenant_id = tenant AND p.user_id = r.user_id
                                           AND p.search_vector @@ query))
      SELECT array_agg(s.user_id ORDER BY s.ord), array_agg(s.rank ORDER BY s.ord),
             (SELECT count(*)::int FROM taken)
        INTO ids, ranks, found
        FROM shown s;
      -- A sample that fell short of cap + 1: twice as many buckets.
      EXIT WHEN taken_buckets > ${BUCKETS / 2} OR found > cap;
      taken_buckets := 2 * taken_buckets;
    END LOOP;
    RETURN QUERY SELECT k.id, k.rank, found
                   FROM unnest(ids, ranks) WITH ORDINALITY AS k(id, rank, ord)
                  ORDER BY k.ord;
  END
  $fn$`;

/** A mentor's sample terms: its bucket's group at every level. */
const SAMPLE_TERMS_FN = `
  CREATE FUNCTION mentor_sample_terms(tenant uuid, mentor uuid) RETURNS int[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT ARRAY(SELECT ${groupTerm('tenant', 'level', 'mentor_search_bucket(mentor) >> level')}
                   FROM generate_series(0, ${LEVELS - 1}) level)
  $$`;

// mentor_search_sync(), version 5: a new row's terms name its bucket's group
// at every level.
const MENTOR_SEARCH_SYNC_V5 = mentorSearchSyncV4(
  `${PROFILE_TERMS} || mentor_sample_terms(NEW.tenant_id, NEW.user_id)`,
);

/** Rewrites every row's terms (the GIN index is built afresh afterwards: much faster). */
async function rewriteTerms(qr: QueryRunner, terms: string): Promise<void> {
  await qr.query(`DROP INDEX mentor_search_terms_idx`);
  // mentor_search and mentor_profiles do not force RLS on their owner, and
  // the join names the tenant. The profile is called NEW, as in the trigger
  // whose expression for a new row's terms this reuses.
  await qr.query(`
    UPDATE mentor_search s SET terms = ${terms}
      FROM mentor_profiles NEW
     WHERE NEW.tenant_id = s.tenant_id AND NEW.user_id = s.user_id`);
  await qr.query(
    `CREATE INDEX mentor_search_terms_idx ON mentor_search USING gin (terms) WITH (fastupdate = off)`,
  );
}

export class CheaperSearchSamples1764607000000 implements MigrationInterface {
  name = 'CheaperSearchSamples1764607000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE search_common_terms (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        term int NOT NULL,
        PRIMARY KEY (tenant_id, term))`);
    await enableTenantRls(qr, 'search_common_terms');
    await qr.query(SAMPLE_TERMS_FN);
    await qr.query(MENTOR_SEARCH_SYNC_V5);
    await rewriteTerms(qr, `${PROFILE_TERMS} || mentor_sample_terms(s.tenant_id, s.user_id)`);
    await qr.query(SEARCH_MENTORS_V6_SQL);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION search_mentors(${SEARCH_FN_ARGS})`);
    await qr.query(SEARCH_MENTORS_V5_SQL);
    await qr.query(MENTOR_SEARCH_SYNC_V4);
    await rewriteTerms(
      qr,
      `${PROFILE_TERMS} || search_term(s.tenant_id, 'r:' || mentor_search_bucket(s.user_id))`,
    );
    await qr.query(`DROP FUNCTION mentor_sample_terms(uuid, uuid)`);
    await qr.query(`DROP TABLE search_common_terms`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SEARCH_FN_ARGS } from './1764600000000-mentor-search-terms';
import { SEARCH_MENTORS_V4_SQL } from './1764604000000-search-ranks-from-terms';
import {
  CANDIDATE_ROWS_FOLLOW_PROFILE,
  MENTOR_SEARCH_SYNC_V3,
} from './1764605000000-candidate-pools-filter';

/** Search samples broad queries by these buckets of mentors (see search_mentors below). */
export const BUCKETS = 64;

/** The columns of mentor_profiles that scoring reads, copied to mentor_search. */
const SCORING_COLUMNS = [
  'expertise',
  'expertise_codes',
  'industries',
  'stages',
  'languages',
  'styles',
  'country',
  'utc_offset_min',
  'reply_hours',
  'created_at',
];

const newValues = (columns: string[]) => columns.map((c) => `NEW.${c}`).join(', ');
const fromExcluded = (columns: string[]) => columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ');

/** A new mentor_search row's terms from its profile, before any bucket. */
export const PROFILE_TERMS = `
  mentor_search_terms(NEW.tenant_id, NEW.search_vector, NEW.expertise_codes, NEW.industries,
                      NEW.stages, NEW.languages, NEW.country)`;
const TERMS_WITH_BUCKET = `${PROFILE_TERMS}
  || search_term(NEW.tenant_id, 'r:' || mentor_search_bucket(NEW.user_id))`;

/**
 * mentor_search_sync() as version 4 makes it, with `termsSql` as a new row's
 * terms (a later version adds more).
 */
export const mentorSearchSyncV4 = (termsSql: string) => `
  CREATE OR REPLACE FUNCTION mentor_search_sync() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $fn$
  BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector
       AND NEW.expertise_codes = OLD.expertise_codes AND NEW.industries = OLD.industries
       AND NEW.stages = OLD.stages AND NEW.languages = OLD.languages
       AND NEW.country IS NOT DISTINCT FROM OLD.country THEN
      -- The terms stay: a heap-only update of the rest.
      UPDATE mentor_search s
         SET active_count = NEW.active_count, capacity = NEW.capacity,
             paused_until = NEW.paused_until, expertise = NEW.expertise, styles = NEW.styles,
             utc_offset_min = NEW.utc_offset_min, reply_hours = NEW.reply_hours
       WHERE s.tenant_id = NEW.tenant_id AND s.user_id = NEW.user_id;
    ELSE
      -- listed is set here for a new row; the trigger on users keeps it.
      INSERT INTO mentor_search AS s
             (tenant_id, user_id, active_count, capacity, paused_until, terms, head_terms, listed,
              ${SCORING_COLUMNS.join(', ')})
      VALUES (NEW.tenant_id, NEW.user_id, NEW.active_count, NEW.capacity, NEW.paused_until,
              ${termsSql},
              mentor_head_terms(NEW.tenant_id, NEW.search_vector),
              COALESCE((SELECT u.status = 'active' AND u.deleted_at IS NULL
                               AND 'mentor' = ANY (u.roles)
                          FROM users u WHERE u.tenant_id = NEW.tenant_id AND u.id = NEW.user_id),
                       false),
              ${newValues(SCORING_COLUMNS)})
      ON CONFLICT (tenant_id, user_id) DO UPDATE
         SET active_count = EXCLUDED.active_count, capacity = EXCLUDED.capacity,
             paused_until = EXCLUDED.paused_until, terms = EXCLUDED.terms,
             head_terms = EXCLUDED.head_terms, ${fromExcluded(SCORING_COLUMNS)};
    END IF;
    ${CANDIDATE_ROWS_FOLLOW_PROFILE}
    RETURN NULL;
  END
  $fn$`;

// mentor_search_sync(), version 4: the narrow row also carries what scoring
// reads, and the mentor's search bucket among its terms; the candidate rows
// follow the profile as in version 3.
export const MENTOR_SEARCH_SYNC_V4 = mentorSearchSyncV4(TERMS_WITH_BUCKET);

const updateTrigger = (columns: string) => `
  CREATE TRIGGER mentor_profiles_search_update AFTER UPDATE OF ${columns}
    ON mentor_profiles FOR EACH ROW EXECUTE FUNCTION mentor_search_sync()`;
const UPDATE_COLUMNS_V3 = `active_count, capacity, paused_until, search_primary, search_secondary,
  expertise_codes, industries, stages, languages, country`;
const UPDATE_COLUMNS_V4 = `${UPDATE_COLUMNS_V3}, expertise, styles, utc_offset_min, reply_hours`;

/**
 * search_mentors() from its signature to its first declarations, as
 * versions 5 and 6 write it.
 */
export const SEARCH_MENTORS_HEAD = `
  CREATE OR REPLACE FUNCTION search_mentors(
    keyword text, f_expertise text, f_industry text, f_stage text, f_language text,
    f_country text, available_on date, viewer uuid, cap int, page_limit int, page_offset int)
  RETURNS TABLE (user_id uuid, rank real, total int)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    query tsquery;
    -- A plain AND of words is answered by the terms alone; OR, NOT and
    -- phrases also test (and are ranked by) the profile's own tsvector.
    exact boolean := false;
    words text[] := '{}';
    terms text[];
    term_ids int[];
    word_ids int[];`;

/**
 * The start of search_mentors()'s body in versions 5 and 6: no tenant, no
 * results; the keyword parsed (`query`, `exact`, `words`); the terms of the
 * words and filters, hashed for the tenant (`term_ids`, `word_ids`).
 */
export const SEARCH_INPUT_TERMS = `
    IF tenant IS NULL THEN
      RETURN;
    END IF;
    IF keyword IS NOT NULL THEN
      query := websearch_to_tsquery('simple', keyword);
      IF numnode(query) = 0 THEN
        RETURN;
      END IF;
      exact := query::text ~ '[|!<]';
      IF NOT exact THEN
        words := ARRAY(SELECT 'w:' || replace(w[1], '''''', '''')
                         FROM regexp_matches(query::text, '''((?:[^'']|'''')*)''', 'g') w);
      END IF;
    END IF;
    terms := words;
    IF f_expertise IS NOT NULL THEN terms := terms || ('x:' || f_expertise); END IF;
    IF f_industry IS NOT NULL THEN terms := terms || ('i:' || f_industry); END IF;
    IF f_stage IS NOT NULL THEN terms := terms || ('s:' || f_stage); END IF;
    IF f_language IS NOT NULL THEN terms := terms || ('l:' || f_language); END IF;
    IF f_country IS NOT NULL THEN terms := terms || ('c:' || f_country); END IF;
    term_ids := ARRAY(SELECT search_term(tenant, t) FROM unnest(terms) t);
    word_ids := ARRAY(SELECT search_term(tenant, w) FROM unnest(words) w);`;

// search_mentors(), version 5: a broad query reads a sample of its matches.
//
// The matches are taken least exposed first, so every one of them was read:
// a common word with a language and an expertise area matched 1,000 to
// 20,000 mentors of the 100,000-mentor programme, each on its own heap page,
// 30 to 120 ms per search. Each mentor now falls in one of 64 fixed buckets
// (a hash of the id), kept among the terms. The search first reads the
// matches of one bucket, which says how broad the query is:
// - more than cap matches in it: that bucket is the sample;
// - fewer than 12 (too few to tell), or at most 8 × (cap + 1) matches
//   expected in all: every match is read, as before;
// - else: as many buckets as should hold cap + 1 matches (doubled until they
//   do).
// A sample's matches are taken least exposed first and ranked as before; the
// total is then "more than cap". The buckets start at one that depends on
// the viewer and the day: the same all day for a viewer, so page 2 follows
// page 1; elsewhere for other viewers, which spreads exposure as well.
export const SEARCH_MENTORS_V5_SQL = `${SEARCH_MENTORS_HEAD}
    conds text := '';
    rank_sql text := '0';
    matches text;
    first_bucket int := (hashtext(COALESCE(viewer::text, '') || current_date::text) % ${BUCKETS} + ${BUCKETS}) % ${BUCKETS};
    taken_buckets int := 1;
    sample int[];
    found int;
  BEGIN${SEARCH_INPUT_TERMS}
    IF cardinality(terms) > 0 THEN
      conds := conds || ' AND m.terms @> $2';
    END IF;
    IF available_on IS NOT NULL THEN
      conds := conds || ' AND m.active_count < m.capacity'
                     || ' AND (m.paused_until IS NULL OR m.paused_until <= $4)';
    END IF;
    IF exact THEN
      conds := conds || ' AND EXISTS (SELECT 1 FROM mentor_profiles p WHERE p.tenant_id = $1'
                     || ' AND p.user_id = m.user_id AND p.search_vector @@ $6)';
      rank_sql := '(SELECT ts_rank_cd(p.search_vector, $6) FROM mentor_profiles p'
               || ' WHERE p.tenant_id = $1 AND p.user_id = t.user_id)';
    ELSIF cardinality(words) > 0 THEN
      rank_sql := '(SELECT count(*) FROM unnest($9) w WHERE w = ANY (t.head_terms))::float8'
               || ' / cardinality($9)';
    END IF;
    -- The matches: not the viewer, nobody blocked either way; in the
    -- buckets $10 when sampled.
    matches := format($q$
      SELECT m.user_id, m.exposure_log, m.head_terms FROM mentor_search m
       WHERE m.tenant_id = $1 AND m.listed AND m.user_id <> $3
         AND NOT m.user_id = ANY (ARRAY(
               SELECT b.blocked_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocker_id = $3
               UNION ALL
               SELECT b.blocker_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocked_id = $3))
         %s AND ($10 IS NULL OR m.terms && $10)$q$, conds);

    -- How broad is it? Count the first bucket's matches, then as many
    -- buckets as should hold cap + 1, until they do.
    LOOP
      sample := ARRAY(SELECT search_term(tenant, 'r:' || ((first_bucket + i) % ${BUCKETS}))
                        FROM generate_series(0, taken_buckets - 1) i);
      EXECUTE format('SELECT count(*)::int FROM (%s LIMIT $5 + 1) x', matches) INTO found
        USING tenant, term_ids, viewer, available_on, cap, query, page_limit, page_offset,
              word_ids, sample;
      EXIT WHEN found > cap OR taken_buckets >= ${BUCKETS};
      IF taken_buckets = 1 AND (found < 12 OR found * ${BUCKETS} <= 8 * (cap + 1)) THEN
        sample := NULL; -- narrow enough: read every match
        EXIT;
      END IF;
      taken_buckets := least(${BUCKETS}, CASE WHEN taken_buckets = 1
        THEN ceil(1.5 * (cap + 1) / greatest(found, 1))::int + 1 ELSE 2 * taken_buckets END);
    END LOOP;
    IF taken_buckets >= ${BUCKETS} THEN
      sample := NULL;
    END IF;

    -- The matches taken, least exposed first, at most cap + 1. Only those are
    -- ranked and counted; the page shown is checked against the profile's
    -- own words.
    RETURN QUERY EXECUTE format($q$
      WITH taken AS (%s
             ORDER BY m.exposure_log, m.user_id
             LIMIT $5 + 1),
      ranked AS (
        SELECT t.user_id, t.exposure_log, (%s)::real AS rank, (count(*) OVER ())::int AS total
          FROM taken t
         ORDER BY 3 DESC, t.exposure_log, t.user_id
         LIMIT $7 OFFSET $8)
      SELECT r.user_id, r.rank, r.total FROM ranked r
       WHERE $6 IS NULL OR EXISTS (SELECT 1 FROM mentor_profiles p
                                    WHERE p.tenant_id = $1 AND p.user_id = r.user_id
                                      AND p.search_vector @@ $6)
       ORDER BY r.rank DESC, r.exposure_log, r.user_id
    $q$, matches, rank_sql)
    USING tenant, term_ids, viewer, available_on, cap, query, page_limit, page_offset,
          word_ids, sample;
  END
  $fn$`;

// Matching reads narrow rows.
//
// A recommendation scores a couple of hundred candidates. Each used to cost
// three primary-key lookups: mentor_search (exposure), mentor_profiles (the
// scoring columns, in a 3 KB row) and users (may the account be shown). With
// 128 MB of shared buffers, the profiles of a 100,000-mentor programme do
// not stay cached, so most lookups also copied a page in from the kernel.
// mentor_search now carries the scoring columns too (about 250 bytes more),
// kept by the same trigger, so each candidate is one lookup in one compact
// table; the profile and the name are read for the results shown only.
//
// Its fill factor leaves room on each page, so that exposure updates stay
// heap-only: with full pages, a quarter of them wrote new GIN entries.
export class MatchingReadsNarrowRows1764606000000 implements MigrationInterface {
  name = 'MatchingReadsNarrowRows1764606000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE FUNCTION mentor_search_bucket(mentor uuid) RETURNS int
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT (hashtext(mentor::text) % ${BUCKETS} + ${BUCKETS}) % ${BUCKETS} $$`);
    await qr.query(`
      ALTER TABLE mentor_search
        ADD COLUMN expertise text[] NOT NULL DEFAULT '{}',
        ADD COLUMN expertise_codes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN industries text[] NOT NULL DEFAULT '{}',
        ADD COLUMN stages text[] NOT NULL DEFAULT '{}',
        ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
        ADD COLUMN styles text[] NOT NULL DEFAULT '{}',
        ADD COLUMN country text,
        ADD COLUMN utc_offset_min int,
        ADD COLUMN reply_hours double precision,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    await qr.query(`ALTER TABLE mentor_search SET (fillfactor = 85)`);
    // Every row is rewritten: the GIN index is built afresh afterwards.
    // mentor_search and mentor_profiles do not force RLS on their owner, and
    // the join names the tenant.
    await qr.query(`DROP INDEX mentor_search_terms_idx`);
    await qr.query(`
      UPDATE mentor_search s
         SET ${SCORING_COLUMNS.map((c) => `${c} = m.${c}`).join(', ')},
             terms = s.terms || search_term(s.tenant_id, 'r:' || mentor_search_bucket(s.user_id))
        FROM mentor_profiles m
       WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id`);
    await qr.query(
      `CREATE INDEX mentor_search_terms_idx ON mentor_search USING gin (terms) WITH (fastupdate = off)`,
    );
    await qr.query(MENTOR_SEARCH_SYNC_V4);
    await qr.query(`DROP TRIGGER mentor_profiles_search_update ON mentor_profiles`);
    await qr.query(updateTrigger(UPDATE_COLUMNS_V4));
    await qr.query(SEARCH_MENTORS_V5_SQL);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION search_mentors(${SEARCH_FN_ARGS})`);
    await qr.query(SEARCH_MENTORS_V4_SQL);
    await qr.query(`DROP TRIGGER mentor_profiles_search_update ON mentor_profiles`);
    await qr.query(updateTrigger(UPDATE_COLUMNS_V3));
    await qr.query(MENTOR_SEARCH_SYNC_V3);
    await qr.query(`DROP INDEX mentor_search_terms_idx`);
    await qr.query(`
      UPDATE mentor_search s
         SET terms = mentor_search_terms(m.tenant_id, m.search_vector, m.expertise_codes,
                                         m.industries, m.stages, m.languages, m.country)
        FROM mentor_profiles m
       WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id`);
    await qr.query(
      `CREATE INDEX mentor_search_terms_idx ON mentor_search USING gin (terms) WITH (fastupdate = off)`,
    );
    await qr.query(`ALTER TABLE mentor_search RESET (fillfactor)`);
    await qr.query(
      `ALTER TABLE mentor_search ${SCORING_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`,
    );
    await qr.query(`DROP FUNCTION mentor_search_bucket(uuid)`);
  }
}

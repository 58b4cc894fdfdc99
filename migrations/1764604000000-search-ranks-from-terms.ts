import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CANDIDATES_FOLLOW_USER_SQL } from './1764603000000-candidates-listed-only';
import {
  MENTOR_SEARCH_SYNC_SQL,
  SEARCH_FN_ARGS,
  SEARCH_MENTORS_SQL,
} from './1764600000000-mentor-search-terms';

/**
 * mentor_search_sync() as this migration makes it, with `andThen` run after
 * mentor_search is written (a later migration's addition).
 */
export function mentorSearchSync(andThen: string): string {
  return `      CREATE OR REPLACE FUNCTION mentor_search_sync() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp
      AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector
           AND NEW.expertise_codes = OLD.expertise_codes AND NEW.industries = OLD.industries
           AND NEW.stages = OLD.stages AND NEW.languages = OLD.languages
           AND NEW.country IS NOT DISTINCT FROM OLD.country THEN
          UPDATE mentor_search s
             SET active_count = NEW.active_count, capacity = NEW.capacity,
                 paused_until = NEW.paused_until
           WHERE s.tenant_id = NEW.tenant_id AND s.user_id = NEW.user_id;
          ${andThen}
          RETURN NULL;
        END IF;
        -- listed is set here for a new row; the trigger on users keeps it.
        INSERT INTO mentor_search AS s
               (tenant_id, user_id, active_count, capacity, paused_until, terms, head_terms, listed)
        VALUES (NEW.tenant_id, NEW.user_id, NEW.active_count, NEW.capacity, NEW.paused_until,
                mentor_search_terms(NEW.tenant_id, NEW.search_vector, NEW.expertise_codes,
                                    NEW.industries, NEW.stages, NEW.languages, NEW.country),
                mentor_head_terms(NEW.tenant_id, NEW.search_vector),
                COALESCE((SELECT u.status = 'active' AND u.deleted_at IS NULL
                                 AND 'mentor' = ANY (u.roles)
                            FROM users u WHERE u.tenant_id = NEW.tenant_id AND u.id = NEW.user_id),
                         false))
        ON CONFLICT (tenant_id, user_id) DO UPDATE
           SET active_count = EXCLUDED.active_count, capacity = EXCLUDED.capacity,
               paused_until = EXCLUDED.paused_until, terms = EXCLUDED.terms,
               head_terms = EXCLUDED.head_terms;
        ${andThen}
        RETURN NULL;
      END
      $fn$`;
}

/** search_mentors() as this migration makes it. */
export const SEARCH_MENTORS_V4_SQL = `
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
        conds text := '';
        rank_sql text := '0';
      BEGIN
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
        -- The matches, least exposed first, at most cap + 1; not the viewer,
        -- nobody blocked either way. Only those are ranked and counted; the
        -- page shown is checked against the profile's own words.
        RETURN QUERY EXECUTE format($q$
          WITH taken AS (
            SELECT m.user_id, m.exposure_log, m.head_terms FROM mentor_search m
             WHERE m.tenant_id = $1 AND m.listed AND m.user_id <> $3
               AND NOT m.user_id = ANY (ARRAY(
                     SELECT b.blocked_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocker_id = $3
                     UNION ALL
                     SELECT b.blocker_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocked_id = $3))
               %s
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
        $q$, conds, rank_sql)
        USING tenant, ARRAY(SELECT search_term(tenant, t) FROM unnest(terms) t), viewer,
              available_on, cap, query, page_limit, page_offset,
              ARRAY(SELECT search_term(tenant, w) FROM unnest(words) w);
      END
      $fn$`;

// Search answers from mentor_search alone.
//
// search_mentors() took up to 201 matches from mentor_search (~2 ms), then
// checked each one's account in users (~1.5 ms) and ranked them with
// ts_rank_cd over the profile's weighted tsvector (~3 ms: 201 profile rows of
// 3 KB and their TOASTed vectors). Now the narrow row carries both:
// - `listed`: the account may be shown as a mentor (active, not deleted, the
//   mentor role), kept by the trigger on users that already keeps the
//   candidate index;
// - `head_terms`: the hashes of the words of the headline and expertise
//   labels (weight A), so relevance is the share of the query's words found
//   there, ties broken least exposed first. Words found only in the bio
//   still match; they rank below.
// The profile's tsvector is still read for the page shown (at most 20 rows),
// where it rules out a hash collision, and for "or", minus and phrase
// queries, which it ranks with ts_rank_cd as before.
export class SearchRanksFromTerms1764604000000 implements MigrationInterface {
  name = 'SearchRanksFromTerms1764604000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE FUNCTION mentor_head_terms(tenant uuid, words tsvector) RETURNS int[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT COALESCE(array_agg(DISTINCT search_term(tenant, 'w:' || w.lexeme)), '{}')
          FROM unnest(COALESCE(words, '')) w WHERE 'A' = ANY (w.weights)
      $$`);
    await qr.query(`
      ALTER TABLE mentor_search
        ADD COLUMN head_terms int[] NOT NULL DEFAULT '{}',
        ADD COLUMN listed boolean NOT NULL DEFAULT true`);
    // Rewriting every row through the GIN index would insert each row's
    // terms again; building it afresh afterwards is much faster.
    await qr.query(`DROP INDEX mentor_search_terms_idx`);
    await qr.query(`
      UPDATE mentor_search s SET head_terms = mentor_head_terms(s.tenant_id, m.search_vector)
        FROM mentor_profiles m WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id`);
    const tenants = (await qr.query(`SELECT id FROM tenants`)) as { id: string }[];
    for (const { id } of tenants) {
      // users forces RLS on the owner (a superuser bypasses it: the tenant is
      // also named).
      await qr.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
      await qr.query(
        `UPDATE mentor_search s SET listed = false
           FROM users u
          WHERE s.tenant_id = $1 AND u.tenant_id = s.tenant_id AND u.id = s.user_id
            AND NOT (u.status = 'active' AND u.deleted_at IS NULL AND 'mentor' = ANY (u.roles))`,
        [id],
      );
    }
    await qr.query(
      `CREATE INDEX mentor_search_terms_idx ON mentor_search USING gin (terms) WITH (fastupdate = off)`,
    );

    await qr.query(mentorSearchSync(''));
    await qr.query(`
      CREATE OR REPLACE FUNCTION mentor_candidates_follow_user() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp
      AS $fn$
      DECLARE
        may_mentor boolean := NEW.status = 'active' AND NEW.deleted_at IS NULL
                              AND 'mentor' = ANY (NEW.roles);
      BEGIN
        UPDATE mentor_search s SET listed = may_mentor
         WHERE s.tenant_id = NEW.tenant_id AND s.user_id = NEW.id;
        UPDATE mentor_expertise e SET has_room = m.active_count < m.capacity AND may_mentor
          FROM mentor_profiles m
         WHERE m.tenant_id = NEW.tenant_id AND m.user_id = NEW.id
           AND e.tenant_id = NEW.tenant_id AND e.user_id = NEW.id;
        RETURN NULL;
      END
      $fn$`);

    await qr.query(SEARCH_MENTORS_V4_SQL);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION search_mentors(${SEARCH_FN_ARGS})`);
    await qr.query(SEARCH_MENTORS_SQL);
    await qr.query(MENTOR_SEARCH_SYNC_SQL); // CREATE OR REPLACE: the triggers stay
    await qr.query(CANDIDATES_FOLLOW_USER_SQL);
    await qr.query(`ALTER TABLE mentor_search DROP COLUMN head_terms, DROP COLUMN listed`);
    await qr.query(`DROP FUNCTION mentor_head_terms(uuid, tsvector)`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from '../src/infrastructure/database/rls';
import { EVERYONE } from '../src/profiles/profile';
import { MentorSearch1764581000000 } from './1764581000000-mentor-search';

export const SEARCH_FN_ARGS = 'text, text, text, text, text, text, date, uuid, int, int, int';

/** mentor_search follows every write to mentor_profiles (as this migration made it). */
export const MENTOR_SEARCH_SYNC_SQL = `
      CREATE OR REPLACE FUNCTION mentor_search_sync() RETURNS trigger
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
          RETURN NULL;
        END IF;
        INSERT INTO mentor_search AS s
               (tenant_id, user_id, active_count, capacity, paused_until, terms)
        VALUES (NEW.tenant_id, NEW.user_id, NEW.active_count, NEW.capacity, NEW.paused_until,
                mentor_search_terms(NEW.tenant_id, NEW.search_vector, NEW.expertise_codes,
                                    NEW.industries, NEW.stages, NEW.languages, NEW.country))
        ON CONFLICT (tenant_id, user_id) DO UPDATE
           SET active_count = EXCLUDED.active_count, capacity = EXCLUDED.capacity,
               paused_until = EXCLUDED.paused_until, terms = EXCLUDED.terms;
        RETURN NULL;
      END
      $fn$`;

/** search_mentors() as this migration made it. */
export const SEARCH_MENTORS_SQL = `
      CREATE FUNCTION search_mentors(
        keyword text, f_expertise text, f_industry text, f_stage text, f_language text,
        f_country text, available_on date, viewer uuid, cap int, page_limit int, page_offset int)
      RETURNS TABLE (user_id uuid, rank real, total int)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $fn$
      DECLARE
        tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
        query tsquery;
        -- A plain AND of words is answered by the terms alone; OR, NOT and
        -- phrases also test the profile's own tsvector.
        exact boolean := false;
        terms text[] := '{}';
        conds text := '';
        ids uuid[];
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
            terms := ARRAY(SELECT 'w:' || replace(w[1], '''''', '''')
                             FROM regexp_matches(query::text, '''((?:[^'']|'''')*)''', 'g') w);
          END IF;
        END IF;
        IF f_expertise IS NOT NULL THEN terms := terms || ('x:' || f_expertise); END IF;
        IF f_industry IS NOT NULL THEN terms := terms || ('i:' || f_industry); END IF;
        IF f_stage IS NOT NULL THEN terms := terms || ('s:' || f_stage); END IF;
        IF f_language IS NOT NULL THEN terms := terms || ('l:' || f_language); END IF;
        IF f_country IS NOT NULL THEN terms := terms || ('c:' || f_country); END IF;
        IF cardinality(terms) > 0 THEN
          conds := conds || ' AND m.terms @> $2';
        END IF;
        IF exact THEN
          conds := conds || ' AND EXISTS (SELECT 1 FROM mentor_profiles p WHERE p.tenant_id = $1'
                         || ' AND p.user_id = m.user_id AND p.search_vector @@ $6)';
        END IF;
        IF available_on IS NOT NULL THEN
          conds := conds || ' AND m.active_count < m.capacity'
                         || ' AND (m.paused_until IS NULL OR m.paused_until <= $4)';
        END IF;
        -- The matches, least exposed first, at most cap + 1 (plus a few for
        -- the rare suspended or deleted account, checked below); not the
        -- viewer, nobody blocked either way. (Walking the mentors in exposure
        -- order until enough match, for common words, measured slower than
        -- fetching every match through the index. Without any term, the
        -- tenant's rows are sorted: about 400 bytes each.)
        EXECUTE format($q$
          SELECT array_agg(w.user_id ORDER BY w.exposure_log, w.user_id) FROM (
            SELECT m.user_id, m.exposure_log FROM mentor_search m
             WHERE m.tenant_id = $1 AND m.user_id <> $3
               AND NOT m.user_id = ANY (ARRAY(
                     SELECT b.blocked_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocker_id = $3
                     UNION ALL
                     SELECT b.blocker_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocked_id = $3))
               %s
             ORDER BY m.exposure_log, m.user_id
             LIMIT $5 + 33) w
        $q$, conds)
        INTO ids
        USING tenant, ARRAY(SELECT search_term(tenant, t) FROM unnest(terms) t), viewer,
              available_on, cap, query;
        SELECT array_agg(k.id ORDER BY k.ord) INTO ids FROM (
          SELECT k.id, k.ord FROM unnest(ids) WITH ORDINALITY AS k(id, ord)
            JOIN users u ON u.tenant_id = tenant AND u.id = k.id
           WHERE u.status = 'active' AND u.deleted_at IS NULL AND 'mentor' = ANY (u.roles)
           ORDER BY k.ord LIMIT cap + 1) k;
        IF ids IS NULL THEN
          RETURN;
        END IF;
        -- Only what was taken is checked exactly, ranked and counted.
        RETURN QUERY
          SELECT m.user_id,
                 (CASE WHEN query IS NULL THEN 0 ELSE ts_rank_cd(m.search_vector, query) END)::real,
                 (count(*) OVER ())::int
            FROM mentor_profiles m
           WHERE m.tenant_id = tenant AND m.user_id = ANY (ids)
             AND (query IS NULL OR m.search_vector @@ query)
           ORDER BY 2 DESC, array_position(ids, m.user_id)
           LIMIT page_limit OFFSET page_offset;
      END
      $fn$`;

// Mentor search reads a narrow table instead of the profiles.
//
// Measured at 100,000 mentors in one programme: a profile row is about 3 KB
// (bio, search texts, a 1 KB weighted tsvector, most of it TOASTed), so the
// profiles of one large programme are several times PostgreSQL's default
// shared_buffers. A search for a common word ("gestión", in 70% of
// profiles) plus two loose filters matched 10,000+ rows; whichever plan the
// planner took (walk the exposure order and test each row, or AND four GIN
// bitmaps that spanned every tenant and went lossy) read thousands of
// uncached pages: p95 75 ms with one caller, 300–500 ms with eight.
//
// `mentor_search` keeps, per mentor, only what a search filters and orders
// on: exposure, capacity, pause, and `terms`, one int per searchable fact
// (each word of the profile, each expertise code, industry, stage, language
// and the country), hashed together with the tenant id. One GIN index over
// `terms` answers keyword + filters in a single `@>` whose posting lists
// belong to one tenant, and the rows it fetches are about 400 bytes, so a
// large programme's search data stays in memory. On 200 benchmark searches
// the function got 2.4× faster at p50 and 5× at p95, with identical
// results; the benchmark's search p95 went from 82 to 33 ms with one caller.
//
// The profile keeps its weighted tsvector for ranking the ≤ 201 matches taken
// and for the exact check of what hashing can only approximate (a collision
// of two 32-bit hashes; OR, NOT and phrase queries, which take the exact path).
// A trigger keeps the table in step with every write to mentor_profiles.
//
// The table also becomes the home of each mentor's exposure (fairness),
// which changes every few seconds for every mentor shown: it has no index
// and room on each page (fillfactor 80), so those updates stay HOT and
// touch no index (in the benchmark, 3,210 of 4,162 were HOT). On the
// profile, each one was a new 3 KB row version with new entries in every
// index, ~70 of them in the full-text GIN.
export class MentorSearchTerms1764600000000 implements MigrationInterface {
  name = 'MentorSearchTerms1764600000000';

  async up(qr: QueryRunner): Promise<void> {
    // md5 rather than hashtext(): stable across PostgreSQL versions.
    await qr.query(`
      CREATE FUNCTION search_term(tenant uuid, term text) RETURNS int
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT ('x' || left(md5(tenant::text || '|' || term), 8))::bit(32)::int $$`);
    await qr.query(`
      CREATE FUNCTION mentor_search_terms(
        tenant uuid, words tsvector, codes text[], industries text[], stages text[],
        languages text[], country text) RETURNS int[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT COALESCE(array_agg(DISTINCT search_term(tenant, t)), '{}') FROM (
          SELECT 'w:' || w FROM unnest(tsvector_to_array(COALESCE(words, ''))) w
          UNION ALL SELECT 'x:' || c FROM unnest(codes) c
          UNION ALL SELECT 'i:' || c FROM unnest(industries) c
          UNION ALL SELECT 's:' || c FROM unnest(stages) c
          UNION ALL SELECT 'l:' || c FROM unnest(languages) c
          UNION ALL SELECT 'c:' || country WHERE country IS NOT NULL) q(t)
      $$`);
    await qr.query(`
      CREATE TABLE mentor_search (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        exposure_log float8 NOT NULL DEFAULT -1e9,
        active_count int NOT NULL,
        capacity int NOT NULL,
        paused_until date,
        terms int[] NOT NULL,
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES mentor_profiles (tenant_id, user_id) ON DELETE CASCADE
      ) WITH (fillfactor = 80)`);
    await qr.query(`CREATE INDEX mentor_search_terms_idx ON mentor_search USING gin (terms)`);
    await enableTenantRls(qr, 'mentor_search');
    // As for mentor_profiles: the app role stays filtered; the owner's
    // search_mentors() applies the tenant itself and can use the GIN index.
    await qr.query(`ALTER TABLE mentor_search NO FORCE ROW LEVEL SECURITY`);

    await qr.query(MENTOR_SEARCH_SYNC_SQL);
    await qr.query(`
      CREATE TRIGGER mentor_profiles_search_insert AFTER INSERT ON mentor_profiles
        FOR EACH ROW EXECUTE FUNCTION mentor_search_sync()`);
    await qr.query(`
      CREATE TRIGGER mentor_profiles_search_update
        AFTER UPDATE OF active_count, capacity, paused_until, search_primary,
                        search_secondary, expertise_codes, industries, stages, languages, country
        ON mentor_profiles FOR EACH ROW EXECUTE FUNCTION mentor_search_sync()`);
    await qr.query(`
      INSERT INTO mentor_search (tenant_id, user_id, active_count, capacity, paused_until, terms)
      SELECT tenant_id, user_id, active_count, capacity, paused_until,
             mentor_search_terms(tenant_id, search_vector, expertise_codes, industries, stages,
                                 languages, country)
        FROM mentor_profiles`);

    // Exposure moves here: it changes every few seconds for every mentor
    // shown, and a profile row (3 KB, pages full) could only take that as a
    // new row version with new entries in every index, ~70 of them in the
    // full-text GIN. Here the update stays HOT. The least exposed mentors
    // with room, overall, come from the candidate index's EVERYONE rows.
    await qr.query(`
      UPDATE mentor_search s SET exposure_log = m.exposure_log
        FROM mentor_profiles m WHERE m.tenant_id = s.tenant_id AND m.user_id = s.user_id`);
    await qr.query(`
      INSERT INTO mentor_expertise (tenant_id, user_id, code, pool_rank, has_room)
      SELECT tenant_id, user_id, '${EVERYONE}', exposure_log, active_count < capacity
        FROM mentor_profiles`);
    await qr.query(`ALTER TABLE mentor_profiles DROP COLUMN exposure_log`); // and its two indexes

    // Search reads mentor_search now; these only served the old plans.
    for (const index of ['expertise', 'industries', 'languages']) {
      await qr.query(`DROP INDEX mentor_profiles_${index}_idx`);
    }

    await qr.query(`DROP FUNCTION search_mentors(${SEARCH_FN_ARGS})`);
    await qr.query(SEARCH_MENTORS_SQL);
    await qr.query(`REVOKE ALL ON FUNCTION search_mentors(${SEARCH_FN_ARGS}) FROM PUBLIC`);
    await qr.query(`GRANT EXECUTE ON FUNCTION search_mentors(${SEARCH_FN_ARGS}) TO ${APP_ROLE}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION search_mentors(${SEARCH_FN_ARGS})`);
    await qr.query(
      `ALTER TABLE mentor_profiles ADD COLUMN exposure_log float8 NOT NULL DEFAULT -1e9`,
    );
    await qr.query(`
      UPDATE mentor_profiles m SET exposure_log = s.exposure_log
        FROM mentor_search s WHERE s.tenant_id = m.tenant_id AND s.user_id = m.user_id`);
    await qr.query(`
      CREATE INDEX mentor_profiles_pool_idx ON mentor_profiles (tenant_id, exposure_log)
        WHERE active_count < capacity`);
    await qr.query(`DELETE FROM mentor_expertise WHERE code = '${EVERYONE}'`);
    await qr.query(`DROP TRIGGER mentor_profiles_search_update ON mentor_profiles`);
    await qr.query(`DROP TRIGGER mentor_profiles_search_insert ON mentor_profiles`);
    await qr.query(`DROP FUNCTION mentor_search_sync()`);
    await qr.query(`DROP TABLE mentor_search`);
    await qr.query(
      `DROP FUNCTION mentor_search_terms(uuid, tsvector, text[], text[], text[], text[], text)`,
    );
    await qr.query(`DROP FUNCTION search_term(uuid, text)`);
    for (const column of ['expertise_codes', 'industries', 'languages']) {
      const name = column === 'expertise_codes' ? 'expertise' : column;
      await qr.query(
        `CREATE INDEX mentor_profiles_${name}_idx ON mentor_profiles USING gin (${column})`,
      );
    }
    // The exposure index and the previous search_mentors().
    await new MentorSearch1764581000000().up(qr);
  }
}

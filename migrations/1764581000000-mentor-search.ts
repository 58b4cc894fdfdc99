import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/infrastructure/database/rls';

// Mentor search that can use its indexes.
//
// Under row-level security PostgreSQL only uses an index for operators marked
// LEAKPROOF; full-text `@@` and array `@>` are not, so as the app role every
// search scanned the whole table (about 300 ms at 100,000 mentors). Search
// therefore runs in `search_mentors`, a SECURITY DEFINER function owned by
// the table owner that applies the tenant itself, from the same
// transaction setting the RLS policy reads: it cannot see any other tenant
// than the policy would. For the owner to be able to use the indexes,
// `mentor_profiles` keeps RLS enabled (the app role is still filtered) but no
// longer forced on the owner; the owner connection is only used for
// migrations and provisioning, which never read profiles. The app role
// cannot read anything through the function that it could not read itself.
//
// The function also bounds the work: matches are taken least exposed first,
// at most `cap + 1` of them, and only those are checked against the users
// table, ranked and counted. (A two-pass variant that first walked the least
// exposed mentors in index order measured slower on the benchmark's mix.)
export class MentorSearch1764581000000 implements MigrationInterface {
  name = 'MentorSearch1764581000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE mentor_profiles NO FORCE ROW LEVEL SECURITY`);
    await qr.query(
      `CREATE INDEX mentor_profiles_exposure_idx ON mentor_profiles (tenant_id, exposure_log, user_id)`,
    );
    await qr.query(`
      CREATE FUNCTION search_mentors(
        keyword text, f_expertise text, f_industry text, f_stage text, f_language text,
        f_country text, available_on date, viewer uuid, cap int, page_limit int, page_offset int)
      RETURNS TABLE (user_id uuid, rank real, total int)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $fn$
      DECLARE
        tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
        conds text := '';
        rank_expr text := '0::real';
        visible text;
        ids uuid[];
      BEGIN
        IF tenant IS NULL THEN
          RETURN;
        END IF;
        IF keyword IS NOT NULL THEN
          conds := conds || ' AND m.search_vector @@ websearch_to_tsquery(''simple'', $2)';
          rank_expr := 'ts_rank_cd(m.search_vector, websearch_to_tsquery(''simple'', $2))';
        END IF;
        IF f_expertise IS NOT NULL THEN conds := conds || ' AND m.expertise_codes @> ARRAY[$3]'; END IF;
        IF f_industry IS NOT NULL THEN conds := conds || ' AND m.industries @> ARRAY[$4]'; END IF;
        IF f_stage IS NOT NULL THEN conds := conds || ' AND m.stages @> ARRAY[$5]'; END IF;
        IF f_language IS NOT NULL THEN conds := conds || ' AND m.languages @> ARRAY[$6]'; END IF;
        IF f_country IS NOT NULL THEN conds := conds || ' AND m.country = $7'; END IF;
        IF available_on IS NOT NULL THEN
          conds := conds || ' AND m.active_count < m.capacity'
                         || ' AND (m.paused_until IS NULL OR m.paused_until <= $8)';
        END IF;
        -- Not the viewer, nobody blocked either way (the blocks are read once).
        visible := $v$
          m.user_id <> $9
          AND NOT m.user_id = ANY (ARRAY(
                SELECT b.blocked_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocker_id = $9
                UNION ALL
                SELECT b.blocker_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocked_id = $9))
        $v$;
        -- The matches, least exposed first, at most cap + 1 (plus a few, see below).
        EXECUTE format($q$
          SELECT array_agg(w.user_id ORDER BY w.exposure_log, w.user_id) FROM (
            SELECT m.user_id, m.exposure_log FROM mentor_profiles m
             WHERE m.tenant_id = $1 AND %s %s
             ORDER BY m.exposure_log, m.user_id
             LIMIT $10 + 33) w
        $q$, visible, conds)
        INTO ids
        USING tenant, keyword, f_expertise, f_industry, f_stage, f_language, f_country,
              available_on, viewer, cap;
        -- Only active mentors: checked for the few taken (a handful more were
        -- taken for the rare suspended or deleted one), not for every match.
        SELECT array_agg(k.id ORDER BY k.ord) INTO ids FROM (
          SELECT k.id, k.ord FROM unnest(ids) WITH ORDINALITY AS k(id, ord)
            JOIN users u ON u.tenant_id = tenant AND u.id = k.id
           WHERE u.status = 'active' AND u.deleted_at IS NULL AND 'mentor' = ANY (u.roles)
           ORDER BY k.ord LIMIT cap + 1) k;
        IF ids IS NULL THEN
          RETURN;
        END IF;
        -- Only what was taken is ranked and counted.
        RETURN QUERY EXECUTE format($q$
          SELECT m.user_id, (%s)::real AS rank, cardinality($3)::int
            FROM mentor_profiles m
           WHERE m.tenant_id = $1 AND m.user_id = ANY ($3)
           ORDER BY 2 DESC, m.exposure_log, m.user_id
           LIMIT $4 OFFSET $5
        $q$, rank_expr)
        USING tenant, keyword, ids, page_limit, page_offset;
      END
      $fn$`);
    await qr.query(
      `REVOKE ALL ON FUNCTION search_mentors(text, text, text, text, text, text, date, uuid, int, int, int) FROM PUBLIC`,
    );
    await qr.query(
      `GRANT EXECUTE ON FUNCTION search_mentors(text, text, text, text, text, text, date, uuid, int, int, int) TO ${APP_ROLE}`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(
      `DROP FUNCTION search_mentors(text, text, text, text, text, text, date, uuid, int, int, int)`,
    );
    await qr.query(`DROP INDEX mentor_profiles_exposure_idx`);
    await qr.query(`ALTER TABLE mentor_profiles FORCE ROW LEVEL SECURITY`);
  }
}

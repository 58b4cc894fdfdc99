import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trigger function on users, as this migration made it. */
export const CANDIDATES_FOLLOW_USER_SQL = `
      CREATE OR REPLACE FUNCTION mentor_candidates_follow_user() RETURNS trigger
      LANGUAGE plpgsql SET search_path = public, pg_temp
      AS $fn$
      BEGIN
        UPDATE mentor_expertise e
           SET has_room = m.active_count < m.capacity AND NEW.status = 'active'
                          AND NEW.deleted_at IS NULL AND 'mentor' = ANY (NEW.roles)
          FROM mentor_profiles m
         WHERE m.tenant_id = NEW.tenant_id AND m.user_id = NEW.id
           AND e.tenant_id = NEW.tenant_id AND e.user_id = NEW.id;
        RETURN NULL;
      END
      $fn$`;

// The candidate index (mentor_expertise) keeps, per need code, the mentors
// with room, least exposed first. A suspended, deleted or no-longer-mentor
// account was still marked as having room: never shown, it never gained
// exposure, so it sank to the front of every pool and took candidate places
// that scoring then threw away. In the benchmark, after some 20,000
// recommendations, 162 of the 253 candidates of a typical recommendation were
// such accounts and calls returned 15 mentors instead of 20.
//
// has_room now also requires a listed account, and a trigger on users keeps
// it so when status, deletion or roles change. It stays a hint: scoring still
// applies every hard filter.
export class CandidatesListedOnly1764603000000 implements MigrationInterface {
  name = 'CandidatesListedOnly1764603000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(CANDIDATES_FOLLOW_USER_SQL);
    await qr.query(`
      CREATE TRIGGER users_candidate_rows AFTER UPDATE OF status, deleted_at, roles ON users
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status
              OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
              OR OLD.roles IS DISTINCT FROM NEW.roles)
        EXECUTE FUNCTION mentor_candidates_follow_user()`);
    const tenants = (await qr.query(`SELECT id FROM tenants`)) as { id: string }[];
    for (const { id } of tenants) {
      // users and mentor_expertise force RLS on the owner, but a superuser
      // bypasses it: each statement names its tenant too.
      await qr.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
      await qr.query(
        `UPDATE mentor_expertise e SET has_room = false
           FROM users u
          WHERE e.tenant_id = $1 AND e.has_room AND u.tenant_id = e.tenant_id AND u.id = e.user_id
            AND NOT (u.status = 'active' AND u.deleted_at IS NULL AND 'mentor' = ANY (u.roles))`,
        [id],
      );
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TRIGGER users_candidate_rows ON users`);
    await qr.query(`DROP FUNCTION mentor_candidates_follow_user()`);
  }
}

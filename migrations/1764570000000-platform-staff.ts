import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/infrastructure/database/rls';

// Platform staff are not members of any tenant: their own global table, their
// own sessions (another cookie, on admin.<platform domain> only).
export class PlatformStaff1764570000000 implements MigrationInterface {
  name = 'PlatformStaff1764570000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform_staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE UNIQUE INDEX platform_staff_email_key ON platform_staff (lower(email))`);
    await qr.query(`
      CREATE TABLE staff_sessions (
        sid text PRIMARY KEY,
        staff_id uuid REFERENCES platform_staff (id) ON DELETE CASCADE,
        data jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await qr.query(`CREATE INDEX staff_sessions_expiry_idx ON staff_sessions (expires_at)`);
    // A suspension by staff outlives any later tenants:sync of a folder saying "active".
    await qr.query(`ALTER TABLE tenants ADD COLUMN suspended_by_staff_at timestamptz`);
    await qr.query(`GRANT SELECT ON platform_staff TO ${APP_ROLE}`);
    await qr.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON staff_sessions TO ${APP_ROLE}`);

    // Counts per tenant for the console, one round trip: each tenant is read
    // in its own RLS context, exactly as runInTenant would, as the app role.
    await qr.query(`
      CREATE FUNCTION tenant_member_counts()
      RETURNS TABLE (tenant_id uuid, members bigint, pending bigint, sessions bigint)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public AS $$
      DECLARE
        t uuid;
      BEGIN
        FOR t IN SELECT id FROM tenants ORDER BY slug LOOP
          PERFORM set_config('app.tenant_id', t::text, true);
          tenant_id := t;
          SELECT count(*) FILTER (WHERE u.status = 'active'),
                 count(*) FILTER (WHERE u.status = 'pending_approval')
            INTO members, pending FROM users u;
          SELECT count(*) INTO sessions FROM sessions s WHERE s.expires_at > now();
          RETURN NEXT;
        END LOOP;
        PERFORM set_config('app.tenant_id', '', true);
      END $$`);
    await qr.query(`REVOKE ALL ON FUNCTION tenant_member_counts() FROM PUBLIC`);
    await qr.query(`GRANT EXECUTE ON FUNCTION tenant_member_counts() TO ${APP_ROLE}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION tenant_member_counts()`);
    await qr.query(`DROP TABLE staff_sessions`);
    await qr.query(`DROP TABLE platform_staff`);
    await qr.query(`ALTER TABLE tenants DROP COLUMN suspended_by_staff_at`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls } from '../src/infrastructure/database/rls';

// The transactional outbox: a mail is written in the same transaction as the
// change that causes it, and a worker delivers it after the commit. Rows hold
// one-time links until they are sent, so the worker clears `data` once a row
// is done (sent or failed).
export class MailOutbox1764530000000 implements MigrationInterface {
  name = 'MailOutbox1764530000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE mail_outbox (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        recipient text NOT NULL,
        locale text NOT NULL,
        template text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        -- pending: when to try next; sending: when the claim expires (a crashed worker's rows are re-queued then)
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await qr.query(
      `CREATE INDEX mail_outbox_tenant_created_idx ON mail_outbox (tenant_id, created_at)`,
    );
    // Only unfinished mail is indexed, so the worker's probes stay small however much was sent.
    await qr.query(`
      CREATE INDEX mail_outbox_due_idx ON mail_outbox (tenant_id, next_attempt_at)
       WHERE status IN ('pending', 'sending')`);
    await enableTenantRls(qr, 'mail_outbox');

    // Which tenants have mail due, found by entering each active tenant's RLS
    // context in turn (as runInTenant does), in one round trip. It needs no
    // privilege: a table owner obeys FORCE RLS, so an owner-side scan would
    // see nothing unless the owner were a superuser.
    await qr.query(`
      CREATE FUNCTION mail_outbox_due_tenants(cutoff timestamptz) RETURNS SETOF uuid
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public AS $$
      DECLARE
        tenant uuid;
      BEGIN
        FOR tenant IN SELECT id FROM tenants WHERE status = 'active' ORDER BY id LOOP
          PERFORM set_config('app.tenant_id', tenant::text, true);
          IF EXISTS (SELECT 1 FROM mail_outbox
                      WHERE tenant_id = tenant
                        AND status IN ('pending', 'sending')
                        AND next_attempt_at <= cutoff) THEN
            RETURN NEXT tenant;
          END IF;
        END LOOP;
        PERFORM set_config('app.tenant_id', '', true);
        RETURN;
      END $$`);
    await qr.query(`REVOKE ALL ON FUNCTION mail_outbox_due_tenants(timestamptz) FROM PUBLIC`);
    await qr.query(`GRANT EXECUTE ON FUNCTION mail_outbox_due_tenants(timestamptz) TO ${APP_ROLE}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP FUNCTION mail_outbox_due_tenants(timestamptz)`);
    await qr.query(`DROP TABLE mail_outbox`);
  }
}

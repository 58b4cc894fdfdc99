import type { QueryRunner } from 'typeorm';

/** The role the application serves requests as: owns nothing, cannot bypass RLS. */
export const APP_ROLE = 'guidepost_app';

/** The one predicate every tenant table is filtered by. After a `SET LOCAL` ends the setting reads '' (not NULL). */
export const TENANT_PREDICATE = `tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Every table with a tenant_id goes through this helper in its migration:
 * RLS enabled and forced (owners obey it too), one policy for reads and writes,
 * and DML granted to the app role. A catalog test fails if a table is missed.
 */
export async function enableTenantRls(qr: QueryRunner, table: string): Promise<void> {
  await qr.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await qr.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await qr.query(
    `CREATE POLICY tenant_isolation ON ${table} USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE})`,
  );
  await qr.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`);
}

/** Roles are global to a cluster and several databases share them: create idempotently. */
export async function ensureAppRole(qr: QueryRunner): Promise<void> {
  await qr.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await qr.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
}

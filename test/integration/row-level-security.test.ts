import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

/** Global tables that carry tenant_id but are read before any tenant is known (host resolution). */
const GLOBAL_TABLES_WITH_TENANT_ID = ['tenant_config_versions', 'tenant_domains'];
/**
 * Tables whose RLS binds the app role but not the owner, so a SECURITY DEFINER
 * function that applies the tenant itself can use their indexes (see the
 * mentor-search migration). The app role is still filtered, as tested below.
 */
const OWNER_SEARCHES_THROUGH_FUNCTION = ['mentor_profiles', 'mentor_search'];

describe('row-level security', () => {
  let t: TestApp;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    const rows = await t.db.ownerQuery<{ id: string; slug: string }>(
      `SELECT id, slug FROM tenants ORDER BY slug`,
    );
    acme = rows.find((r) => r.slug === 'acme')!.id;
    globex = rows.find((r) => r.slug === 'globex')!.id;
  });
  afterAll(() => t.close());

  it('forces RLS with a tenant policy on every table that has tenant_id', async () => {
    const tables = await t.db.ownerQuery<{
      table: string;
      enabled: boolean;
      forced: boolean;
      policies: string[];
    }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             COALESCE(array_agg(pg_get_expr(p.polqual, p.polrelid) || ' / ' ||
                                pg_get_expr(p.polwithcheck, p.polrelid))
                      FILTER (WHERE p.oid IS NOT NULL), '{}') AS policies
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        LEFT JOIN pg_policy p ON p.polrelid = c.oid
       WHERE c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
       GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity
       ORDER BY c.relname`);
    const tenantTables = tables.filter((r) => !GLOBAL_TABLES_WITH_TENANT_ID.includes(r.table));
    expect(tenantTables.map((r) => r.table)).toContain('tenant_assets');
    for (const table of tenantTables) {
      expect({ table: table.table, enabled: table.enabled, forced: table.forced }).toEqual({
        table: table.table,
        enabled: true,
        forced: !OWNER_SEARCHES_THROUGH_FUNCTION.includes(table.table),
      });
      expect(table.policies.length).toBeGreaterThan(0);
      for (const policy of table.policies)
        expect(policy).toContain("current_setting('app.tenant_id'");
    }
  });

  it('lets mentor search see only the tenant of the transaction, and nothing outside one', async () => {
    const mentor = (tenant: string, email: string) =>
      runInTenant(t.db.database, tenant, async (em) => {
        const [{ id }] = (await em.query(
          `INSERT INTO users (tenant_id, email, password_hash, name, locale, country, roles, status,
                              terms_accepted_at)
           VALUES ($1, $2, 'x', 'Search Twin', 'en', 'MX', '{mentor}', 'active', now()) RETURNING id`,
          [tenant, email],
        )) as { id: string }[];
        await em.query(
          `INSERT INTO mentor_profiles (tenant_id, user_id, headline, capacity, search_primary)
           VALUES ($1, $2, 'Bookkeeping', 2, 'search twin bookkeeping')`,
          [tenant, id],
        );
        return id;
      });
    const inAcme = await mentor(acme, 'twin@acme.example');
    const inGlobex = await mentor(globex, 'twin@globex.example');
    const search = (tenant: string | null) => {
      const sql = `SELECT user_id FROM search_mentors('bookkeeping', NULL, NULL, NULL, NULL, NULL,
                     NULL, gen_random_uuid(), 1000, 1000, 0)`;
      return tenant
        ? runInTenant(t.db.database, tenant, (em) => em.query(sql))
        : t.db.database.app.query(sql);
    };
    expect(await search(acme)).toEqual([{ user_id: inAcme }]);
    expect(await search(globex)).toEqual([{ user_id: inGlobex }]);
    expect(await search(null)).toEqual([]);
    // The app role itself still sees only its tenant's rows of the table.
    const direct = await runInTenant(t.db.database, acme, (em) =>
      em.query(`SELECT user_id FROM mentor_profiles`),
    );
    expect(direct).toEqual([{ user_id: inAcme }]);
  });

  it('connects the app as a role that is not superuser, cannot bypass RLS and owns nothing', async () => {
    const [role] = await t.db.database.app.query(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('lets the app role only read the global tenant tables', async () => {
    for (const table of ['tenants', ...GLOBAL_TABLES_WITH_TENANT_ID]) {
      await expect(t.db.database.app.query(`DELETE FROM ${table}`)).rejects.toThrow(
        /permission denied/,
      );
    }
  });

  it('sees no tenant rows outside a tenant transaction', async () => {
    const [owner] = await t.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenant_assets`,
    );
    expect(owner.n).toBeGreaterThanOrEqual(2);
    const [app] = await t.db.database.app.query(`SELECT count(*)::int AS n FROM tenant_assets`);
    expect(app.n).toBe(0);
  });

  it('shows a tenant only its own rows, in both directions', async () => {
    const seen = async (tenantId: string) =>
      runInTenant(t.db.database, tenantId, (em) =>
        em.query(`SELECT DISTINCT tenant_id FROM tenant_assets`),
      );
    expect(await seen(acme)).toEqual([{ tenant_id: acme }]);
    expect(await seen(globex)).toEqual([{ tenant_id: globex }]);
  });

  it('cannot change or delete another tenant’s rows', async () => {
    for (const [self, other] of [
      [acme, globex],
      [globex, acme],
    ]) {
      const result = await runInTenant(t.db.database, self, async (em) => {
        const updated = await em.query(
          `UPDATE tenant_assets SET content_type = 'text/html' WHERE tenant_id = $1`,
          [other],
        );
        const deleted = await em.query(`DELETE FROM tenant_assets WHERE tenant_id = $1`, [other]);
        return [updated[1], deleted[1]];
      });
      expect(result).toEqual([0, 0]);
    }
    const [untouched] = await t.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM tenant_assets WHERE content_type = 'text/html'`,
    );
    expect(untouched.n).toBe(0);
  });

  it('cannot write a row into another tenant', async () => {
    await expect(
      runInTenant(t.db.database, acme, (em) =>
        em.query(
          `INSERT INTO tenant_assets (tenant_id, role, content_type, sha256, bytes)
           VALUES ($1, 'logo', 'image/png', 'x', '\\x00')`,
          [globex],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('answers another tenant’s asset exactly like a missing one', async () => {
    const [globexLogo] = await t.db.ownerQuery<{ sha256: string }>(
      `SELECT sha256 FROM tenant_assets WHERE tenant_id = $1`,
      [globex],
    );
    const own = await t.get('globex.localhost', `/assets/${globexLogo.sha256}.svg`).expect(200);
    expect(own.headers['content-type']).toBe('image/svg+xml');
    const foreign = await t.get('acme.localhost', `/assets/${globexLogo.sha256}.svg`).expect(404);
    const missing = await t.get('acme.localhost', `/assets/${'0'.repeat(64)}.svg`).expect(404);
    // Identical but for the path asked for and the request id.
    const strip = (body: string, sha: string) =>
      body.replaceAll(sha, 'SHA').replace(/[0-9a-f-]{36}/g, 'ID');
    expect(strip(foreign.text, globexLogo.sha256)).toBe(strip(missing.text, '0'.repeat(64)));
  });
});

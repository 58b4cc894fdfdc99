import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import type { ResolvedTenant } from '../../src/tenancy/resolution/resolved-tenant';
import { addMember } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

// runInTenant starts its transaction and takes the tenant in one round trip
// on PostgreSQL: it must still behave exactly like a transaction.
describe('a tenant transaction', () => {
  let t: TestApp;
  let acme: ResolvedTenant;
  let globex: ResolvedTenant;
  let member: string;

  const nameOf = async () =>
    (await t.db.ownerQuery<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [member]))[0]
      .name;
  const settings = (tenant: ResolvedTenant, opts = {}) =>
    runInTenant(
      t.db.database,
      tenant.id,
      async (em) =>
        (
          (await em.query(
            `SELECT current_setting('app.tenant_id') AS tenant,
                    current_setting('plan_cache_mode') AS plans,
                    (SELECT count(*)::int FROM users) AS users`,
          )) as { tenant: string; plans: string; users: number }[]
        )[0],
      opts,
    );

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    acme = (await t.runtime.registry.resolveHost('acme.localhost'))!;
    globex = (await t.runtime.registry.resolveHost('globex.localhost'))!;
    member = await addMember(t, acme.id, { email: 'tx@acme.example', roles: ['mentor'] });
    await addMember(t, globex.id, { email: 'tx@globex.example', roles: ['mentor'] });
  });

  afterAll(() => t.close());

  it('is rolled back when its work throws, and the next one starts clean', async () => {
    const before = await nameOf();
    await expect(
      runInTenant(t.db.database, acme.id, async (em) => {
        await em.query(`UPDATE users SET name = 'Changed' WHERE id = $1`, [member]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await nameOf()).toBe(before);

    // A failed statement aborts the transaction; it is rolled back, not
    // handed on to the next user of the connection.
    await expect(
      runInTenant(t.db.database, acme.id, (em) => em.query(`SELECT no_such_column FROM users`)),
    ).rejects.toThrow();
    for (let i = 0; i < 3; i++) {
      expect(await settings(globex)).toMatchObject({ tenant: globex.id, users: 1 });
      expect(await settings(acme)).toMatchObject({ tenant: acme.id });
    }
  });

  it('plans generically only when asked, and only for itself', async () => {
    expect((await settings(acme, { genericPlans: true })).plans).toBe('force_generic_plan');
    expect((await settings(acme)).plans).toBe('auto');
  });

  it('refuses a tenant id that is not a UUID, before any SQL', async () => {
    const run = jest.fn();
    await expect(
      runInTenant(t.db.database, `${acme.id}', true); DROP TABLE users; --`, run),
    ).rejects.toThrow('not a UUID');
    expect(run).not.toHaveBeenCalled();
    expect(await nameOf()).toBeTruthy();
  });
});

import { addStaff } from '../../src/platform-admin/console.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import { lastMailLink, Visitor } from '../support/visitor';

const STAFF = {
  email: 'staff@guidepost.example',
  name: 'Sam Staff',
  password: 'staff passphrase 1',
};

async function member(t: TestApp, host: string, email: string) {
  const v = new Visitor(t, host);
  await v.signUp({ email });
  const link = await lastMailLink(t, email, 'verify-email');
  await v.get('/verify-email?token=' + new URL(link).searchParams.get('token'), 200);
  await v.post('/verify-email', { token: new URL(link).searchParams.get('token')! });
  const login = await v.submit('/login', { email, password: 'a long enough passphrase' });
  expect(login.status).toBe(303);
  return v;
}

describe('the platform staff console', () => {
  let t: TestApp;
  let acmeId: string;

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    await addStaff(t.db.database, STAFF);
    [{ id: acmeId }] = await t.db.ownerQuery<{ id: string }>(
      `SELECT id FROM tenants WHERE slug = 'acme'`,
    );
  });
  afterAll(() => t.close());

  async function staff(): Promise<Visitor> {
    const v = new Visitor(t, 'admin.localhost');
    const res = await v.submit('/console/login', { email: STAFF.email, password: STAFF.password });
    expect(res.status).toBe(303);
    return v;
  }

  it('exists only on admin.<platform domain>', async () => {
    await t.get('acme.localhost', '/console').expect(404);
    await t.get('localhost', '/console/login').expect(404);
    const home = await t.get('admin.localhost', '/').expect(303);
    expect(home.headers.location).toBe('/console');
    const console = await t.get('admin.localhost', '/console').expect(303);
    expect(console.headers.location).toBe('/console/login');
  });

  it('refuses a wrong password and does not accept a tenant member’s account', async () => {
    await member(t, 'acme.localhost', 'member@example.org');
    for (const [email, password] of [
      [STAFF.email, 'wrong passphrase'],
      ['member@example.org', 'a long enough passphrase'],
    ]) {
      const v = new Visitor(t, 'admin.localhost');
      const res = await v.submit('/console/login', { email, password });
      expect(res.status).toBe(422);
    }
  });

  it('lists every tenant with its member counts', async () => {
    await member(t, 'globex.localhost', 'g1@example.org');
    await member(t, 'globex.localhost', 'g2@example.org');
    const page = await (await staff()).get('/console', 200);
    const row = (slug: string) =>
      new RegExp(`\\(${slug}\\)[\\s\\S]*?<td>(\\d+)</td>`).exec(page.text)?.[1];
    expect(row('acme')).toBe('1');
    expect(row('globex')).toBe('2');
    expect(page.text).not.toContain('member@example.org'); // figures, never members' data
  });

  it('suspends a tenant: its members are signed out and its site is paused; reactivation restores it', async () => {
    const ana = await member(t, 'acme.localhost', 'ana@example.org');
    await ana.get('/account', 200);
    const s = await staff();
    await s.get('/console', 200);
    const res = await s.post(`/console/tenants/${acmeId}/suspend`, {});
    expect(res.status).toBe(303);
    await t.get('acme.localhost').expect(403);
    const [{ n }] = await t.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM sessions WHERE tenant_id = $1`,
      [acmeId],
    );
    expect(n).toBe(0);
    await t.get('globex.localhost').expect(200);

    const versions = await t.db.ownerQuery<{ source: string; created_by: string }>(
      `SELECT source, created_by FROM tenant_config_versions WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1`,
      [acmeId],
    );
    expect(versions[0]).toEqual({ source: 'platform-console', created_by: `staff:${STAFF.email}` });

    // A folder sync saying "active" does not lift a staff suspension.
    await t.sync([twoTenants()[0]]);
    await t.get('acme.localhost').expect(403);

    await s.get('/console', 200);
    await s.post(`/console/tenants/${acmeId}/reactivate`, {});
    await t.get('acme.localhost').expect(200);
    expect((await ana.agent.get('/account').set('Host', 'acme.localhost')).status).toBe(303);
  });

  it('answers an unknown tenant id like a missing page and refuses forms without CSRF', async () => {
    const s = await staff();
    await s.get('/console', 200);
    expect(
      (await s.post('/console/tenants/00000000-0000-4000-8000-000000000000/suspend', {})).status,
    ).toBe(404);
    expect((await s.post('/console/tenants/not-a-uuid/suspend', {})).status).toBe(404);
    expect((await s.post(`/console/tenants/${acmeId}/suspend`, { _csrf: 'forged' })).status).toBe(
      403,
    );
    await t.get('acme.localhost').expect(200);
  });

  it('keeps staff and tenant sessions apart', async () => {
    const s = await staff();
    // The staff cookie jar presented to a tenant's host is anonymous there.
    const onTenant = await s.agent.get('/account').set('Host', 'acme.localhost');
    expect(onTenant.status).toBe(303);
    const ana = await member(t, 'acme.localhost', 'ana2@example.org');
    const onConsole = await ana.agent.get('/console').set('Host', 'admin.localhost');
    expect(onConsole.status).toBe(303);
    expect(onConsole.headers.location).toBe('/console/login');
  });
});

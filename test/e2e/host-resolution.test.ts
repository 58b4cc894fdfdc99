import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';

describe('hostname → tenant resolution', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      tenants: [...twoTenants(), tenantBundle('dormant', { status: 'suspended' })],
    });
  });
  afterAll(() => t.close());

  it('serves each tenant on its platform subdomain with its own name', async () => {
    const acme = await t.get('acme.localhost').expect(200);
    const globex = await t.get('globex.localhost').expect(200);
    expect(acme.text).toContain('Acme Mentors');
    expect(acme.text).not.toContain('Globex');
    expect(globex.text).toContain('Globex Mentors');
    expect(globex.text).not.toContain('Acme');
  });

  it('serves a tenant on its custom domain', async () => {
    const res = await t.get('mentoring.acme.example').expect(200);
    expect(res.text).toContain('Acme Mentors');
  });

  it.each([
    'ACME.LocalHost',
    'acme.localhost.',
    'acme.localhost:3000',
    'Mentoring.ACME.example.:443',
  ])('normalises %s to the same tenant', async (host) => {
    const res = await t.get(host).expect(200);
    expect(res.text).toContain('Acme Mentors');
  });

  it('answers every unknown host with the same bytes and no tenant branding', async () => {
    const hosts = [
      'nosuch.localhost',
      'other.example',
      'acme.localhost.evil.example',
      'xn--bcher-kva.example',
    ];
    const bodies = await Promise.all(hosts.map((h) => t.get(h, '/about').expect(404)));
    for (const res of bodies) {
      expect(res.text).toBe(bodies[0].text);
      expect(res.text).not.toMatch(/Acme|Globex|Dormant/);
    }
  });

  it('serves the staff console, not a tenant, on admin.localhost', async () => {
    const res = await t.get('admin.localhost').expect(303);
    expect(res.headers.location).toBe('/console');
  });

  it.each([
    'www.localhost',
    'api.localhost',
    'static.localhost',
    'assets.localhost',
    'mail.localhost',
  ])('never resolves the reserved name %s to a tenant', async (host) => {
    const res = await t.get(host).expect(404);
    expect(res.text).not.toMatch(/Acme|Globex/);
  });

  it('shows the platform’s own page on the bare platform domain', async () => {
    const res = await t.get('localhost').expect(200);
    expect(res.text).toContain('Guidepost');
    expect(res.text).not.toMatch(/Acme|Globex/);
  });

  it.each(['/login', '/signup', '/account', '/about', '/forgot-password'])(
    'answers the tenant page %s on the platform’s own host with 404',
    async (path) => {
      await t.get('localhost', path).expect(404);
    },
  );

  it('shows a suspended programme its themed paused page with 403, on every path', async () => {
    for (const path of ['/', '/about', '/privacy', '/anything']) {
      const res = await t.get('dormant.localhost', path).expect(403);
      expect(res.text).toContain('Dormant Mentors');
      expect(res.text).toContain('/theme/');
    }
  });

  it('ignores X-Forwarded-Host when no proxy is trusted', async () => {
    const res = await t
      .get('acme.localhost')
      .set('X-Forwarded-Host', 'globex.localhost')
      .expect(200);
    expect(res.text).toContain('Acme Mentors');
  });

  it('ignores a tenant named in a header or the query string', async () => {
    const globexId = (
      await t.db.ownerQuery<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'globex'`)
    )[0].id;
    const res = await t
      .get('acme.localhost', `/about?tenant=globex&tenantId=${globexId}`)
      .set('X-Tenant-Id', globexId)
      .set('X-Tenant', 'globex')
      .expect(200);
    expect(res.text).toContain('Acme Mentors');
    expect(res.text).not.toContain('Globex');
  });
});

describe('behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants(), env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  it('uses X-Forwarded-Host from the trusted proxy', async () => {
    const res = await t
      .get('acme.localhost')
      .set('X-Forwarded-Host', 'globex.localhost')
      .expect(200);
    expect(res.text).toContain('Globex Mentors');
  });
});

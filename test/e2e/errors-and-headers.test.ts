import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';

describe('errors, limits and security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
  });
  afterAll(() => t.close());

  it('answers a missing page with the tenant’s themed 404 in its language', async () => {
    const res = await t.get('globex.localhost', '/no-such-page').expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Globex Mentors');
    expect(res.text).toContain('dir="rtl"');
    expect(res.text).toMatch(/[0-9a-f-]{36}/); // the request id, to quote to support
  });

  it('answers JSON clients with a code and request id, never a stack', async () => {
    const res = await t
      .get('acme.localhost', '/no-such-page')
      .set('Accept', 'application/json')
      .expect(404);
    expect(res.body).toEqual({
      code: 'NOT_FOUND',
      message: expect.any(String),
      requestId: res.headers['x-request-id'],
    });
  });

  it('refuses an oversized body with 413 and a code', async () => {
    const res = await t
      .get('acme.localhost', '/')
      .set('Accept', 'application/json')
      .set('Content-Type', 'application/json')
      .send({ text: 'x'.repeat(100_000) });
    // supertest's .get with a body: use post semantics via method override is not needed;
    // the body parser runs for every method.
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(/);
  });

  it('sends a strict CSP and the usual security headers', async () => {
    const res = await t.get('acme.localhost').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps pages light', async () => {
    for (const path of ['/', '/about', '/privacy', '/terms']) {
      const res = await t.get('acme.localhost', path).expect(200);
      expect(Buffer.byteLength(res.text)).toBeLessThan(40 * 1024);
    }
  });

  it('serves the brand stylesheet at an immutable, versioned URL with the tenant’s colours', async () => {
    const page = await t.get('globex.localhost').expect(200);
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1];
    const css = await t.get('globex.localhost', href).expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.text).toContain('--gp-primary:#0b6e4f');
  });

  it('answers 304 when the page has not changed', async () => {
    const first = await t.get('acme.localhost', '/about').expect(200);
    await t.get('acme.localhost', '/about').set('If-None-Match', first.headers.etag).expect(304);
  });
});

describe('tenant text is never markup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      tenants: [
        tenantBundle(
          'mallory',
          {
            name: '<script>alert(1)</script> Mentors',
            organisation: '<img src=x onerror=alert(1)>',
          },
          {
            locales: { en: { 'home.hero.title': '<script>alert("copy")</script>' } },
            partials: { 'home-extra': '<p>{{site.name}}</p>' },
          },
        ),
        tenantBundle('acme'),
      ],
    });
  });
  afterAll(() => t.close());

  it('renders tenant names, copy and partial output as text', async () => {
    const res = await t.get('mallory.localhost').expect(200);
    expect(res.text).not.toMatch(/<script>alert|<img src=x/);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Mentors');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;copy&quot;)&lt;/script&gt;');
    expect(res.text).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; Mentors</p>');
  });
});

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
  });
  afterAll(() => t.close());

  it('is alive and ready on any host', async () => {
    await t.get('10.0.0.7', '/healthz').expect(200, { status: 'ok' });
    const ready = await t.get('nosuch.localhost', '/readyz').expect(200);
    expect(ready.body.database).toBe('up');
  });

  it('is not ready when the database does not answer', async () => {
    await t.db.database.app.destroy();
    const res = await t.get('localhost', '/readyz').expect(503);
    expect(res.body.database).toBe('down');
  });
});

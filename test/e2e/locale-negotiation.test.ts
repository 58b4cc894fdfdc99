import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

function htmlTag(body: string): string {
  return /<html[^>]*>/.exec(body)?.[0] ?? '';
}

describe('language of a page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
  });
  afterAll(() => t.close());

  it('uses the tenant default, right to left for Arabic', async () => {
    const res = await t.get('globex.localhost').expect(200);
    expect(htmlTag(res.text)).toBe('<html lang="ar" dir="rtl">');
    expect(res.headers['content-language']).toBe('ar');
  });

  it('follows Accept-Language within the tenant’s languages', async () => {
    const fr = await t.get('globex.localhost').set('Accept-Language', 'fr-CA,fr;q=0.9').expect(200);
    expect(htmlTag(fr.text)).toBe('<html lang="fr" dir="ltr">');
    const unsupported = await t.get('globex.localhost').set('Accept-Language', 'es').expect(200);
    expect(htmlTag(unsupported.text)).toBe('<html lang="ar" dir="rtl">');
  });

  it('remembers an explicit choice in a host-only cookie, over Accept-Language', async () => {
    const switched = await t.get('globex.localhost', '/about?lang=en').expect(303);
    expect(switched.headers.location).toBe('/about');
    const cookie = switched.headers['set-cookie'][0];
    expect(cookie).toMatch(/^gp_lang=en; Path=\/;/);
    expect(cookie).not.toMatch(/domain=/i);
    expect(cookie).toMatch(/HttpOnly/);
    const page = await t
      .get('globex.localhost', '/about')
      .set('Cookie', 'gp_lang=en')
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(htmlTag(page.text)).toBe('<html lang="en" dir="ltr">');
  });

  it('ignores a remembered language the tenant does not offer', async () => {
    const switched = await t.get('acme.localhost', '/?lang=ar').expect(303);
    expect(switched.headers['set-cookie']).toBeUndefined();
    const page = await t.get('acme.localhost').set('Cookie', 'gp_lang=ar').expect(200);
    expect(htmlTag(page.text)).toBe('<html lang="en" dir="ltr">');
  });

  it('offers a language switcher with every supported language', async () => {
    const res = await t.get('globex.localhost').expect(200);
    for (const code of ['ar', 'en', 'fr']) expect(res.text).toContain(`lang="${code}"`);
    expect(res.text).not.toContain('hreflang="es"');
  });

  it('never redirects off-site when switching language', async () => {
    const res = await t.get('acme.localhost', '//evil.example/?lang=fr').expect(303);
    expect(res.headers.location).toBe('/');
  });
});

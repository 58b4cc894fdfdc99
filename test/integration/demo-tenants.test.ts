import { join } from 'node:path';
import { baseCatalogs } from '../../src/branding/i18n/base-catalogs';
import { REPO_ROOT } from '../../src/config/paths';
import type { TenantBundle } from '../../src/tenancy/config/tenant-bundle';
import { formatProblems, loadTenantsDir } from '../../src/tenancy/validation/tenant-folder-loader';
import { startTestApp, type TestApp } from '../support/test-app';

const PAGES = ['/', '/about', '/privacy', '/terms', '/no-such-page'];
const DEMO = ['northwind', 'riyada', 'semilla', 'tumbuh'];

describe('the demo tenants in tenants/', () => {
  let t: TestApp;
  let bundles: TenantBundle[];
  const keys = Object.keys(baseCatalogs().en);

  beforeAll(async () => {
    const loaded = await loadTenantsDir(join(REPO_ROOT, 'tenants'), baseCatalogs().en, 'localhost');
    const problems = loaded.flatMap((l) => l.problems);
    if (problems.length) throw new Error(`tenants/ is invalid:\n${formatProblems(problems)}`);
    bundles = loaded.map((l) => l.bundle!);
    t = await startTestApp({ tenants: bundles });
  });
  afterAll(() => t?.close());

  it('are all valid', () => {
    expect(bundles.map((b) => b.config.slug).sort()).toEqual(DEMO);
  });

  it('are four different programmes: names, colours, default languages', () => {
    const distinct = (f: (b: TenantBundle) => string) => new Set(bundles.map(f)).size;
    expect(distinct((b) => b.config.name)).toBe(4);
    expect(distinct((b) => b.config.branding.colours.primary)).toBe(4);
    expect(distinct((b) => b.config.locale.default)).toBe(4);
  });

  it('render every page in every supported language with no missing message', async () => {
    for (const bundle of bundles) {
      const { slug, locale, name } = bundle.config;
      for (const lang of locale.supported) {
        for (const path of PAGES) {
          const res = await t.get(`${slug}.localhost`, path).set('Cookie', `gp_lang=${lang}`);
          expect({ slug, lang, path, status: res.status }).toEqual({
            slug,
            lang,
            path,
            status: path === '/no-such-page' ? 404 : 200,
          });
          expect(res.text).toContain(
            `<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`,
          );
          const leaked = keys.filter(
            (k) => res.text.includes(`>${k}<`) || res.text.includes(`"${k}"`),
          );
          expect({ slug, lang, path, leaked }).toEqual({ slug, lang, path, leaked: [] });
          expect(res.text).not.toMatch(/\{[a-zA-Z]+\}/); // an unformatted ICU argument
          expect(res.text).toContain(name.replace(/&/g, '&amp;'));
        }
      }
    }
  });

  it('answer on Northwind’s custom domain', async () => {
    const res = await t.get('mentoring.northwind.example').expect(200);
    expect(res.text).toContain('Northwind');
  });

  it('apply each tenant’s terminology', async () => {
    const northwind = await t.get('northwind.localhost', '/about').set('Cookie', 'gp_lang=en');
    expect(northwind.text.toLowerCase()).toContain('coach');
  });
});

import { join } from 'node:path';
import pino from 'pino';
import { baseCatalogs } from '../../src/branding/i18n/base-catalogs';
import { REPO_ROOT } from '../../src/config/paths';
import { seedDemoEngagements } from '../../src/engagements/demo-engagements';
import { DEMO_PASSWORD, seedDemoPeople } from '../../src/identity/demo-people';
import { seedDemoProfiles } from '../../src/profiles/demo-profiles';
import { loadTenantsDir } from '../../src/tenancy/validation/tenant-folder-loader';
import { startTestApp, type TestApp } from '../support/test-app';
import { Visitor } from '../support/visitor';

// The demo after `npm start`: every demo programme has mentoring in every
// state, and every connecting page renders in every language it offers.

const silent = pino({ level: 'silent' });

describe('demo mentoring in the demo tenants', () => {
  let t: TestApp;
  let slugs: { slug: string; languages: string[] }[];
  const keys = Object.keys(baseCatalogs().en);

  beforeAll(async () => {
    const loaded = await loadTenantsDir(join(REPO_ROOT, 'tenants'), baseCatalogs().en, 'localhost');
    const bundles = loaded.map((l) => l.bundle!);
    t = await startTestApp({ tenants: bundles });
    await seedDemoPeople(t.db.database, silent);
    await seedDemoProfiles(t.db.database, silent);
    expect(await seedDemoEngagements(t.db.database, silent)).toBe(bundles.length);
    slugs = bundles.map((b) => ({ slug: b.config.slug, languages: b.config.locale.supported }));
  });
  afterAll(() => t?.close());

  it('has requests and engagements in every state in every demo programme, and seeds once', async () => {
    const rows = await t.db.ownerQuery<{ slug: string; states: string[] }>(
      `SELECT t.slug,
              array(SELECT DISTINCT 'request:' || r.status FROM mentoring_requests r WHERE r.tenant_id = t.id)
           || array(SELECT DISTINCT 'engagement:' || g.status FROM engagements g WHERE g.tenant_id = t.id)
           AS states
         FROM tenants t ORDER BY t.slug`,
    );
    for (const row of rows) {
      expect({ slug: row.slug, states: [...row.states].sort() }).toEqual({
        slug: row.slug,
        states: [
          'engagement:active',
          'engagement:closed',
          'engagement:completed',
          'request:accepted',
          'request:declined',
          'request:expired',
          'request:open',
        ],
      });
    }
    expect(await seedDemoEngagements(t.db.database, silent)).toBe(0);
  });

  it('renders the mentoring pages of both sides in every language of every programme', async () => {
    for (const { slug, languages } of slugs) {
      for (const who of ['mentor', 'founder2']) {
        const v = new Visitor(t, `${slug}.localhost`);
        const login = await v.submit('/login', {
          email: `${who}@${slug}.example`,
          password: DEMO_PASSWORD,
        });
        expect(login.status).toBe(303);
        const hub = await v.get('/mentoring', 200);
        const inbox = await v.get('/messages', 200);
        const paths = [
          '/mentoring',
          '/messages',
          '/account/notifications',
          ...new Set(
            [
              ...`${hub.text}${inbox.text}`.matchAll(
                /href="(\/(?:engagements|requests|messages)\/[0-9a-f-]{36})"/g,
              ),
            ].map((m) => m[1]),
          ),
        ];
        expect(paths.some((p) => p.startsWith('/engagements/'))).toBe(true);
        expect(paths.some((p) => p.startsWith('/messages/'))).toBe(true);
        for (const lang of languages) {
          for (const path of paths) {
            // ?lang= remembers the choice in a cookie and redirects to the page.
            await v.agent.get(`${path}?lang=${lang}`).set('Host', `${slug}.localhost`);
            const res = await v.get(path);
            expect({ slug, who, lang, path, status: res.status }).toEqual({
              slug,
              who,
              lang,
              path,
              status: 200,
            });
            expect(res.text).toContain(`dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
            const leaked = keys.filter(
              (k) => res.text.includes(`>${k}<`) || res.text.includes(`"${k}"`),
            );
            expect({ slug, lang, path, leaked }).toEqual({ slug, lang, path, leaked: [] });
            expect(res.text).not.toMatch(/\{[a-zA-Z]+\}/);
            expect(res.text.length).toBeLessThan(100_000);
          }
        }
      }
    }
  });
});

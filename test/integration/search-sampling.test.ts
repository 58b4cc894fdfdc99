import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import type { ResolvedTenant } from '../../src/tenancy/resolution/resolved-tenant';
import { addMember } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

// search_mentors() reads every match of a narrow query, but only a sample of
// a broad one: as many of its 64 buckets of mentors as should hold the cap,
// from a first bucket that depends on the viewer and the day. Called here
// with a cap of 5, so that a few hundred mentors make a broad query.
describe('a broad search reads a sample of its matches, a narrow one all of them', () => {
  let t: TestApp;
  let acme: ResolvedTenant;
  let globex: ResolvedTenant;
  const viewers: string[] = [];
  const CAP = 5;

  /** Mentors with `word` in their headline (the first `tagged` also with "lantern"), added in SQL. */
  const addMentors = (tenant: ResolvedTenant, count: number, word: string, tagged: number) =>
    t.db.ownerQuery(
      `WITH u AS (
         INSERT INTO users (tenant_id, email, email_verified_at, password_hash, name, locale,
                            country, roles, status, terms_accepted_at)
         SELECT $1, 'm' || i || '@' || $2 || '.example', now(), 'x', 'Mentor ' || i, 'en', 'MX',
                ARRAY['mentor'], 'active', now()
           FROM generate_series(1, $3::int) i
         RETURNING id, name)
       INSERT INTO mentor_profiles (tenant_id, user_id, headline, languages, capacity,
                                    search_primary, search_secondary)
       SELECT $1, u.id, $4 || ' ' || u.name, ARRAY['en'], 2,
              $4 || CASE WHEN row_number() OVER (ORDER BY u.name) <= $5 THEN ' lantern' ELSE '' END,
              ''
         FROM u`,
      [tenant.id, tenant.slug, count, word, tagged],
    );

  const search = (viewer: string, keyword: string, page = 0, tenant = acme) =>
    runInTenant(t.db.database, tenant.id, async (em) =>
      (
        (await em.query(
          `SELECT user_id::text AS id, total FROM search_mentors($1, NULL, NULL, NULL, NULL, NULL,
                  NULL, $2, $3, $4, $5)`,
          [keyword, viewer, CAP, 3, page * 3],
        )) as { id: string; total: number }[]
      ).map((r) => ({ id: r.id, total: r.total })),
    );

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    acme = (await t.runtime.registry.resolveHost('acme.localhost'))!;
    globex = (await t.runtime.registry.resolveHost('globex.localhost'))!;
    // 2,000 matches: every bucket holds more than the cap, so every viewer
    // reads one bucket.
    await addMentors(acme, 2000, 'quayside', 20);
    await addMentors(globex, 300, 'quayside', 0);
    for (let i = 0; i < 6; i++) {
      viewers.push(
        await addMember(t, acme.id, { email: `v${i}@acme.example`, roles: ['entrepreneur'] }),
      );
    }
  });

  afterAll(() => t.close());

  it('gives each viewer a stable sample: the same page twice, page 2 after page 1', async () => {
    const acmeIds = new Set(
      (
        await t.db.ownerQuery<{ id: string }>(
          `SELECT user_id::text AS id FROM mentor_profiles WHERE tenant_id = $1`,
          [acme.id],
        )
      ).map((r) => r.id),
    );
    const firstPages: string[] = [];
    for (const viewer of viewers) {
      const one = await search(viewer, 'quayside');
      expect(one).toHaveLength(3);
      // More than the cap match: the total says "more than".
      expect(one.every((r) => r.total === CAP + 1)).toBe(true);
      expect(one.every((r) => acmeIds.has(r.id))).toBe(true);
      expect(await search(viewer, 'quayside')).toEqual(one);
      const two = await search(viewer, 'quayside', 1);
      expect(two).toHaveLength(3);
      expect(two.filter((r) => one.some((o) => o.id === r.id))).toEqual([]);
      firstPages.push(one.map((r) => r.id).join());
    }
    // Viewers start in different buckets: not everyone is shown the same mentors.
    expect(new Set(firstPages).size).toBeGreaterThan(1);
  });

  it('reads every match of a narrow query: the same mentors for everyone, counted exactly', async () => {
    const pages = new Set<string>();
    for (const viewer of viewers) {
      const all = [...(await search(viewer, 'lantern')), ...(await search(viewer, 'lantern', 1))];
      // 20 match, more than the cap of 5: the 6 least exposed, the same for all.
      expect(all.map((r) => r.total)).toEqual([6, 6, 6, 6, 6, 6]);
      pages.add(all.map((r) => r.id).join());
    }
    expect(pages.size).toBe(1);
  });

  it('never reads another tenant: globex sees only its own 300', async () => {
    const [viewer] = await t.db.ownerQuery<{ id: string }>(
      `SELECT user_id::text AS id FROM mentor_profiles WHERE tenant_id = $1 LIMIT 1`,
      [globex.id],
    );
    const own = new Set(
      (
        await t.db.ownerQuery<{ id: string }>(
          `SELECT user_id::text AS id FROM mentor_profiles WHERE tenant_id = $1`,
          [globex.id],
        )
      ).map((r) => r.id),
    );
    const found = await search(viewer.id, 'quayside', 0, globex);
    expect(found).toHaveLength(3);
    expect(found.every((r) => own.has(r.id))).toBe(true);
    expect(await search(viewer.id, 'lantern', 0, globex)).toEqual([]);
  });
});

import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import type { ResolvedTenant } from '../../src/tenancy/resolution/resolved-tenant';
import { addMember, addMentorsInSql } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

// search_mentors() reads every match of a narrow query, but only a sample of
// a broad one: as many of its 64 buckets of mentors as should hold the cap,
// from a first bucket that depends on the viewer and the day. Called here
// with a cap of 5, so that a few hundred mentors make a broad query, and
// with a cap of 200 for a query of middling breadth.
describe('a broad search reads a sample of its matches, a narrow one all of them', () => {
  let t: TestApp;
  let acme: ResolvedTenant;
  let globex: ResolvedTenant;
  const viewers: string[] = [];
  const CAP = 5;

  /** Mentors with `word` in their headline (the first `tagged` also with "lantern"). */
  const addMentors = (tenant: ResolvedTenant, count: number, word: string, tagged: number) =>
    addMentorsInSql(t, tenant, count, {
      prefix: word,
      words: word,
      extra: { first: tagged, words: 'lantern' },
    });

  const search = (viewer: string, keyword: string, page = 0, tenant = acme, cap = CAP) =>
    runInTenant(t.db.database, tenant.id, async (em) =>
      (
        (await em.query(
          `SELECT user_id::text AS id, total FROM search_mentors($1, NULL, NULL, NULL, NULL, NULL,
                  NULL, $2, $3, $4, $5)`,
          [keyword, viewer, cap, 3, page * 3],
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
    // 1,200 matches: about 19 per bucket, too few for one bucket to hold a
    // cap of 200, enough to estimate how many buckets will.
    await addMentors(acme, 1200, 'harbour', 0);
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

  it('samples a query of middling breadth too: viewers see different mentors, "more than" the cap', async () => {
    const firstPages = new Set<string>();
    for (const viewer of viewers) {
      const one = await search(viewer, 'harbour', 0, acme, 200);
      expect(one).toHaveLength(3);
      expect(one.every((r) => r.total === 201)).toBe(true);
      expect(await search(viewer, 'harbour', 1, acme, 200)).not.toContainEqual(one[0]);
      firstPages.add(one.map((r) => r.id).join());
    }
    // Reading every match would rank the same 201 least exposed for everyone.
    expect(firstPages.size).toBeGreaterThan(1);
  });

  it('widens a sample that fell short: the count never understates the matches', async () => {
    const viewer = viewers[0];
    // 'beacon': 20 mentors in the viewer's first bucket, 300 far from it.
    // The first bucket promises a sample of 17 buckets; the matches there are
    // those 20, so the search reads wider until it holds more than the cap.
    await t.db.ownerQuery(
      `WITH f AS (SELECT (hashtext($2 || current_date::text) % 64 + 64) % 64 AS b),
            q AS (SELECT p.user_id, mentor_search_bucket(p.user_id) AS b FROM mentor_profiles p
                   WHERE p.tenant_id = $1 AND p.headline LIKE 'quayside %'),
            near AS (SELECT q.user_id FROM q, f WHERE q.b = f.b ORDER BY 1 LIMIT 20),
            far AS (SELECT q.user_id FROM q, f
                     WHERE ((q.b - (f.b - f.b % 16)) % 64 + 64) % 64 >= 32 ORDER BY 1 LIMIT 300)
       UPDATE mentor_profiles SET search_primary = search_primary || ' beacon'
        WHERE tenant_id = $1
          AND user_id IN (SELECT user_id FROM near UNION ALL SELECT user_id FROM far)`,
      [acme.id, viewer],
    );
    const page = await search(viewer, 'beacon', 0, acme, 200);
    expect(page).toHaveLength(3);
    expect(page.every((r) => r.total === 201)).toBe(true);
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

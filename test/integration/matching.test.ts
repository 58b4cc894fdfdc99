import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import { ExposureRecorder } from '../../src/matching/exposure-recorder';
import { matchingRepository, type ScoredMentor } from '../../src/matching/matching.repository';
import { MatchingService, POOL_SIZE, seekerFrom } from '../../src/matching/matching.service';
import { resolveWeights } from '../../src/matching/weights';
import type { ResolvedTenant } from '../../src/tenancy/resolution/resolved-tenant';
import { addEntrepreneur, addMember, addMentor, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';

// A crafted programme where the right order is known: each mentor differs
// from the best one in one respect, and the one respect decides the order.
describe('recommendations rank mentors by an explained, weighted score in PostgreSQL', () => {
  let t: TestApp;
  let acme: ResolvedTenant;
  let matching: MatchingService;
  const ids: Record<string, string> = {};
  let seeker: string;

  const names = async (viewer = seeker, tenant = acme, locale: 'en' | 'ar' = 'en') =>
    (await matching.recommend(tenant, { id: viewer, locale }, locale)).items.map(
      (i) => i.mentor.name,
    );

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    matching = t.app.get(MatchingService);
    acme = (await t.runtime.registry.resolveHost('acme.localhost'))!;
    const globex = await tenantInfo(t, 'globex');
    const base = {
      languages: ['en', 'es'],
      country: 'MX',
      timezone: 'America/Mexico_City',
      industries: ['food_beverage'],
      stages: ['revenue'],
      styles: ['regular'],
      capacity: 3,
    };
    // Covers all three top needs exactly: the best.
    ids.best = await addMentor(t, acme, 'best@acme.example', {
      ...base,
      name: 'Best Fit',
      expertiseTop: ['finance.pricing', 'finance.bookkeeping', 'marketing.social_media'],
    });
    // Covers two of three top needs exactly.
    ids.two = await addMentor(t, acme, 'two@acme.example', {
      ...base,
      name: 'Two Needs',
      expertiseTop: ['finance.pricing', 'finance.bookkeeping'],
    });
    // Same areas, other sub-areas: parent-area matches earn less than exact ones.
    ids.area = await addMentor(t, acme, 'area@acme.example', {
      ...base,
      name: 'Area Only',
      expertiseTop: ['finance.tax', 'finance.cash_flow', 'marketing.branding'],
    });
    // Nothing in common with the needs.
    ids.none = await addMentor(t, acme, 'none@acme.example', {
      ...base,
      name: 'No Needs',
      expertiseTop: ['legal.contracts'],
    });
    // Would be best, but hard filters exclude each of these.
    const excluded = {
      ...base,
      expertiseTop: ['finance.pricing', 'finance.bookkeeping', 'marketing.social_media'],
    };
    ids.full = await addMentor(t, acme, 'full@acme.example', {
      ...excluded,
      name: 'At Capacity',
      capacity: 1,
    });
    await t.db.ownerQuery(`UPDATE mentor_profiles SET active_count = 1 WHERE user_id = $1`, [
      ids.full,
    ]);
    await t.db.ownerQuery(`UPDATE mentor_expertise SET has_room = false WHERE user_id = $1`, [
      ids.full,
    ]);
    ids.paused = await addMentor(t, acme, 'paused@acme.example', {
      ...excluded,
      name: 'On A Break',
      pausedUntil: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    });
    ids.french = await addMentor(t, acme, 'french@acme.example', {
      ...excluded,
      name: 'Only French',
      languages: ['fr'],
    });
    ids.blocked = await addMentor(t, acme, 'blocked@acme.example', {
      ...excluded,
      name: 'Blocked Mentor',
    });
    ids.asked = await addMentor(t, acme, 'asked@acme.example', {
      ...excluded,
      name: 'Already Asked',
    });
    ids.declined = await addMentor(t, acme, 'declined@acme.example', {
      ...excluded,
      name: 'Declined Before',
    });
    ids.suspended = await addMentor(t, acme, 'suspended@acme.example', {
      ...excluded,
      name: 'Suspended Mentor',
    });
    await t.db.ownerQuery(`UPDATE users SET status = 'suspended' WHERE id = $1`, [ids.suspended]);

    seeker = await addEntrepreneur(t, acme, 'seeker@acme.example', {
      name: 'Seeker',
      needsTop: ['finance.pricing', 'finance.bookkeeping', 'marketing.social_media'],
      industry: 'food_beverage',
      stage: 'revenue',
      languages: ['en'],
      country: 'MX',
      timezone: 'America/Mexico_City',
      styles: ['regular'],
    });
    await runInTenant(t.db.database, acme.id, async (em) => {
      await em.query(
        `INSERT INTO member_blocks (tenant_id, blocker_id, blocked_id) VALUES ($1, $2, $3)`,
        [acme.id, ids.blocked, seeker],
      );
      await em.query(
        `INSERT INTO mentoring_requests (tenant_id, entrepreneur_id, mentor_id, status)
         VALUES ($1, $2, $3, 'open'), ($1, $2, $4, 'declined')`,
        [acme.id, seeker, ids.asked, ids.declined],
      );
    });

    // The other tenant has a mentor who would be perfect: it must never appear.
    await addMentor(t, globex, 'best@globex.example', {
      ...excluded,
      name: 'Globex Perfect',
    });
  }, 60_000);

  afterAll(() => t?.close());

  it('orders exact coverage of top needs above partial, area-level and no coverage', async () => {
    expect(await names()).toEqual(['Best Fit', 'Two Needs', 'Area Only', 'No Needs']);
  });

  it('holds every hard filter: capacity, pause, shared language, blocks, earlier requests, status, tenant', async () => {
    const shown = await names();
    for (const hidden of [
      'At Capacity',
      'On A Break',
      'Only French',
      'Blocked Mentor',
      'Already Asked',
      'Declined Before',
      'Suspended Mentor',
      'Globex Perfect',
    ]) {
      expect(shown).not.toContain(hidden);
    }
  });

  it('a blocked seeker disappears for the blocker too: blocks hold both ways', async () => {
    const other = await addEntrepreneur(t, acme, 'blocker@acme.example', {
      needsTop: ['finance.pricing'],
      languages: ['en'],
    });
    await runInTenant(t.db.database, acme.id, (em) =>
      em.query(
        `INSERT INTO member_blocks (tenant_id, blocker_id, blocked_id) VALUES ($1, $2, $3)`,
        [acme.id, other, ids.best],
      ),
    );
    expect(await names(other)).not.toContain('Best Fit');
    expect(await names(other)).toContain('Two Needs');
  });

  it('a pause that has ended and a freed place bring a mentor back', async () => {
    await t.db.ownerQuery(`UPDATE mentor_profiles SET active_count = 0 WHERE user_id = $1`, [
      ids.full,
    ]);
    await t.db.ownerQuery(`UPDATE mentor_expertise SET has_room = true WHERE user_id = $1`, [
      ids.full,
    ]);
    expect(await names()).toContain('At Capacity');
    await t.db.ownerQuery(`UPDATE mentor_profiles SET active_count = 1 WHERE user_id = $1`, [
      ids.full,
    ]);
    await t.db.ownerQuery(`UPDATE mentor_expertise SET has_room = false WHERE user_id = $1`, [
      ids.full,
    ]);
    expect(await names()).not.toContain('At Capacity');
  });

  it('an account that can no longer mentor leaves the candidate pools, and returns when it can', async () => {
    // The pools (mentor_expertise) hand out candidates least exposed first; a
    // suspended account, never shown, would otherwise sit at their front.
    const inPools = async () =>
      runInTenant(t.db.database, acme.id, async (em) => {
        const [row] = (await em.query(
          `SELECT count(*)::int AS rows, count(*) FILTER (WHERE has_room)::int AS open
             FROM mentor_expertise WHERE user_id = $1`,
          [ids.two],
        )) as { rows: number; open: number }[];
        expect(row.rows).toBeGreaterThan(0);
        return row.open === row.rows ? 'all' : row.open === 0 ? 'none' : 'some';
      });
    const update = (set: string, value: unknown) =>
      runInTenant(t.db.database, acme.id, (em) =>
        em.query(`UPDATE users SET ${set} = $2 WHERE id = $1`, [ids.two, value]),
      );
    const before = await names();
    expect(await inPools()).toBe('all');
    await update('status', 'suspended');
    expect(await inPools()).toBe('none');
    expect(await names()).not.toContain('Two Needs');
    await update('status', 'active');
    expect(await inPools()).toBe('all');
    await update('roles', ['entrepreneur']);
    expect(await inPools()).toBe('none');
    await update('roles', ['mentor']);
    expect(await inPools()).toBe('all');
    expect(await names()).toEqual(before);
  });

  it('the candidate rows follow room, languages and pause, whatever writes the profile', async () => {
    const rows = () =>
      runInTenant(t.db.database, acme.id, async (em) =>
        (
          (await em.query(
            `SELECT DISTINCT has_room, languages, paused_until::text AS paused
               FROM mentor_expertise WHERE user_id = $1`,
            [ids.area],
          )) as { has_room: boolean; languages: string[]; paused: string | null }[]
        ).map((r) => `${r.has_room} ${r.languages.join('+')} ${r.paused}`),
      );
    const profile = (set: string, value: unknown) =>
      runInTenant(t.db.database, acme.id, (em) =>
        em.query(`UPDATE mentor_profiles SET ${set} = $2 WHERE user_id = $1`, [ids.area, value]),
      );
    expect(await rows()).toEqual(['true en+es null']);
    await profile('active_count', 3);
    expect(await rows()).toEqual(['false en+es null']);
    await profile('active_count', 0);
    await profile('languages', ['fr']);
    await profile('paused_until', '2099-01-01');
    expect(await rows()).toEqual(['true fr 2099-01-01']);
    // Sharing no language and on a break: not a candidate, so not recommended.
    expect(await names()).not.toContain('Area Only');
    await profile('languages', ['en', 'es']);
    await profile('paused_until', null);
    expect(await rows()).toEqual(['true en+es null']);
    expect(await names()).toContain('Area Only');
  });

  it('scores what the profile says now, whatever writes it: replies, styles, time zone, expertise', async () => {
    const components = async () => {
      const item = (await matching.recommend(acme, { id: seeker, locale: 'en' }, 'en')).items.find(
        (i) => i.mentor.userId === ids.two,
      );
      // recommend() hands out the scored row itself.
      return (item!.mentor as ScoredMentor).match.components;
    };
    const profile = (set: string, value: unknown) =>
      runInTenant(t.db.database, acme.id, (em) =>
        em.query(`UPDATE mentor_profiles SET ${set} = $2 WHERE user_id = $1`, [ids.two, value]),
      );
    const before = await components();
    expect(before).toMatchObject({ responsiveness: 0.5, style: 1 });
    await profile('reply_hours', 0);
    await profile('styles', ['one_off']);
    await profile('utc_offset_min', 6 * 60); // 12 hours from Mexico City
    await profile('expertise', ['finance.pricing']);
    const after = await components();
    expect(after.responsiveness).toBe(1);
    expect(after.style).toBe(0);
    expect(after.location).toBeLessThan(before.location);
    expect(after.needs).toBeLessThan(before.needs);
    await profile('reply_hours', null);
    await profile('styles', ['regular']);
    await profile('utc_offset_min', -6 * 60);
    await profile('expertise', ['finance.pricing', 'finance.bookkeeping']);
    expect(await components()).toEqual(before);
  });

  it('runs the recommendation as a prepared statement, planned once per connection', async () => {
    await runInTenant(t.db.database, acme.id, async (em) => {
      const o = { weights: resolveWeights(acme.config.programme), limit: 20, poolSize: POOL_SIZE };
      const now = new Date();
      const seekerRow = seekerFrom({ id: seeker, locale: 'en' }, null);
      for (let i = 0; i < 2; i++) {
        await matchingRepository.recommend(em, acme.id, seekerRow, {
          ...o,
          today: now.toISOString().slice(0, 10),
          now,
        });
      }
      const [plans] = (await em.query(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom
           FROM pg_prepared_statements
          WHERE name LIKE 'gp\\_%' AND statement LIKE '%mentor_expertise%'`,
      )) as { generic: number; custom: number }[];
      expect(plans.generic).toBeGreaterThanOrEqual(2);
      expect(plans.custom).toBe(0);
    });
  });

  it('explains each recommendation in plain words, with what is missing and the points', async () => {
    const { items } = await matching.recommend(acme, { id: seeker, locale: 'en' }, 'en');
    const [best, two] = items;
    expect(best.explanation.reasons[0]).toMatchObject({
      key: 'match.reason.topNeeds',
      count: 3,
      total: 3,
      list: 'Pricing, Bookkeeping, and Social media',
    });
    expect(two.explanation.reasons[0]).toMatchObject({ key: 'match.reason.topNeeds', count: 2 });
    expect(two.explanation.missing).toContainEqual(
      expect.objectContaining({ key: 'match.missing.needs', list: 'Social media' }),
    );
    expect(best.explanation.reasons.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'match.reason.language',
        'match.reason.country',
        'match.reason.sameTimezone',
        'match.reason.industry',
        'match.reason.stage',
        'match.reason.style',
      ]),
    );
    // The points add up to the score (rounding aside) and each is within its maximum.
    const points = best.explanation.breakdown.reduce((s, b) => s + b.points, 0);
    expect(Math.abs(points - best.explanation.percent)).toBeLessThanOrEqual(4);
    for (const b of best.explanation.breakdown) expect(b.points).toBeLessThanOrEqual(b.max);
    expect(best.explanation.percent).toBeGreaterThan(two.explanation.percent);
  });

  it('changing the weights changes the order', async () => {
    // Only one mentor knows the seeker's industry: with industry weighing most, they lead.
    const tenant = await tenantInfo(t, 'acme');
    await addMentor(t, tenant, 'industry@acme.example', {
      name: 'Industry Expert',
      languages: ['en'],
      industries: ['tourism'],
      expertiseTop: ['legal.registration'],
    });
    const tourist = await addEntrepreneur(t, tenant, 'tourist@acme.example', {
      needsTop: ['finance.pricing'],
      industry: 'tourism',
      languages: ['en'],
    });
    const before = await names(tourist);
    expect(before.indexOf('Industry Expert')).toBeGreaterThan(before.indexOf('Best Fit'));
    const [reweighted] = await t.sync([
      tenantBundle('acme', {
        name: 'Acme Mentors',
        hostnames: { custom: ['mentoring.acme.example'] },
        programme: { matchingWeights: { needs: 0.5, industry: 10 } },
      }),
    ]);
    expect(reweighted.result).not.toBe('failed');
    const acme2 = (await t.runtime.registry.resolveHost('acme.localhost'))!;
    const after = await names(tourist, acme2);
    expect(after[0]).toBe('Industry Expert');
    await t.sync(twoTenants());
  });

  it('spreads exposure: a mentor shown to many people makes room for an equal one', async () => {
    const tenant = await tenantInfo(t, 'globex');
    const globex = (await t.runtime.registry.resolveHost('globex.localhost'))!;
    const twin = { languages: ['ar'], expertiseTop: ['sales.negotiation'], capacity: 2 };
    const a = await addMentor(t, tenant, 'twin-a@globex.example', { ...twin, name: 'Twin A' });
    const b = await addMentor(t, tenant, 'twin-b@globex.example', { ...twin, name: 'Twin B' });
    const viewer = await addEntrepreneur(t, tenant, 'fair@globex.example', {
      needsTop: ['sales.negotiation'],
      languages: ['ar'],
      locale: 'ar',
    });
    const first = (await names(viewer, globex, 'ar')).filter((n) => n.startsWith('Twin'));
    expect(first).toHaveLength(2);
    // The leader is shown to 40 people; the recorder writes the counts.
    const recorder = t.app.get(ExposureRecorder);
    const leader = first[0] === 'Twin A' ? a : b;
    for (let i = 0; i < 40; i++) recorder.record(globex.id, [leader]);
    await recorder.flush();
    const after = (await names(viewer, globex, 'ar')).filter((n) => n.startsWith('Twin'));
    expect(after).toEqual([first[1], first[0]]);
  });

  it('an entrepreneur with an empty profile still gets mentors, and hints on what to add', async () => {
    const id = await addMember(t, acme.id, {
      email: 'empty@acme.example',
      roles: ['entrepreneur'],
    });
    const result = await matching.recommend(acme, { id, locale: 'en' }, 'en');
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.hints).toEqual(
      expect.arrayContaining(['match.hint.needs', 'match.hint.industry', 'match.hint.stage']),
    );
  });
});

import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import { CommonSearchTerms } from '../../src/matching/common-search-terms';
import type { ResolvedTenant } from '../../src/tenancy/resolution/resolved-tenant';
import { addMember, addMentorsInSql } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

// A term nearly every listed mentor of a programme has is counted as common
// and checked on each row search_mentors() reads, instead of in the index.
// The results must not change: the term still filters.
describe('common search terms', () => {
  let t: TestApp;
  let acme: ResolvedTenant;
  let globex: ResolvedTenant;
  let viewer: string;

  const termOf = async (tenant: ResolvedTenant, term: string) =>
    (
      await t.db.ownerQuery<{ id: number }>(`SELECT search_term($1, $2) AS id`, [tenant.id, term])
    )[0].id;

  const commonTerms = async (tenant: ResolvedTenant) =>
    (
      await t.db.ownerQuery<{ term: number }>(
        `SELECT term FROM search_common_terms WHERE tenant_id = $1`,
        [tenant.id],
      )
    ).map((r) => r.term);

  const search = (keyword: string, language: string | null) =>
    runInTenant(t.db.database, acme.id, async (em) =>
      (
        (await em.query(
          `SELECT user_id::text AS id, total FROM search_mentors($1, NULL, NULL, NULL, $2, NULL,
                  NULL, $3, 200, 50, 0)`,
          [keyword, language, viewer],
        )) as { id: string; total: number }[]
      ).map((r) => `${r.id}:${r.total}`),
    );

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    acme = (await t.runtime.registry.resolveHost('acme.localhost'))!;
    globex = (await t.runtime.registry.resolveHost('globex.localhost'))!;
    // In acme "ferry" is in nearly every mentor's headline, whatever the
    // fixture's mentors were; 12 of them speak French only.
    const [{ n }] = await t.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM mentor_profiles WHERE tenant_id = $1`,
      [acme.id],
    );
    await addMentorsInSql(t, acme, 20 * n + 100, { prefix: 'ferry', words: 'ferry' });
    await addMentorsInSql(t, acme, 12, { prefix: 'fr', words: 'ferry', languages: ['fr'] });
    // In globex it is rare.
    await addMentorsInSql(t, globex, 5, { prefix: 'ferry', words: 'ferry' });
    await addMentorsInSql(t, globex, 100, { prefix: 'dock', words: 'dock' });
    viewer = await addMember(t, acme.id, { email: 'v@acme.example', roles: ['entrepreneur'] });
  });

  afterAll(() => t.close());

  it('lists, per programme, the terms at least 90% of its listed mentors have', async () => {
    await t.app.get(CommonSearchTerms).refreshAll();
    expect(await commonTerms(acme)).toContain(await termOf(acme, 'w:ferry'));
    expect(await commonTerms(acme)).not.toContain(await termOf(acme, 'l:fr'));
    expect(await commonTerms(globex)).not.toContain(await termOf(globex, 'w:ferry'));
    expect(await commonTerms(globex)).toContain(await termOf(globex, 'w:dock'));
  });

  it('finds the same mentors once a term is common, and the term still filters', async () => {
    await t.db.ownerQuery(`DELETE FROM search_common_terms`);
    const before = await search('ferry', 'fr');
    const frenchFerry = await t.db.ownerQuery<{ id: string }>(
      `SELECT user_id::text AS id FROM mentor_profiles
        WHERE tenant_id = $1 AND languages = ARRAY['fr'] AND search_primary = 'ferry'`,
      [acme.id],
    );
    expect(before).toHaveLength(12);
    await t.app.get(CommonSearchTerms).refresh(acme.id);
    expect(await commonTerms(acme)).toContain(await termOf(acme, 'w:ferry'));
    const after = await search('ferry', 'fr');
    expect(after).toEqual(before);
    expect(after.map((r) => r.split(':')[0]).sort()).toEqual(frenchFerry.map((r) => r.id).sort());
    // A French speaker without "ferry" is not found by it.
    await addMentorsInSql(t, acme, 1, { prefix: 'quay', words: 'quay', languages: ['fr'] });
    expect(await search('ferry', 'fr')).toEqual(after);
    expect(await search('quay', 'fr')).toHaveLength(1);
  });

  it('drops a term that is no longer common', async () => {
    await addMentorsInSql(t, acme, 2000, { prefix: 'tide', words: 'tide' });
    await t.app.get(CommonSearchTerms).refresh(acme.id);
    expect(await commonTerms(acme)).not.toContain(await termOf(acme, 'w:ferry'));
  });
});

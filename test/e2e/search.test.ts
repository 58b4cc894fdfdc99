import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import {
  addEntrepreneur,
  addMember,
  addMentor,
  loggedIn,
  saveMentorProfile,
  tenantInfo,
} from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import type { Visitor } from '../support/visitor';

type Tenant = Awaited<ReturnType<typeof tenantInfo>>;

/** Page text as a person reads it: Handlebars escapes quotes, equals signs and ampersands. */
function decode(html: string): string {
  return html
    .replaceAll('&#x27;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&#x3D;', '=')
    .replaceAll('&#x60;', '`')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

interface Card {
  id: string;
  name: string;
  html: string;
}

/** The result cards of a search or recommendations page, in order. */
function cards(html: string): Card[] {
  return html
    .split('<li class="person-card">')
    .slice(1)
    .map((chunk) => {
      const end = chunk.indexOf('</li>\n');
      const html = end === -1 ? chunk : chunk.slice(0, end);
      const m = /<h3 class="person-name"><a href="\/people\/([0-9a-f-]+)">([^<]+)<\/a>/.exec(chunk);
      if (!m) throw new Error(`a card without a name: ${chunk.slice(0, 300)}`);
      return { id: m[1], name: decode(m[2]), html: decode(html) };
    });
}

const names = (html: string) => cards(html).map((c) => c.name);
const sorted = (list: string[]) => [...list].sort();

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('searching members', () => {
  let t: TestApp;
  let acme: Tenant;
  let globex: Tenant;
  const ids: Record<string, string> = {};
  /** Signed-in visitors, by role: a mentor with expertise, entrepreneurs with and without needs. */
  const as: Record<string, Visitor> = {};
  let lookers = 0;

  const HARBOUR = Array.from(
    { length: 25 },
    (_, i) => `Harbour Adviser ${String(i + 1).padStart(2, '0')}`,
  );
  const ORCHARD = ['Fiona Pricing', 'Felix Tax', 'Marta Brand', 'Paula Paused', 'Frank Full'];

  async function search(v: Visitor, query: string, status = 200) {
    const res = await v.get(`/search${query ? `?${query}` : ''}`);
    if (res.status !== status)
      throw new Error(`/search?${query}: ${res.status}\n${res.text.slice(0, 800)}`);
    return res;
  }

  /** A new signed-in member (a mentor without a profile): searches are limited per member per minute. */
  async function newLooker(): Promise<Visitor> {
    const email = `looker${++lookers}@acme.example`;
    await addMember(t, acme.id, { email, roles: ['mentor'] });
    return loggedIn(t, 'acme.localhost', email);
  }

  async function block(tenant: Tenant, blocker: string, blocked: string) {
    await runInTenant(t.db.database, tenant.id, (em) =>
      em.query(
        `INSERT INTO member_blocks (tenant_id, blocker_id, blocked_id) VALUES ($1, $2, $3)`,
        [tenant.id, blocker, blocked],
      ),
    );
  }

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    acme = await tenantInfo(t, 'acme');
    globex = await tenantInfo(t, 'globex');
    const mentor = async (
      tenant: Tenant,
      key: string,
      profile: Parameters<typeof addMentor>[3],
    ) => {
      ids[key] = await addMentor(
        t,
        tenant,
        `${key.toLowerCase()}@${tenant === acme ? 'acme' : 'globex'}.example`,
        profile,
      );
    };

    // Keyword targets: headline, bio, an expertise label, accents.
    await mentor(acme, 'K1', { name: 'Hannah Headline', headline: 'Artisan bakery growth coach' });
    await mentor(acme, 'K2', {
      name: 'Bruno Bio',
      headline: 'Mentor',
      bio: 'Twenty years running a cooperative of beekeepers in the hills.',
    });
    await mentor(acme, 'K3', {
      name: 'Theo Lambert',
      headline: 'Mentor',
      expertiseTop: ['finance.cash_flow'],
    });
    await mentor(acme, 'K4', {
      name: 'Carla Ruiz',
      headline: 'Crédito rural para pequeños productores',
    });

    // The filter group: all "orchard" mentors, each differing in one respect.
    await mentor(acme, 'F1', {
      name: 'Fiona Pricing',
      headline: 'Orchard business mentor',
      expertiseTop: ['finance.pricing'],
      industries: ['agriculture'],
      stages: ['idea'],
      languages: ['en', 'fr'],
      country: 'FR',
    });
    await mentor(acme, 'F2', {
      name: 'Felix Tax',
      headline: 'Orchard business mentor',
      expertiseTop: ['finance.tax'],
      industries: ['retail'],
      stages: ['revenue'],
      country: 'MX',
    });
    await mentor(acme, 'F3', {
      name: 'Marta Brand',
      headline: 'Orchard business mentor',
      expertiseTop: ['marketing.branding'],
      industries: ['agriculture'],
      stages: ['revenue'],
      languages: ['es'],
      country: 'ES',
    });
    await mentor(acme, 'F4', {
      name: 'Paula Paused',
      headline: 'Orchard business mentor',
      expertiseTop: ['finance.pricing'],
      industries: ['retail'],
      country: 'CO',
      pausedUntil: inDays(30),
    });
    await mentor(acme, 'F5', {
      name: 'Frank Full',
      headline: 'Orchard business mentor',
      expertiseTop: ['finance.financial_planning'],
      country: 'CO',
      capacity: 1,
    });
    await t.db.ownerQuery(`UPDATE mentor_profiles SET active_count = capacity WHERE user_id = $1`, [
      ids.F5,
    ]);

    // Sorting: the keyword is in the poor fit's headline but only in the best fit's bio.
    await mentor(acme, 'S1', {
      name: 'Quentin Poorfit',
      headline: 'Quince jam maker',
      expertiseTop: ['legal.contracts'],
      languages: ['fr'],
    });
    await mentor(acme, 'S2', {
      name: 'Sofia Bestfit',
      headline: 'Mentor',
      bio: 'I grew quince trees and sold the fruit for twenty years.',
      expertiseTop: ['finance.pricing'],
      industries: ['agriculture'],
    });

    // Blocks, in both directions.
    for (const [key, name] of [
      ['W1', 'Walter Blocker'],
      ['W2', 'Wendy Open'],
      ['W3', 'Wanda Blocked'],
    ])
      await mentor(acme, key, {
        name,
        headline: 'Walnut grower',
        expertiseTop: ['finance.pricing'],
      });

    // Pagination.
    for (const [i, name] of HARBOUR.entries())
      await mentor(acme, `P${i + 1}`, { name, headline: 'Harbourside adviser' });

    // The viewers.
    await mentor(acme, 'MV', {
      name: 'Mina Viewer',
      headline: 'Looking for founders',
      expertiseTop: ['finance.pricing', 'marketing.branding'],
    });
    ids.E1 = await addEntrepreneur(t, acme, 'e1@acme.example', {
      name: 'Elena Farmer',
      businessName: 'Sunny Fields',
      needsTop: ['finance.pricing'],
      industry: 'agriculture',
    });
    ids.E2 = await addEntrepreneur(t, acme, 'e2@acme.example', {
      name: 'Eric Social',
      businessName: 'Corner Cafe',
      needsTop: ['marketing.social_media', 'legal.contracts'],
    });
    ids.E3 = await addEntrepreneur(t, acme, 'e3@acme.example', {
      name: 'Eva Exporter',
      businessName: 'Far Goods',
      needsTop: ['trade.export'],
    });
    ids.E4 = await addEntrepreneur(t, acme, 'e4@acme.example', {
      name: 'Enzo Noindustry',
      businessName: 'Enzo Repairs',
      needsTop: ['finance.pricing'],
    });
    await block(acme, ids.W1, ids.E1);
    await block(acme, ids.E1, ids.W3);

    // Globex: look-alikes that must never show on acme.
    await mentor(globex, 'G1', { name: 'Hana Globex', headline: 'Artisan bakery growth coach' });
    await mentor(globex, 'G2', { name: 'Carlos Globex', headline: 'Crédito rural' });
    await mentor(globex, 'G3', {
      name: 'Omar Globex',
      headline: 'Orchard business mentor',
      expertiseTop: ['finance.pricing'],
    });
    await mentor(globex, 'G4', {
      name: 'Harbour Globex',
      headline: 'Harbourside adviser',
      expertiseTop: ['finance.cash_flow'],
    });
    await addEntrepreneur(t, globex, 'e1@globex.example', {
      name: 'Ghada Globex',
      needsTop: ['finance.pricing'],
      locale: 'ar',
    });

    as.mentor = await loggedIn(t, 'acme.localhost', 'mv@acme.example');
    as.e1 = await loggedIn(t, 'acme.localhost', 'e1@acme.example');
    as.e4 = await loggedIn(t, 'acme.localhost', 'e4@acme.example');
    as.globex = await loggedIn(t, 'globex.localhost', 'e1@globex.example');
  });
  afterAll(() => t.close());

  it('sends anonymous visitors to log in', async () => {
    for (const path of ['/search', '/search?q=orchard', '/mentors']) {
      const res = await t.get('acme.localhost', path);
      expect({ path, status: res.status }).toEqual({ path, status: 303 });
      expect(res.headers.location).toMatch(/^\/login\?next=/);
    }
    expect((await t.get('acme.localhost', '/mentors')).headers.location).toBe(
      '/login?next=%2Fmentors',
    );
  });

  it('brings a visitor who logs in back to the very search they opened', async () => {
    const path = '/search?q=orchard&industry=agriculture';
    const res = await t.get('acme.localhost', path);
    expect(res.status).toBe(303);
    const next = new URL(res.headers.location, 'http://acme.localhost').searchParams.get('next');
    expect(next).toBe(path);
  });

  describe('keywords', () => {
    let looker: Visitor;
    beforeAll(async () => {
      looker = await newLooker();
    });

    it('finds a mentor by a word of the headline', async () => {
      const res = await search(looker, 'q=bakery');
      expect(names(res.text)).toEqual(['Hannah Headline']);
      expect(res.text).toContain('1 result');
      expect(res.text).toContain('value="bakery"');
    });

    it('finds a mentor by a word of the bio', async () => {
      expect(names((await search(looker, 'q=beekeepers')).text)).toEqual(['Bruno Bio']);
    });

    it('finds a mentor by the label of an expertise in another language of the programme', async () => {
      // finance.cash_flow is "Trésorerie" in French, which acme also offers.
      for (const q of ['Tr%C3%A9sorerie', 'tresorerie', 'cash%20flow'])
        expect({ q, names: names((await search(looker, `q=${q}`)).text) }).toEqual({
          q,
          names: ['Theo Lambert'],
        });
    });

    it('ignores accents and case', async () => {
      for (const q of ['credito', 'CR%C3%89DITO', 'Cr%C3%A9dito'])
        expect({ q, names: names((await search(looker, `q=${q}`)).text) }).toEqual({
          q,
          names: ['Carla Ruiz'],
        });
    });

    it('never shows another programme’s mentors, whatever the words', async () => {
      for (const q of ['bakery', 'credito', 'orchard', 'harbourside', 'tresorerie', 'globex']) {
        const found = names((await search(looker, `q=${q}`)).text);
        expect({ q, leaked: found.filter((n) => n.includes('Globex')) }).toEqual({ q, leaked: [] });
      }
      const theirs = await search(as.globex, 'q=bakery');
      expect(theirs.text).toContain('<html lang="ar" dir="rtl">');
      expect(names(theirs.text)).toEqual(['Hana Globex']);
      expect(sorted(names((await search(as.globex, 'q=orchard')).text))).toEqual(['Omar Globex']);
    });

    it('understands "or", a minus and a quoted phrase', async () => {
      const found = async (q: string) =>
        sorted(names((await search(looker, `q=${encodeURIComponent(q)}`)).text));
      expect(await found('bakery or beekeepers')).toEqual(['Bruno Bio', 'Hannah Headline']);
      expect(await found('beekeepers -hills')).toEqual([]);
      expect(await found('beekeepers -bakery')).toEqual(['Bruno Bio']);
      expect(await found('"artisan bakery"')).toEqual(['Hannah Headline']);
      expect(await found('"bakery artisan"')).toEqual([]);
      expect(await found('artisan bakery')).toEqual(['Hannah Headline']);
      expect(await found('artisan beekeepers')).toEqual([]);
    });

    it('finds an edited profile by its new words at once, and no longer by the old ones', async () => {
      const name = 'Walter Weaver';
      const id = await addMentor(t, acme, 'k5@acme.example', {
        name,
        headline: 'Handloom weaving cooperative mentor',
      });
      expect(names((await search(looker, 'q=handloom')).text)).toEqual([name]);
      await saveMentorProfile(t, acme, id, name, { headline: 'Pottery kiln mentor' });
      expect(names((await search(looker, 'q=handloom')).text)).toEqual([]);
      expect(names((await search(looker, 'q=kiln')).text)).toEqual([name]);
      expect(names((await search(as.globex, 'q=kiln')).text)).toEqual([]);
    });

    it('finds Arabic words with or without their article, in labels and in typed text', async () => {
      await addMentor(t, globex, 'g5@globex.example', {
        name: 'Salma Globex',
        headline: 'خبيرة في التسويق للمتاجر',
      });
      const found = async (q: string) =>
        names((await search(as.globex, `q=${encodeURIComponent(q)}`)).text);
      // finance.cash_flow is "السيولة النقدية" in Arabic.
      for (const q of ['السيولة', 'سيولة', 'بالسيولة', 'سيولة نقدية'])
        expect({ q, names: await found(q) }).toEqual({ q, names: ['Harbour Globex'] });
      for (const q of ['تسويق', 'التسويق', 'متاجر'])
        expect({ q, names: await found(q) }).toEqual({ q, names: ['Salma Globex'] });
    });

    it('shows nothing but a friendly line when nothing matches', async () => {
      const res = await search(looker, 'q=zeppelin');
      expect(cards(res.text)).toEqual([]);
      expect(res.text).toContain('No results. Try fewer filters or other words.');
      expect(res.text).not.toContain('rel="next"');
    });
  });

  describe('filters', () => {
    let looker: Visitor;
    beforeAll(async () => {
      looker = await newLooker();
    });

    const orchard = async (filters: string, viewer = looker) =>
      sorted(names((await search(viewer, `q=orchard&${filters}`)).text));

    it('finds the whole group by its keyword', async () => {
      expect(await orchard('')).toEqual(sorted(ORCHARD));
    });

    it('filters by expertise: an area includes its sub-areas', async () => {
      expect(await orchard('expertise=finance')).toEqual(
        sorted(['Fiona Pricing', 'Felix Tax', 'Paula Paused', 'Frank Full']),
      );
      expect(await orchard('expertise=finance.pricing')).toEqual(
        sorted(['Fiona Pricing', 'Paula Paused']),
      );
      expect(await orchard('expertise=marketing')).toEqual(['Marta Brand']);
      // Without a keyword as well.
      const all = names((await search(looker, 'expertise=finance.cash_flow')).text);
      expect(all).toEqual(['Theo Lambert']);
    });

    it('filters by industry, stage, language and country', async () => {
      expect(await orchard('industry=agriculture')).toEqual(
        sorted(['Fiona Pricing', 'Marta Brand']),
      );
      expect(await orchard('stage=revenue')).toEqual(sorted(['Felix Tax', 'Marta Brand']));
      expect(await orchard('language=fr')).toEqual(['Fiona Pricing']);
      expect(await orchard('language=es')).toEqual(['Marta Brand']);
      expect(await orchard('country=MX')).toEqual(['Felix Tax']);
      expect(await orchard('country=CO')).toEqual(sorted(['Paula Paused', 'Frank Full']));
    });

    it('keeps the chosen filters selected in the form', async () => {
      const res = await search(looker, 'q=orchard&industry=agriculture&available=on&country=FR');
      expect(res.text).toContain('<option value="agriculture" selected>');
      expect(res.text).toContain('<option value="FR" selected>');
      expect(res.text).toContain('id="available" name="available" value="on" checked');
    });

    it('hides mentors on a break or without room when asked for available ones only', async () => {
      expect(await orchard('available=on')).toEqual(
        sorted(['Fiona Pricing', 'Felix Tax', 'Marta Brand']),
      );
      expect(await orchard('available=on', as.e1)).toEqual(
        sorted(['Fiona Pricing', 'Felix Tax', 'Marta Brand']),
      );
      expect(await orchard('available=on&country=CO')).toEqual([]);
    });

    it('counts a mentor as available again as soon as a place frees up', async () => {
      const name = 'Gina Glassblower';
      const id = await addMentor(t, acme, 'f9@acme.example', {
        name,
        headline: 'Glassblowing studio mentor',
        capacity: 1,
      });
      const load = (n: number) =>
        runInTenant(t.db.database, acme.id, (em) =>
          em.query(`UPDATE mentor_profiles SET active_count = $2 WHERE user_id = $1`, [id, n]),
        );
      await load(1);
      expect(names((await search(looker, 'q=glassblowing&available=on')).text)).toEqual([]);
      expect(names((await search(looker, 'q=glassblowing')).text)).toEqual([name]);
      await load(0);
      expect(names((await search(looker, 'q=glassblowing&available=on')).text)).toEqual([name]);
    });

    it('combines a keyword with several filters', async () => {
      expect(await orchard('expertise=finance&industry=agriculture')).toEqual(['Fiona Pricing']);
      expect(await orchard('expertise=finance&industry=agriculture&stage=revenue')).toEqual([]);
      expect(await orchard('industry=retail&available=on')).toEqual(['Felix Tax']);
      expect(names((await search(looker, 'q=beekeepers&industry=agriculture')).text)).toEqual([]);
    });

    const card = async (viewer: Visitor, name: string) =>
      cards((await search(viewer, 'q=orchard')).text).find((c) => c.name === name)!.html;

    it('says on the card who is full and who has room', async () => {
      for (const viewer of [looker, as.e4]) {
        expect(await card(viewer, 'Frank Full')).toContain('Not taking anyone new at the moment');
        expect(await card(viewer, 'Fiona Pricing')).toContain('Has room for 2 more');
      }
    });

    it('says in words on the card that a mentor is on a break', async () => {
      const paused = await card(looker, 'Paula Paused');
      expect(paused).not.toContain('Has room for');
      expect(paused).not.toMatch(/profile\.[a-zA-Z]+/);
    });

    it('does not show an entrepreneur a mentor on a break as having room', async () => {
      const paused = await card(as.e4, 'Paula Paused');
      expect(paused).not.toContain('Has room for');
    });
  });

  describe('pages of results', () => {
    let looker: Visitor;
    beforeAll(async () => {
      looker = await newLooker();
    });

    it('shows 20 results a page with a link to the next', async () => {
      const first = await search(looker, 'q=harbourside');
      expect(first.text).toContain('25 results');
      const one = names(first.text);
      expect(one).toHaveLength(20);
      expect(first.text).toContain('Page 1 of 2');
      expect(first.text).toContain(
        '<a rel="next" href="/search?q&#x3D;harbourside&amp;page&#x3D;2">',
      );
      expect(first.text).not.toContain('rel="prev"');

      const second = await search(looker, 'q=harbourside&page=2');
      const two = names(second.text);
      expect(two).toHaveLength(5);
      expect(second.text).toContain('Page 2 of 2');
      expect(second.text).toContain('<a rel="prev" href="/search?q&#x3D;harbourside">');
      expect(second.text).not.toContain('rel="next"');
      expect(sorted([...one, ...two])).toEqual(sorted(HARBOUR));
    });

    it('keeps the filters in the page links', async () => {
      const res = await search(as.e1, 'q=harbourside&available=on&sort=match');
      expect(decode(res.text)).toContain(
        '<a rel="next" href="/search?q=harbourside&available=on&sort=match&page=2">',
      );
    });

    it('treats a page number that is not one, or out of range, as the first page', async () => {
      const first = sorted(names((await search(looker, 'q=harbourside')).text));
      for (const page of ['abc', '9999', '0', '-1', '1.5', '1e3', ''])
        expect({
          page,
          names: sorted(names((await search(looker, `q=harbourside&page=${page}`)).text)),
        }).toEqual({
          page,
          names: first,
        });
      // Past the last page but within the cap: an empty page, not an error.
      const beyond = await search(looker, 'q=harbourside&page=3');
      expect(cards(beyond.text)).toEqual([]);
    });
  });

  describe('an entrepreneur searching', () => {
    it('sees how well each mentor fits, and a mentor does not', async () => {
      const mine = cards((await search(as.e1, 'q=orchard')).text);
      expect(mine).toHaveLength(ORCHARD.length);
      for (const c of mine) expect(c.html).toMatch(/<strong>\d{1,3}% match<\/strong>/);
      const fiona = mine.find((c) => c.name === 'Fiona Pricing')!;
      expect(fiona.html).toContain('Covers 1 of your 1 top needs: Pricing');
      expect(fiona.html).toContain('Knows Agriculture');

      const theirs = cards((await search(as.mentor, 'q=orchard')).text);
      expect(theirs).toHaveLength(ORCHARD.length);
      for (const c of theirs) expect(c.html).not.toContain('% match');
    });

    it('sorts by keyword relevance, or by fit when asked', async () => {
      const relevance = await search(as.e1, 'q=quince');
      expect(names(relevance.text)).toEqual(['Quentin Poorfit', 'Sofia Bestfit']);
      const byFit = await search(as.e1, 'q=quince&sort=match');
      expect(names(byFit.text)).toEqual(['Sofia Bestfit', 'Quentin Poorfit']);
      expect(byFit.text).toContain('id="sort-match" name="sort" value="match" checked');
      const percent = (c: Card) => Number(/(\d+)% match/.exec(c.html)![1]);
      const [best, poor] = cards(byFit.text);
      expect(percent(best)).toBeGreaterThan(percent(poor));

      const orchard = cards((await search(as.e1, 'q=orchard&sort=match')).text);
      expect(orchard[0].name).toBe('Fiona Pricing');
      const scores = orchard.map(percent);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('is given mentor search when asking for entrepreneurs', async () => {
      const res = await search(as.e1, 'for=entrepreneurs&q=orchard');
      expect(res.text).toContain('<h1>Search mentors</h1>');
      expect(sorted(names(res.text))).toEqual(sorted(ORCHARD));
      expect(res.text).not.toContain('of their needs');
      expect(res.text).not.toContain('name="for"');
    });
  });

  describe('a mentor looking for entrepreneurs', () => {
    const fit = (c: Card) =>
      Number(/Your expertise covers (\d+)% of their needs/.exec(c.html)?.[1]);

    it('lists entrepreneurs with how much of their needs the mentor covers', async () => {
      const res = await search(as.mentor, 'for=entrepreneurs&sort=match');
      expect(res.text).toContain('<h1>Find entrepreneurs you can help</h1>');
      expect(res.text).toContain('<input type="hidden" name="for" value="entrepreneurs">');
      const list = cards(res.text);
      const byName = Object.fromEntries(list.map((c) => [c.name, c]));
      expect(fit(byName['Elena Farmer'])).toBe(100);
      expect(fit(byName['Enzo Noindustry'])).toBe(100);
      // Social media is in marketing, an area the mentor knows: half of one of two top needs.
      expect(fit(byName['Eric Social'])).toBe(25);
      expect(byName['Elena Farmer'].html).toContain('Sunny Fields');
      expect(byName['Elena Farmer'].html).toContain('Pricing');
      // Best fit first.
      const fits = list.map(fit);
      expect(fits).toEqual([...fits].sort((a, b) => b - a));
      expect(list.map((c) => c.name)).not.toContain('Ghada Globex');
      expect(res.text).not.toContain('% match');
    });

    it('does not list entrepreneurs whose needs the mentor’s expertise does not cover', async () => {
      const listed = names((await search(as.mentor, 'for=entrepreneurs')).text);
      expect(listed).toContain('Elena Farmer');
      expect(listed).not.toContain('Eva Exporter');
    });

    it('filters entrepreneurs by need and keyword', async () => {
      expect(
        sorted(names((await search(as.mentor, 'for=entrepreneurs&expertise=finance')).text)),
      ).toEqual(sorted(['Elena Farmer', 'Enzo Noindustry']));
      expect(names((await search(as.mentor, 'for=entrepreneurs&q=sunny')).text)).toEqual([
        'Elena Farmer',
      ]);
      expect(
        names((await search(as.mentor, 'for=entrepreneurs&industry=agriculture')).text),
      ).toEqual(['Elena Farmer']);
    });
  });

  describe('blocks', () => {
    let looker: Visitor;
    beforeAll(async () => {
      looker = await newLooker();
    });

    it('hides a mentor who blocked the viewer, and one the viewer blocked', async () => {
      expect(names((await search(as.e1, 'q=walnut')).text)).toEqual(['Wendy Open']);
      expect(sorted(names((await search(as.e4, 'q=walnut')).text))).toEqual(
        sorted(['Walter Blocker', 'Wendy Open', 'Wanda Blocked']),
      );
      expect(sorted(names((await search(looker, 'q=walnut')).text))).toEqual(
        sorted(['Walter Blocker', 'Wendy Open', 'Wanda Blocked']),
      );
    });

    it('hides the blocked entrepreneur from the blocking mentor’s search for entrepreneurs', async () => {
      const walter = await loggedIn(t, 'acme.localhost', 'w1@acme.example');
      const listed = names(
        (await search(walter, 'for=entrepreneurs&expertise=finance.pricing')).text,
      );
      expect(listed).toContain('Enzo Noindustry');
      expect(listed).not.toContain('Elena Farmer');
    });
  });

  describe('odd input', () => {
    let looker: Visitor;
    beforeAll(async () => {
      looker = await newLooker();
    });

    it('answers every odd query with a page, never an error', async () => {
      const queries = [
        `q=${'orchard '.repeat(800)}`,
        `q=${'x'.repeat(5000)}`,
        `q=${encodeURIComponent("' OR 1=1 --")}`,
        `q=${encodeURIComponent('&|!')}`,
        `q=${encodeURIComponent('orchard:* & !(')}`,
        `q=${encodeURIComponent('"unclosed')}`,
        `q=${encodeURIComponent('-')}`,
        `q=${encodeURIComponent('\\')}`,
        `q=${encodeURIComponent("'; DROP TABLE mentor_profiles; --")}`,
        'q=a&q=b',
        'q[$ne]=1',
        'expertise=nonsense&industry=xyz&stage=%3Cscript%3E&language=zz&country=XX',
        'expertise=finance%27%20OR%201%3D1&sort=bogus&available=yes&for=everyone',
      ];
      for (const v of [looker, as.e4])
        for (const q of queries) {
          const res = await v.get(`/search?${q}`);
          expect({ q: q.slice(0, 60), status: res.status }).toEqual({
            q: q.slice(0, 60),
            status: 200,
          });
          expect(res.text).toContain('id="results-title"');
        }
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM mentor_profiles`,
      );
      expect(n).toBeGreaterThan(40);
    });

    it('ignores unknown filter codes rather than finding nothing', async () => {
      const res = await search(
        looker,
        'q=orchard&expertise=nonsense&industry=xyz&language=zz&country=XX',
      );
      expect(sorted(names(res.text))).toEqual(sorted(ORCHARD));
    });

    it('keeps a long keyword to 100 characters and shows what is typed escaped', async () => {
      const long = await search(looker, `q=${'orchard'.padEnd(300, 'z')}`);
      expect(long.text).toContain(`value="${'orchard'.padEnd(100, 'z')}"`);
      const sneaky = await search(looker, `q=${encodeURIComponent('"><script>alert(1)</script>')}`);
      expect(sneaky.text).not.toContain('<script>alert(1)</script>');
      expect(sneaky.text).toContain('&quot;&gt;&lt;script&gt;');
    });
  });

  it('slows down one member who searches without pause, and only them', async () => {
    const busy = await newLooker();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await busy.get(`/search?q=orchard&n=${i}`)).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    const calm = await newLooker();
    expect(sorted(names((await search(calm, 'q=orchard')).text))).toEqual(sorted(ORCHARD));
  });

  describe('recommendations', () => {
    it('ranks mentors for an entrepreneur, with the reasons', async () => {
      const res = await as.e1.get('/mentors', 200);
      expect(res.text).toContain('<h1>Your recommended mentors</h1>');
      const list = cards(res.text);
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(20);
      // Covering the top need and the industry puts them first.
      expect(['Fiona Pricing', 'Sofia Bestfit']).toContain(list[0].name);
      const fiona = list.find((c) => c.name === 'Fiona Pricing')!;
      expect(fiona.html).toContain('Covers 1 of your 1 top needs: Pricing');
      expect(fiona.html).toContain('Knows Agriculture');
      expect(fiona.html).toMatch(/\d+% match/);
      const listed = list.map((c) => c.name);
      // Not recommended: on a break, full, no shared language, blocked either way.
      for (const name of [
        'Paula Paused',
        'Frank Full',
        'Quentin Poorfit',
        'Marta Brand',
        'Walter Blocker',
        'Wanda Blocked',
      ])
        expect({ name, listed: listed.includes(name) }).toEqual({ name, listed: false });
      expect(listed.filter((n) => n.includes('Globex'))).toEqual([]);
      // The profile has an industry, so no hint asks for it.
      expect(res.text).not.toContain('Add your industry');
      expect(res.text).toContain('Add your business stage');
    });

    it('hints at what the profile lacks', async () => {
      const res = await as.e4.get('/mentors', 200);
      expect(res.text).toContain('Get better matches');
      expect(res.text).toContain('Add your industry to see mentors who know it.');
      expect(res.text).not.toContain('Add your top needs');
      expect(res.text).toContain('href="/profile/edit?as=entrepreneur"');
    });

    it('is for entrepreneurs only', async () => {
      expect((await as.mentor.get('/mentors')).status).toBe(404);
    });
  });
});

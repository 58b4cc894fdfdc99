import { DEFAULT_QUESTIONNAIRE } from '../../src/assessment/default-questionnaire';
import { tenantConfigSchema } from '../../src/tenancy/config/tenant-config.schema';
import { addEntrepreneur, addMentor, loggedIn, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';
import { Visitor } from '../support/visitor';

const RANDOM_UUID = '6f1c1d1e-8a53-4a43-9b0e-2f5c4b1b7a10';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const QUESTIONS = DEFAULT_QUESTIONNAIRE.areas.flatMap((a) => a.questions);
const AREAS = DEFAULT_QUESTIONNAIRE.areas;

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

const count = (html: string, re: RegExp) => [...html.matchAll(re)].length;
const radios = (html: string) => count(html, /<input type="radio"/g);
const checkedIn = (html: string) =>
  [
    ...html.matchAll(
      /<input type="radio" id="q-([a-z0-9_]+)-(\d)" name="q_\1" value="\2" checked>/g,
    ),
  ]
    .map((m) => [m[1], Number(m[2])] as const)
    .sort(([a], [b]) => a.localeCompare(b));

/**
 * Every default question answered `base`, with the given ones overridden, as
 * the form posts them; `skip` leaves questions out.
 */
function answers(
  overrides: Record<string, number> = {},
  { base = 5, skip = [] as string[], questions = QUESTIONS as { id: string }[] } = {},
): [string, string][] {
  return questions
    .filter((q) => !skip.includes(q.id))
    .map((q) => [`q_${q.id}`, String(overrides[q.id] ?? base)]);
}

/** A tenant questionnaire: 3 areas × 3 questions, labelled in `langs`. */
function ownQuestionnaire(langs: string[] = ['en', 'fr']) {
  const labels = (text: string) => Object.fromEntries(langs.map((l) => [l, `${text} [${l}]`]));
  const area = (code: string, needs: string[]) => ({
    area: code,
    weakness: labels(`Orchard weakness of ${code}`),
    questions: needs.map((need, i) => ({
      id: `own_${code}_${i + 1}`,
      need,
      text: labels(`Orchard question ${i + 1} about ${code}`),
    })),
  });
  return {
    scale: ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'].map(labels),
    areas: [
      area('finance', ['finance.pricing', 'finance.tax', 'finance.cash_flow']),
      area('trade', ['trade.export', 'trade.import', 'trade.trade_rules']),
      area('sustainability', [
        'sustainability.environment',
        'sustainability.social_impact',
        'sustainability.circular_economy',
      ]),
    ],
  };
}

describe('the business self-assessment', () => {
  let t: TestApp;
  let people = 0;

  /** A fresh active entrepreneur with a business profile, signed in on `slug`. */
  async function entrepreneur(
    slug = 'acme',
    profile: Parameters<typeof addEntrepreneur>[3] = {},
  ): Promise<{ v: Visitor; id: string; email: string }> {
    const email = `founder${++people}@${slug}.example`;
    const tenant = await tenantInfo(t, slug);
    const id = await addEntrepreneur(t, tenant, email, {
      businessName: 'Corner Bakery',
      ...profile,
    });
    return { v: await loggedIn(t, `${slug}.localhost`, email), id, email };
  }

  /** Opens the questionnaire (for the CSRF token) and posts answers with an action. */
  async function post(v: Visitor, fields: [string, string][], action: 'save' | 'finish') {
    await v.get('/assessment/take', 200);
    return v.postForm('/assessment/take', [...fields, ['action', action]]);
  }

  /** Completes the assessment and returns the result id. */
  async function complete(v: Visitor, fields: [string, string][]): Promise<string> {
    const res = await post(v, fields, 'finish');
    expect(res.status).toBe(303);
    const id = /^\/assessment\/results\/(.+)$/.exec(res.headers.location)?.[1];
    expect(id).toMatch(UUID);
    return id!;
  }

  async function rows(userId: string) {
    return t.db.ownerQuery<{
      id: string;
      status: string;
      answers: Record<string, number>;
      proposed_needs: string[];
    }>(
      `SELECT id, status, answers, proposed_needs FROM assessments WHERE user_id = $1
        ORDER BY started_at, completed_at`,
      [userId],
    );
  }

  async function needsOf(userId: string) {
    const [row] = await t.db.ownerQuery<{ needs_top: string[]; needs_more: string[] }>(
      `SELECT needs_top, needs_more FROM entrepreneur_profiles WHERE user_id = $1`,
      [userId],
    );
    return row;
  }

  const stripIds = (body: string) => body.replace(new RegExp(UUID.source, 'g'), 'ID');

  beforeAll(async () => {
    t = await startTestApp({
      tenants: [
        ...twoTenants(),
        tenantBundle('noassess', { programme: { features: { selfAssessment: false } } }),
        tenantBundle('ownq', { programme: { assessment: ownQuestionnaire() } }),
      ],
    });
    await addMentor(t, await tenantInfo(t, 'acme'), 'mentor@acme.example', {
      headline: 'Pricing mentor',
    });
  });
  afterAll(() => t.close());

  describe('who may take it', () => {
    it('sends anonymous visitors to log in and brings them back', async () => {
      for (const path of [
        '/assessment',
        '/assessment/take',
        `/assessment/results/${RANDOM_UUID}`,
      ]) {
        const res = await t.get('acme.localhost', path);
        expect({ path, status: res.status }).toEqual({ path, status: 303 });
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
    });

    it('answers a member who is only a mentor like a missing page', async () => {
      const v = await loggedIn(t, 'acme.localhost', 'mentor@acme.example');
      const missing = await v.get('/no-such-page', 404);
      for (const path of ['/assessment', '/assessment/take']) {
        const res = await v.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(stripIds(res.text.replaceAll(path, 'PATH'))).toBe(
          stripIds(missing.text.replaceAll('/no-such-page', 'PATH')),
        );
      }
      const res = await v.postForm('/assessment/take', [...answers(), ['action', 'finish']]);
      expect(res.status).toBe(404);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM assessments a JOIN users u ON u.id = a.user_id
          WHERE u.email = 'mentor@acme.example'`,
      );
      expect(n).toBe(0);
    });

    it('does not exist where the programme turned it off', async () => {
      const { v, id } = await entrepreneur('noassess');
      for (const path of ['/assessment', '/assessment/take', `/assessment/results/${RANDOM_UUID}`])
        expect({ path, status: (await v.get(path)).status }).toEqual({ path, status: 404 });
      await v.get('/profile', 200);
      const res = await v.postForm('/assessment/take', [...answers(), ['action', 'finish']]);
      expect(res.status).toBe(404);
      expect(await rows(id)).toHaveLength(0);
    });

    it('is not offered by link where the programme turned it off', async () => {
      const { v } = await entrepreneur('noassess');
      const mentors = await v.get('/mentors', 200);
      expect(mentors.text).not.toContain('href="/assessment"');
      const profile = await v.get('/profile', 200);
      expect(profile.text).not.toContain('href="/assessment"');
    });
  });

  describe('the questionnaire', () => {
    it('asks every default question on a 5-point scale with a label for each answer, in English', async () => {
      const { v } = await entrepreneur();
      const overview = await v.get('/assessment', 200);
      expect(overview.text).toContain(
        `${QUESTIONS.length} short questions across ${AREAS.length} areas of your business.`,
      );
      expect(overview.text).toContain('Start the self-assessment');

      const page = await v.get('/assessment/take', 200);
      const text = decode(page.text);
      expect(page.text).toContain('<html lang="en" dir="ltr">');
      expect(radios(page.text)).toBe(QUESTIONS.length * 5);
      for (const q of QUESTIONS) {
        expect(text).toContain(`<legend>${q.text.en}</legend>`);
        for (const [i, anchor] of DEFAULT_QUESTIONNAIRE.scale.entries()) {
          const id = `q-${q.id}-${i + 1}`;
          expect(page.text).toContain(
            `<input type="radio" id="${id}" name="q_${q.id}" value="${i + 1}">`,
          );
          expect(text).toContain(`<label for="${id}">${anchor.en}</label>`);
        }
      }
      expect(count(page.text, /<section class="assessment-area">/g)).toBe(AREAS.length);
      expect(page.text).toContain('<h2>Finance and accounting</h2>');
      expect(page.text).toContain('name="action" value="finish"');
      expect(page.text).toContain('name="action" value="save"');
      expect(checkedIn(page.text)).toEqual([]);
    });

    it('asks the same questions in Arabic, right to left, on an Arabic programme', async () => {
      const { v } = await entrepreneur('globex', { locale: 'ar' });
      const page = await v.get('/assessment/take', 200);
      const text = decode(page.text);
      expect(page.text).toContain('<html lang="ar" dir="rtl">');
      expect(radios(page.text)).toBe(QUESTIONS.length * 5);
      for (const q of QUESTIONS) {
        expect(text).toContain(`<legend>${q.text.ar}</legend>`);
        expect(text).not.toContain(q.text.en);
      }
      for (const anchor of DEFAULT_QUESTIONNAIRE.scale)
        expect(text).toContain(`>${anchor.ar}</label>`);
      expect(page.text).toContain('<h2>المالية والمحاسبة</h2>');
    });
  });

  describe('saving and resuming', () => {
    it('saves some answers, says how many are done, and shows them again to resume', async () => {
      const { v, id } = await entrepreneur();
      const first = await post(
        v,
        [
          ['q_fin_records', '2'],
          ['q_fin_costs', '4'],
        ],
        'save',
      );
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/assessment');
      const overview = await v.get('/assessment', 200);
      expect(overview.text).toContain('Your answers are saved. Continue whenever you like.');
      expect(overview.text).toContain(
        `You have answered 2 of ${QUESTIONS.length} questions so far.`,
      );
      expect(overview.text).toContain('Continue where you left off');
      // The notice is shown once.
      expect((await v.get('/assessment', 200)).text).not.toContain('Your answers are saved.');

      // Saving again adds to the draft and may change an answer; off-scale or unknown answers are dropped.
      const second = await post(
        v,
        [
          ['q_fin_costs', '3'],
          ['q_mkt_social', '5'],
          ['q_fin_savings', '7'],
          ['q_ops_stock', '2.5'],
          ['q_no_such_question', '3'],
        ],
        'save',
      );
      expect(second.status).toBe(303);
      expect((await v.get('/assessment', 200)).text).toContain(
        `You have answered 3 of ${QUESTIONS.length} questions so far.`,
      );
      const page = await v.get('/assessment/take', 200);
      expect(checkedIn(page.text)).toEqual([
        ['fin_costs', 3],
        ['fin_records', 2],
        ['mkt_social', 5],
      ]);
      const [draft] = await rows(id);
      expect(draft.status).toBe('draft');
      expect(draft.answers).toEqual({ fin_records: 2, fin_costs: 3, mkt_social: 5 });
    });

    it('refuses to finish with questions unanswered, marks them, and keeps the answers given', async () => {
      const { v, id } = await entrepreneur();
      const skip = ['mkt_feedback', 'ops_quality', 'fun_use'];
      const res = await post(v, answers({ fin_records: 2 }, { base: 4, skip }), 'finish');
      expect(res.status).toBe(422);
      const text = decode(res.text);
      expect(res.text).toContain('class="error-summary" role="alert"');
      expect(text).toContain('Some questions have no answer yet.');
      expect(res.text).toContain('<a href="#q-mkt_feedback-1">');
      expect(count(res.text, /<fieldset class="question has-error"/g)).toBe(skip.length);
      for (const q of skip) {
        expect(res.text).toContain(
          `<fieldset class="question has-error" aria-describedby="q-${q}-error">`,
        );
        expect(res.text).toContain(`<p class="field-error" id="q-${q}-error">`);
      }
      expect(count(res.text, /Choose an answer for this question\./g)).toBe(skip.length);
      // What was answered is still selected, on the page and in the saved draft.
      expect(checkedIn(res.text)).toHaveLength(QUESTIONS.length - skip.length);
      expect(res.text).toContain('id="q-fin_records-2" name="q_fin_records" value="2" checked>');
      const [draft] = await rows(id);
      expect(draft.status).toBe('draft');
      expect(Object.keys(draft.answers)).toHaveLength(QUESTIONS.length - skip.length);
      expect(draft.answers.fin_records).toBe(2);
      expect((await v.get('/assessment', 200)).text).toContain(
        `You have answered ${QUESTIONS.length - skip.length} of ${QUESTIONS.length} questions`,
      );

      // Answering only the missing ones completes it with everything given before.
      const done = await complete(
        v,
        skip.map((q) => [`q_${q}`, '4']),
      );
      const [result] = await rows(id);
      expect(result).toMatchObject({ id: done, status: 'completed' });
      expect(Object.keys(result.answers)).toHaveLength(QUESTIONS.length);
    });
  });

  describe('results', () => {
    // Finance averages 2 (score 25) and marketing 2.5 (38); everything else is perfect.
    const low = {
      fin_records: 1,
      fin_costs: 2,
      fin_separate: 2,
      fin_savings: 3,
      mkt_customers: 3,
      mkt_different: 1,
      mkt_social: 3,
      mkt_feedback: 3,
    };

    it('charts every area, explains the weak ones, and proposes needs from their lowest answers', async () => {
      const { v } = await entrepreneur();
      const id = await complete(v, answers(low));
      const page = await v.get(`/assessment/results/${id}`, 200);
      const text = decode(page.text);
      expect(page.text).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="chart-caption"/);
      expect(page.text).toContain('<figcaption id="chart-caption">Score per area');
      expect(count(page.text, /<rect [^>]*class="chart-bar(?: chart-bar-weak)?"/g)).toBe(
        AREAS.length,
      );
      expect(count(page.text, /class="chart-bar chart-bar-weak"/g)).toBe(2);
      // The table next to the chart has the same numbers.
      expect(page.text).toContain('<th scope="row">Finance and accounting</th><td>25</td>');
      expect(page.text).toContain('<th scope="row">Marketing</th><td>38</td>');
      expect(page.text).toContain('<th scope="row">Sales</th><td>100</td>');
      expect(page.text).not.toContain('>Change</th>');

      expect(text).toContain('Where a mentor could help most');
      const weak = AREAS.filter((a) => a.area === 'finance' || a.area === 'marketing');
      for (const a of weak) expect(text).toContain(a.weakness.en);
      for (const a of AREAS.filter((x) => !weak.includes(x)))
        expect(text).not.toContain(a.weakness.en);
      // Weakest first.
      expect(text.indexOf(weak[0].weakness.en)).toBeLessThan(text.indexOf(weak[1].weakness.en));

      const proposed = [
        ...page.text.matchAll(
          /<input type="checkbox" id="need-([a-z_.]+)" name="needs" value="\1"( checked)?>/g,
        ),
      ];
      expect(proposed.map((m) => m[1])).toEqual([
        'finance.bookkeeping',
        'marketing.branding',
        'finance.pricing',
        'finance.cash_flow',
      ]);
      expect(proposed.every((m) => m[2] === ' checked')).toBe(true);
      expect(page.text).toContain('<label for="need-finance.bookkeeping">Bookkeeping');
      expect(page.text).toContain('<label for="need-marketing.branding">Branding');
      expect(page.text).toContain(`action="/assessment/results/${id}/needs"`);

      const overview = await v.get('/assessment', 200);
      expect(overview.text).toContain(`href="/assessment/results/${id}"`);
      expect(overview.text).toContain('Take it again');
      expect(overview.text).toMatch(/average (\d+)\/100/);
    });

    it('draws the chart mirrored and explains the weak areas in Arabic on an Arabic programme', async () => {
      const { v } = await entrepreneur('globex', { locale: 'ar' });
      const id = await complete(v, answers(low));
      const page = await v.get(`/assessment/results/${id}`, 200);
      const text = decode(page.text);
      expect(page.text).toContain('<html lang="ar" dir="rtl">');
      expect(page.text).toMatch(/<svg [^>]*role="img"/);
      expect(count(page.text, /class="chart-label"/g)).toBe(AREAS.length);
      // Names start at the right edge (the SVG inherits dir="rtl", so `start` is the right).
      expect(count(page.text, /<text x="420" [^>]*text-anchor="start" class="chart-label"/g)).toBe(
        AREAS.length,
      );
      // Bars grow from the right edge: finance scores 25, a quarter of the 360 px bar.
      expect(page.text).toContain(
        '<rect x="326" y="22" width="90" height="16" rx="3" class="chart-bar chart-bar-weak"/>',
      );
      expect(text).toContain(AREAS[0].weakness.ar);
      expect(text).toContain(AREAS[1].weakness.ar);
      expect(text).not.toContain(AREAS[0].weakness.en);
    });

    it('says no area stands out when every answer is high', async () => {
      const { v } = await entrepreneur();
      const id = await complete(v, answers({}, { base: 4 }));
      const page = await v.get(`/assessment/results/${id}`, 200);
      expect(page.text).toContain('No area stands out as weak.');
      expect(page.text).not.toContain('name="needs"');
      expect(count(page.text, /class="chart-bar chart-bar-weak"/g)).toBe(0);
    });

    it('saves the needs kept, in the proposed order, as the profile’s top and further needs', async () => {
      const { v, id: userId } = await entrepreneur('acme', { needsTop: ['trade.export'] });
      // Three areas tie at 31: finance, marketing and sales, in the questionnaire's order.
      const id = await complete(
        v,
        answers({
          fin_records: 1,
          fin_costs: 2,
          fin_separate: 3,
          fin_savings: 3,
          mkt_customers: 2,
          mkt_different: 3,
          mkt_social: 1,
          mkt_feedback: 3,
          sal_new_customers: 3,
          sal_target: 1,
          sal_negotiate: 2,
          sal_partners: 3,
        }),
      );
      const [row] = (await rows(userId)).filter((r) => r.id === id);
      expect(row.proposed_needs).toEqual([
        'finance.bookkeeping',
        'marketing.social_media',
        'sales.sales_strategy',
        'finance.pricing',
        'marketing.market_research',
        'sales.negotiation',
      ]);
      const page = await v.get(`/assessment/results/${id}`, 200);
      expect(decode(page.text)).toContain(
        "Your profile's needs now: Exporting. Saving replaces them.",
      );

      // Untick social media; the order posted and a code never proposed change nothing.
      const res = await v.postForm(`/assessment/results/${id}/needs`, [
        ['needs', 'sales.negotiation'],
        ['needs', 'finance.pricing'],
        ['needs', 'legal.contracts'],
        ['needs', 'finance.bookkeeping'],
        ['needs', 'marketing.market_research'],
        ['needs', 'sales.sales_strategy'],
      ]);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/mentors');
      expect(await needsOf(userId)).toEqual({
        needs_top: ['finance.bookkeeping', 'sales.sales_strategy', 'finance.pricing'],
        needs_more: ['marketing.market_research', 'sales.negotiation'],
      });

      const mentors = await v.get('/mentors', 200);
      expect(mentors.text).toContain('Your needs are saved.');
      const profile = decode((await v.get('/profile', 200)).text);
      expect(profile).toContain(
        '<dt>Your top 3 needs</dt><dd>Bookkeeping, Sales strategy, Pricing</dd>',
      );
      expect(profile).toContain('<dt>Up to 3 more needs</dt><dd>Market research, Negotiation</dd>');
      expect(profile).not.toContain('Exporting');
    });

    it('clears the profile needs when every proposal is unticked', async () => {
      const { v, id: userId } = await entrepreneur('acme', { needsTop: ['trade.export'] });
      const id = await complete(v, answers(low));
      await v.get(`/assessment/results/${id}`, 200);
      const res = await v.postForm(`/assessment/results/${id}/needs`, []);
      expect(res.status).toBe(303);
      expect(await needsOf(userId)).toEqual({ needs_top: [], needs_more: [] });
    });
  });

  describe('history and privacy', () => {
    it('shows the change since the previous result and lists both in the history', async () => {
      const { v } = await entrepreneur();
      const first = await complete(v, answers({}, { base: 3 }));
      const firstPage = await v.get(`/assessment/results/${first}`, 200);
      expect(firstPage.text).not.toContain('>Change</th>');
      expect(count(firstPage.text, /class="chart-previous"/g)).toBe(0);

      const overview = await v.get('/assessment', 200);
      expect(overview.text).toContain('Take it again');
      expect(overview.text).not.toContain('You have answered');

      // Better everywhere: finance perfect (+50), the rest "mostly" (+25).
      const better = Object.fromEntries(
        AREAS.find((a) => a.area === 'finance')!.questions.map((q) => [q.id, 5]),
      );
      const second = await complete(v, answers(better, { base: 4 }));
      expect(second).not.toBe(first);
      const page = await v.get(`/assessment/results/${second}`, 200);
      expect(page.text).toContain('<th scope="col">Change</th>');
      expect(page.text).toContain(
        '<th scope="row">Finance and accounting</th><td>100</td><td dir="ltr">+50</td>',
      );
      expect(page.text).toContain(
        '<th scope="row">Marketing</th><td>75</td><td dir="ltr">+25</td>',
      );
      expect(count(page.text, /<td dir="ltr">\+25<\/td>/g)).toBe(AREAS.length - 1);
      expect(count(page.text, /class="chart-previous"/g)).toBe(AREAS.length);
      expect(page.text).toContain('The thin line shows your result of');
      // The first result still shows itself without comparison.
      expect((await v.get(`/assessment/results/${first}`, 200)).text).not.toContain('>Change</th>');

      const history = await v.get('/assessment', 200);
      const links = [
        ...history.text.matchAll(/<li><a href="\/assessment\/results\/([^"]+)">/g),
      ].map((m) => m[1]);
      expect(links).toEqual([second, first]);
      expect(history.text).toContain('average 50/100');
      expect(history.text).toMatch(/average 78\/100/);
    });

    it('answers someone else’s result, in this or another programme, like a missing one', async () => {
      const owner = await entrepreneur();
      const id = await complete(owner.v, answers({ fin_records: 1, fin_costs: 1 }));
      const before = await needsOf(owner.id);

      const other = await entrepreneur();
      const theirs = await other.v.get(`/assessment/results/${id}`);
      const random = await other.v.get(`/assessment/results/${RANDOM_UUID}`);
      expect(theirs.status).toBe(404);
      expect(random.status).toBe(404);
      expect(stripIds(theirs.text)).toBe(stripIds(random.text));
      expect((await other.v.get('/assessment/results/not-a-uuid')).status).toBe(404);
      await other.v.get('/assessment', 200);
      const steal = await other.v.postForm(`/assessment/results/${id}/needs`, [
        ['needs', 'finance.bookkeeping'],
      ]);
      expect(steal.status).toBe(404);
      expect(await needsOf(other.id)).toEqual({ needs_top: [], needs_more: [] });
      expect(await needsOf(owner.id)).toEqual(before);

      const abroad = await entrepreneur('globex', { locale: 'ar' });
      const res = await abroad.v.get(`/assessment/results/${id}`);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('chart-bar');
      // The owner's own session does not carry over to the other programme's host.
      const crossHost = await owner.v.agent
        .get(`/assessment/results/${id}`)
        .set('Host', 'globex.localhost');
      expect(crossHost.status).not.toBe(200);
      expect(crossHost.text).not.toContain('chart-bar');
    });
  });

  describe('a programme’s own questionnaire', () => {
    it('replaces the default questions in every language of the programme', async () => {
      const own = ownQuestionnaire();
      const { v } = await entrepreneur('ownq');
      const overview = await v.get('/assessment', 200);
      expect(overview.text).toContain('9 short questions across 3 areas of your business.');
      const page = await v.get('/assessment/take', 200);
      const text = decode(page.text);
      expect(radios(page.text)).toBe(9 * 5);
      for (const q of own.areas.flatMap((a) => a.questions))
        expect(text).toContain(`<legend>${q.text.en}</legend>`);
      for (const q of QUESTIONS) expect(text).not.toContain(q.text.en);
      expect(text).toContain('>Never [en]</label>');
      expect(text).not.toContain(DEFAULT_QUESTIONNAIRE.scale[0].en);

      // In French, the programme's French texts.
      expect((await v.get('/assessment/take?lang=fr')).status).toBe(303);
      const fr = decode((await v.get('/assessment/take', 200)).text);
      expect(fr).toContain('<legend>Orchard question 1 about finance [fr]</legend>');
      expect(fr).not.toContain('[en]');
      expect((await v.get('/assessment/take?lang=en')).status).toBe(303);

      // Results use the programme's areas and explanations.
      const ownQuestions = own.areas.flatMap((a) => a.questions);
      const id = await complete(
        v,
        answers({ own_trade_1: 1, own_trade_2: 2, own_trade_3: 2 }, { questions: ownQuestions }),
      );
      const results = decode((await v.get(`/assessment/results/${id}`, 200)).text);
      expect(count(results, /<rect [^>]*class="chart-bar/g)).toBe(3);
      expect(results).toContain('Orchard weakness of trade [en]');
      expect(results).not.toContain('Orchard weakness of finance');
      expect(results).toContain('value="trade.export" checked');
    });

    it('refuses a questionnaire that lacks one of the programme’s languages', () => {
      const own = ownQuestionnaire();
      delete (own.areas[1].questions[2].text as Record<string, string>).fr;
      expect(() => tenantBundle('badq', { programme: { assessment: own } })).toThrow();
      const missingFr = tenantConfigSchema.safeParse({
        ...tenantBundle('goodq').config,
        slug: 'badq',
        programme: { assessment: own },
      });
      expect(missingFr.success).toBe(false);
      expect(missingFr.error!.issues).toEqual([
        expect.objectContaining({
          path: ['programme', 'assessment', 'areas', 1, 'questions', 2, 'text'],
          message: 'needs a "fr" text',
        }),
      ]);

      // A programme that adds Arabic needs Arabic texts everywhere.
      const result = tenantConfigSchema.safeParse({
        ...tenantBundle('goodq').config,
        slug: 'badq',
        locale: { default: 'ar', supported: ['ar', 'en', 'fr'] },
        programme: { assessment: ownQuestionnaire(['en', 'fr']) },
      });
      expect(result.success).toBe(false);
      const paths = result.error!.issues.map((i) => i.path.join('.'));
      expect(paths).toContain('programme.assessment.scale.0');
      expect(paths).toContain('programme.assessment.areas.0.weakness');
      expect(paths).toContain('programme.assessment.areas.2.questions.2.text');
      expect(result.error!.issues.every((i) => i.message === 'needs a "ar" text')).toBe(true);
    });
  });
});

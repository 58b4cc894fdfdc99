import { TenantTaxonomy, type TaxonomyRules } from '../profiles/taxonomy';
import { explain, type Explanation, type Phrase, type SeekerFacts } from './explain';
import type { MentorCard, MentorMatch } from './matching.repository';
import { DEFAULT_WEIGHTS, SCORED_COMPONENTS, type Component, type Weights } from './weights';

const NO_RULES: TaxonomyRules = { hidden: [], labels: {} };
const en = new TenantTaxonomy(NO_RULES, 'en');
const es = new TenantTaxonomy(NO_RULES, 'es');

function mentor(over: Partial<MentorCard> = {}): MentorCard {
  return {
    userId: 'm1',
    name: 'Amina',
    headline: 'Accountant',
    country: 'KE',
    languages: ['en', 'sw'],
    employer: null,
    expertiseTop: ['finance.pricing'],
    capacity: 2,
    activeCount: 2,
    isNew: false,
    paused: false,
    replyHours: null,
    lastActiveAt: null,
    ...over,
  };
}

const ZERO: Record<Component, number> = {
  needs: 0,
  industry: 0,
  stage: 0,
  language: 0,
  location: 0,
  style: 0,
  capacity: 0,
  responsiveness: 0,
  fairness: 0,
};

/** The weighted mean of the components, as the repository computes it. */
function scoreOf(components: Record<Component, number>, weights: Weights): number {
  const total = SCORED_COMPONENTS.reduce((s, k) => s + weights[k], 0);
  return SCORED_COMPONENTS.reduce((s, k) => s + weights[k] * components[k], 0) / total;
}

function match(
  over: Partial<Omit<MentorMatch, 'components'>> & {
    components?: Partial<Record<Component, number>>;
  } = {},
  weights: Weights = DEFAULT_WEIGHTS,
): MentorMatch {
  const components = { ...ZERO, language: 1, ...over.components };
  return {
    needsExact: [],
    needsArea: [],
    sharedLanguages: ['en'],
    tzDiffMin: null,
    score: scoreOf(components, weights),
    ...over,
    components,
  };
}

function seeker(over: Partial<SeekerFacts> = {}): SeekerFacts {
  return {
    needsTop: [],
    needsMore: [],
    industry: null,
    stage: null,
    country: null,
    preferredLanguage: 'en',
    ...over,
  };
}

const keys = (phrases: Phrase[]) => phrases.map((p) => p.key);
const find = (phrases: Phrase[], key: string) => phrases.filter((p) => p.key === key);

function run(
  m: Partial<MentorCard>,
  x: Parameters<typeof match>[0],
  s: Partial<SeekerFacts>,
  taxonomy = en,
  weights: Weights = DEFAULT_WEIGHTS,
): Explanation {
  return explain(mentor(m), match(x, weights), seeker(s), weights, taxonomy);
}

describe('explain: needs', () => {
  const needsTop = ['finance.pricing', 'finance.bookkeeping', 'marketing.branding'];

  it('names the top needs covered, as "count of total", in the seeker’s order', () => {
    const e = run({}, { needsExact: ['finance.bookkeeping', 'finance.pricing'] }, { needsTop });
    expect(find(e.reasons, 'match.reason.topNeeds')).toEqual([
      {
        key: 'match.reason.topNeeds',
        count: 2,
        total: 3,
        list: 'Pricing and Bookkeeping',
        name: '',
      },
    ]);
  });

  it('writes the list in the taxonomy’s language', () => {
    const e = run({}, { needsExact: ['finance.pricing', 'finance.bookkeeping'] }, { needsTop }, es);
    expect(find(e.reasons, 'match.reason.topNeeds')[0].list).toBe(
      'Fijación de precios y Registro de cuentas',
    );
  });

  it('uses the tenant’s own labels in the list', () => {
    const own = new TenantTaxonomy(
      { hidden: [], labels: { 'finance.pricing': { en: 'Setting prices' } } },
      'en',
    );
    const e = run({}, { needsExact: ['finance.pricing'] }, { needsTop }, own);
    expect(find(e.reasons, 'match.reason.topNeeds')[0]).toMatchObject({
      count: 1,
      total: 3,
      list: 'Setting prices',
    });
  });

  it('gives no top-needs reason when none is covered exactly', () => {
    const e = run({}, { needsExact: ['legal.contracts'] }, { needsTop });
    expect(keys(e.reasons)).not.toContain('match.reason.topNeeds');
  });

  it('names further needs covered, and needs covered only by the wider area', () => {
    const e = run(
      {},
      { needsExact: ['legal.contracts'], needsArea: ['marketing.branding'] },
      { needsTop, needsMore: ['legal.contracts', 'legal.compliance'] },
    );
    expect(find(e.reasons, 'match.reason.moreNeeds')).toEqual([
      expect.objectContaining({ list: 'Contracts' }),
    ]);
    expect(find(e.reasons, 'match.reason.areaNeeds')).toEqual([
      expect.objectContaining({ list: 'Branding' }),
    ]);
  });

  it('has no further-needs or area reason when those are not covered', () => {
    const e = run(
      {},
      { needsExact: ['finance.pricing'] },
      { needsTop, needsMore: ['legal.contracts'] },
    );
    expect(keys(e.reasons)).not.toContain('match.reason.moreNeeds');
    expect(keys(e.reasons)).not.toContain('match.reason.areaNeeds');
  });

  it('names the top needs not covered at all (an area match is not missing)', () => {
    const e = run(
      {},
      { needsExact: ['finance.pricing'], needsArea: ['finance.bookkeeping'] },
      { needsTop },
    );
    expect(find(e.missing, 'match.missing.needs')).toEqual([
      expect.objectContaining({ list: 'Branding' }),
    ]);
  });

  it('reports no missing needs when every top need is covered', () => {
    const e = run({}, { needsExact: needsTop }, { needsTop });
    expect(keys(e.missing)).not.toContain('match.missing.needs');
    expect(find(e.reasons, 'match.reason.topNeeds')[0]).toMatchObject({ count: 3, total: 3 });
  });
});

describe('explain: language', () => {
  it('says the mentor speaks the preferred language', () => {
    const e = run(
      {},
      { components: { language: 1 }, sharedLanguages: ['es'] },
      { preferredLanguage: 'es' },
    );
    expect(find(e.reasons, 'match.reason.language')).toEqual([
      expect.objectContaining({ name: 'Spanish' }),
    ]);
    expect(keys(e.missing)).not.toContain('match.missing.language');
    expect(keys(e.reasons)).not.toContain('match.reason.otherLanguage');
  });

  it('names languages in the taxonomy’s language', () => {
    const e = run({}, { components: { language: 1 } }, { preferredLanguage: 'es' }, es);
    expect(find(e.reasons, 'match.reason.language')[0].name).toBe('español');
  });

  it('names the other shared languages and the missing preferred one', () => {
    const e = run(
      {},
      { components: { language: 0.5 }, sharedLanguages: ['en', 'fr'] },
      { preferredLanguage: 'es' },
    );
    expect(keys(e.reasons)).not.toContain('match.reason.language');
    expect(find(e.reasons, 'match.reason.otherLanguage')).toEqual([
      expect.objectContaining({ list: 'English and French' }),
    ]);
    expect(find(e.missing, 'match.missing.language')).toEqual([
      expect.objectContaining({ name: 'Spanish' }),
    ]);
  });

  it('gives no "you share" reason when no language is shared (search results)', () => {
    const e = run(
      { languages: ['de'] },
      { components: { language: 0.5 }, sharedLanguages: [] },
      { preferredLanguage: 'es' },
    );
    expect(find(e.reasons, 'match.reason.otherLanguage')).toEqual([]);
    expect(keys(e.missing)).toContain('match.missing.language');
  });
});

describe('explain: place and time', () => {
  it('names the shared country', () => {
    const e = run({ country: 'KE' }, { components: { location: 0.5 } }, { country: 'KE' });
    expect(find(e.reasons, 'match.reason.country')).toEqual([
      expect.objectContaining({ name: 'Kenya' }),
    ]);
    expect(keys(e.reasons)).not.toContain('match.reason.region');
    const inSpanish = run({ country: 'KE' }, {}, { country: 'KE' }, es);
    expect(find(inSpanish.reasons, 'match.reason.country')[0].name).toBe('Kenia');
  });

  it('says "in your region" for another country of the region', () => {
    // Region half point (0.5) plus a time zone one hour off (7/8), halved.
    const location = (0.5 + (1 - 60 / 480)) / 2;
    const e = run(
      { country: 'UG' },
      { components: { location }, tzDiffMin: 60 },
      { country: 'KE' },
    );
    expect(keys(e.reasons)).toContain('match.reason.region');
    expect(keys(e.reasons)).not.toContain('match.reason.country');
  });

  it('does not say "in your region" when only the time zone earned location points', () => {
    const location = (0 + (1 - 60 / 480)) / 2;
    const e = run(
      { country: 'FR' },
      { components: { location }, tzDiffMin: 60 },
      { country: 'KE' },
    );
    expect(keys(e.reasons)).not.toContain('match.reason.region');
    expect(keys(e.reasons)).not.toContain('match.reason.country');
  });

  it('says nothing about country when the seeker gave none', () => {
    const e = run({ country: 'KE' }, { components: { location: 0.5 } }, { country: null });
    expect(keys(e.reasons)).not.toContain('match.reason.country');
    expect(keys(e.reasons)).not.toContain('match.reason.region');
  });

  it.each([
    [0, 'match.reason.sameTimezone', 'reasons', 0],
    [20, 'match.reason.nearTimezone', 'reasons', 0],
    [120, 'match.reason.nearTimezone', 'reasons', 2],
    [180, 'match.reason.nearTimezone', 'reasons', 3],
    [210, 'match.missing.timezone', 'missing', 4],
    [480, 'match.missing.timezone', 'missing', 8],
  ] as const)('a time difference of %i minutes gives %s', (tzDiffMin, key, where, count) => {
    const e = run({}, { tzDiffMin }, {});
    const all = [...e.reasons, ...e.missing].filter((p) => /imezone/.test(p.key));
    expect(all).toEqual([expect.objectContaining({ key, count })]);
    expect(keys(e[where])).toContain(key);
  });

  it('says nothing about time zones when one is unknown', () => {
    const e = run({}, { tzDiffMin: null }, {});
    expect([...keys(e.reasons), ...keys(e.missing)].filter((k) => /imezone/.test(k))).toEqual([]);
  });
});

describe('explain: business and mentor', () => {
  it('names a known industry as a reason, an unknown one as missing', () => {
    const known = run({}, { components: { industry: 1 } }, { industry: 'agriculture' });
    expect(find(known.reasons, 'match.reason.industry')).toEqual([
      expect.objectContaining({ name: 'Agriculture' }),
    ]);
    expect(keys(known.missing)).not.toContain('match.missing.industry');

    const unknown = run({}, { components: { industry: 0 } }, { industry: 'crafts' }, es);
    expect(find(unknown.missing, 'match.missing.industry')).toEqual([
      expect.objectContaining({ name: 'Artesanía y textiles' }),
    ]);
    expect(keys(unknown.reasons)).not.toContain('match.reason.industry');
  });

  it('says nothing about industry when the seeker gave none', () => {
    const e = run({}, { components: { industry: 0 } }, { industry: null });
    expect([...keys(e.reasons), ...keys(e.missing)].filter((k) => k.includes('industry'))).toEqual(
      [],
    );
  });

  it('names the stage only when the mentor chose it', () => {
    const chosen = run({}, { components: { stage: 1 } }, { stage: 'revenue' });
    expect(find(chosen.reasons, 'match.reason.stage')).toEqual([
      expect.objectContaining({ name: 'Earning revenue, not yet profitable' }),
    ]);
    const anyStage = run({}, { components: { stage: 0.5 } }, { stage: 'revenue' });
    expect(keys(anyStage.reasons)).not.toContain('match.reason.stage');
    const noStage = run({}, { components: { stage: 1 } }, { stage: null });
    expect(keys(noStage.reasons)).not.toContain('match.reason.stage');
  });

  it('mentions the mentoring style only when it matches', () => {
    expect(keys(run({}, { components: { style: 1 } }, {}).reasons)).toContain('match.reason.style');
    expect(keys(run({}, { components: { style: 0 } }, {}).reasons)).not.toContain(
      'match.reason.style',
    );
  });

  it('counts the free places, and says nothing when there are none', () => {
    const room = run({ capacity: 4, activeCount: 1 }, {}, {});
    expect(find(room.reasons, 'match.reason.capacity')).toEqual([
      expect.objectContaining({ count: 3 }),
    ]);
    const full = run({ capacity: 2, activeCount: 2 }, {}, {});
    expect(keys(full.reasons)).not.toContain('match.reason.capacity');
  });

  it('mentions a new mentor only when new', () => {
    expect(keys(run({ isNew: true }, {}, {}).reasons)).toContain('match.reason.new');
    expect(keys(run({ isNew: false }, {}, {}).reasons)).not.toContain('match.reason.new');
  });

  it('gives every phrase all its arguments', () => {
    const e = run(
      { isNew: true, capacity: 3, activeCount: 0, country: 'KE' },
      {
        needsExact: ['finance.pricing'],
        tzDiffMin: 300,
        components: { language: 0.5, industry: 0 },
        sharedLanguages: ['en'],
      },
      {
        needsTop: ['finance.pricing', 'legal.contracts'],
        industry: 'agriculture',
        country: 'KE',
        preferredLanguage: 'fr',
      },
    );
    for (const p of [...e.reasons, ...e.missing]) {
      expect(Object.keys(p).sort()).toEqual(['count', 'key', 'list', 'name', 'total']);
      expect(typeof p.count).toBe('number');
      expect(typeof p.list).toBe('string');
      expect(typeof p.name).toBe('string');
    }
    expect(keys(e.missing).sort()).toEqual([
      'match.missing.industry',
      'match.missing.language',
      'match.missing.needs',
      'match.missing.timezone',
    ]);
  });
});

describe('explain: score and breakdown', () => {
  const components: Record<Component, number> = {
    needs: 0.6,
    industry: 1,
    stage: 0.5,
    language: 1,
    location: 0.75,
    style: 0,
    capacity: 0.5,
    responsiveness: 0.8,
    fairness: 0.9,
  };

  it('gives the score as a whole percentage', () => {
    const e = run({}, { components, score: 0.6349 }, {});
    expect(e.percent).toBe(63);
  });

  it('has one entry per weighted component, in order, each within its maximum', () => {
    const e = run({}, { components }, {});
    expect(e.breakdown.map((b) => b.key)).toEqual(
      SCORED_COMPONENTS.map((k) => `match.component.${k}`),
    );
    for (const b of e.breakdown) {
      expect(b.points).toBeGreaterThanOrEqual(0);
      expect(b.points).toBeLessThanOrEqual(b.max);
    }
    const total = SCORED_COMPONENTS.reduce((s, k) => s + DEFAULT_WEIGHTS[k], 0);
    expect(e.breakdown[0]).toEqual({
      key: 'match.component.needs',
      points: Math.round((100 * 5 * 0.6) / total),
      max: Math.round((100 * 5) / total),
    });
    expect(e.breakdown.find((b) => b.key === 'match.component.style')?.points).toBe(0);
    expect(e.breakdown.find((b) => b.key === 'match.component.industry')).toMatchObject({
      points: Math.round((100 * 1.5) / total),
      max: Math.round((100 * 1.5) / total),
    });
  });

  it('has maxima adding up to about 100 and points adding up to about the percent', () => {
    for (const c of [components, { ...ZERO, language: 1 }, { ...components, needs: 1, style: 1 }]) {
      const e = run({}, { components: c }, {});
      const sum = (key: 'points' | 'max') => e.breakdown.reduce((s, b) => s + b[key], 0);
      expect(Math.abs(sum('max') - 100)).toBeLessThanOrEqual(e.breakdown.length / 2);
      expect(Math.abs(sum('points') - e.percent)).toBeLessThanOrEqual(e.breakdown.length / 2);
    }
  });

  it('leaves out a component whose weight is zero and rescales the rest', () => {
    const weights: Weights = { ...DEFAULT_WEIGHTS, fairness: 0, style: 0 };
    const e = run({}, { components }, {}, en, weights);
    expect(e.breakdown.map((b) => b.key)).toEqual(
      SCORED_COMPONENTS.filter((k) => k !== 'fairness' && k !== 'style').map(
        (k) => `match.component.${k}`,
      ),
    );
    const total = SCORED_COMPONENTS.reduce((s, k) => s + weights[k], 0);
    expect(e.breakdown[0].max).toBe(Math.round((100 * 5) / total));
    const points = e.breakdown.reduce((s, b) => s + b.points, 0);
    expect(Math.abs(points - e.percent)).toBeLessThanOrEqual(3);
  });

  it('gives full points to a component that is fully earned', () => {
    const e = run({}, { components: { ...ZERO, needs: 1 } }, {});
    expect(e.breakdown[0].points).toBe(e.breakdown[0].max);
  });
});

describe('explain: responsiveness', () => {
  const run = (replyHours: number | null) =>
    explain(mentor({ replyHours }), match(), seeker(), DEFAULT_WEIGHTS, en);

  it('says a mentor usually replies within days when they answer within three', () => {
    const reply = run(30).reasons.find((r) => r.key === 'match.reason.replies');
    expect(reply?.count).toBe(2);
  });

  it('names slow replies as missing, and says nothing before any reply is known', () => {
    expect(run(200).missing.map((m) => m.key)).toContain('match.missing.slowReplies');
    const unknown = run(null);
    expect([...unknown.reasons, ...unknown.missing].map((p) => p.key)).not.toEqual(
      expect.arrayContaining(['match.reason.replies', 'match.missing.slowReplies']),
    );
  });
});

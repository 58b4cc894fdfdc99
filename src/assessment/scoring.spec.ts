import type { LocaleCode } from '../branding/theme-contract';
import { tenantConfigSchema } from '../tenancy/config/tenant-config.schema';
import { DEFAULT_QUESTIONNAIRE } from './default-questionnaire';
import type { Questionnaire } from './questionnaire-types';
import {
  cleanAnswers,
  MAX_MORE_NEEDS,
  MAX_TOP_NEEDS,
  pick,
  proposeNeeds,
  questionnaireDigest,
  questionnaireFor,
  scoreAreas,
  unanswered,
  weakAreas,
  WEAK_BELOW,
} from './scoring';

const same = (text: string): Record<LocaleCode, string> => ({
  en: text,
  es: text,
  fr: text,
  ar: text,
  id: text,
});

/** area → [question id, need] */
function questionnaire(areas: Record<string, [string, string][]>): Questionnaire {
  return {
    scale: ['1', '2', '3', '4', '5'].map(same),
    areas: Object.entries(areas).map(([area, questions]) => ({
      area,
      weakness: same(`${area} matters`),
      questions: questions.map(([id, need]) => ({ id, need, text: same(id) })),
    })),
  };
}

const Q = questionnaire({
  finance: [
    ['f1', 'finance.bookkeeping'],
    ['f2', 'finance.pricing'],
    ['f3', 'finance.cash_flow'],
  ],
  marketing: [
    ['m1', 'marketing.branding'],
    ['m2', 'marketing.social_media'],
    ['m3', 'marketing.market_research'],
  ],
  legal: [
    ['l1', 'legal.registration'],
    ['l2', 'legal.contracts'],
    ['l3', 'legal.compliance'],
  ],
  sales: [
    ['s1', 'sales.negotiation'],
    ['s2', 'sales.customer_acquisition'],
    ['s3', 'sales.partnerships'],
  ],
});
const ALL_IDS = Q.areas.flatMap((a) => a.questions.map((x) => x.id));
const every = (value: number) => Object.fromEntries(ALL_IDS.map((id) => [id, value]));

describe('cleanAnswers', () => {
  it('keeps whole answers on the scale, given as numbers or form strings', () => {
    expect(cleanAnswers(Q, { f1: 1, f2: '5', f3: 3 })).toEqual({ f1: 1, f2: 5, f3: 3 });
  });

  it('drops unknown questions, answers off the scale and non-integers', () => {
    expect(
      cleanAnswers(Q, {
        f1: 0,
        f2: 6,
        f3: 2.5,
        m1: '',
        m2: 'three',
        m3: null,
        l1: -1,
        l2: '4.5',
        l3: undefined,
        nope: 3,
        s1: 4,
      }),
    ).toEqual({ s1: 4 });
  });

  it('keeps every answer of a fully answered questionnaire', () => {
    expect(cleanAnswers(Q, every(2))).toEqual(every(2));
  });
});

describe('unanswered', () => {
  it('lists the questions still open, in questionnaire order', () => {
    const answers = { ...every(3) };
    delete answers.m2;
    delete answers.f1;
    expect(unanswered(Q, answers)).toEqual(['f1', 'm2']);
    expect(unanswered(Q, every(3))).toEqual([]);
    expect(unanswered(Q, {})).toEqual(ALL_IDS);
  });
});

describe('scoreAreas', () => {
  it('scores all lowest answers as 0 and all highest as 100', () => {
    expect(scoreAreas(Q, every(1))).toEqual({ finance: 0, marketing: 0, legal: 0, sales: 0 });
    expect(scoreAreas(Q, every(5))).toEqual({
      finance: 100,
      marketing: 100,
      legal: 100,
      sales: 100,
    });
  });

  it('scores the middle as 50 and mixed answers by their mean, rounded', () => {
    const scores = scoreAreas(Q, {
      ...every(3),
      f1: 1,
      f2: 2,
      f3: 3, // mean 2 → 25
      m1: 2,
      m2: 3,
      m3: 3, // mean 8/3 → 41.67 → 42
      l1: 4,
      l2: 5,
      l3: 5, // mean 14/3 → 91.67 → 92
    });
    expect(scores).toEqual({ finance: 25, marketing: 42, legal: 92, sales: 50 });
  });

  it('scores an area from its answered questions only, and an unanswered one as 0', () => {
    expect(scoreAreas(Q, { f1: 5, f2: 4 }).finance).toBe(88);
    expect(scoreAreas(Q, { f1: 5 }).marketing).toBe(0);
  });

  it('stays within 0…100 for every default-questionnaire answer pattern tried', () => {
    const ids = DEFAULT_QUESTIONNAIRE.areas.flatMap((a) => a.questions.map((x) => x.id));
    for (let seed = 1; seed <= 20; seed += 1) {
      const answers = Object.fromEntries(ids.map((id, i) => [id, ((i * seed) % 5) + 1]));
      for (const score of Object.values(scoreAreas(DEFAULT_QUESTIONNAIRE, answers))) {
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('weakAreas', () => {
  it('lists areas below the threshold, weakest first', () => {
    expect(WEAK_BELOW).toBe(60);
    expect(weakAreas(Q, { finance: 40, marketing: 10, legal: 59, sales: 60 })).toEqual([
      'marketing',
      'finance',
      'legal',
    ]);
  });

  it('keeps the questionnaire order for ties', () => {
    expect(weakAreas(Q, { finance: 30, marketing: 80, legal: 20, sales: 20 })).toEqual([
      'legal',
      'sales',
      'finance',
    ]);
    expect(weakAreas(Q, { finance: 0, marketing: 0, legal: 0, sales: 0 })).toEqual([
      'finance',
      'marketing',
      'legal',
      'sales',
    ]);
  });

  it('treats an area without a score as strong', () => {
    expect(weakAreas(Q, { marketing: 10 })).toEqual(['marketing']);
    expect(weakAreas(Q, {})).toEqual([]);
  });
});

describe('proposeNeeds', () => {
  const propose = (answers: Record<string, number>, q = Q) =>
    proposeNeeds(q, answers, scoreAreas(q, answers));

  it('proposes nothing when no area is weak', () => {
    expect(propose(every(4))).toEqual({ top: [], more: [] });
    expect(propose({ ...every(5), f1: 1 })).toEqual({ top: [], more: [] });
  });

  it('takes the lowest question of each weak area as a top need, weakest area first', () => {
    const answers = {
      ...every(5),
      f1: 2,
      f2: 2,
      f3: 3, // finance 42
      l1: 3,
      l2: 1,
      l3: 2, // legal 25
    };
    expect(propose(answers).top).toEqual(['legal.contracts', 'finance.bookkeeping']);
  });

  it('fills the further needs with the next lowest answers below the middle', () => {
    const answers = {
      ...every(5),
      f1: 2,
      f2: 1,
      f3: 2, // finance 17
      l1: 1,
      l2: 1,
      l3: 3, // legal 17
      s1: 3,
      s2: 2,
      s3: 3, // sales 42
    };
    expect(propose(answers)).toEqual({
      top: ['finance.pricing', 'legal.registration', 'sales.customer_acquisition'],
      more: ['legal.contracts', 'finance.bookkeeping', 'finance.cash_flow'],
    });
  });

  it('never takes an answer at or above the middle as a further need', () => {
    const answers = { ...every(5), f1: 1, f2: 3, f3: 3, l1: 3, l2: 3, l3: 3 };
    const needs = propose(answers);
    expect(needs.top).toEqual(['finance.bookkeeping', 'legal.registration']);
    expect(needs.more).toEqual([]);
  });

  it('proposes at most three top needs and three further ones, all distinct', () => {
    const needs = propose(every(1));
    expect(needs.top).toEqual(['finance.bookkeeping', 'marketing.branding', 'legal.registration']);
    expect(needs.top).toHaveLength(MAX_TOP_NEEDS);
    expect(needs.more).toHaveLength(MAX_MORE_NEEDS);
    expect(needs.more).toEqual(['finance.pricing', 'finance.cash_flow', 'marketing.social_media']);
    const all = [...needs.top, ...needs.more];
    expect(new Set(all).size).toBe(all.length);
  });

  it('skips a need already proposed, in top and in further needs', () => {
    const shared = questionnaire({
      finance: [
        ['a1', 'finance.pricing'],
        ['a2', 'finance.pricing'],
        ['a3', 'finance.tax'],
      ],
      sales: [
        ['b1', 'finance.pricing'],
        ['b2', 'sales.negotiation'],
        ['b3', 'sales.negotiation'],
      ],
    });
    const needs = propose({ a1: 1, a2: 1, a3: 2, b1: 1, b2: 2, b3: 2 }, shared);
    expect(needs.top).toEqual(['finance.pricing', 'sales.negotiation']);
    expect(needs.more).toEqual(['finance.tax']);
  });

  it('treats unanswered questions as fine, not as weak', () => {
    const answers = { f1: 1, f2: 1 };
    const needs = proposeNeeds(Q, answers, { ...scoreAreas(Q, every(5)), finance: 0 });
    expect(needs).toEqual({ top: ['finance.bookkeeping'], more: ['finance.pricing'] });
  });

  it('with every default answer lowest, proposes the first question of the first three areas', () => {
    const ids = DEFAULT_QUESTIONNAIRE.areas.flatMap((a) => a.questions.map((x) => x.id));
    const answers = Object.fromEntries(ids.map((id) => [id, 1]));
    const needs = proposeNeeds(
      DEFAULT_QUESTIONNAIRE,
      answers,
      scoreAreas(DEFAULT_QUESTIONNAIRE, answers),
    );
    const first = DEFAULT_QUESTIONNAIRE.areas.slice(0, 3).map((a) => a.questions[0].need);
    expect(needs.top).toEqual(first);
    expect(needs.more).toHaveLength(3);
  });
});

describe('questionnaireFor and questionnaireDigest', () => {
  const programme = (input: object) =>
    tenantConfigSchema.shape.programme.parse(input) as ReturnType<
      typeof tenantConfigSchema.shape.programme.parse
    >;

  it('uses the default questionnaire unless the tenant has its own', () => {
    expect(questionnaireFor(programme({}))).toBe(DEFAULT_QUESTIONNAIRE);
    const own = programme({ assessment: Q });
    expect(questionnaireFor(own)).toEqual(Q);
    expect(questionnaireFor(own)).not.toBe(DEFAULT_QUESTIONNAIRE);
  });

  it('gives the same content the same short digest', () => {
    const digest = questionnaireDigest(Q);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(questionnaireDigest(structuredClone(Q))).toBe(digest);
  });

  it('changes the digest when any content changes', () => {
    const digest = questionnaireDigest(Q);
    const text = structuredClone(Q);
    text.areas[1].questions[2].text.fr = 'Autre chose';
    const need = structuredClone(Q);
    need.areas[0].questions[0].need = 'finance.tax';
    const scale = structuredClone(Q);
    scale.scale[4].en = 'Always';
    const order = structuredClone(Q);
    order.areas.reverse();
    for (const changed of [text, need, scale, order]) {
      expect(questionnaireDigest(changed)).not.toBe(digest);
    }
    expect(questionnaireDigest(DEFAULT_QUESTIONNAIRE)).not.toBe(digest);
  });
});

describe('pick', () => {
  it('takes the visitor’s language, else English, else any text', () => {
    expect(pick({ en: 'Hello', fr: 'Bonjour' }, 'fr')).toBe('Bonjour');
    expect(pick({ en: 'Hello', fr: 'Bonjour' }, 'ar')).toBe('Hello');
    expect(pick({ es: 'Hola' }, 'ar')).toBe('Hola');
    expect(pick({}, 'en')).toBe('');
  });
});

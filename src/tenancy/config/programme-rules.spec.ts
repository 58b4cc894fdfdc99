import type { LocaleCode } from '../../branding/theme-contract';
import { tenantConfigSchema, type TenantConfigInput } from './tenant-config.schema';

type Supported = LocaleCode[];

function config(programme: object, supported: Supported = ['en', 'fr']): TenantConfigInput {
  return {
    slug: 'acme',
    name: 'Acme Mentors',
    organisation: 'Acme Foundation',
    kind: 'ngo',
    locale: { default: supported[0], supported },
    branding: {
      colours: { primary: '#1d4f91', accent: '#b34700', text: '#1b1f24', background: '#ffffff' },
      logo: 'assets/logo.svg',
    },
    contactEmail: 'mentoring@acme.example',
    programme,
  } as TenantConfigInput;
}

function issues(programme: object, supported?: Supported) {
  const result = tenantConfigSchema.safeParse(config(programme, supported));
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const parse = (programme: object, supported?: Supported) =>
  tenantConfigSchema.parse(config(programme, supported));

const labels = (text: string, locales: Supported = ['en', 'fr']) =>
  Object.fromEntries(locales.map((l) => [l, `${text} (${l})`]));

/** A valid custom questionnaire: 3 areas of 3 questions, texts in `locales`. */
function questionnaire(locales: Supported = ['en', 'fr']) {
  const area = (code: string, needs: string[]) => ({
    area: code,
    weakness: labels(`${code} matters`, locales),
    questions: needs.map((need, i) => ({
      id: `${code}_${i}`,
      need,
      text: labels(`${code} question ${i}`, locales),
    })),
  });
  return {
    scale: [1, 2, 3, 4, 5].map((n) => labels(`point ${n}`, locales)),
    areas: [
      area('finance', ['finance.pricing', 'finance.bookkeeping', 'finance.tax']),
      area('marketing', ['marketing.branding', 'marketing.social_media', 'marketing']),
      area('legal', ['legal.registration', 'legal.contracts', 'legal.compliance']),
    ],
  };
}

describe('programme.taxonomy', () => {
  it('defaults to nothing hidden and no own labels', () => {
    expect(parse({}).programme.taxonomy).toEqual({ hidden: [], labels: {} });
  });

  it('accepts hidden codes of any list and own labels in some languages', () => {
    const rules = parse({
      taxonomy: {
        hidden: ['trade', 'finance.tax', 'crafts', 'in_person'],
        labels: { 'finance.pricing': { en: 'Setting prices' }, agriculture: { fr: 'Agro' } },
      },
    }).programme.taxonomy;
    expect(rules.hidden).toEqual(['trade', 'finance.tax', 'crafts', 'in_person']);
    expect(rules.labels['finance.pricing']).toEqual({ en: 'Setting prices' });
  });

  it('refuses unknown codes, hidden or relabelled', () => {
    expect(issues({ taxonomy: { hidden: ['finance.crypto'] } })).toEqual([
      { path: 'programme.taxonomy.hidden.0', message: 'is not a taxonomy code' },
    ]);
    const relabelled = issues({ taxonomy: { labels: { 'no.such': { en: 'X' } } } });
    expect(relabelled).toHaveLength(1);
    expect(relabelled[0].path).toMatch(/^programme\.taxonomy\.labels/);
  });

  it('refuses labels in a language that does not exist, empty labels and unknown keys', () => {
    expect(issues({ taxonomy: { labels: { finance: { de: 'Geld' } } } })).not.toEqual([]);
    expect(issues({ taxonomy: { labels: { finance: { en: '   ' } } } })).not.toEqual([]);
    expect(issues({ taxonomy: { hidden: [], relabel: {} } })).not.toEqual([]);
  });
});

describe('programme.assessment', () => {
  it('is absent unless the tenant writes one', () => {
    expect(parse({}).programme.assessment).toBeUndefined();
  });

  it('accepts a questionnaire with texts in every supported language', () => {
    expect(issues({ assessment: questionnaire() })).toEqual([]);
    expect(parse({ assessment: questionnaire() }).programme.assessment).toEqual(questionnaire());
    const all: Supported = ['ar', 'en', 'es', 'fr', 'id'];
    expect(issues({ assessment: questionnaire(all) }, all)).toEqual([]);
  });

  it('accepts extra languages the tenant does not (yet) support', () => {
    expect(issues({ assessment: questionnaire(['en', 'fr', 'es']) })).toEqual([]);
  });

  it('refuses a text missing in a supported language, naming the language and the place', () => {
    const q = questionnaire();
    delete (q.areas[1].questions[2].text as Record<string, string>).fr;
    expect(issues({ assessment: q })).toEqual([
      { path: 'programme.assessment.areas.1.questions.2.text', message: 'needs a "fr" text' },
    ]);
  });

  it('refuses a missing weakness or scale text, for each missing language', () => {
    const q = questionnaire();
    q.areas[2].weakness = { en: 'Only English' };
    q.scale[0] = { fr: 'Seulement français' };
    expect(issues({ assessment: q })).toEqual([
      { path: 'programme.assessment.scale.0', message: 'needs a "en" text' },
      { path: 'programme.assessment.areas.2.weakness', message: 'needs a "fr" text' },
    ]);
    const arabic = issues({ assessment: questionnaire() }, ['en', 'fr', 'ar']);
    expect(arabic.length).toBe(5 + 3 + 9);
    expect(arabic.every((i) => i.message === 'needs a "ar" text')).toBe(true);
  });

  it('refuses duplicate question ids, even across areas', () => {
    const q = questionnaire();
    q.areas[2].questions[0].id = 'finance_1';
    expect(issues({ assessment: q })).toEqual([
      { path: 'programme.assessment', message: 'question ids must be unique' },
    ]);
  });

  it('refuses question ids that are not lowercase words', () => {
    const q = questionnaire();
    q.areas[0].questions[0].id = 'Finance-1';
    expect(issues({ assessment: q }).map((i) => i.path)).toEqual([
      'programme.assessment.areas.0.questions.0.id',
    ]);
  });

  it.each(['finance.pricing', 'agriculture', 'made_up'])('refuses %p as an area', (code) => {
    const q = questionnaire();
    q.areas[1].area = code;
    expect(issues({ assessment: q })).toEqual([
      { path: 'programme.assessment.areas.1.area', message: 'is not an expertise area code' },
    ]);
  });

  it.each(['finance.crypto', 'agriculture', 'revenue'])('refuses %p as a need', (need) => {
    const q = questionnaire();
    q.areas[0].questions[1].need = need;
    expect(issues({ assessment: q })).toEqual([
      {
        path: 'programme.assessment.areas.0.questions.1.need',
        message: 'is not an expertise code',
      },
    ]);
  });

  it('refuses an area with fewer than 3 or more than 5 questions', () => {
    const few = questionnaire();
    few.areas[1].questions = few.areas[1].questions.slice(0, 2);
    expect(issues({ assessment: few }).map((i) => i.path)).toEqual([
      'programme.assessment.areas.1.questions',
    ]);
    const many = questionnaire();
    many.areas[0].questions = [0, 1, 2, 3, 4, 5].map((i) => ({
      id: `many_${i}`,
      need: 'finance.pricing',
      text: labels('q'),
    }));
    expect(issues({ assessment: many }).map((i) => i.path)).toEqual([
      'programme.assessment.areas.0.questions',
    ]);
  });

  it('refuses fewer than 3 areas and a scale without exactly 5 points', () => {
    const areas = questionnaire();
    areas.areas = areas.areas.slice(0, 2);
    expect(issues({ assessment: areas }).map((i) => i.path)).toEqual([
      'programme.assessment.areas',
    ]);
    const scale = questionnaire();
    scale.scale = scale.scale.slice(0, 4);
    expect(issues({ assessment: scale }).map((i) => i.path)).toEqual([
      'programme.assessment.scale',
    ]);
  });

  it('refuses the same area twice (its scores would overwrite each other)', () => {
    const q = questionnaire();
    q.areas[2].area = 'finance';
    q.areas[2].questions.forEach((x, i) => {
      x.need = ['finance.cash_flow', 'finance.financial_planning', 'finance'][i];
    });
    expect(issues({ assessment: q })).not.toEqual([]);
  });

  it('refuses unknown keys in the questionnaire', () => {
    const q = { ...questionnaire(), title: { en: 'Check-up' } };
    expect(issues({ assessment: q }).map((i) => i.path)).toEqual(['programme.assessment']);
  });
});

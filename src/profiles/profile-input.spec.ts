import { tenantBundle } from '../../test/support/tenant-fixtures';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import type { EntrepreneurProfile, MentorProfile } from './profile';
import {
  checkEntrepreneurForm,
  checkMentorForm,
  deriveEntrepreneur,
  deriveMentor,
  entrepreneurCompleteness,
  mentorCompleteness,
  safeUrl,
} from './profile-input';
import type { EntrepreneurProfileForm, MentorProfileForm } from './profiles.forms';
import { TenantTaxonomy } from './taxonomy';

const TODAY = '2026-03-10';

function tenantWith(programme: object = {}, supported = ['en', 'fr']) {
  const { config } = tenantBundle('acme', {
    // Corporate: its mentors are employees, so the employer field exists.
    kind: 'corporate',
    locale: { default: 'en', supported: supported as ('en' | 'fr')[] },
    programme: {
      mentorCapacity: { default: 2, maximum: 4 },
      taxonomy: { hidden: ['trade', 'finance.tax', 'crafts'], labels: {} },
      ...programme,
    },
  });
  return { config } as ResolvedTenant;
}
const tenant = tenantWith();
const taxonomy = new TenantTaxonomy(tenant.config.programme.taxonomy, 'en');

function mentorForm(over: Partial<MentorProfileForm> = {}): MentorProfileForm {
  return {
    headline: 'Accountant for small shops',
    bio: 'Twenty years of keeping the books of market traders.',
    website: '',
    employer: '',
    expertiseTop: ['finance.pricing'],
    expertiseMore: [],
    industries: [],
    yearsExperience: '',
    languages: ['en'],
    country: '',
    timezone: '',
    stages: [],
    styles: [],
    capacity: '2',
    pausedUntil: '',
    awayNote: '',
    ...over,
  };
}

function entrepreneurForm(over: Partial<EntrepreneurProfileForm> = {}): EntrepreneurProfileForm {
  return {
    businessName: 'Mama Njeri Foods',
    industry: '',
    stage: '',
    city: 'Nairobi',
    foundedYear: '',
    employees: '',
    revenueBand: '',
    registration: '',
    description: '',
    website: '',
    needsTop: ['finance.pricing'],
    needsMore: [],
    languages: ['en'],
    meetingWays: [],
    styles: [],
    country: '',
    timezone: '',
    ...over,
  };
}

describe('safeUrl', () => {
  it.each([
    ['https://example.org/about', 'https://example.org/about'],
    ['http://example.org', 'http://example.org/'],
    ['example.org', 'https://example.org/'],
    ['  www.example.org/shop?x=1  ', 'https://www.example.org/shop?x=1'],
    ['HTTPS://Example.ORG', 'https://example.org/'],
  ])('keeps %p as %p', (input, url) => {
    expect(safeUrl(input)).toEqual({ url, ok: true });
  });

  it('treats an empty link as no link', () => {
    expect(safeUrl('')).toEqual({ url: null, ok: true });
    expect(safeUrl('   ')).toEqual({ url: null, ok: true });
    expect(safeUrl(undefined)).toEqual({ url: null, ok: true });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.org/file',
    'mailto:a@example.org',
    'http://localhost',
    'https://intranet/',
    'localhost',
    'https://exa mple.org',
  ])('refuses %p', (input) => {
    expect(safeUrl(input)).toEqual({ url: null, ok: false });
  });
});

describe('checkMentorForm', () => {
  it('accepts a complete, valid form', () => {
    const { value, errors } = checkMentorForm(
      mentorForm({
        website: 'example.org',
        employer: '  Acme Ltd ',
        expertiseTop: ['finance.pricing', 'marketing'],
        expertiseMore: ['legal.contracts'],
        industries: ['agriculture'],
        yearsExperience: '12',
        languages: ['en', 'sw'],
        country: 'KE',
        timezone: 'Africa/Nairobi',
        stages: ['idea', 'revenue'],
        styles: ['regular'],
        capacity: '4',
        awayNote: '   ',
      }),
      tenant,
      taxonomy,
      TODAY,
    );
    expect(errors).toEqual({});
    expect(value).toEqual({
      headline: 'Accountant for small shops',
      bio: 'Twenty years of keeping the books of market traders.',
      website: 'https://example.org/',
      employer: 'Acme Ltd',
      expertiseTop: ['finance.pricing', 'marketing'],
      expertiseMore: ['legal.contracts'],
      industries: ['agriculture'],
      yearsExperience: 12,
      languages: ['en', 'sw'],
      country: 'KE',
      timezone: 'Africa/Nairobi',
      stages: ['idea', 'revenue'],
      styles: ['regular'],
      capacity: 4,
      pausedUntil: null,
      awayNote: null,
    });
  });

  it('refuses codes the tenant does not offer, hidden ones included', () => {
    const { value, errors } = checkMentorForm(
      mentorForm({
        expertiseTop: ['finance.pricing', 'finance.tax', 'made.up'],
        expertiseMore: ['trade.export'],
        industries: ['crafts', 'agriculture'],
        stages: ['revenue', 'finance'],
        styles: ['sometimes'],
      }),
      tenant,
      taxonomy,
      TODAY,
    );
    expect(errors).toEqual({
      expertiseTop: 'profile.error.choice',
      expertiseMore: 'profile.error.choice',
      industries: 'profile.error.choice',
      stages: 'profile.error.choice',
      styles: 'profile.error.choice',
    });
    expect(value.expertiseTop).toEqual(['finance.pricing']);
    expect(value.expertiseMore).toEqual([]);
    expect(value.industries).toEqual(['agriculture']);
    expect(value.stages).toEqual(['revenue']);
    expect(value.styles).toEqual([]);
  });

  it('offers what another tenant hides', () => {
    const open = tenantWith({ taxonomy: { hidden: [], labels: {} } });
    const { value, errors } = checkMentorForm(
      mentorForm({ expertiseTop: ['finance.tax', 'trade.export'] }),
      open,
      new TenantTaxonomy(open.config.programme.taxonomy, 'en'),
      TODAY,
    );
    expect(errors).toEqual({});
    expect(value.expertiseTop).toEqual(['finance.tax', 'trade.export']);
  });

  it('removes duplicates, and further expertise already among the top', () => {
    const { value, errors } = checkMentorForm(
      mentorForm({
        expertiseTop: ['finance.pricing', 'marketing', 'finance.pricing'],
        expertiseMore: ['marketing', 'legal.contracts', 'legal.contracts', 'finance.pricing'],
        languages: ['en', 'fr', 'en'],
        industries: ['agriculture', 'agriculture'],
      }),
      tenant,
      taxonomy,
      TODAY,
    );
    expect(errors).toEqual({});
    expect(value.expertiseTop).toEqual(['finance.pricing', 'marketing']);
    expect(value.expertiseMore).toEqual(['legal.contracts']);
    expect(value.languages).toEqual(['en', 'fr']);
    expect(value.industries).toEqual(['agriculture']);
  });

  it.each([
    ['1', 1],
    ['4', 4],
  ])('accepts a capacity of %s (within 1…the tenant’s maximum)', (capacity, n) => {
    const { value, errors } = checkMentorForm(mentorForm({ capacity }), tenant, taxonomy, TODAY);
    expect(errors).toEqual({});
    expect(value.capacity).toBe(n);
  });

  it.each(['0', '5', '50', ''])('refuses a capacity of %p and keeps the default', (capacity) => {
    const { value, errors } = checkMentorForm(mentorForm({ capacity }), tenant, taxonomy, TODAY);
    expect(errors).toEqual({ capacity: 'profile.error.capacity' });
    expect(value.capacity).toBe(2);
  });

  it('refuses years of experience out of range', () => {
    const { value, errors } = checkMentorForm(
      mentorForm({ yearsExperience: '71' }),
      tenant,
      taxonomy,
      TODAY,
    );
    expect(errors).toEqual({ yearsExperience: 'profile.error.years' });
    expect(value.yearsExperience).toBeNull();
  });

  it('needs at least one known language', () => {
    expect(checkMentorForm(mentorForm({ languages: [] }), tenant, taxonomy, TODAY).errors).toEqual({
      languages: 'profile.error.languageNeeded',
    });
    const unknown = checkMentorForm(mentorForm({ languages: ['xx'] }), tenant, taxonomy, TODAY);
    expect(unknown.errors).toEqual({ languages: 'profile.error.choice' });
    expect(unknown.value.languages).toEqual([]);
  });

  it('refuses an unknown country or time zone and a bad link', () => {
    const { value, errors } = checkMentorForm(
      mentorForm({ country: 'XX', timezone: 'Mars/Olympus', website: 'javascript:alert(1)' }),
      tenant,
      taxonomy,
      TODAY,
    );
    expect(errors).toEqual({
      country: 'form.error.country',
      timezone: 'profile.error.choice',
      website: 'profile.error.url',
    });
    expect(value).toMatchObject({ country: null, timezone: null, website: null });
  });

  describe('pausedUntil', () => {
    const paused = (pausedUntil: string) =>
      checkMentorForm(mentorForm({ pausedUntil }), tenant, taxonomy, TODAY);

    it('keeps a day in the coming year', () => {
      expect(paused('2026-03-11')).toMatchObject({
        value: { pausedUntil: '2026-03-11' },
        errors: {},
      });
      expect(paused('2027-03-10')).toMatchObject({
        value: { pausedUntil: '2027-03-10' },
        errors: {},
      });
    });

    it('treats today or a day already past as available', () => {
      expect(paused(TODAY)).toMatchObject({ value: { pausedUntil: null }, errors: {} });
      expect(paused('2025-12-31')).toMatchObject({ value: { pausedUntil: null }, errors: {} });
    });

    it('refuses a day more than a year ahead', () => {
      expect(paused('2027-03-11')).toMatchObject({
        value: { pausedUntil: null },
        errors: { pausedUntil: 'profile.error.date' },
      });
    });

    it('refuses a month that does not exist', () => {
      expect(paused('2026-13-01')).toMatchObject({
        value: { pausedUntil: null },
        errors: { pausedUntil: 'profile.error.date' },
      });
    });

    it('refuses a day that does not exist in its month (30 April is the last)', () => {
      expect(paused('2026-04-30')).toMatchObject({
        value: { pausedUntil: '2026-04-30' },
        errors: {},
      });
      expect(paused('2026-04-31')).toMatchObject({
        value: { pausedUntil: null },
        errors: { pausedUntil: 'profile.error.date' },
      });
    });
  });
});

describe('checkEntrepreneurForm', () => {
  it('accepts a valid form', () => {
    const { value, errors } = checkEntrepreneurForm(
      entrepreneurForm({
        industry: 'agriculture',
        stage: 'revenue',
        foundedYear: '2019',
        employees: '3',
        revenueBand: 'under_10k',
        registration: 'informal',
        needsTop: ['finance.pricing', 'legal'],
        needsMore: ['legal', 'marketing.branding'],
        meetingWays: ['video', 'phone'],
        country: 'KE',
        timezone: 'UTC+03:00',
      }),
      taxonomy,
      2026,
    );
    expect(errors).toEqual({});
    expect(value).toMatchObject({
      industry: 'agriculture',
      stage: 'revenue',
      foundedYear: 2019,
      employees: 3,
      revenueBand: 'under_10k',
      registration: 'informal',
      needsTop: ['finance.pricing', 'legal'],
      needsMore: ['marketing.branding'],
      meetingWays: ['video', 'phone'],
      country: 'KE',
      timezone: 'UTC+03:00',
    });
  });

  it('refuses a founding year in the future or before 1900', () => {
    for (const foundedYear of ['2027', '1899']) {
      const { value, errors } = checkEntrepreneurForm(
        entrepreneurForm({ foundedYear }),
        taxonomy,
        2026,
      );
      expect(errors).toEqual({ foundedYear: 'profile.error.year' });
      expect(value.foundedYear).toBeNull();
    }
    expect(
      checkEntrepreneurForm(entrepreneurForm({ foundedYear: '2026' }), taxonomy, 2026).errors,
    ).toEqual({});
  });

  it('refuses an unknown or hidden industry, and codes from the wrong list', () => {
    const unknown = checkEntrepreneurForm(entrepreneurForm({ industry: 'mining' }), taxonomy, 2026);
    expect(unknown.errors).toEqual({ industry: 'profile.error.choice' });
    expect(unknown.value.industry).toBeNull();
    const hidden = checkEntrepreneurForm(entrepreneurForm({ industry: 'crafts' }), taxonomy, 2026);
    expect(hidden.errors).toEqual({ industry: 'profile.error.choice' });
    const wrong = checkEntrepreneurForm(
      entrepreneurForm({
        stage: 'agriculture',
        revenueBand: 'revenue',
        needsTop: ['trade.export'],
      }),
      taxonomy,
      2026,
    );
    expect(wrong.errors).toEqual({
      stage: 'profile.error.choice',
      revenueBand: 'profile.error.choice',
      needsTop: 'profile.error.choice',
    });
    expect(wrong.value.needsTop).toEqual([]);
  });

  it('leaves empty choices empty, without errors', () => {
    const { value, errors } = checkEntrepreneurForm(entrepreneurForm(), taxonomy, 2026);
    expect(errors).toEqual({});
    expect(value).toMatchObject({
      industry: null,
      stage: null,
      foundedYear: null,
      employees: null,
      country: null,
      timezone: null,
      website: null,
    });
  });

  it('needs a language', () => {
    expect(
      checkEntrepreneurForm(entrepreneurForm({ languages: [] }), taxonomy, 2026).errors,
    ).toEqual({
      languages: 'profile.error.languageNeeded',
    });
  });
});

describe('employer', () => {
  it('is dropped outside corporate programmes, where the form does not offer it', () => {
    const ngo = { config: tenantBundle('ngo', { kind: 'ngo' }).config } as ResolvedTenant;
    const { value } = checkMentorForm(
      mentorForm({ employer: 'Acme Ltd' }),
      ngo,
      new TenantTaxonomy(ngo.config.programme.taxonomy, 'en'),
      TODAY,
    );
    expect(value.employer).toBeNull();
  });
});

describe('deriveMentor and deriveEntrepreneur', () => {
  const config = tenantWith({}, ['en', 'fr', 'ar']).config;
  const mentorInput = checkMentorForm(
    mentorForm({
      headline: 'Crédito y Ahorro',
      bio: 'Ayudo con el CRÉDITO',
      employer: 'Banco Ñandú',
      expertiseTop: ['finance.pricing', 'marketing.branding'],
      expertiseMore: ['finance.bookkeeping'],
      industries: ['agriculture'],
      timezone: 'Asia/Kolkata',
    }),
    tenant,
    taxonomy,
    TODAY,
  ).value;

  it('adds parent areas to the codes', () => {
    const d = deriveMentor(config, 'Zoë', mentorInput);
    expect(d.codes).toEqual([
      'finance.pricing',
      'finance',
      'marketing.branding',
      'marketing',
      'finance.bookkeeping',
    ]);
    expect(d.utcOffsetMin).toBe(330);
  });

  it('folds the search text: lower case, no accents', () => {
    const d = deriveMentor(config, 'Zoë', mentorInput);
    expect(d.searchPrimary).toContain('zoe credito y ahorro');
    expect(d.searchSecondary).toBe('ayudo con el credito banco nandu');
    expect(d.searchPrimary).toBe(d.searchPrimary.toLowerCase());
    expect(d.searchPrimary).not.toMatch(/[éëñ]/);
  });

  it('indexes the labels in every language the tenant supports, and only those', () => {
    const d = deriveMentor(config, 'Zoë', mentorInput);
    // English, French and Arabic labels (folded: accents, article) of the codes and the industry.
    for (const word of ['pricing', 'fixation des prix', 'تسعير', 'agriculture', 'زراعة']) {
      expect(d.searchPrimary).toContain(word);
    }
    expect(d.searchPrimary).toContain('finance et comptabilite');
    expect(d.searchPrimary).not.toContain('fijacion de precios');
  });

  it('removes Arabic diacritics and tatweel from the search text', () => {
    const d = deriveMentor(config, 'سَلْمى', {
      ...mentorInput,
      headline: 'مُحاسِبـة',
      bio: 'أسعار',
    });
    expect(d.searchPrimary.startsWith('سلمى محاسبة ')).toBe(true);
    expect(d.searchPrimary).not.toMatch(/[\u064B-\u065F\u0640]/);
    expect(d.searchSecondary).not.toMatch(/[\u064B-\u065F\u0640]/);
  });

  it('derives an entrepreneur’s codes and search text the same way', () => {
    const input = checkEntrepreneurForm(
      entrepreneurForm({
        businessName: 'Café Éden',
        description: 'Pâtisserie',
        city: 'Bogotá',
        industry: 'food_beverage',
        needsTop: ['legal.contracts'],
        needsMore: ['finance.pricing'],
        timezone: 'UTC-05:00',
      }),
      taxonomy,
      2026,
    ).value;
    const d = deriveEntrepreneur(config, 'Inés', input);
    expect(d.codes).toEqual(['legal.contracts', 'legal', 'finance.pricing', 'finance']);
    expect(d.utcOffsetMin).toBe(-300);
    expect(d.searchPrimary.startsWith('ines cafe eden ')).toBe(true);
    expect(d.searchPrimary).toContain('contracts');
    expect(d.searchPrimary).toContain('تسعير');
    expect(d.searchSecondary).toBe('patisserie bogota');
  });

  it('uses the tenant’s own labels in the search text', () => {
    const relabelled = tenantWith({
      taxonomy: { hidden: [], labels: { 'finance.pricing': { en: 'Setting prices' } } },
    }).config;
    const d = deriveMentor(relabelled, 'Zoë', mentorInput);
    expect(d.searchPrimary).toContain('setting prices');
  });
});

describe('completeness', () => {
  const mentor: MentorProfile = {
    userId: 'u1',
    headline: 'Accountant',
    bio: 'x'.repeat(40),
    website: null,
    employer: null,
    expertiseTop: ['finance.pricing'],
    expertiseMore: [],
    industries: ['agriculture'],
    yearsExperience: 0,
    languages: ['en'],
    country: 'KE',
    timezone: 'Africa/Nairobi',
    stages: ['idea'],
    styles: ['regular'],
    capacity: 2,
    activeCount: 0,
    pausedUntil: null,
    awayNote: null,
    createdAt: new Date(0),
  };

  it('counts a full mentor profile as 100%', () => {
    expect(mentorCompleteness(mentor)).toEqual({ percent: 100, missing: [] });
  });

  it('names what a mentor profile misses and lowers the percent', () => {
    const c = mentorCompleteness({
      ...mentor,
      bio: 'x'.repeat(39),
      stages: [],
      yearsExperience: null,
    });
    expect(c.percent).toBe(70);
    expect(c.missing).toEqual([
      { field: 'bio', key: 'profile.missing.mentor.bio' },
      { field: 'stages', key: 'profile.missing.mentor.stages' },
      { field: 'yearsExperience', key: 'profile.missing.mentor.yearsExperience' },
    ]);
  });

  it('counts no mentor profile as 0% with everything missing', () => {
    const c = mentorCompleteness(null);
    expect(c.percent).toBe(0);
    expect(c.missing).toHaveLength(10);
    expect(c.missing[0]).toEqual({ field: 'headline', key: 'profile.missing.mentor.headline' });
  });

  const entrepreneur: EntrepreneurProfile = {
    userId: 'u2',
    businessName: 'Shop',
    industry: 'retail',
    stage: 'idea',
    country: 'KE',
    city: '',
    foundedYear: null,
    employees: null,
    revenueBand: null,
    registration: null,
    description: 'y'.repeat(40),
    website: null,
    needsTop: ['finance.pricing'],
    needsMore: [],
    languages: ['sw'],
    meetingWays: ['phone'],
    styles: ['one_off'],
    timezone: 'UTC+03:00',
  };

  it('counts a full entrepreneur profile as 100% and names what is missing', () => {
    expect(entrepreneurCompleteness(entrepreneur)).toEqual({ percent: 100, missing: [] });
    const c = entrepreneurCompleteness({ ...entrepreneur, needsTop: [], timezone: null });
    expect(c.percent).toBe(80);
    expect(c.missing.map((m) => m.key)).toEqual([
      'profile.missing.entrepreneur.needsTop',
      'profile.missing.entrepreneur.timezone',
    ]);
    expect(entrepreneurCompleteness(null)).toMatchObject({ percent: 0 });
    expect(entrepreneurCompleteness(null).missing).toHaveLength(10);
  });
});

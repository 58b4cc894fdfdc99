import { SUPPORTED_LOCALES } from '../branding/theme-contract';
import {
  ALL_TAXONOMY_CODES,
  areaOf,
  isCode,
  searchLabels,
  TenantTaxonomy,
  withAreas,
  type TaxonomyKind,
  type TaxonomyRules,
} from './taxonomy';
import { TAXONOMY } from './taxonomy-data';
import type { TaxonomyOption } from './taxonomy-types';

const NO_RULES: TaxonomyRules = { hidden: [], labels: {} };
const LISTS: [string, TaxonomyOption[]][] = [
  ['expertise', TAXONOMY.expertise.flatMap((a) => [a, ...a.subAreas])],
  ['industries', TAXONOMY.industries],
  ['stages', TAXONOMY.stages],
  ['revenueBands', TAXONOMY.revenueBands],
  ['registration', TAXONOMY.registration],
  ['meetingWays', TAXONOMY.meetingWays],
  ['mentoringStyles', TAXONOMY.mentoringStyles],
];

describe('taxonomy data', () => {
  it.each(LISTS)('every %s option is labelled in every language', (_kind, options) => {
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) {
      for (const locale of SUPPORTED_LOCALES) {
        expect({ code: option.code, locale, label: option.label[locale]?.trim() || null }).toEqual({
          code: option.code,
          locale,
          label: expect.any(String),
        });
      }
      expect(Object.keys(option.label).sort()).toEqual([...SUPPORTED_LOCALES].sort());
    }
  });

  it('has lowercase codes, unique across all lists, sub-areas under their area', () => {
    const all = LISTS.flatMap(([, options]) => options.map((o) => o.code));
    expect(new Set(all).size).toBe(all.length);
    expect(ALL_TAXONOMY_CODES.size).toBe(all.length);
    for (const code of all) expect(code).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)?$/);
    for (const area of TAXONOMY.expertise) {
      expect(area.code).not.toContain('.');
      for (const sub of area.subAreas) expect(sub.code.startsWith(`${area.code}.`)).toBe(true);
    }
  });

  it('lists stages from idea to profitable', () => {
    expect(TAXONOMY.stages.map((s) => s.code)).toEqual([
      'idea',
      'pre_revenue',
      'revenue',
      'profitable',
    ]);
  });
});

describe('areaOf, withAreas, isCode', () => {
  it('finds the area of a sub-area; an area is its own', () => {
    expect(areaOf('finance.pricing')).toBe('finance');
    expect(areaOf('finance')).toBe('finance');
    expect(areaOf('agriculture')).toBe('agriculture');
  });

  it('adds parent areas without duplicates, keeping the codes first', () => {
    expect(withAreas(['finance.pricing', 'finance.tax', 'legal.contracts', 'finance'])).toEqual([
      'finance.pricing',
      'finance',
      'finance.tax',
      'legal.contracts',
      'legal',
    ]);
    expect(withAreas([])).toEqual([]);
  });

  it('checks codes against the right list', () => {
    expect(isCode('expertise', 'finance.pricing')).toBe(true);
    expect(isCode('expertise', 'finance')).toBe(true);
    expect(isCode('industries', 'finance.pricing')).toBe(false);
    expect(isCode('industries', 'agriculture')).toBe(true);
    expect(isCode('stages', 'revenue')).toBe(true);
    expect(isCode('expertise', 'finance.nope')).toBe(false);
  });
});

describe('TenantTaxonomy', () => {
  it('labels codes in its language, unknown codes as themselves', () => {
    expect(new TenantTaxonomy(NO_RULES, 'en').label('finance.pricing')).toBe('Pricing');
    expect(new TenantTaxonomy(NO_RULES, 'fr').label('finance.pricing')).toBe('Fixation des prix');
    expect(new TenantTaxonomy(NO_RULES, 'ar').label('finance.pricing')).toBe('التسعير');
    expect(new TenantTaxonomy(NO_RULES, 'en').label('no.such')).toBe('no.such');
  });

  it('uses the tenant’s label in that language, the base label in the others', () => {
    const rules: TaxonomyRules = {
      hidden: [],
      labels: { 'finance.pricing': { en: 'Setting prices', fr: 'Vos prix' } },
    };
    expect(new TenantTaxonomy(rules, 'en').label('finance.pricing')).toBe('Setting prices');
    expect(new TenantTaxonomy(rules, 'fr').label('finance.pricing')).toBe('Vos prix');
    expect(new TenantTaxonomy(rules, 'es').label('finance.pricing')).toBe('Fijación de precios');
    expect(new TenantTaxonomy(rules, 'en').label('finance.tax')).toBe('Tax');
  });

  it('hides options from the lists and stops offering them', () => {
    const t = new TenantTaxonomy({ hidden: ['crafts', 'none'], labels: {} }, 'en');
    expect(t.options('industries').map((o) => o.code)).not.toContain('crafts');
    expect(t.options('industries').map((o) => o.code)).toContain('agriculture');
    expect(t.options('industries')).toHaveLength(TAXONOMY.industries.length - 1);
    expect(t.options('revenueBands').map((o) => o.code)).not.toContain('none');
    expect(t.offers('industries', 'crafts')).toBe(false);
    expect(t.offers('industries', 'agriculture')).toBe(true);
  });

  it('hides a whole area with its sub-areas, or a single sub-area', () => {
    const t = new TenantTaxonomy({ hidden: ['trade', 'finance.tax'], labels: {} }, 'en');
    const groups = t.expertise();
    expect(groups.map((g) => g.code)).not.toContain('trade');
    expect(groups).toHaveLength(TAXONOMY.expertise.length - 1);
    const finance = groups.find((g) => g.code === 'finance')!;
    expect(finance.subAreas.map((s) => s.code)).not.toContain('finance.tax');
    expect(finance.subAreas.map((s) => s.code)).toContain('finance.pricing');
    expect(t.offers('expertise', 'trade')).toBe(false);
    expect(t.offers('expertise', 'trade.export')).toBe(false);
    expect(t.offers('expertise', 'finance.tax')).toBe(false);
    expect(t.offers('expertise', 'finance')).toBe(true);
    expect(t.offers('expertise', 'finance.pricing')).toBe(true);
  });

  it('offers only codes of the asked list', () => {
    const t = new TenantTaxonomy(NO_RULES, 'en');
    expect(t.offers('expertise', 'agriculture')).toBe(false);
    expect(t.offers('industries', 'finance')).toBe(false);
    expect(t.offers('expertise', 'finance.made_up')).toBe(false);
  });

  it('shows the groups with labels in its language, and tenant labels on top', () => {
    const t = new TenantTaxonomy(
      { hidden: [], labels: { finance: { es: 'Dinero' }, 'finance.tax': { es: 'Tributos' } } },
      'es',
    );
    const finance = t.expertise()[0];
    expect(finance.code).toBe('finance');
    expect(finance.label).toBe('Dinero');
    expect(finance.subAreas.find((s) => s.code === 'finance.tax')?.label).toBe('Tributos');
    expect(finance.subAreas.find((s) => s.code === 'finance.pricing')?.label).toBe(
      'Fijación de precios',
    );
    const kinds: Exclude<TaxonomyKind, 'expertise'>[] = ['stages', 'meetingWays'];
    for (const kind of kinds) {
      for (const o of t.options(kind)) expect(o.label).toBe(t.label(o.code));
    }
  });

  it('joins labels as a list in its language', () => {
    const codes = ['finance.pricing', 'finance.bookkeeping', 'finance.tax'];
    expect(new TenantTaxonomy(NO_RULES, 'en').list(codes.slice(0, 2))).toBe(
      'Pricing and Bookkeeping',
    );
    expect(new TenantTaxonomy(NO_RULES, 'en').list(codes)).toBe('Pricing, Bookkeeping, and Tax');
    expect(new TenantTaxonomy(NO_RULES, 'es').list(codes.slice(0, 2))).toBe(
      'Fijación de precios y Registro de cuentas',
    );
    expect(new TenantTaxonomy(NO_RULES, 'fr').list(codes.slice(0, 2))).toBe(
      'Fixation des prix et Tenue des comptes',
    );
    expect(new TenantTaxonomy(NO_RULES, 'ar').list(codes.slice(0, 2))).toBe('التسعير ومسك الدفاتر');
    expect(new TenantTaxonomy(NO_RULES, 'en').list(['finance.tax'])).toBe('Tax');
  });
});

describe('searchLabels', () => {
  it('includes the labels in every given language, each once', () => {
    const text = searchLabels(NO_RULES, ['en', 'es', 'ar'], ['finance.pricing', 'marketing']);
    for (const word of ['Pricing', 'Fijación de precios', 'التسعير', 'Marketing', 'التسويق']) {
      expect(text).toContain(word);
    }
    expect(text).not.toContain('Fixation des prix');
    expect(text.split('Marketing')).toHaveLength(2); // same in en and es: once
  });

  it('includes the tenant’s own labels', () => {
    const rules: TaxonomyRules = { hidden: [], labels: { 'finance.tax': { en: 'Levies' } } };
    const text = searchLabels(rules, ['en', 'fr'], ['finance.tax']);
    expect(text).toContain('Levies');
    expect(text).toContain('Impôts et taxes');
    expect(text).not.toMatch(/\bTax\b/);
  });
});

import type { LocaleCode } from '../branding/theme-contract';
import { listFormat } from '../common/intl-cache';
import { TAXONOMY } from './taxonomy-data';
import type { TaxonomyOption } from './taxonomy-types';

/** The lists a profile picks codes from. */
export type TaxonomyKind =
  | 'expertise'
  | 'industries'
  | 'stages'
  | 'revenueBands'
  | 'registration'
  | 'meetingWays'
  | 'mentoringStyles';

/** What a tenant's programme rules may change: hide options, relabel them. */
export interface TaxonomyRules {
  hidden: string[];
  labels: Record<string, Partial<Record<LocaleCode, string>>>;
}

const FLAT: Record<TaxonomyKind, TaxonomyOption[]> = {
  expertise: TAXONOMY.expertise.flatMap((a) => [a, ...a.subAreas]),
  industries: TAXONOMY.industries,
  stages: TAXONOMY.stages,
  revenueBands: TAXONOMY.revenueBands,
  registration: TAXONOMY.registration,
  meetingWays: TAXONOMY.meetingWays,
  mentoringStyles: TAXONOMY.mentoringStyles,
};
const BY_CODE = new Map<string, TaxonomyOption>(
  Object.values(FLAT).flatMap((list) => list.map((o) => [o.code, o] as const)),
);
const CODES = Object.fromEntries(
  Object.entries(FLAT).map(([kind, list]) => [kind, new Set(list.map((o) => o.code))]),
) as unknown as Record<TaxonomyKind, ReadonlySet<string>>;

/** Every code of every list: what tenant rules may name. */
export const ALL_TAXONOMY_CODES: ReadonlySet<string> = new Set(BY_CODE.keys());

/** The expertise area of a code: `finance.pricing` → `finance`; an area is its own. */
export function areaOf(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? code : code.slice(0, dot);
}

/** The codes and their parent areas, without duplicates: what filters and candidate lookups match on. */
export function withAreas(codes: readonly string[]): string[] {
  return [...new Set(codes.flatMap((c) => [c, areaOf(c)]))];
}

export function isCode(kind: TaxonomyKind, code: string): boolean {
  return CODES[kind].has(code);
}

export interface OptionView {
  code: string;
  label: string;
}
export interface ExpertiseGroupView extends OptionView {
  subAreas: OptionView[];
}

/** One tenant's view of the taxonomies in one language: hidden options gone, its labels on top. */
export class TenantTaxonomy {
  private readonly hidden: ReadonlySet<string>;

  constructor(
    private readonly rules: TaxonomyRules,
    readonly locale: LocaleCode,
  ) {
    this.hidden = new Set(rules.hidden);
  }

  label(code: string): string {
    const own = this.rules.labels[code]?.[this.locale];
    if (own) return own;
    const option = BY_CODE.get(code);
    return option ? option.label[this.locale] : code;
  }

  /** Offered in forms and filters. A hidden code already saved still shows on a profile. */
  offers(kind: TaxonomyKind, code: string): boolean {
    return isCode(kind, code) && !this.hidden.has(code) && !this.hidden.has(areaOf(code));
  }

  options(kind: Exclude<TaxonomyKind, 'expertise'>): OptionView[] {
    return FLAT[kind]
      .filter((o) => !this.hidden.has(o.code))
      .map((o) => ({ code: o.code, label: this.label(o.code) }));
  }

  expertise(): ExpertiseGroupView[] {
    return TAXONOMY.expertise
      .filter((a) => !this.hidden.has(a.code))
      .map((a) => ({
        code: a.code,
        label: this.label(a.code),
        subAreas: a.subAreas
          .filter((s) => !this.hidden.has(s.code))
          .map((s) => ({ code: s.code, label: this.label(s.code) })),
      }));
  }

  /** Labels joined for a list ("pricing, bookkeeping"), in this language. */
  list(codes: readonly string[]): string {
    return listFormat(this.locale).format(codes.map((c) => this.label(c)));
  }
}

/** Every label of the codes in every given language: what search indexes, so any language finds them. */
export function searchLabels(
  rules: TaxonomyRules,
  locales: readonly LocaleCode[],
  codes: readonly string[],
): string {
  const words = new Set<string>();
  for (const locale of locales) {
    const taxonomy = new TenantTaxonomy(rules, locale);
    for (const code of codes) words.add(taxonomy.label(code));
  }
  return [...words].join(' ');
}

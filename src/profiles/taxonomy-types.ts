import type { LocaleCode } from '../branding/theme-contract';

/** A label in every base language. */
export type Labels = Record<LocaleCode, string>;

/** One option of a shared taxonomy: a stable code stored in profiles, and its labels. */
export interface TaxonomyOption {
  /** Lowercase ASCII, `[a-z0-9_]+`; sub-areas are `<area>.<sub>`. Never renamed once shipped. */
  code: string;
  label: Labels;
}

/** A top-level expertise (= need) area and its sub-areas. */
export interface ExpertiseArea extends TaxonomyOption {
  subAreas: TaxonomyOption[];
}

/** The shared reference data every tenant starts from. */
export interface TaxonomyData {
  expertise: ExpertiseArea[];
  industries: TaxonomyOption[];
  /** idea, pre_revenue, revenue, profitable — in that order. */
  stages: TaxonomyOption[];
  revenueBands: TaxonomyOption[];
  registration: TaxonomyOption[];
  meetingWays: TaxonomyOption[];
  mentoringStyles: TaxonomyOption[];
}

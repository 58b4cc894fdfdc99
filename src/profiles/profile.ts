/** What a mentor tells the programme about themselves. Codes come from the taxonomies. */
export interface MentorProfile {
  userId: string;
  headline: string;
  bio: string;
  website: string | null;
  employer: string | null;
  expertiseTop: string[];
  expertiseMore: string[];
  industries: string[];
  yearsExperience: number | null;
  languages: string[];
  country: string | null;
  timezone: string | null;
  stages: string[];
  styles: string[];
  capacity: number;
  activeCount: number;
  /** Paused (no new requests, not recommended) until this day, `YYYY-MM-DD`. */
  pausedUntil: string | null;
  awayNote: string | null;
  createdAt: Date;
}

/** What an entrepreneur tells the programme about the business and its needs. */
export interface EntrepreneurProfile {
  userId: string;
  businessName: string;
  industry: string | null;
  stage: string | null;
  country: string | null;
  city: string;
  foundedYear: number | null;
  employees: number | null;
  revenueBand: string | null;
  registration: string | null;
  description: string;
  website: string | null;
  needsTop: string[];
  needsMore: string[];
  languages: string[];
  meetingWays: string[];
  styles: string[];
  timezone: string | null;
}

export type MentorProfileInput = Omit<MentorProfile, 'userId' | 'activeCount' | 'createdAt'>;
export type EntrepreneurProfileInput = Omit<EntrepreneurProfile, 'userId'>;

/**
 * Search text is folded the same way when stored and when searched: lower
 * case, accents and Arabic diacritics removed, so "credito" finds "Crédito".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\u0640/g, '') // Arabic tatweel
    .toLowerCase();
}

export function isPaused(p: Pick<MentorProfile, 'pausedUntil'>, today: string): boolean {
  return p.pausedUntil !== null && p.pausedUntil > today;
}

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
  /** Measured, never typed: running average reply time in hours (null: no reply yet), last action. */
  replyHours?: number | null;
  lastActiveAt?: Date | null;
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

/** The candidate-index code under which every mentor is listed (the least exposed overall). */
export const EVERYONE = '*';

/** A mentor profile with nothing filled in yet: the tenant's default capacity, their own language. */
export function emptyMentorProfile(capacity: number, locale: string): MentorProfileInput {
  return {
    headline: '',
    bio: '',
    website: null,
    employer: null,
    expertiseTop: [],
    expertiseMore: [],
    industries: [],
    yearsExperience: null,
    languages: [locale],
    country: null,
    timezone: null,
    stages: [],
    styles: [],
    capacity,
    pausedUntil: null,
    awayNote: null,
  };
}

/** A business profile with nothing filled in yet but the person's own language. */
export function emptyEntrepreneurProfile(locale: string): EntrepreneurProfileInput {
  return {
    businessName: '',
    industry: null,
    stage: null,
    country: null,
    city: '',
    foundedYear: null,
    employees: null,
    revenueBand: null,
    registration: null,
    description: '',
    website: null,
    needsTop: [],
    needsMore: [],
    languages: [locale],
    meetingWays: [],
    styles: [],
    timezone: null,
  };
}

/**
 * The Arabic article (ال, also after و ف ب ك, and لل) at the start of a word
 * of at least two more letters: "التسويق" and "تسويق" are the same search.
 * Repeated (الالتزام → تزام, like التزام): with the hamza folded away,
 * "الإلكترونية" and "إلكترونية" only meet that way, and folding twice
 * changes nothing.
 */
const ARABIC_ARTICLE = /(^|[^\p{L}\p{N}])(?:[وفبك]?ال|لل)(?:ال)*(?=[\u0621-\u064A]{2})/gu;

/**
 * Search text is folded the same way when stored and when searched: lower
 * case, accents and Arabic diacritics removed, and the Arabic article, so
 * "credito" finds "Crédito" and "تسويق" finds "التسويق".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\u0640/g, '') // Arabic tatweel
    .toLowerCase()
    .replace(ARABIC_ARTICLE, '$1');
}

export function isPaused(p: Pick<MentorProfile, 'pausedUntil'>, today: string): boolean {
  return p.pausedUntil !== null && p.pausedUntil > today;
}

import { isIsoDate } from '../common/clock';
import type { FieldErrors } from '../common/http/form';
import type { TenantConfig } from '../tenancy/config/tenant-config.schema';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { countryCodes } from '../identity/countries';
import { isSpokenLanguage, isTimeZone, utcOffsetMinutes } from './places';
import {
  foldForSearch,
  type EntrepreneurProfile,
  type EntrepreneurProfileInput,
  type MentorProfile,
  type MentorProfileInput,
} from './profile';
import type { EntrepreneurProfileForm, MentorProfileForm } from './profiles.forms';
import type { DerivedColumns } from './profiles.repository';
import { searchLabels, TenantTaxonomy, withAreas, type TaxonomyKind } from './taxonomy';

// From a submitted form to a profile: every code checked against what the
// tenant offers, free text kept exactly as typed (it is escaped when shown),
// links limited to http and https.

/** An http(s) link, or null; anything else (javascript:, data:, relative) is refused. */
export function safeUrl(input: string | undefined): { url: string | null; ok: boolean } {
  const text = (input ?? '').trim();
  if (text === '') return { url: null, ok: true };
  // "javascript:", "data:" are schemes (and refused below); "example.org:8080" is a host with a port.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  const hasScheme = scheme !== null && !scheme[1].includes('.');
  const candidate = hasScheme ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.')) {
      return { url: null, ok: false };
    }
    return { url: url.href, ok: true };
  } catch {
    return { url: null, ok: false };
  }
}

class Checker {
  readonly errors: FieldErrors = {};
  constructor(readonly taxonomy: TenantTaxonomy) {}

  fail(field: string, key: string): void {
    this.errors[field] ??= key;
  }

  /** Codes the tenant offers, de-duplicated, in the order picked. */
  codes(field: string, kind: TaxonomyKind, values: readonly string[], already: string[] = []) {
    const picked = [...new Set(values)].filter((c) => !already.includes(c));
    if (picked.some((c) => !this.taxonomy.offers(kind, c)))
      this.fail(field, 'profile.error.choice');
    return picked.filter((c) => this.taxonomy.offers(kind, c));
  }

  code(field: string, kind: TaxonomyKind, value: string): string | null {
    if (value === '') return null;
    if (!this.taxonomy.offers(kind, value)) this.fail(field, 'profile.error.choice');
    return this.taxonomy.offers(kind, value) ? value : null;
  }

  languages(values: readonly string[]): string[] {
    const picked = [...new Set(values)];
    if (picked.some((c) => !isSpokenLanguage(c))) this.fail('languages', 'profile.error.choice');
    return picked.filter(isSpokenLanguage);
  }

  country(value: string): string | null {
    if (value === '') return null;
    if (!countryCodes().includes(value)) this.fail('country', 'form.error.country');
    return countryCodes().includes(value) ? value : null;
  }

  timezone(value: string): string | null {
    if (value === '') return null;
    if (!isTimeZone(value)) this.fail('timezone', 'profile.error.choice');
    return isTimeZone(value) ? value : null;
  }

  url(value: string | undefined): string | null {
    const { url, ok } = safeUrl(value);
    if (!ok) this.fail('website', 'profile.error.url');
    return url;
  }

  integer(field: string, value: string, min: number, max: number, key: string): number | null {
    if (value === '') return null;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.fail(field, key);
      return null;
    }
    return n;
  }
}

export function checkMentorForm(
  form: MentorProfileForm,
  tenant: ResolvedTenant,
  taxonomy: TenantTaxonomy,
  today: string,
): { value: MentorProfileInput; errors: FieldErrors } {
  const c = new Checker(taxonomy);
  const maximum = tenant.config.programme.mentorCapacity.maximum;
  const expertiseTop = c.codes('expertiseTop', 'expertise', form.expertiseTop);
  let pausedUntil: string | null = form.pausedUntil || null;
  if (pausedUntil !== null) {
    const limit = new Date(`${today}T00:00:00Z`);
    limit.setUTCFullYear(limit.getUTCFullYear() + 1);
    // A real calendar day: Date would quietly roll 31 April over to 1 May.
    if (!isIsoDate(pausedUntil) || pausedUntil > limit.toISOString().slice(0, 10)) {
      c.fail('pausedUntil', 'profile.error.date');
      pausedUntil = null;
    } else if (pausedUntil <= today) {
      pausedUntil = null; // a day already past means available again
    }
  }
  const value: MentorProfileInput = {
    headline: form.headline,
    bio: form.bio,
    website: c.url(form.website),
    // Only corporate programmes have employee volunteers whose employer is shown.
    employer: tenant.config.kind === 'corporate' ? form.employer?.trim() || null : null,
    expertiseTop,
    expertiseMore: c.codes('expertiseMore', 'expertise', form.expertiseMore, expertiseTop),
    industries: c.codes('industries', 'industries', form.industries),
    yearsExperience: c.integer(
      'yearsExperience',
      form.yearsExperience,
      0,
      70,
      'profile.error.years',
    ),
    languages: c.languages(form.languages),
    country: c.country(form.country),
    timezone: c.timezone(form.timezone),
    stages: c.codes('stages', 'stages', form.stages),
    styles: c.codes('styles', 'mentoringStyles', form.styles),
    capacity:
      c.integer('capacity', form.capacity, 1, maximum, 'profile.error.capacity') ??
      tenant.config.programme.mentorCapacity.default,
    pausedUntil,
    awayNote: form.awayNote?.trim() || null,
  };
  if (form.capacity === '') c.fail('capacity', 'profile.error.capacity');
  if (value.languages.length === 0) c.fail('languages', 'profile.error.languageNeeded');
  return { value, errors: c.errors };
}

export function checkEntrepreneurForm(
  form: EntrepreneurProfileForm,
  taxonomy: TenantTaxonomy,
  thisYear: number,
): { value: EntrepreneurProfileInput; errors: FieldErrors } {
  const c = new Checker(taxonomy);
  const needsTop = c.codes('needsTop', 'expertise', form.needsTop);
  const value: EntrepreneurProfileInput = {
    businessName: form.businessName,
    industry: c.code('industry', 'industries', form.industry),
    stage: c.code('stage', 'stages', form.stage),
    country: c.country(form.country),
    city: form.city,
    foundedYear: c.integer('foundedYear', form.foundedYear, 1900, thisYear, 'profile.error.year'),
    employees: c.integer('employees', form.employees, 0, 100000, 'profile.error.number'),
    revenueBand: c.code('revenueBand', 'revenueBands', form.revenueBand),
    registration: c.code('registration', 'registration', form.registration),
    description: form.description,
    website: c.url(form.website),
    needsTop,
    needsMore: c.codes('needsMore', 'expertise', form.needsMore, needsTop),
    languages: c.languages(form.languages),
    meetingWays: c.codes('meetingWays', 'meetingWays', form.meetingWays),
    styles: c.codes('styles', 'mentoringStyles', form.styles),
    timezone: c.timezone(form.timezone),
  };
  if (value.languages.length === 0) c.fail('languages', 'profile.error.languageNeeded');
  return { value, errors: c.errors };
}

/** What filters, matching and search read, derived from what the person wrote. */
export function deriveMentor(
  config: TenantConfig,
  name: string,
  p: MentorProfileInput,
): DerivedColumns {
  const rules = config.programme.taxonomy;
  const codes = withAreas([...p.expertiseTop, ...p.expertiseMore]);
  const labels = searchLabels(rules, config.locale.supported, [...codes, ...p.industries]);
  return {
    codes,
    utcOffsetMin: utcOffsetMinutes(p.timezone),
    searchPrimary: foldForSearch(`${name} ${p.headline} ${labels}`),
    searchSecondary: foldForSearch(`${p.bio} ${p.employer ?? ''}`),
  };
}

export function deriveEntrepreneur(
  config: TenantConfig,
  name: string,
  p: EntrepreneurProfileInput,
): DerivedColumns {
  const rules = config.programme.taxonomy;
  const codes = withAreas([...p.needsTop, ...p.needsMore]);
  const labels = searchLabels(rules, config.locale.supported, [
    ...codes,
    ...(p.industry ? [p.industry] : []),
  ]);
  return {
    codes,
    utcOffsetMin: utcOffsetMinutes(p.timezone),
    searchPrimary: foldForSearch(`${name} ${p.businessName} ${labels}`),
    searchSecondary: foldForSearch(`${p.description} ${p.city}`),
  };
}

export interface Completeness {
  percent: number;
  /** Catalog keys, one per missing item: what is missing and why it matters for matching. */
  missing: { field: string; key: string }[];
}

const MENTOR_ITEMS: [string, (p: MentorProfile | null) => boolean][] = [
  ['headline', (p) => !!p?.headline],
  ['expertiseTop', (p) => (p?.expertiseTop.length ?? 0) > 0],
  ['languages', (p) => (p?.languages.length ?? 0) > 0],
  ['bio', (p) => (p?.bio.length ?? 0) >= 40],
  ['industries', (p) => (p?.industries.length ?? 0) > 0],
  ['stages', (p) => (p?.stages.length ?? 0) > 0],
  ['country', (p) => !!p?.country],
  ['timezone', (p) => !!p?.timezone],
  ['styles', (p) => (p?.styles.length ?? 0) > 0],
  ['yearsExperience', (p) => p?.yearsExperience != null],
];

const ENTREPRENEUR_ITEMS: [string, (p: EntrepreneurProfile | null) => boolean][] = [
  ['needsTop', (p) => (p?.needsTop.length ?? 0) > 0],
  ['businessName', (p) => !!p?.businessName],
  ['industry', (p) => !!p?.industry],
  ['stage', (p) => !!p?.stage],
  ['languages', (p) => (p?.languages.length ?? 0) > 0],
  ['country', (p) => !!p?.country],
  ['description', (p) => (p?.description.length ?? 0) >= 40],
  ['timezone', (p) => !!p?.timezone],
  ['styles', (p) => (p?.styles.length ?? 0) > 0],
  ['meetingWays', (p) => (p?.meetingWays.length ?? 0) > 0],
];

function completeness<P>(
  items: [string, (p: P | null) => boolean][],
  profile: P | null,
  prefix: string,
): Completeness {
  const missing = items
    .filter(([, has]) => !has(profile))
    .map(([field]) => ({ field, key: `${prefix}.${field}` }));
  return {
    percent: Math.round((100 * (items.length - missing.length)) / items.length),
    missing,
  };
}

export const mentorCompleteness = (p: MentorProfile | null) =>
  completeness(MENTOR_ITEMS, p, 'profile.missing.mentor');
export const entrepreneurCompleteness = (p: EntrepreneurProfile | null) =>
  completeness(ENTREPRENEUR_ITEMS, p, 'profile.missing.entrepreneur');

import type { LocaleCode } from '../branding/theme-contract';
import { countryOptions } from '../identity/countries';
import { countryName, languageName, languageOptions, UTC_OFFSETS } from './places';
import type { EntrepreneurProfile, MentorProfile } from './profile';
import type { TenantTaxonomy } from './taxonomy';

// View models for the profile pages: labels resolved in the visitor's
// language, every field present (templates compile in strict mode).

/** Up to two letters for the generated avatar, from the person's name. */
export function initials(name: string): string {
  const words = name
    .replace(/\(.*?\)/g, '')
    .trim()
    .split(/\s+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((w) => [...w][0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

export function avatarView(person: { id: string; name: string }, digest: string | null) {
  return {
    initials: initials(person.name),
    url: digest ? `/avatars/${person.id}/${digest}` : null,
  };
}

const yearMonthDay = (locale: string, day: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

export function mentorView(p: MentorProfile, taxonomy: TenantTaxonomy, today: string) {
  const locale = taxonomy.locale;
  const labels = (codes: string[]) => codes.map((code) => taxonomy.label(code));
  return {
    headline: p.headline,
    bio: p.bio,
    website: p.website,
    employer: p.employer,
    expertiseTop: labels(p.expertiseTop),
    expertiseMore: labels(p.expertiseMore),
    industries: labels(p.industries),
    stages: labels(p.stages),
    styles: labels(p.styles),
    yearsExperience: p.yearsExperience,
    languages: p.languages.map((l) => languageName(l, locale)),
    country: p.country ? countryName(p.country, locale) : null,
    timezone: p.timezone,
    capacity: p.capacity,
    room: Math.max(p.capacity - p.activeCount, 0),
    paused: p.pausedUntil !== null && p.pausedUntil > today,
    pausedUntil: p.pausedUntil ? yearMonthDay(locale, p.pausedUntil) : null,
    awayNote: p.awayNote,
  };
}

export function entrepreneurView(p: EntrepreneurProfile, taxonomy: TenantTaxonomy) {
  const locale = taxonomy.locale;
  const label = (code: string | null) => (code ? taxonomy.label(code) : null);
  return {
    businessName: p.businessName,
    industry: label(p.industry),
    stage: label(p.stage),
    country: p.country ? countryName(p.country, locale) : null,
    city: p.city,
    foundedYear: p.foundedYear,
    employees: p.employees,
    revenueBand: label(p.revenueBand),
    registration: label(p.registration),
    description: p.description,
    website: p.website,
    needsTop: p.needsTop.map((c) => taxonomy.label(c)),
    needsMore: p.needsMore.map((c) => taxonomy.label(c)),
    languages: p.languages.map((l) => languageName(l, locale)),
    meetingWays: p.meetingWays.map((c) => taxonomy.label(c)),
    styles: p.styles.map((c) => taxonomy.label(c)),
    timezone: p.timezone,
  };
}

const checks = (options: { code: string; label: string }[], selected: readonly string[]) =>
  options.map((o) => ({ ...o, checked: selected.includes(o.code) }));

/** Numbered selects (top 1…3, more 1…3) over the expertise hierarchy, grouped by area. */
function expertiseSelects(
  taxonomy: TenantTaxonomy,
  name: string,
  labelKey: string,
  selected: readonly string[],
) {
  const groups = taxonomy.expertise();
  return [0, 1, 2].map((i) => ({
    name,
    id: `${name}${i + 1}`,
    labelKey,
    number: i + 1,
    groups: groups.map((g) => ({
      label: g.label,
      options: [{ code: g.code, label: g.label }, ...g.subAreas].map((o) => ({
        ...o,
        selected: selected[i] === o.code,
      })),
    })),
  }));
}

function placeOptions(locale: LocaleCode, country: string | null, timezone: string | null) {
  const zones =
    timezone && !UTC_OFFSETS.includes(timezone) ? [timezone, ...UTC_OFFSETS] : UTC_OFFSETS;
  return {
    countries: countryOptions(locale).map((c) => ({ ...c, selected: c.code === country })),
    timezones: zones.map((z) => ({ code: z, selected: z === timezone })),
  };
}

function languageChecks(locale: LocaleCode, selected: readonly string[]) {
  return languageOptions(locale).map((l) => ({
    code: l.code,
    label: l.name,
    checked: selected.includes(l.code),
  }));
}

/** The mentor form: what was typed (or saved) and every option to choose from. */
export function mentorFormView(
  values: Omit<MentorProfile, 'userId' | 'activeCount' | 'createdAt'>,
  taxonomy: TenantTaxonomy,
  maximumCapacity: number,
) {
  const locale = taxonomy.locale;
  return {
    values: {
      ...values,
      website: values.website ?? '',
      employer: values.employer ?? '',
      yearsExperience: values.yearsExperience ?? '',
      pausedUntil: values.pausedUntil ?? '',
      awayNote: values.awayNote ?? '',
    },
    maximumCapacity,
    expertiseTop: expertiseSelects(
      taxonomy,
      'expertiseTop',
      'profile.field.expertiseTopN',
      values.expertiseTop,
    ),
    expertiseMore: expertiseSelects(
      taxonomy,
      'expertiseMore',
      'profile.field.expertiseMoreN',
      values.expertiseMore,
    ),
    industries: checks(taxonomy.options('industries'), values.industries),
    stages: checks(taxonomy.options('stages'), values.stages),
    styles: checks(taxonomy.options('mentoringStyles'), values.styles),
    languages: languageChecks(locale, values.languages),
    ...placeOptions(locale, values.country, values.timezone),
  };
}

export function entrepreneurFormView(
  values: Omit<EntrepreneurProfile, 'userId'>,
  taxonomy: TenantTaxonomy,
) {
  const locale = taxonomy.locale;
  const choose = (options: { code: string; label: string }[], code: string | null) =>
    options.map((o) => ({ ...o, selected: o.code === code }));
  return {
    values: {
      ...values,
      website: values.website ?? '',
      foundedYear: values.foundedYear ?? '',
      employees: values.employees ?? '',
    },
    industries: choose(taxonomy.options('industries'), values.industry),
    stages: choose(taxonomy.options('stages'), values.stage),
    revenueBands: choose(taxonomy.options('revenueBands'), values.revenueBand),
    registration: choose(taxonomy.options('registration'), values.registration),
    needsTop: expertiseSelects(taxonomy, 'needsTop', 'profile.field.needsTopN', values.needsTop),
    needsMore: expertiseSelects(
      taxonomy,
      'needsMore',
      'profile.field.needsMoreN',
      values.needsMore,
    ),
    meetingWays: checks(taxonomy.options('meetingWays'), values.meetingWays),
    styles: checks(taxonomy.options('mentoringStyles'), values.styles),
    languages: languageChecks(locale, values.languages),
    ...placeOptions(locale, values.country, values.timezone),
  };
}

import type { TenantTaxonomy } from '../profiles/taxonomy';
import { listFormat } from '../common/intl-cache';
import { countryName, languageName } from '../profiles/places';
import { RESPONSIVE_WITHIN_HOURS, type MentorCard, type MentorMatch } from './matching.repository';

/** Replies within three days are worth saying. */
const QUICK_REPLY_HOURS = 72;
import { SCORED_COMPONENTS, type Component, type Weights } from './weights';

/** One sentence of an explanation: a catalog key and its arguments (every argument always present). */
export interface Phrase {
  key: string;
  count: number;
  total: number;
  list: string;
  name: string;
}

export interface Explanation {
  /** The score as a whole percentage. */
  percent: number;
  reasons: Phrase[];
  missing: Phrase[];
  /** Each component's share of the score: points earned of points possible. */
  breakdown: { key: string; points: number; max: number }[];
}

/** What the explanation needs to know about the entrepreneur. */
export interface SeekerFacts {
  needsTop: string[];
  needsMore: string[];
  industry: string | null;
  stage: string | null;
  country: string | null;
  preferredLanguage: string;
}

const phrase = (key: string, args: Partial<Omit<Phrase, 'key'>> = {}): Phrase => ({
  key,
  count: 0,
  total: 0,
  list: '',
  name: '',
  ...args,
});

/**
 * Turns a score into plain language: "covers 2 of your 3 top needs:
 * pricing and bookkeeping · speaks Spanish · same time zone", what is
 * missing, and the points per component.
 */
export function explain(
  mentor: MentorCard,
  match: MentorMatch,
  seeker: SeekerFacts,
  weights: Weights,
  taxonomy: TenantTaxonomy,
): Explanation {
  const locale = taxonomy.locale;
  const reasons: Phrase[] = [];
  const missing: Phrase[] = [];
  const exact = new Set(match.needsExact);
  const area = new Set(match.needsArea);

  const topCovered = seeker.needsTop.filter((n) => exact.has(n));
  if (topCovered.length > 0) {
    reasons.push(
      phrase('match.reason.topNeeds', {
        count: topCovered.length,
        total: seeker.needsTop.length,
        list: taxonomy.list(topCovered),
      }),
    );
  }
  const moreCovered = seeker.needsMore.filter((n) => exact.has(n));
  if (moreCovered.length > 0) {
    reasons.push(phrase('match.reason.moreNeeds', { list: taxonomy.list(moreCovered) }));
  }
  const areaOnly = [...seeker.needsTop, ...seeker.needsMore].filter((n) => area.has(n));
  if (areaOnly.length > 0) {
    reasons.push(phrase('match.reason.areaNeeds', { list: taxonomy.list(areaOnly) }));
  }
  const topMissing = seeker.needsTop.filter((n) => !exact.has(n) && !area.has(n));
  if (topMissing.length > 0) {
    missing.push(phrase('match.missing.needs', { list: taxonomy.list(topMissing) }));
  }

  const language = languageName(seeker.preferredLanguage, locale);
  if (match.components.language >= 1) {
    reasons.push(phrase('match.reason.language', { name: language }));
  } else {
    const shared = match.sharedLanguages.map((l) => languageName(l, locale));
    // Search shows mentors who share no language at all: then there is nothing to say here.
    if (shared.length > 0) {
      reasons.push(phrase('match.reason.otherLanguage', { list: listOf(shared, locale) }));
    }
    missing.push(phrase('match.missing.language', { name: language }));
  }

  if (seeker.country && mentor.country === seeker.country) {
    reasons.push(phrase('match.reason.country', { name: countryName(seeker.country, locale) }));
  } else if (seeker.country && mentor.country && match.components.location > 0) {
    const placeScore = match.components.location * 2 - timezoneScore(match.tzDiffMin);
    if (placeScore > 0.25) reasons.push(phrase('match.reason.region'));
  }
  if (match.tzDiffMin !== null) {
    if (match.tzDiffMin === 0) reasons.push(phrase('match.reason.sameTimezone'));
    else if (match.tzDiffMin <= 180) {
      reasons.push(
        phrase('match.reason.nearTimezone', { count: Math.round(match.tzDiffMin / 60) }),
      );
    } else {
      missing.push(phrase('match.missing.timezone', { count: Math.round(match.tzDiffMin / 60) }));
    }
  }

  if (seeker.industry) {
    const name = taxonomy.label(seeker.industry);
    if (match.components.industry >= 1) reasons.push(phrase('match.reason.industry', { name }));
    else missing.push(phrase('match.missing.industry', { name }));
  }
  if (seeker.stage && match.components.stage >= 1) {
    reasons.push(phrase('match.reason.stage', { name: taxonomy.label(seeker.stage) }));
  }
  if (match.components.style >= 1) reasons.push(phrase('match.reason.style'));
  const room = mentor.capacity - mentor.activeCount;
  if (room > 0 && !mentor.paused) reasons.push(phrase('match.reason.capacity', { count: room }));
  if (mentor.isNew) reasons.push(phrase('match.reason.new'));
  if (mentor.replyHours !== null) {
    const days = Math.max(1, Math.ceil(mentor.replyHours / 24));
    if (mentor.replyHours <= QUICK_REPLY_HOURS)
      reasons.push(phrase('match.reason.replies', { count: days }));
    else if (mentor.replyHours >= RESPONSIVE_WITHIN_HOURS)
      missing.push(phrase('match.missing.slowReplies', { count: days }));
  }

  const total = SCORED_COMPONENTS.reduce((sum, k) => sum + weights[k], 0) || 1;
  const breakdown = SCORED_COMPONENTS.filter((k) => weights[k] > 0).map((k: Component) => ({
    key: `match.component.${k}`,
    points: Math.round((100 * weights[k] * match.components[k]) / total),
    max: Math.round((100 * weights[k]) / total),
  }));
  return { percent: Math.round(100 * match.score), reasons, missing, breakdown };
}

function timezoneScore(diff: number | null): number {
  return diff === null ? 0 : 1 - Math.min(diff, 480) / 480;
}

function listOf(items: string[], locale: string): string {
  return listFormat(locale).format(items);
}

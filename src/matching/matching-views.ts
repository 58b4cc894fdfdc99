import { responsivenessView } from '../engagements/connecting-views';
import { avatarView } from '../profiles/profile-views';
import { listFormat } from '../common/intl-cache';
import { countryName, languageName } from '../profiles/places';
import type { TenantTaxonomy } from '../profiles/taxonomy';
import type { Explanation } from './explain';
import type { EntrepreneurCard, MentorCard } from './matching.repository';

/**
 * An explanation as the templates show it. `compact` (search results) leaves
 * out the points breakdown, which recommendations and profiles show.
 */
export function presentExplanation(e: Explanation, compact = false) {
  return { ...e, hasMissing: e.missing.length > 0, compact };
}

export function mentorCardView(
  m: MentorCard,
  explanation: Explanation | null,
  avatarDigest: string | null,
  taxonomy: TenantTaxonomy,
  compact = false,
) {
  const locale = taxonomy.locale;
  return {
    id: m.userId,
    name: m.name,
    avatar: avatarView({ id: m.userId, name: m.name }, avatarDigest),
    headline: m.headline,
    employer: m.employer,
    country: m.country ? countryName(m.country, locale) : null,
    languages: listFormat(locale).format(m.languages.map((l) => languageName(l, locale))),
    expertise: m.expertiseTop.map((c) => taxonomy.label(c)),
    room: Math.max(m.capacity - m.activeCount, 0),
    isNew: m.isNew,
    paused: m.paused,
    ...responsivenessView(m.replyHours, m.lastActiveAt, new Date()),
    match: explanation ? presentExplanation(explanation, compact) : null,
  };
}

export function entrepreneurCardView(
  e: EntrepreneurCard,
  avatarDigest: string | null,
  taxonomy: TenantTaxonomy,
) {
  const locale = taxonomy.locale;
  return {
    id: e.userId,
    name: e.name,
    avatar: avatarView({ id: e.userId, name: e.name }, avatarDigest),
    businessName: e.businessName,
    industry: e.industry ? taxonomy.label(e.industry) : null,
    stage: e.stage ? taxonomy.label(e.stage) : null,
    place: [e.city, e.country ? countryName(e.country, locale) : null].filter(Boolean).join(', '),
    needs: [...e.needsTop, ...e.needsMore].map((c) => taxonomy.label(c)),
    fitPercent: Math.round(e.fit * 100),
  };
}

import { Inject, Injectable } from '@nestjs/common';
import type { LocaleCode } from '../branding/theme-contract';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import type { EntrepreneurProfile } from '../profiles/profile';
import { profilesRepository } from '../profiles/profiles.repository';
import { taxonomyFor } from '../profiles/profiles.service';
import { countriesInRegion, regionOf } from '../profiles/regions';
import { areaOf } from '../profiles/taxonomy';
import { utcOffsetMinutes } from '../profiles/places';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { explain, type Explanation, type SeekerFacts } from './explain';
import { ExposureRecorder } from './exposure-recorder';
import {
  matchingRepository,
  type EntrepreneurCard,
  type SearchPage,
  type MentorCard,
  type SearchFilters,
  type Seeker,
} from './matching.repository';
import { resolveWeights } from './weights';

/** A top need counts twice as much as one of the further needs. */
export const TOP_NEED_WEIGHT = 2;
export const MORE_NEED_WEIGHT = 1;
/**
 * Candidates per looked-up need code (and for the general pool): see
 * matchingRepository.recommend. Every candidate can be recommended (the
 * pools skip mentors sharing no language or on a break), so 30 per code, a
 * couple of hundred in all, give the top 20 the same mean score as 40 did
 * (measured over 300 entrepreneurs at 100,000 mentors) in less time.
 */
export const POOL_SIZE = 30;

export interface Recommendation {
  mentor: MentorCard;
  explanation: Explanation;
}

export interface MatchingViewer {
  id: string;
  locale: string;
}

/** Profile fields whose absence limits what matching can do, as catalog keys for hints. */
export function profileHints(p: EntrepreneurProfile | null): string[] {
  const hints: string[] = [];
  if (!p || p.needsTop.length === 0) hints.push('match.hint.needs');
  if (!p?.industry) hints.push('match.hint.industry');
  if (!p?.stage) hints.push('match.hint.stage');
  if (!p?.country || !p.timezone) hints.push('match.hint.place');
  if (!p || p.styles.length === 0) hints.push('match.hint.style');
  return hints;
}

export function seekerFrom(viewer: MatchingViewer, p: EntrepreneurProfile | null): Seeker {
  const needs = [
    ...(p?.needsTop ?? []).map((code) => ({ code, area: areaOf(code), weight: TOP_NEED_WEIGHT })),
    ...(p?.needsMore ?? []).map((code) => ({ code, area: areaOf(code), weight: MORE_NEED_WEIGHT })),
  ];
  const region = regionOf(p?.country);
  return {
    userId: viewer.id,
    needs,
    industry: p?.industry ?? null,
    stage: p?.stage ?? null,
    country: p?.country ?? null,
    regionCountries: region ? countriesInRegion(region) : [],
    utcOffsetMin: utcOffsetMinutes(p?.timezone),
    // The language they use the platform in is the preferred one.
    languages: [viewer.locale, ...(p?.languages ?? []).filter((l) => l !== viewer.locale)],
    styles: p?.styles ?? [],
  };
}

function factsFrom(viewer: MatchingViewer, p: EntrepreneurProfile | null): SeekerFacts {
  return {
    needsTop: p?.needsTop ?? [],
    needsMore: p?.needsMore ?? [],
    industry: p?.industry ?? null,
    stage: p?.stage ?? null,
    country: p?.country ?? null,
    preferredLanguage: viewer.locale,
  };
}

// Recommendations and search run their statements with plans made once per
// connection (see queryPrepared).
const GENERIC_PLANS = { genericPlans: true };

/** Recommendations and search, for the pages and the benchmark alike. */
@Injectable()
export class MatchingService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(ExposureRecorder) private readonly exposure: ExposureRecorder,
  ) {}

  /** The top mentors for an entrepreneur, each explained, and hints about the profile. */
  async recommend(
    tenant: ResolvedTenant,
    viewer: MatchingViewer,
    locale: LocaleCode,
    opts: { limit?: number; now?: Date } = {},
  ): Promise<{ profile: EntrepreneurProfile | null; hints: string[]; items: Recommendation[] }> {
    const now = opts.now ?? new Date();
    const weights = resolveWeights(tenant.config.programme);
    const { profile, scored } = await this.tx.runInTenant(
      tenant.id,
      async (em) => {
        const profile = await profilesRepository.entrepreneur(em, viewer.id);
        const scored = await matchingRepository.recommend(
          em,
          tenant.id,
          seekerFrom(viewer, profile),
          {
            weights,
            limit: opts.limit ?? 20,
            poolSize: POOL_SIZE,
            today: now.toISOString().slice(0, 10),
            now,
          },
        );
        return { profile, scored };
      },
      GENERIC_PLANS,
    );
    this.exposure.record(
      tenant.id,
      scored.map((s) => s.userId),
    );
    const taxonomy = taxonomyFor(tenant, locale);
    const facts = factsFrom(viewer, profile);
    return {
      profile,
      hints: profileHints(profile),
      items: scored.map((s) => ({
        mentor: s,
        explanation: explain(s, s.match, facts, weights, taxonomy),
      })),
    };
  }

  /** One mentor explained for an entrepreneur (on the mentor's profile page). */
  async explainOne(
    tenant: ResolvedTenant,
    viewer: MatchingViewer,
    mentorId: string,
    locale: LocaleCode,
    now = new Date(),
  ): Promise<Explanation | null> {
    const weights = resolveWeights(tenant.config.programme);
    return this.tx.runInTenant(tenant.id, async (em) => {
      const profile = await profilesRepository.entrepreneur(em, viewer.id);
      const scored = await matchingRepository.scoreOne(
        em,
        tenant.id,
        seekerFrom(viewer, profile),
        mentorId,
        { weights, today: now.toISOString().slice(0, 10), now },
      );
      return scored
        ? explain(
            scored,
            scored.match,
            factsFrom(viewer, profile),
            weights,
            taxonomyFor(tenant, locale),
          )
        : null;
    });
  }

  /**
   * Mentor search. An entrepreneur's results carry their match score and
   * explanation (and may be sorted by it); anyone else gets plain relevance.
   */
  async searchMentors(
    tenant: ResolvedTenant,
    viewer: MatchingViewer & { isEntrepreneur: boolean },
    filters: SearchFilters,
    page: { number: number; size: number; sort: 'relevance' | 'match' },
    locale: LocaleCode,
    now = new Date(),
  ): Promise<{ total: number; items: { mentor: MentorCard; explanation: Explanation | null }[] }> {
    const weights = resolveWeights(tenant.config.programme);
    const { profile, result } = await this.tx.runInTenant(
      tenant.id,
      async (em) => {
        const profile = viewer.isEntrepreneur
          ? await profilesRepository.entrepreneur(em, viewer.id)
          : null;
        const result = await matchingRepository.searchMentors(
          em,
          tenant.id,
          filters,
          { offset: (page.number - 1) * page.size, limit: page.size, sort: page.sort },
          viewer.id,
          viewer.isEntrepreneur ? seekerFrom(viewer, profile) : null,
          { weights, today: now.toISOString().slice(0, 10), now },
        );
        return { profile, result };
      },
      GENERIC_PLANS,
    );
    const taxonomy = taxonomyFor(tenant, locale);
    const facts = factsFrom(viewer, profile);
    return {
      total: result.total,
      items: result.items.map((item) => ({
        mentor: item,
        explanation: item.match ? explain(item, item.match, facts, weights, taxonomy) : null,
      })),
    };
  }

  /** For mentors: entrepreneurs whose needs their expertise covers. */
  async searchEntrepreneurs(
    tenant: ResolvedTenant,
    viewer: MatchingViewer,
    filters: Omit<SearchFilters, 'availableOnly'>,
    page: { number: number; size: number; sort: 'relevance' | 'match' },
  ): Promise<SearchPage<EntrepreneurCard>> {
    return this.tx.runInTenant(tenant.id, async (em) => {
      const mentor = await profilesRepository.mentor(em, viewer.id);
      const codes = mentor ? [...mentor.expertiseTop, ...mentor.expertiseMore] : [];
      return matchingRepository.searchEntrepreneurs(
        em,
        tenant.id,
        viewer.id,
        filters,
        { offset: (page.number - 1) * page.size, limit: page.size, sort: page.sort },
        { codes, withAreas: [...new Set(codes.map(areaOf))] },
      );
    });
  }
}

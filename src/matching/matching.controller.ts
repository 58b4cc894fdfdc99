import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import type { LocaleCode } from '../branding/theme-contract';
import { countryCodes, countryOptions } from '../identity/countries';
import { memberOrLogin, type Member } from '../common/member-access';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';
import { isSpokenLanguage, languageOptions } from '../profiles/places';
import { foldForSearch } from '../profiles/profile';
import { ProfilesService, taxonomyFor } from '../profiles/profiles.service';
import type { TenantTaxonomy } from '../profiles/taxonomy';
import { entrepreneurCardView, mentorCardView } from './matching-views';
import { SEARCH_CAP, type SearchFilters } from './matching.repository';
import { MatchingService } from './matching.service';

export const PAGE_SIZE = 20;
/** Searches per member per minute: plenty for a person, a wall for a scraper. */
export const SEARCHES_PER_MINUTE = 60;
const MAX_KEYWORD = 100;

type Query = Record<string, unknown>;
const one = (q: Query, key: string): string => {
  const v = q[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** Search parameters from the query string; anything unknown or not offered is ignored. */
export function readSearch(q: Query, taxonomy: TenantTaxonomy) {
  const code = (key: string, kind: Parameters<TenantTaxonomy['offers']>[0]) => {
    const v = one(q, key);
    return v && taxonomy.offers(kind, v) ? v : null;
  };
  const language = one(q, 'language');
  const country = one(q, 'country');
  const keyword = one(q, 'q').slice(0, MAX_KEYWORD);
  const page = Number(one(q, 'page'));
  return {
    keyword,
    filters: {
      keyword: keyword ? foldForSearch(keyword) : null,
      expertise: code('expertise', 'expertise'),
      industry: code('industry', 'industries'),
      stage: code('stage', 'stages'),
      language: isSpokenLanguage(language) ? language : null,
      country: countryCodes().includes(country) ? country : null,
      availableOnly: one(q, 'available') === 'on',
    } satisfies SearchFilters,
    sort: one(q, 'sort') === 'match' ? ('match' as const) : ('relevance' as const),
    page: Number.isInteger(page) && page >= 1 && page <= SEARCH_CAP / PAGE_SIZE ? page : 1,
    entrepreneurs: one(q, 'for') === 'entrepreneurs',
  };
}

/** Recommendations for entrepreneurs, and member search for everyone signed in. */
@Controller()
export class MatchingController {
  constructor(
    @Inject(MatchingService) private readonly matching: MatchingService,
    @Inject(ProfilesService) private readonly profiles: ProfilesService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private locale(): LocaleCode {
    return this.cls.get('locale') ?? requireTenant(this.cls).config.locale.default;
  }

  @Get('mentors')
  async recommendations(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, 'entrepreneur');
    if (!member) return;
    const locale = this.locale();
    const result = await this.matching.recommend(
      member.tenant,
      { id: member.viewer.id, locale },
      locale,
    );
    const avatars = await this.profiles.avatarDigests(result.items.map((i) => i.mentor.userId));
    const taxonomy = taxonomyFor(member.tenant, locale);
    const flash = (req.session as unknown as { profileFlash?: string }).profileFlash ?? null;
    delete (req.session as unknown as { profileFlash?: string }).profileFlash;
    this.pages.send(req, res, 'mentors', {
      mentors: {
        notice: flash,
        hints: result.hints,
        hasNeeds: (result.profile?.needsTop.length ?? 0) > 0,
        selfAssessment: member.tenant.config.programme.features.selfAssessment,
        items: result.items.map((i) =>
          mentorCardView(i.mentor, i.explanation, avatars.get(i.mentor.userId) ?? null, taxonomy),
        ),
      },
    });
  }

  @Get('search')
  async search(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    await this.limiter.consume([
      {
        key: `${member.tenant.id}:search:${member.viewer.id}`,
        limit: SEARCHES_PER_MINUTE,
        windowSeconds: 60,
      },
    ]);
    const locale = this.locale();
    const taxonomy = taxonomyFor(member.tenant, locale);
    const s = readSearch(req.query as Query, taxonomy);
    // Mentors may also look for entrepreneurs whose needs match their expertise.
    const forEntrepreneurs = s.entrepreneurs && member.viewer.roles.includes('mentor');
    const pageSpec = { number: s.page, size: PAGE_SIZE, sort: s.sort };
    let total: number;
    let mentors: ReturnType<typeof mentorCardView>[] = [];
    let entrepreneurs: ReturnType<typeof entrepreneurCardView>[] = [];
    if (forEntrepreneurs) {
      const result = await this.matching.searchEntrepreneurs(
        member.tenant,
        { id: member.viewer.id, locale },
        s.filters,
        pageSpec,
      );
      const avatars = await this.profiles.avatarDigests(result.items.map((i) => i.userId));
      total = result.total;
      entrepreneurs = result.items.map((e) =>
        entrepreneurCardView(e, avatars.get(e.userId) ?? null, taxonomy),
      );
    } else {
      const result = await this.matching.searchMentors(
        member.tenant,
        {
          id: member.viewer.id,
          locale,
          isEntrepreneur: member.viewer.roles.includes('entrepreneur'),
        },
        s.filters,
        pageSpec,
        locale,
      );
      const avatars = await this.profiles.avatarDigests(result.items.map((i) => i.mentor.userId));
      total = result.total;
      mentors = result.items.map((i) =>
        mentorCardView(
          i.mentor,
          i.explanation,
          avatars.get(i.mentor.userId) ?? null,
          taxonomy,
          true,
        ),
      );
    }
    this.pages.send(req, res, 'search', {
      search: this.searchView(member, s, taxonomy, locale, total, forEntrepreneurs),
      results: { mentors, entrepreneurs },
    });
  }

  private searchView(
    member: Member,
    s: ReturnType<typeof readSearch>,
    taxonomy: TenantTaxonomy,
    locale: LocaleCode,
    total: number,
    forEntrepreneurs: boolean,
  ) {
    const f = s.filters;
    const selected = <T extends { code: string }>(list: T[], code: string | null) =>
      list.map((o) => ({ ...o, selected: o.code === code }));
    const params = new URLSearchParams();
    if (s.keyword) params.set('q', s.keyword);
    for (const key of ['expertise', 'industry', 'stage', 'language', 'country'] as const) {
      if (f[key]) params.set(key, f[key]);
    }
    if (f.availableOnly) params.set('available', 'on');
    if (s.sort === 'match') params.set('sort', 'match');
    if (forEntrepreneurs) params.set('for', 'entrepreneurs');
    const href = (page: number) => {
      const p = new URLSearchParams(params);
      if (page > 1) p.set('page', String(page));
      const query = p.toString();
      return query ? `/search?${query}` : '/search';
    };
    const shown = Math.min(total, SEARCH_CAP);
    const lastPage = Math.max(1, Math.ceil(shown / PAGE_SIZE));
    return {
      keyword: s.keyword,
      forEntrepreneurs,
      canSearchEntrepreneurs: member.viewer.roles.includes('mentor'),
      canInvite:
        forEntrepreneurs && member.tenant.config.programme.features.mentorInvitesEntrepreneurs,
      isEntrepreneur: member.viewer.roles.includes('entrepreneur'),
      sortMatch: s.sort === 'match',
      availableOnly: f.availableOnly,
      expertise: taxonomy.expertise().map((g) => ({
        label: g.label,
        options: [{ code: g.code, label: g.label }, ...g.subAreas].map((o) => ({
          ...o,
          selected: o.code === f.expertise,
        })),
      })),
      industries: selected(taxonomy.options('industries'), f.industry),
      stages: selected(taxonomy.options('stages'), f.stage),
      languages: selected(languageOptions(locale), f.language),
      countries: selected(countryOptions(locale), f.country),
      total,
      more: total > SEARCH_CAP,
      cap: SEARCH_CAP,
      page: s.page,
      lastPage,
      prev: s.page > 1 ? href(s.page - 1) : null,
      next: s.page < lastPage ? href(s.page + 1) : null,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { AppException, ErrorCode } from '../common/app-exception';
import { hasQuery } from '../common/http/request-path';
import type { AppCls } from '../common/request-context';
import { csrfToken } from '../identity/csrf';
import type { Site } from '../tenancy/resolution/resolved-tenant';
import { makePage, PageCache, sendPage } from './page-cache';
import { SitePresenter, type PageRequest } from './site-presenter';

/** The page cache key: site and config version, language, path. */
export function pageCacheKey(site: Site, locale: string, path: string): string {
  const owner =
    site.kind === 'tenant'
      ? `${site.tenant.id}:${site.tenant.version}`
      : site.console
        ? 'console'
        : 'platform';
  return `${owner}:${locale}:${path}`;
}

/** Renders the current request's site pages, through the page cache when nobody is signed in. */
@Injectable()
export class SitePages {
  constructor(
    @Inject(SitePresenter) private readonly presenter: SitePresenter,
    @Inject(PageCache) private readonly cache: PageCache,
    private readonly cls: ClsService<AppCls>,
  ) {}

  /**
   * What the page is for: site, language, path, viewer. Pass `req` with
   * `withCsrf` for pages that hold a form (this creates the session).
   */
  pageRequest(req?: Request, withCsrf = false): PageRequest {
    const site = this.cls.get('site');
    const locale = this.cls.get('locale');
    if (!site || !locale) throw new AppException(ErrorCode.TENANT_CONTEXT_MISSING);
    const staff = this.cls.get('staff');
    // On the console, the signed-in staff member is the page's viewer.
    const viewer =
      this.cls.get('viewer') ??
      (staff ? { id: staff.id, name: staff.name, roles: [], status: 'active' as const } : null);
    const needsToken = req?.session && (withCsrf || viewer);
    return {
      site,
      locale,
      path: this.cls.get('path') ?? '/',
      viewer,
      csrfToken: needsToken ? csrfToken(req) : null,
    };
  }

  /** A page that is the same for every anonymous visitor: cached and sent. */
  sendPublic(req: Request, res: Response, page: string): void {
    const pr = this.pageRequest(req);
    const html = this.presenter.render(page, pr);
    const cacheable = req.method === 'GET' && !hasQuery(req) && !pr.viewer;
    const key = cacheable ? pageCacheKey(pr.site, pr.locale, pr.path) : null;
    sendPage(req, res, this.cache.store(key, html, pr.locale));
  }

  /** A page for this visitor (a form, an account page): never cached. */
  send(
    req: Request,
    res: Response,
    page: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ): void {
    const pr = this.pageRequest(req, true);
    const html = this.presenter.render(page, pr, extra);
    // Personal pages (forms carry the session's token) are never stored anywhere.
    sendPage(req, res, makePage(html, pr.locale, status), 'no-store');
  }

  /** A short message page: title, sentence, optional button. */
  notice(
    req: Request,
    res: Response,
    notice: { titleKey: string; bodyKey: string; linkHref?: string; linkKey?: string },
    status = 200,
  ): void {
    const { site, locale } = this.pageRequest();
    const pageTitle = this.presenter.translator(site, locale).t(notice.titleKey);
    this.send(
      req,
      res,
      'notice',
      { notice: { linkHref: null, linkKey: null, ...notice }, pageTitle },
      status,
    );
  }
}

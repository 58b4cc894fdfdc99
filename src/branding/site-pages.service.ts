import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { AppException, ErrorCode } from '../common/app-exception';
import { hasQuery } from '../common/http/request-path';
import type { AppCls } from '../common/request-context';
import type { Site } from '../tenancy/resolution/resolved-tenant';
import { PageCache, sendPage } from './page-cache';
import { SitePresenter, type PageRequest } from './site-presenter';

/** The page cache key: site and config version, language, path. */
export function pageCacheKey(site: Site, locale: string, path: string): string {
  const owner = site.kind === 'platform' ? 'platform' : `${site.tenant.id}:${site.tenant.version}`;
  return `${owner}:${locale}:${path}`;
}

/** Renders the current request's site pages, through the page cache. */
@Injectable()
export class SitePages {
  constructor(
    @Inject(SitePresenter) private readonly presenter: SitePresenter,
    @Inject(PageCache) private readonly cache: PageCache,
    private readonly cls: ClsService<AppCls>,
  ) {}

  pageRequest(): PageRequest {
    const site = this.cls.get('site');
    const locale = this.cls.get('locale');
    if (!site || !locale) throw new AppException(ErrorCode.TENANT_CONTEXT_MISSING);
    return { site, locale, path: this.cls.get('path') ?? '/' };
  }

  /** Renders a page that is the same for every anonymous visitor, caches it and sends it. */
  sendPublic(req: Request, res: Response, page: string): void {
    const pr = this.pageRequest();
    const html = this.presenter.render(page, pr);
    const cacheable = req.method === 'GET' && !hasQuery(req);
    const key = cacheable ? pageCacheKey(pr.site, pr.locale, pr.path) : null;
    sendPage(req, res, this.cache.store(key, html, pr.locale));
  }
}

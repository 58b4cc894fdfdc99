import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { hasQuery, requestPath } from '../common/http/request-path';
import { hasSessionCookie } from '../identity/session';
import type { AppCls } from '../common/request-context';
import { PageCache, sendPage } from './page-cache';
import { pageCacheKey } from './site-pages.service';

/**
 * Anonymous GETs of public pages are answered from the rendered-page cache
 * before the router runs: the lean path that keeps the platform close to a
 * bare Node server. Anything with a query string goes the long way.
 */
@Injectable()
export class PageCacheMiddleware implements NestMiddleware {
  constructor(
    @Inject(PageCache) private readonly cache: PageCache,
    private readonly cls: ClsService<AppCls>,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    // A session cookie may mean a signed-in person, whose pages differ: go the long way.
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      !hasQuery(req) &&
      !hasSessionCookie(req)
    ) {
      const site = this.cls.get('site');
      const locale = this.cls.get('locale');
      if (site && locale) {
        const page = this.cache.get(pageCacheKey(site, locale, requestPath(req)));
        if (page) {
          sendPage(req, res, page);
          return;
        }
      }
    }
    next();
  }
}

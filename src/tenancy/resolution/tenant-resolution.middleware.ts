import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { readCookie } from '../../common/http/cookies';
import { requestPath } from '../../common/http/request-path';
import type { AppCls } from '../../common/request-context';
import { isLocale, negotiateLocale } from '../../branding/i18n/locales';
import { makePage, sendPage } from '../../branding/page-cache';
import { SitePresenter } from '../../branding/site-presenter';
import { normaliseHost } from './normalise-host';
import { TenantRegistry } from './tenant-registry';
import { UNKNOWN_HOST_HTML } from './unknown-host-page';

export const LANGUAGE_COOKIE = 'gp_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Remembers a language choice for this host only (no Domain attribute). */
export function rememberLanguage(req: Request, res: Response, locale: string): void {
  res.append(
    'Set-Cookie',
    `${LANGUAGE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${req.secure ? '; Secure' : ''}`,
  );
}

/** Paths a paused programme still serves: only what its themed "paused" page needs. */
function isBrandingAsset(path: string): boolean {
  return path.startsWith('/theme/') || path.startsWith('/assets/');
}

/** `//evil.example` is a path to Express but a host to a browser: never echo it into Location. */
function safeLocalPath(path: string): string {
  return /^\/(?![/\\])/.test(path) ? path : '/';
}

/**
 * Host → site, before any application code: unknown hosts get fixed bytes,
 * paused programmes their themed notice. Then the language: the user's
 * choice (`?lang=` remembered in a host-only cookie) → Accept-Language within
 * the site's languages → the site's default. The tenant never comes from the
 * body, the query string or a custom header.
 */
@Injectable()
export class TenantResolutionMiddleware implements NestMiddleware {
  constructor(
    @Inject(TenantRegistry) private readonly registry: TenantRegistry,
    @Inject(SitePresenter) private readonly presenter: SitePresenter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const host = normaliseHost(req.hostname);
    const site = host ? await this.registry.resolveSite(host) : null;
    if (!site) {
      res.status(404).setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(req.method === 'HEAD' ? undefined : UNKNOWN_HOST_HTML);
      return;
    }
    const path = requestPath(req);
    const { supported, fallback } = this.presenter.locales(site);
    const requested = req.query.lang;
    if (typeof requested === 'string' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (isLocale(requested) && supported.includes(requested)) {
        rememberLanguage(req, res, requested);
      }
      const rest = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      rest.delete('lang');
      const query = rest.toString();
      res.redirect(303, safeLocalPath(path) + (query ? `?${query}` : ''));
      return;
    }
    const locale = negotiateLocale({
      choice: readCookie(req.headers.cookie, LANGUAGE_COOKIE),
      acceptLanguage: req.headers['accept-language'],
      supported,
      fallback,
    });
    this.cls.set('site', site);
    this.cls.set('locale', locale);
    this.cls.set('path', path);

    if (site.kind === 'tenant' && site.tenant.status === 'suspended' && !isBrandingAsset(path)) {
      const pr = { site, locale, path };
      const html = this.presenter.render('paused', pr);
      sendPage(req, res, makePage(html, locale, 403));
      return;
    }
    next();
  }
}

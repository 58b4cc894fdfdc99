import { LRUCache } from 'lru-cache';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Viewer } from '../identity/user';
import type { Site } from '../tenancy/resolution/resolved-tenant';
import { stylesheet, type BrandTokens, type Stylesheet } from './brand-css';
import { baseCatalogs } from './i18n/base-catalogs';
import { directionOf, LANGUAGE_NAMES } from './i18n/locales';
import { Translator } from './i18n/translator';
import { SUPPORTED_LOCALES, type LocaleCode } from './theme-contract';
import type { ThemeRenderer } from './theme-renderer';

export const PLATFORM_NAME = 'Guidepost';

/** The platform's own brand: the same validated tokens a tenant would declare. */
const PLATFORM_TOKENS: BrandTokens = {
  colours: {
    primary: '#1d4f91',
    accent: '#b34700',
    text: '#1b1f24',
    background: '#ffffff',
    onPrimary: '#ffffff',
  },
  font: 'system',
  radius: 6,
  logo: '',
};

export interface PageRequest {
  site: Site;
  locale: LocaleCode;
  /** The path without query string, used for the language switcher and canonical links. */
  path: string;
  /** The signed-in person, if any (pages for them are never cached). */
  viewer?: Viewer | null;
  /** The session's CSRF token, for the forms on the page. */
  csrfToken?: string | null;
}

const ASSET_EXTENSIONS: Record<string, string> = {
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/x-icon': 'ico',
};

/**
 * Names are inserted into sentences of any direction: a Latin organisation
 * name inside Arabic copy (or the reverse) keeps its own direction and
 * punctuation when wrapped in first-strong isolates (U+2068 … U+2069).
 */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

export function assetFileName(sha256: string, contentType: string): string {
  return `${sha256}.${ASSET_EXTENSIONS[contentType] ?? 'bin'}`;
}

/**
 * Everything a page needs from the site it is served for: translator,
 * stylesheet, logo and the common view model. Cached per tenant config
 * version, so a new version is picked up without any invalidation here.
 */
export class SitePresenter {
  private readonly stylesheets = new LRUCache<string, Stylesheet>({ max: 5000 });
  private readonly translators = new LRUCache<string, Translator>({ max: 10_000 });
  private readonly baseCss: string;

  constructor(
    private readonly renderer: ThemeRenderer,
    themeDir: string,
    private readonly platformContactEmail: string | null = null,
  ) {
    this.baseCss = readFileSync(join(themeDir, 'assets', 'base.css'), 'utf8');
  }

  locales(site: Site): { supported: readonly LocaleCode[]; fallback: LocaleCode } {
    if (site.kind === 'platform') return { supported: SUPPORTED_LOCALES, fallback: 'en' };
    const { supported, default: fallback } = site.tenant.config.locale;
    return { supported, fallback };
  }

  private cacheKey(site: Site): string {
    return site.kind === 'platform' ? 'platform' : `${site.tenant.id}:${site.tenant.version}`;
  }

  translator(site: Site, locale: LocaleCode): Translator {
    const key = `${this.cacheKey(site)}:${locale}`;
    let translator = this.translators.get(key);
    if (!translator) {
      const base = baseCatalogs();
      if (site.kind === 'platform') {
        translator = new Translator(
          locale,
          [base[locale], base.en],
          {},
          {
            programmeName: PLATFORM_NAME,
            organisation: PLATFORM_NAME,
            minimumAge: 18,
          },
        );
      } else {
        const { tenant } = site;
        translator = new Translator(
          locale,
          [tenant.locales[locale] ?? {}, base[locale], base.en],
          tenant.config.terminology[locale] ?? {},
          {
            programmeName: isolate(tenant.name),
            organisation: isolate(tenant.config.organisation),
            minimumAge: tenant.config.programme.minimumAge,
          },
        );
      }
      this.translators.set(key, translator);
    }
    return translator;
  }

  stylesheet(site: Site): Stylesheet {
    const key = this.cacheKey(site);
    let sheet = this.stylesheets.get(key);
    if (!sheet) {
      const tokens = site.kind === 'platform' ? PLATFORM_TOKENS : site.tenant.config.branding;
      sheet = stylesheet(tokens, this.baseCss);
      this.stylesheets.set(key, sheet);
    }
    return sheet;
  }

  view(req: PageRequest, pageId: string): Record<string, unknown> {
    const { site, locale, path } = req;
    const { supported } = this.locales(site);
    const asset = (role: 'logo' | 'favicon') => {
      if (site.kind === 'platform') return null;
      const ref = site.tenant.assets.find((a) => a.role === role);
      return ref ? `/assets/${assetFileName(ref.sha256, ref.contentType)}` : null;
    };
    const tenant = site.kind === 'tenant' ? site.tenant : null;
    return {
      site: {
        isPlatform: site.kind === 'platform',
        isConsole: site.kind === 'platform' && site.console,
        name: tenant?.name ?? PLATFORM_NAME,
        organisation: tenant?.config.organisation ?? PLATFORM_NAME,
        kind: tenant?.config.kind ?? 'platform',
        contactEmail: tenant ? tenant.config.contactEmail : this.platformContactEmail,
        logoUrl: asset('logo'),
        faviconUrl: asset('favicon') ?? asset('logo'),
        cssUrl: `/theme/${this.stylesheet(site).hash}.css`,
      },
      locale: { code: locale, dir: directionOf(locale) },
      languages:
        supported.length > 1
          ? supported.map((code) => ({
              code,
              name: LANGUAGE_NAMES[code],
              href: `${path}?lang=${code}`,
              current: code === locale,
            }))
          : [],
      page: { id: pageId, path },
      viewer: req.viewer
        ? {
            ...req.viewer,
            isAdmin: req.viewer.roles.includes('admin') && req.viewer.status === 'active',
            isMentor: req.viewer.roles.includes('mentor') && req.viewer.status === 'active',
            isEntrepreneur:
              req.viewer.roles.includes('entrepreneur') && req.viewer.status === 'active',
            isMember: req.viewer.status === 'active',
            unreadConversations: req.viewer.unreadConversations ?? 0,
            requestsWaiting: req.viewer.requestsWaiting ?? 0,
          }
        : null,
      csrfToken: req.csrfToken ?? null,
      year: new Date().getUTCFullYear(),
    };
  }

  /** Renders a page; its title and description come from `<page>.pageTitle` / `<page>.metaDescription` unless given. */
  render(page: string, req: PageRequest, extra: Record<string, unknown> = {}): string {
    const translator = this.translator(req.site, req.locale);
    const meta = (key: string) => (translator.has(key) ? translator.t(key) : null);
    const overrides =
      req.site.kind === 'tenant'
        ? { cacheKey: this.cacheKey(req.site), partials: req.site.tenant.partials }
        : undefined;
    const view = {
      ...this.view(req, page),
      pageTitle: meta(`${page}.pageTitle`),
      metaDescription: meta(`${page}.metaDescription`),
      ...extra,
    };
    return this.renderer.render(page, view, { translator, overrides });
  }
}

import Handlebars from 'handlebars';
import { LRUCache } from 'lru-cache';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import type { Translator } from './i18n/translator';
import { OVERRIDABLE_PARTIALS, type OverridablePartial } from './theme-contract';

type Template = Handlebars.TemplateDelegate;

export const COMPILE_OPTIONS: CompileOptions = {
  knownHelpers: { t: true, eq: true },
  knownHelpersOnly: true,
  strict: true,
};

export class UnknownPageError extends Error {}

/**
 * The only helpers templates may use (pages and emails alike): `t` formats a
 * catalog message with the Translator passed as render data; `eq` compares.
 */
export function registerThemeHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper(
    't',
    function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
      const translator = (options.data as { i18n: Translator }).i18n;
      return translator.t(String(key), options.hash as Record<string, string | number>);
    },
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

export interface RenderContext {
  translator: Translator;
  /** The tenant's overrides of allowlisted partials, keyed for caching by tenant and config version. */
  overrides?: { cacheKey: string; partials: Partial<Record<OverridablePartial, string>> };
}

/**
 * One Handlebars environment for the whole process. Base templates are
 * compiled once at boot; a tenant's partials are compiled once per config
 * version and passed on each render call, never registered globally.
 */
export class ThemeRenderer {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Template>();
  private readonly tenantPartials: TenantPartials;

  constructor(
    themeDir: string,
    private readonly logger: Logger,
  ) {
    registerThemeHelpers(this.hbs);
    this.tenantPartials = new TenantPartials(this.hbs, logger);

    this.hbs.registerPartial('layout', this.compileFile(join(themeDir, 'layouts', 'main.hbs')));
    for (const file of hbsFiles(join(themeDir, 'partials'))) {
      this.hbs.registerPartial(basename(file, '.hbs'), this.compileFile(file));
    }
    for (const file of hbsFiles(join(themeDir, 'pages'))) {
      this.pages.set(basename(file, '.hbs'), this.compileFile(file));
    }
  }

  private compileFile(file: string): Template {
    return this.hbs.compile(readFileSync(file, 'utf8'), COMPILE_OPTIONS);
  }

  hasPage(page: string): boolean {
    return this.pages.has(page);
  }

  render(page: string, view: object, ctx: RenderContext): string {
    const template = this.pages.get(page);
    if (!template) throw new UnknownPageError(page);
    const runtime = {
      data: { i18n: ctx.translator },
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    };
    const partials = ctx.overrides && this.tenantPartials.get(ctx.overrides);
    if (!partials) return template(view, runtime);
    try {
      return template(view, { ...runtime, partials });
    } catch (err) {
      // A tenant partial that fails at runtime must not take the page down.
      this.logger.warn(
        { err: (err as Error).message, tenant: ctx.overrides?.cacheKey, page },
        'tenant partial failed; rendering with the base theme',
      );
      return template(view, runtime);
    }
  }
}

/**
 * A tenant's overrides of allowlisted partials, compiled once per config
 * version (the cache key) and handed to each render call; a partial that
 * does not compile is skipped and the base one is used.
 */
export class TenantPartials {
  private readonly compiled = new LRUCache<string, Record<string, Template>>({ max: 2000 });

  constructor(
    private readonly hbs: typeof Handlebars,
    private readonly logger: Logger,
  ) {}

  get(overrides: NonNullable<RenderContext['overrides']>): Record<string, Template> | undefined {
    const entries = Object.entries(overrides.partials).filter(([name]) =>
      (OVERRIDABLE_PARTIALS as readonly string[]).includes(name),
    );
    if (entries.length === 0) return undefined;
    let compiled = this.compiled.get(overrides.cacheKey);
    if (!compiled) {
      compiled = {};
      for (const [name, source] of entries) {
        try {
          compiled[name] = this.hbs.compile(source, COMPILE_OPTIONS);
        } catch (err) {
          this.logger.warn(
            { err: (err as Error).message, partial: name },
            'tenant partial skipped',
          );
        }
      }
      this.compiled.set(overrides.cacheKey, compiled);
    }
    return compiled;
  }
}

function hbsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((f) => join(dir, f));
}

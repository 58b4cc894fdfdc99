import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageCatalog } from '../../tenancy/config/tenant-bundle';
import type { LocaleCode } from '../theme-contract';

/** Words a tenant's terminology may replace, passed to every message. */
export const TERM_KEYS = [
  'mentor',
  'mentors',
  'entrepreneur',
  'entrepreneurs',
  'programme',
] as const;
export type TermKey = (typeof TERM_KEYS)[number];

/** Arguments every message may use: the terms (plain and capitalised) and the site's own. */
export const ALWAYS_AVAILABLE_ARGUMENTS: ReadonlySet<string> = new Set([
  ...TERM_KEYS,
  ...TERM_KEYS.map((k) => k[0].toUpperCase() + k.slice(1)),
  'programmeName',
  'organisation',
  'minimumAge',
]);

type Args = Record<string, string | number>;

// Parsed messages are shared by every tenant and locale that uses the same
// source text: 1,000 tenants on the base copy cost one parse per message.
const compiled = new Map<string, IntlMessageFormat | null>();
const MAX_COMPILED = 20_000;

function compile(locale: LocaleCode, source: string): IntlMessageFormat | null {
  const key = locale + '\u0000' + source;
  let format = compiled.get(key);
  if (format === undefined) {
    try {
      format = new IntlMessageFormat(source, locale);
    } catch {
      format = null;
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, format);
  }
  return format;
}

function capitalise(word: string, locale: LocaleCode): string {
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/**
 * Looks a key up in layers (tenant override → base catalog of the language →
 * English), formats it as ICU with the tenant's terminology, and falls back to
 * the key itself so a missing message is visible rather than fatal.
 */
export class Translator {
  private readonly defaults: Args;

  constructor(
    readonly locale: LocaleCode,
    private readonly layers: readonly MessageCatalog[],
    terms: Partial<Record<TermKey, string>>,
    extra: Args = {},
  ) {
    const args: Args = { ...extra };
    for (const key of TERM_KEYS) {
      const word = terms[key] ?? this.lookup(`term.${key}`) ?? key;
      args[key] = word;
      args[capitalise(key, 'en')] = capitalise(word, locale);
    }
    this.defaults = args;
  }

  private lookup(key: string): string | undefined {
    for (const layer of this.layers) {
      const message = layer[key];
      if (message !== undefined) return message;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  t(key: string, args?: Args): string {
    const source = this.lookup(key);
    if (source === undefined) return key;
    const format = compile(this.locale, source);
    if (!format) return source;
    try {
      return String(format.format(args ? { ...this.defaults, ...args } : this.defaults));
    } catch {
      return source;
    }
  }
}

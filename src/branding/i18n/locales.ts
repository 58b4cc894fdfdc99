import { RTL_LOCALES, SUPPORTED_LOCALES, type LocaleCode } from '../theme-contract';

/** Each language named in itself, as a language switcher shows it. */
export const LANGUAGE_NAMES: Record<LocaleCode, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
  id: 'Bahasa Indonesia',
};

export function isLocale(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: LocaleCode): 'rtl' | 'ltr' {
  return RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The user's explicit choice (cookie) → Accept-Language within what the site
 * supports (by quality, base language of a regional tag) → the site default.
 */
export function negotiateLocale(input: {
  choice?: string;
  acceptLanguage?: string;
  supported: readonly LocaleCode[];
  fallback: LocaleCode;
}): LocaleCode {
  const { choice, acceptLanguage, supported, fallback } = input;
  if (isLocale(choice) && supported.includes(choice)) return choice;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .slice(0, 20)
      .map((part, index) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        const quality = q ? Number(q.slice(2)) : 1;
        return { base: tag.trim().toLowerCase().split('-')[0], quality, index };
      })
      .filter((r) => Number.isFinite(r.quality) && r.quality > 0)
      .sort((a, b) => b.quality - a.quality || a.index - b.index);
    for (const { base } of ranked) {
      if (isLocale(base) && supported.includes(base)) return base;
    }
  }
  return fallback;
}

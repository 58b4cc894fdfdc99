import { LRUCache } from 'lru-cache';
import { displayNames } from '../common/intl-cache';

// Languages people speak and time zones, named by ICU in the visitor's
// language, so every base language has them without a translation table.

/** Languages commonly spoken by the programmes' members (ISO 639-1). */
export const SPOKEN_LANGUAGES = [
  'en', 'fr', 'es', 'ar', 'id', 'pt', 'sw', 'ha', 'yo', 'ig', 'am', 'so', 'rw', 'ln', 'wo',
  'zu', 'xh', 'mg', 'jv', 'su', 'ms', 'tl', 'vi', 'th', 'km', 'my', 'hi', 'ur', 'bn', 'ne',
  'ta', 'fa', 'ku', 'tr', 'ru', 'uk', 'de', 'it', 'nl', 'pl', 'ro', 'zh', 'ja', 'ko', 'qu',
  'gn', 'ht', 'ak', 'ca', 'cy', 'sv', 'el', 'he', 'ps', 'ti', 'om', 'ff', 'bm',
] as const; // prettier-ignore
const LANGUAGE_SET: ReadonlySet<string> = new Set(SPOKEN_LANGUAGES);

export function isSpokenLanguage(code: string): boolean {
  return LANGUAGE_SET.has(code);
}

const languageLists = new LRUCache<string, { code: string; name: string }[]>({ max: 10 });

/** Spoken languages named and sorted in the visitor's language. */
export function languageOptions(locale: string): { code: string; name: string }[] {
  let list = languageLists.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    const collator = new Intl.Collator(locale);
    list = SPOKEN_LANGUAGES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    languageLists.set(locale, list);
  }
  return list;
}

export function languageName(code: string, locale: string): string {
  return displayNames(locale, 'language').of(code) ?? code;
}

export function countryName(code: string, locale: string): string {
  return displayNames(locale, 'region').of(code) ?? code;
}

const OFFSET = /^UTC([+-])(0\d|1[0-4]):([0-5]\d)$/;

/** Fixed offsets a form offers: UTC−12:00 … UTC+14:00, in the steps real zones use. */
export const UTC_OFFSETS: readonly string[] = (() => {
  const minutes = [
    -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120,
    180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765,
    780, 840,
  ];
  return minutes.map((m) => {
    const abs = Math.abs(m);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `UTC${m < 0 ? '-' : '+'}${hh}:${mm}`;
  });
})();

/**
 * Minutes east of UTC for a stored time zone: a fixed `UTC±hh:mm` or an IANA
 * name (its offset today). Null when unknown.
 */
export function utcOffsetMinutes(zone: string | null | undefined, at = new Date()): number | null {
  if (!zone) return null;
  const fixed = OFFSET.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  const format = offsetFormat(zone);
  const part = format?.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  const m = part ? /GMT([+-])(\d{2}):(\d{2})/.exec(part) : null;
  if (!m) return part === 'GMT' ? 0 : null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

// Making a formatter costs ~0.2 ms (more than a whole recommendation's other
// Node work); there is one per IANA zone name, a few hundred at most.
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormat(zone: string): Intl.DateTimeFormat | null {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      format = null; // not a zone this runtime knows
    }
    // Unknown names come from input: remember only the ones that exist.
    if (format) offsetFormats.set(zone, format);
  }
  return format;
}

export function isTimeZone(zone: string): boolean {
  return OFFSET.test(zone) ? UTC_OFFSETS.includes(zone) : utcOffsetMinutes(zone) !== null;
}

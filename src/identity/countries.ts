import { LRUCache } from 'lru-cache';

// Region codes that are not countries a person lives in, and old or alias
// codes ICU still names (DD is "Germany" again, UK duplicates GB, …).
const NOT_COUNTRIES = new Set([
  ...['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AA', 'XK'],
  ...['AN', 'BU', 'CS', 'DD', 'FX', 'SU', 'TP', 'UK', 'YU', 'ZR'],
  ...['AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA'],
]);

let codes: string[] | undefined;

/** Every ISO 3166 country code that ICU can name. */
export function countryCodes(): string[] {
  if (!codes) {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    codes = [];
    for (const a of letters) {
      for (const b of letters) {
        const code = a + b;
        if (!NOT_COUNTRIES.has(code) && names.of(code) !== code) codes.push(code);
      }
    }
  }
  return codes;
}

const lists = new LRUCache<string, { code: string; name: string }[]>({ max: 10 });

/** Countries named and sorted in the visitor's language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  let list = lists.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const collator = new Intl.Collator(locale);
    list = countryCodes()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => collator.compare(a.name, b.name));
    lists.set(locale, list);
  }
  return list;
}

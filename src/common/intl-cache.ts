// Intl formatters are costly to build (tens of microseconds each) and a page
// of twenty explained recommendations needs dozens: build each once per
// language and keep it. The key space is small (five languages, a few types).

const displayNamesCache = new Map<string, Intl.DisplayNames>();
const listFormatCache = new Map<string, Intl.ListFormat>();

export function displayNames(locale: string, type: 'language' | 'region'): Intl.DisplayNames {
  const key = `${locale}:${type}`;
  let names = displayNamesCache.get(key);
  if (!names) displayNamesCache.set(key, (names = new Intl.DisplayNames([locale], { type })));
  return names;
}

/** "a, b and c" in the language's own way. */
export function listFormat(locale: string): Intl.ListFormat {
  let format = listFormatCache.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    listFormatCache.set(locale, format);
  }
  return format;
}

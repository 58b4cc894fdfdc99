import {
  countryName,
  isSpokenLanguage,
  isTimeZone,
  languageName,
  languageOptions,
  SPOKEN_LANGUAGES,
  UTC_OFFSETS,
  utcOffsetMinutes,
} from './places';

describe('utcOffsetMinutes', () => {
  const winter = new Date('2026-01-15T12:00:00Z');
  const summer = new Date('2026-07-15T12:00:00Z');

  it.each([
    ['UTC+05:30', 330],
    ['UTC-03:00', -180],
    ['UTC+00:00', 0],
    ['UTC+05:45', 345],
    ['UTC-09:30', -570],
    ['UTC+14:00', 840],
  ])('reads the fixed offset %s as %i minutes', (zone, minutes) => {
    expect(utcOffsetMinutes(zone)).toBe(minutes);
  });

  it.each([
    ['Asia/Kolkata', 330],
    ['Africa/Nairobi', 180],
    ['America/Sao_Paulo', -180],
    ['Asia/Kathmandu', 345],
    ['UTC', 0],
    ['Etc/UTC', 0],
    ['Europe/London', 0],
  ])('reads the zone %s as %i minutes', (zone, minutes) => {
    expect(utcOffsetMinutes(zone, winter)).toBe(minutes);
  });

  it('follows daylight saving time on the given day', () => {
    expect(utcOffsetMinutes('Europe/Paris', winter)).toBe(60);
    expect(utcOffsetMinutes('Europe/Paris', summer)).toBe(120);
    expect(utcOffsetMinutes('America/New_York', winter)).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', summer)).toBe(-240);
  });

  it.each([null, undefined, '', 'Mars/Olympus', 'UTC+5', 'UTC+5:30', 'GMT+05:30 ', 'nonsense'])(
    'knows nothing of %p',
    (zone) => {
      expect(utcOffsetMinutes(zone)).toBeNull();
    },
  );
});

describe('isTimeZone', () => {
  it('accepts IANA zones and the offsets the form offers', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('UTC+05:30')).toBe(true);
    expect(isTimeZone('UTC-03:00')).toBe(true);
  });

  it('refuses offsets real zones do not use, and unknown names', () => {
    expect(isTimeZone('UTC+05:17')).toBe(false);
    expect(isTimeZone('UTC+15:00')).toBe(false);
    expect(isTimeZone('UTC+99:99')).toBe(false);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('offers every offset from UTC-12:00 to UTC+14:00, sorted and readable', () => {
    expect(UTC_OFFSETS[0]).toBe('UTC-12:00');
    expect(UTC_OFFSETS[UTC_OFFSETS.length - 1]).toBe('UTC+14:00');
    expect(UTC_OFFSETS).toContain('UTC+00:00');
    expect(UTC_OFFSETS).toContain('UTC+05:45');
    const minutes = UTC_OFFSETS.map((z) => utcOffsetMinutes(z)!);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    expect(new Set(minutes).size).toBe(minutes.length);
    for (const zone of UTC_OFFSETS) expect(isTimeZone(zone)).toBe(true);
  });
});

describe('languages and countries', () => {
  it('knows the spoken languages, without duplicates', () => {
    expect(new Set(SPOKEN_LANGUAGES).size).toBe(SPOKEN_LANGUAGES.length);
    expect(isSpokenLanguage('sw')).toBe(true);
    expect(isSpokenLanguage('xx')).toBe(false);
    expect(isSpokenLanguage('EN')).toBe(false);
  });

  it('lists every spoken language, named and sorted in the visitor’s language', () => {
    for (const locale of ['en', 'fr', 'es', 'ar', 'id']) {
      const list = languageOptions(locale);
      expect(list.map((l) => l.code).sort()).toEqual([...SPOKEN_LANGUAGES].sort());
      const collator = new Intl.Collator(locale);
      for (let i = 1; i < list.length; i += 1) {
        expect(collator.compare(list[i - 1].name, list[i].name)).toBeLessThanOrEqual(0);
      }
    }
  });

  it('names languages in the visitor’s language', () => {
    const name = (locale: string, code: string) =>
      languageOptions(locale).find((l) => l.code === code)?.name;
    expect(name('en', 'fr')).toBe('French');
    expect(name('fr', 'en')).toBe('anglais');
    expect(name('es', 'en')).toBe('inglés');
    expect(name('ar', 'en')).toBe('الإنجليزية');
    expect(name('ar', 'fr')).toBe('الفرنسية');
    // Arabic names sort by the Arabic alphabet: they start with Arabic letters.
    for (const l of languageOptions('ar')) expect(l.name).toMatch(/^[\u0600-\u06FF]/);
  });

  it('returns a separate list per language', () => {
    expect(languageOptions('en')[0].name).not.toBe(languageOptions('ar')[0].name);
    expect(languageOptions('en')).toBe(languageOptions('en'));
  });

  it('names a language and a country in the visitor’s language', () => {
    expect(languageName('sw', 'en')).toBe('Swahili');
    expect(languageName('es', 'es')).toBe('español');
    expect(countryName('KE', 'en')).toBe('Kenya');
    expect(countryName('KE', 'es')).toBe('Kenia');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
  });
});

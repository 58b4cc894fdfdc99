import { directionOf, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  const site = { supported: ['ar', 'en', 'fr'] as const, fallback: 'ar' as const };

  it('prefers the explicit choice when the site offers it', () => {
    expect(negotiateLocale({ ...site, choice: 'fr', acceptLanguage: 'en' })).toBe('fr');
  });

  it('ignores a choice the site does not offer and falls to Accept-Language', () => {
    expect(negotiateLocale({ ...site, choice: 'es', acceptLanguage: 'en-GB,en;q=0.8' })).toBe('en');
  });

  it('picks the highest-quality supported language', () => {
    expect(negotiateLocale({ ...site, acceptLanguage: 'de;q=1, en;q=0.3, fr-CA;q=0.7' })).toBe(
      'fr',
    );
  });

  it('falls back to the site default when nothing matches', () => {
    expect(negotiateLocale({ ...site, acceptLanguage: 'de, ja' })).toBe('ar');
    expect(negotiateLocale({ ...site, acceptLanguage: 'en;q=0' })).toBe('ar');
  });

  it('writes Arabic right to left and the rest left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('id')).toBe('ltr');
  });
});

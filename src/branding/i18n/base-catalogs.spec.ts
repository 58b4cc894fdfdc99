import { IntlMessageFormat } from 'intl-messageformat';
import { SUPPORTED_LOCALES } from '../theme-contract';
import { baseCatalogs } from './base-catalogs';
import { Translator } from './translator';

describe('base catalogs', () => {
  const catalogs = baseCatalogs();
  const english = Object.keys(catalogs.en).sort();

  it.each(SUPPORTED_LOCALES)('%s has exactly the keys of English', (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(english);
  });

  it.each(SUPPORTED_LOCALES)('%s has only valid ICU messages with no markup', (locale) => {
    for (const [key, message] of Object.entries(catalogs[locale])) {
      expect({ key, ok: (() => new IntlMessageFormat(message, locale))() !== null }).toEqual({
        key,
        ok: true,
      });
      expect({ key, markup: /<[a-z/!]/i.test(message) }).toEqual({ key, markup: false });
    }
  });

  it.each(SUPPORTED_LOCALES.filter((l) => l !== 'en'))(
    '%s is translated, not a copy of English',
    (locale) => {
      const same = english.filter(
        (key) => catalogs[locale][key] === catalogs.en[key] && /[a-z]{4,}/.test(catalogs.en[key]),
      );
      // Brand names and a few shared words may match; whole pages may not.
      expect(same.length).toBeLessThan(english.length * 0.1);
    },
  );
});

describe('Translator', () => {
  const base = {
    'home.cta': 'Become a {mentor}',
    'term.mentor': 'mentor',
    'plain.title': '{Mentors} wanted',
  };

  it('fills in the tenant’s terminology, capitalised where the copy needs it', () => {
    const t = new Translator('en', [base], { mentor: 'coach', mentors: 'coaches' });
    expect(t.t('home.cta')).toBe('Become a coach');
    expect(t.t('plain.title')).toBe('Coaches wanted');
  });

  it('prefers the tenant override, then the language, then English', () => {
    const t = new Translator('fr', [{ 'home.cta': 'Devenez {mentor}' }, {}, base], {});
    expect(t.t('home.cta')).toBe('Devenez mentor');
    expect(t.t('plain.title')).toBe('Mentors wanted');
  });

  it('shows the key when a message is missing instead of failing', () => {
    expect(new Translator('en', [base], {}).t('nope.missing')).toBe('nope.missing');
  });
});

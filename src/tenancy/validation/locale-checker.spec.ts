import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLocaleCatalog, checkLocalesFolder } from './locale-checker';

const BASE = {
  'home.title': 'Grow your business with a {mentor}',
  'home.welcome': 'Welcome back, {name}',
  'requests.count': '{count, plural, one {# request} other {# requests}}',
  'nav.signIn': 'Sign in',
};
const FILE = 'globex/locales/fr.json';

function check(overrides: unknown): { at?: string; message: string }[] {
  return checkLocaleCatalog(JSON.stringify(overrides), FILE, BASE).problems.map(
    ({ at, message }) => ({ at, message }),
  );
}

describe('checkLocaleCatalog', () => {
  it('accepts overrides of known keys using the base arguments and terminology', () => {
    const overrides = {
      'home.title': 'Développez votre entreprise avec un {mentor} de {organisation}',
      'home.welcome': 'Bon retour, {name}',
      'requests.count': '{count, plural, one {# demande} other {# demandes}}',
    };
    expect(checkLocaleCatalog(JSON.stringify(overrides), FILE, BASE)).toEqual({
      catalog: overrides,
      problems: [],
    });
  });

  it('rejects a key the base catalog does not have', () => {
    expect(check({ 'home.titel': 'x' })).toEqual([
      { at: 'home.titel', message: expect.stringContaining('unknown key "home.titel"') },
    ]);
  });

  it('rejects a message that is not valid ICU', () => {
    expect(check({ 'home.welcome': 'Bon retour, {name' })).toEqual([
      { at: 'home.welcome', message: expect.stringContaining('not a valid ICU message') },
    ]);
  });

  it('rejects arguments the base message does not provide, even inside plural branches', () => {
    expect(check({ 'home.welcome': 'Hi {firstName}' })[0].message).toContain('{firstName}');
    expect(
      check({ 'requests.count': '{count, plural, one {# for {user}} other {#}}' })[0].message,
    ).toContain('{user}');
  });

  it('rejects markup in copy', () => {
    expect(check({ 'nav.signIn': '<b>Connexion</b>' })).toEqual([
      { at: 'nav.signIn', message: expect.stringContaining('must not contain "<"') },
    ]);
  });

  it('rejects non-string values, empty values and non-object files', () => {
    expect(check({ 'nav.signIn': 42 })[0].message).toContain('must be a string');
    expect(check({ 'nav.signIn': ' ' })[0].message).toContain('is empty');
    expect(check(['x'])[0].message).toContain('JSON object');
  });

  it('reports invalid JSON with its line', () => {
    const { problems } = checkLocaleCatalog('{\n  "nav.signIn": "x",\n}', FILE, BASE);
    expect(problems).toEqual([
      { file: FILE, at: 'line 3', message: expect.stringContaining('invalid JSON') },
    ]);
  });
});

describe('checkLocalesFolder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'locale-check-'));
    await mkdir(join(root, 'locales'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('loads overrides for languages the tenant supports', async () => {
    await writeFile(join(root, 'locales/fr.json'), '{"nav.signIn": "Connexion"}');
    expect(await checkLocalesFolder(root, 'globex', ['en', 'fr'], BASE)).toEqual({
      locales: { fr: { 'nav.signIn': 'Connexion' } },
      problems: [],
    });
  });

  it('rejects a language the tenant does not offer and one the platform does not support', async () => {
    await writeFile(join(root, 'locales/es.json'), '{}');
    await writeFile(join(root, 'locales/de.json'), '{}');
    const { problems } = await checkLocalesFolder(root, 'globex', ['en', 'fr'], BASE);
    expect(problems).toEqual([
      { file: 'globex/locales/de.json', message: expect.stringContaining('not a locale file') },
      {
        file: 'globex/locales/es.json',
        message: expect.stringContaining('not in locale.supported'),
      },
    ]);
  });
});

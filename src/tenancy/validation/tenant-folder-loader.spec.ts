import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageCatalog } from '../config/tenant-bundle';
import { formatProblems, loadTenantFolder, loadTenantsDir } from './tenant-folder-loader';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const BROKEN = join(FIXTURES, 'tenants-broken');

// Small stand-in for src/branding/locales/en.json, so these tests do not depend on the copy.
const BASE: MessageCatalog = {
  'home.hero.title': 'Grow your business with a {mentor}',
  'home.hero.lead.ngo': 'Join {programmeName}, run by {organisation}.',
  'requests.count': '{count, plural, one {# request} other {# requests}}',
  'nav.login': 'Sign in',
  'footer.note': 'Made with care',
};

describe('loadTenantFolder on broken fixtures', () => {
  // Each fixture is a complete tenant broken in exactly one way, so exactly one problem.
  it.each([
    ['bad-colour', 'bad-colour/tenant.yaml', 'branding.colours.primary', '6-digit hex colour'],
    [
      'low-contrast',
      'low-contrast/tenant.yaml',
      'branding.colours.text',
      'text #777777 on background #ffffff has contrast 4.48:1; WCAG AA needs 4.5:1 (short by 0.02)',
    ],
    [
      'unknown-helper',
      'unknown-helper/theme/partials/hero.hbs',
      'line 2',
      'unknown helper "uppercase"',
    ],
    ['triple-stash', 'triple-stash/theme/partials/footer-extra.hbs', 'line 3', 'unescaped output'],
    [
      'path-escape',
      'path-escape/tenant.yaml',
      'branding.logo',
      'must stay inside the tenant folder',
    ],
    ['admin', 'admin/tenant.yaml', 'slug', 'is a reserved name'],
    ['svg-script', 'svg-script/assets/logo.svg', 'line 3', '<script> is not allowed'],
  ])('%s: reports %s at %s', async (folder, file, at, message) => {
    const result = await loadTenantFolder(BROKEN, folder, BASE);
    expect(result.bundle).toBeUndefined();
    expect(result.problems).toEqual([{ file, at, message: expect.stringContaining(message) }]);
  });

  it('does not hide the logo check behind an invalid colour', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenant-load-'));
    try {
      await cp(join(BROKEN, 'bad-colour'), join(dir, 'bad-colour'), { recursive: true });
      await writeFile(join(dir, 'bad-colour', 'assets', 'logo.svg'), '<svg onload="x()"/>');
      const { problems } = await loadTenantFolder(dir, 'bad-colour', BASE);
      expect(problems.map((p) => `${p.file} ${p.at}`)).toEqual([
        'bad-colour/tenant.yaml branding.colours.primary',
        'bad-colour/assets/logo.svg line 1',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports YAML syntax errors with their line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenant-load-'));
    try {
      await cp(join(BROKEN, 'low-contrast'), join(dir, 'acme'), { recursive: true });
      await writeFile(join(dir, 'acme', 'tenant.yaml'), 'slug: acme\nname: [unclosed\nkind: ngo\n');
      const { problems } = await loadTenantFolder(dir, 'acme', BASE);
      expect(problems[0]).toMatchObject({
        file: 'acme/tenant.yaml',
        at: expect.stringMatching(/^line \d+$/),
        message: expect.stringContaining('YAML syntax'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('requires the folder name to equal the slug, and names unknown and missing fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenant-load-'));
    try {
      await cp(join(FIXTURES, 'tenants-valid', 'acme'), join(dir, 'acme-corp'), {
        recursive: true,
      });
      const yamlPath = join(dir, 'acme-corp', 'tenant.yaml');
      const yaml = await readFile(yamlPath, 'utf8');
      await writeFile(
        yamlPath,
        yaml.replace('contactEmail: mentoring@acme.example', 'colour: red'),
      );
      const { problems, slug } = await loadTenantFolder(dir, 'acme-corp', BASE);
      expect(slug).toBe('acme');
      expect(problems).toEqual([
        { file: 'acme-corp/tenant.yaml', at: 'contactEmail', message: 'is required' },
        {
          file: 'acme-corp/tenant.yaml',
          at: 'colour',
          message: expect.stringContaining('not a recognised field'),
        },
        {
          file: 'acme-corp/tenant.yaml',
          at: 'slug',
          message: 'slug "acme" must match the folder name "acme-corp"',
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadTenantsDir', () => {
  it('reports a custom domain claimed by two tenants on both', async () => {
    const results = await loadTenantsDir(join(FIXTURES, 'tenants-duplicate'), BASE, 'localhost');
    expect(results.map((r) => r.slug)).toEqual(['initech', 'umbrella']);
    expect(results[0].bundle).toBeUndefined();
    expect(results[0].problems).toEqual([
      {
        file: 'initech/tenant.yaml',
        at: 'hostnames.custom.0',
        message: expect.stringContaining(
          'mentoring.example.org is also claimed by tenant "umbrella"',
        ),
      },
    ]);
    expect(results[1].problems).toEqual([
      {
        file: 'umbrella/tenant.yaml',
        at: 'hostnames.custom.0',
        message: expect.stringContaining(
          'mentoring.example.org is also claimed by tenant "initech"',
        ),
      },
    ]);
  });

  it('rejects a custom domain that is the platform domain or one of its reserved names', async () => {
    const results = await loadTenantsDir(
      join(FIXTURES, 'tenants-duplicate'),
      BASE,
      'mentoring.example.org',
    );
    expect(results[0].problems).toContainEqual({
      file: 'initech/tenant.yaml',
      at: 'hostnames.custom.0',
      message: expect.stringContaining('is reserved for the platform'),
    });
    const admin = await loadTenantsDir(join(FIXTURES, 'tenants-duplicate'), BASE, 'example.org');
    expect(admin[0].problems.map((p) => p.message)).not.toContainEqual(
      expect.stringContaining('reserved'),
    );
  });

  it('treats a tenant subdomain as a claim on <subdomain>.<platform domain>', async () => {
    // globex's subdomain is globex-ngo; another tenant's custom domain must not take it.
    const dir = await mkdtemp(join(tmpdir(), 'tenant-load-'));
    try {
      await cp(join(FIXTURES, 'tenants-valid'), dir, { recursive: true });
      const acmeYaml = join(dir, 'acme', 'tenant.yaml');
      const yaml = await readFile(acmeYaml, 'utf8');
      await writeFile(acmeYaml, yaml.replace('mentoring.acme.example', 'globex-ngo.localhost'));
      const [acme, globex] = await loadTenantsDir(dir, BASE, 'localhost');
      expect(acme.problems).toEqual([
        expect.objectContaining({
          at: 'hostnames.custom.0',
          message: expect.stringContaining('"globex"'),
        }),
      ]);
      expect(globex.problems).toEqual([
        expect.objectContaining({
          at: 'hostnames.subdomain',
          message: expect.stringContaining('"acme"'),
        }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads two valid tenants with no problems, with the theme override and French copy', async () => {
    const results = await loadTenantsDir(join(FIXTURES, 'tenants-valid'), BASE, 'localhost');
    expect(results.map((r) => [r.slug, r.problems])).toEqual([
      ['acme', []],
      ['globex', []],
    ]);
    const [acme, globex] = results.map((r) => {
      if (!r.bundle) throw new Error(`${r.slug} has no bundle`);
      return r.bundle;
    });
    expect(acme.config.branding.colours.onPrimary).toBe('#ffffff');
    expect(acme.assets.map((a) => [a.role, a.contentType])).toEqual([
      ['logo', 'image/svg+xml'],
      ['favicon', 'image/png'],
    ]);
    expect(acme.partials).toEqual({});
    expect(Object.keys(globex.partials)).toEqual(['hero']);
    expect(globex.partials.hero).toContain('{{t "home.hero.title"}}');
    expect(globex.locales.fr?.['home.hero.title']).toBe(
      'Développez votre entreprise avec un {mentor}',
    );
    expect(globex.assets.map((a) => [a.role, a.contentType])).toEqual([
      ['logo', 'image/png'],
      ['favicon', 'image/x-icon'],
    ]);
  });
});

describe('formatProblems', () => {
  it('prints one "file: at: message" line per problem', () => {
    expect(
      formatProblems([
        { file: 'a/tenant.yaml', at: 'slug', message: 'is a reserved name' },
        { file: 'a/theme/x.hbs', message: 'is not an overridable file' },
      ]),
    ).toBe('a/tenant.yaml: slug: is a reserved name\na/theme/x.hbs: is not an overridable file');
  });
});

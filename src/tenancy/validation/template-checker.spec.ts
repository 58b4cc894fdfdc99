import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPartialSource, checkThemeFolder } from './template-checker';

const FILE = 'acme/theme/partials/hero.hbs';

function check(source: string): { at?: string; message: string }[] {
  return checkPartialSource(source, FILE, 'hero').map(({ at, message }) => ({ at, message }));
}

describe('checkPartialSource', () => {
  it('accepts a partial that uses only theme helpers, built-ins and allowed partials', () => {
    const source = [
      '<section class="hero">',
      '  <h1>{{t "home.title" name=tenant.name}}</h1>',
      '  {{#if (eq tenant.kind "ngo")}}<p>{{t "home.ngo"}}</p>{{else}}<p>{{tenant.name}}</p>{{/if}}',
      '  {{#each links as |link|}}<a href="/go/{{link.slug}}">{{link.label}}</a>{{/each}}',
      '  {{> how-it-works}}',
      '</section>',
    ].join('\n');
    expect(check(source)).toEqual([]);
  });

  it('rejects triple-stash with its line', () => {
    expect(check('<p>\n{{{tenant.footerHtml}}}\n</p>')).toEqual([
      { at: 'line 2', message: expect.stringContaining('unescaped output') },
    ]);
  });

  it('rejects the {{& x}} form of unescaped output', () => {
    expect(check('<p>{{& tenant.name}}</p>')).toEqual([
      { at: 'line 1', message: expect.stringContaining('unescaped output') },
    ]);
  });

  it('rejects unknown helpers, block helpers and subexpression helpers with their lines', () => {
    const source = '{{uppercase name}}\n{{#markdown}}x{{/markdown}}\n{{t (concat "a" "b")}}';
    expect(check(source)).toEqual([
      { at: 'line 1', message: expect.stringContaining('unknown helper "uppercase"') },
      { at: 'line 2', message: expect.stringContaining('unknown block helper "markdown"') },
      { at: 'line 3', message: expect.stringContaining('unknown helper "concat"') },
    ]);
  });

  it('rejects Handlebars built-ins that are not on the theme list', () => {
    expect(check('{{log "x"}}')[0].message).toContain('unknown helper "log"');
    expect(check('{{log}}')[0].message).toContain('unknown helper "log"');
  });

  it('rejects partial calls outside the overridable list, dynamic names and self-inclusion', () => {
    expect(check('{{> admin-nav}}\n{{> (whichPartial)}}\n{{> hero}}')).toEqual([
      { at: 'line 1', message: expect.stringContaining('partial "admin-nav" is not available') },
      { at: 'line 2', message: expect.stringContaining('dynamic partial names') },
      { at: 'line 3', message: expect.stringContaining('cannot include itself') },
    ]);
  });

  it('rejects decorators, including inline partials', () => {
    expect(check('{{#*inline "footer-extra"}}x{{/inline}}')).toEqual([
      { at: 'line 1', message: expect.stringContaining('decorators') },
    ]);
  });

  it('reports a syntax error with its line', () => {
    expect(check('<p>\n{{#if a}}\n{{/each}}')).toEqual([
      { at: 'line 2', message: expect.stringContaining('does not parse') },
    ]);
  });

  it('rejects markup that can run script or restyle the page', () => {
    const source = [
      '<script>alert(1)</script>',
      '<a href="javascript:alert(1)" onclick="x()">x</a>',
      '<div style="display:none">x</div>',
      '<a href="/about"{{#if (eq page.id "about")}} aria-current="page"{{/if}}>ok</a>',
    ].join('\n');
    expect(check(source)).toEqual([
      { at: 'line 1', message: expect.stringContaining('<script> is not allowed') },
      { at: 'line 2', message: expect.stringContaining('javascript: URL') },
      { at: 'line 2', message: expect.stringContaining('onclick') },
      { at: 'line 3', message: expect.stringContaining('style attributes') },
    ]);
  });
});

describe('checkThemeFolder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'theme-check-'));
    await mkdir(join(root, 'theme', 'partials'), { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('returns valid overrides keyed by partial name', async () => {
    await writeFile(join(root, 'theme/partials/hero.hbs'), '<h1>{{t "home.title"}}</h1>');
    const result = await checkThemeFolder(root, 'acme');
    expect(result).toEqual({ partials: { hero: '<h1>{{t "home.title"}}</h1>' }, problems: [] });
  });

  it('rejects files that are not allowlisted partials, naming the allowed list', async () => {
    await mkdir(join(root, 'theme', 'layouts'));
    await writeFile(join(root, 'theme/layouts/main.hbs'), '{{body}}');
    await writeFile(join(root, 'theme/partials/admin-nav.hbs'), 'x');
    const { problems, partials } = await checkThemeFolder(root, 'acme');
    expect(partials).toEqual({});
    expect(problems).toEqual([
      {
        file: 'acme/theme/layouts/main.hbs',
        message: expect.stringContaining('allowed: theme/partials/header-brand.hbs'),
      },
      { file: 'acme/theme/partials/admin-nav.hbs', message: expect.stringContaining('hero.hbs') },
    ]);
  });

  it('rejects symbolic links inside theme/', async () => {
    await symlink('/etc/hostname', join(root, 'theme/partials/hero.hbs'));
    const { problems } = await checkThemeFolder(root, 'acme');
    expect(problems).toEqual([
      { file: 'acme/theme/partials/hero.hbs', message: expect.stringContaining('symbolic links') },
    ]);
  });

  it('accepts a tenant without a theme folder', async () => {
    await rm(join(root, 'theme'), { recursive: true });
    expect(await checkThemeFolder(root, 'acme')).toEqual({ partials: {}, problems: [] });
  });
});

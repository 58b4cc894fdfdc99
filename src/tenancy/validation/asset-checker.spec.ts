import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSET_SIZE_LIMITS, checkTenantAsset, sniffContentType } from './asset-checker';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (size = 64): Buffer => Buffer.concat([PNG_SIGNATURE, Buffer.alloc(size - 8, 1)]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
const ico = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0]);
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

describe('sniffContentType', () => {
  it('recognises PNG, WebP, ICO and markup by their first bytes', () => {
    expect(sniffContentType(png())).toBe('image/png');
    expect(sniffContentType(webp)).toBe('image/webp');
    expect(sniffContentType(ico)).toBe('image/x-icon');
    expect(sniffContentType(Buffer.from(`\uFEFF\n  ${SVG}`))).toBe('image/svg+xml');
    expect(sniffContentType(Buffer.from('GIF89a'))).toBeUndefined();
  });
});

describe('checkTenantAsset', () => {
  let tenants: string;
  let root: string;
  beforeEach(async () => {
    tenants = await mkdtemp(join(tmpdir(), 'asset-check-'));
    root = join(tenants, 'acme');
    await mkdir(join(root, 'assets'), { recursive: true });
  });
  afterEach(() => rm(tenants, { recursive: true, force: true }));

  const put = (rel: string, bytes: Buffer | string): Promise<void> =>
    writeFile(join(root, rel), bytes);

  it('returns a PNG logo with the sha256 of its bytes', async () => {
    const bytes = png();
    await put('assets/logo.png', bytes);
    const { asset, problems } = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.png');
    expect(problems).toEqual([]);
    expect(asset).toEqual({
      role: 'logo',
      contentType: 'image/png',
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('returns the sanitised bytes of an SVG and hashes those, not the upload', async () => {
    await put('assets/logo.svg', `<?xml version="1.0"?>\n<!-- tool -->\n${SVG}\n`);
    const { asset, problems } = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.svg');
    expect(problems).toEqual([]);
    const bytes = Buffer.from(SVG);
    expect(asset).toEqual({
      role: 'logo',
      contentType: 'image/svg+xml',
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('reports SVG problems against the asset file', async () => {
    await put(
      'assets/logo.svg',
      `<svg xmlns="http://www.w3.org/2000/svg">\n<script>x()</script></svg>`,
    );
    const { asset, problems } = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.svg');
    expect(asset).toBeUndefined();
    expect(problems).toEqual([
      { file: 'acme/assets/logo.svg', at: 'line 2', message: expect.stringContaining('<script>') },
    ]);
  });

  it('does not follow ".." out of the tenant folder', async () => {
    await writeFile(join(tenants, 'secret.png'), png());
    const { asset, problems } = await checkTenantAsset(root, 'acme', 'logo', '../secret.png');
    expect(asset).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'acme/tenant.yaml',
        at: 'branding.logo',
        message: expect.stringContaining('must stay inside the tenant folder'),
      },
    ]);
  });

  it('rejects absolute paths', async () => {
    const { problems } = await checkTenantAsset(root, 'acme', 'logo', '/etc/passwd');
    expect(problems[0]).toMatchObject({
      at: 'branding.logo',
      message: expect.stringContaining('relative path'),
    });
  });

  it('does not follow a symlink that leads out of the tenant folder', async () => {
    await writeFile(join(tenants, 'secret.png'), png());
    await symlink(join(tenants, 'secret.png'), join(root, 'assets/logo.png'));
    const { asset, problems } = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.png');
    expect(asset).toBeUndefined();
    expect(problems[0]).toMatchObject({
      file: 'acme/tenant.yaml',
      at: 'branding.logo',
      message: expect.stringContaining('leads outside the tenant folder'),
    });
  });

  it('follows a symlink that stays inside the tenant folder', async () => {
    await put('assets/brand.png', png());
    await symlink('brand.png', join(root, 'assets/logo.png'));
    const { problems } = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.png');
    expect(problems).toEqual([]);
  });

  it('rejects content whose magic bytes do not match the extension', async () => {
    await put('assets/logo.png', SVG);
    await put('assets/icon.svg', png());
    const asPng = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.png');
    expect(asPng.problems).toEqual([
      {
        file: 'acme/assets/logo.png',
        message: 'the file name says image/png but the content is image/svg+xml',
      },
    ]);
    const asSvg = await checkTenantAsset(root, 'acme', 'favicon', 'assets/icon.svg');
    expect(asSvg.problems[0].message).toBe(
      'the file name says image/svg+xml but the content is image/png',
    );
  });

  it('rejects types that do not suit the role', async () => {
    await put('assets/logo.ico', ico);
    await put('assets/logo.gif', Buffer.from('GIF89a'));
    expect(
      (await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.ico')).problems[0].message,
    ).toContain('a logo must be one of');
    expect(
      (await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.gif')).problems[0].message,
    ).toContain('must end in one of');
  });

  it('enforces the size limit of each role', async () => {
    await put('assets/logo.png', png(ASSET_SIZE_LIMITS.logo + 1));
    await put('assets/favicon.png', png(ASSET_SIZE_LIMITS.favicon + 1));
    await put('assets/ok.png', png(ASSET_SIZE_LIMITS.favicon));
    const logo = await checkTenantAsset(root, 'acme', 'logo', 'assets/logo.png');
    expect(logo.problems).toEqual([
      {
        file: 'acme/assets/logo.png',
        message: 'logo is 51201 bytes; the limit is 51200 bytes (50 KB)',
      },
    ]);
    const favicon = await checkTenantAsset(root, 'acme', 'favicon', 'assets/favicon.png');
    expect(favicon.problems[0].message).toContain('(16 KB)');
    expect((await checkTenantAsset(root, 'acme', 'favicon', 'assets/ok.png')).problems).toEqual([]);
  });

  it('reports a missing file against tenant.yaml', async () => {
    const { problems } = await checkTenantAsset(root, 'acme', 'favicon', 'assets/missing.ico');
    expect(problems).toEqual([
      {
        file: 'acme/tenant.yaml',
        at: 'branding.favicon',
        message: '"assets/missing.ico" does not exist',
      },
    ]);
  });
});

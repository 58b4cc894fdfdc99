import { createHash } from 'node:crypto';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { TenantAssetFile, ValidationProblem } from '../config/tenant-bundle';
import { sanitiseSvg } from './svg-sanitiser';

export type AssetRole = TenantAssetFile['role'];
export type AssetContentType = TenantAssetFile['contentType'];

/** Bytes on disk, before sanitising: a logo is shown on every page of a slow connection. */
export const ASSET_SIZE_LIMITS: Readonly<Record<AssetRole, number>> = {
  logo: 50 * 1024,
  favicon: 16 * 1024,
};

const EXTENSION_TYPES: Readonly<Record<string, AssetContentType>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

// An .ico logo would be blurry and a WebP favicon is not understood everywhere.
const ROLE_TYPES: Readonly<Record<AssetRole, readonly AssetContentType[]>> = {
  logo: ['image/svg+xml', 'image/png', 'image/webp'],
  favicon: ['image/x-icon', 'image/png', 'image/svg+xml'],
};

/** The type the bytes say they are (never the file name), or undefined. */
export function sniffContentType(bytes: Buffer): AssetContentType | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    return 'image/webp';
  }
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  if (bytes.length >= 6 && bytes.readUInt32BE(0) === 0x00000100 && bytes.readUInt16LE(4) > 0) {
    return 'image/x-icon';
  }
  // SVG has no magic number: text that starts with markup is handed to the sanitiser,
  // which decides whether it really is an <svg> document.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  if (bytes[i] === 0x3c /* < */) return 'image/svg+xml';
  return undefined;
}

export interface AssetCheckResult {
  asset?: TenantAssetFile;
  problems: ValidationProblem[];
}

function isInside(dir: string, candidate: string): boolean {
  const rel = relative(dir, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Reads the asset `assetPath` (as written in tenant.yaml) of the tenant folder
 * `tenantRoot`. `label` is the folder's name relative to the tenants directory,
 * used in problem file names. Problems with the reference point at tenant.yaml;
 * problems with the content point at the asset file.
 */
export async function checkTenantAsset(
  tenantRoot: string,
  label: string,
  role: AssetRole,
  assetPath: string,
): Promise<AssetCheckResult> {
  const yamlRef = { file: `${label}/tenant.yaml`, at: `branding.${role}` };
  const refProblem = (message: string): AssetCheckResult => ({
    problems: [{ ...yamlRef, message }],
  });

  // Lexical checks first, so the message says what is wrong with the path itself.
  if (isAbsolute(assetPath) || assetPath.startsWith('/') || assetPath.includes('\\')) {
    return refProblem(`"${assetPath}" must be a relative path inside the tenant folder`);
  }
  if (assetPath.split('/').some((part) => part === '..')) {
    return refProblem(`"${assetPath}" must stay inside the tenant folder (no "..")`);
  }

  const root = resolve(tenantRoot);
  const full = resolve(root, assetPath);
  if (!isInside(root, full)) {
    return refProblem(`"${assetPath}" must stay inside the tenant folder`);
  }
  let real: string;
  let realRoot: string;
  try {
    await lstat(full);
    [real, realRoot] = await Promise.all([realpath(full), realpath(root)]);
  } catch {
    return refProblem(`"${assetPath}" does not exist`);
  }
  // A symlink inside the folder may still lead out of it.
  if (!isInside(realRoot, real)) {
    return refProblem(`"${assetPath}" is a link that leads outside the tenant folder`);
  }

  const info = await stat(real);
  if (!info.isFile()) return refProblem(`"${assetPath}" is not a regular file`);

  const file = posix.join(label, relative(root, full).split(sep).join('/'));
  const limit = ASSET_SIZE_LIMITS[role];
  // Checked before reading, so a huge file is never loaded.
  if (info.size > limit) {
    return {
      problems: [
        {
          file,
          message: `${role} is ${info.size} bytes; the limit is ${limit} bytes (${limit / 1024} KB)`,
        },
      ],
    };
  }

  const declared = EXTENSION_TYPES[extname(assetPath).toLowerCase()];
  if (!declared) {
    return refProblem(
      `"${assetPath}" must end in one of ${Object.keys(EXTENSION_TYPES).join(', ')}`,
    );
  }
  if (!ROLE_TYPES[role].includes(declared)) {
    return refProblem(`a ${role} must be one of ${ROLE_TYPES[role].join(', ')}, not ${declared}`);
  }

  const raw = await readFile(real);
  const sniffed = sniffContentType(raw);
  if (sniffed !== declared) {
    return {
      problems: [
        {
          file,
          message: sniffed
            ? `the file name says ${declared} but the content is ${sniffed}`
            : `the file name says ${declared} but the content is not a recognised image`,
        },
      ],
    };
  }

  let bytes: Buffer = raw;
  if (declared === 'image/svg+xml') {
    const { svg, problems } = sanitiseSvg(raw, file);
    if (problems.length > 0) return { problems };
    bytes = svg;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { asset: { role, contentType: declared, bytes, sha256 }, problems: [] };
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { LocaleCode } from '../../branding/theme-contract';
import type { MessageCatalog, TenantBundle, ValidationProblem } from '../config/tenant-bundle';
import {
  RESERVED_SLUGS,
  tenantConfigSchema,
  type TenantConfig,
} from '../config/tenant-config.schema';
import { checkTenantAsset } from './asset-checker';
import { checkBrandContrast } from './colour-contrast';
import { checkLocalesFolder } from './locale-checker';
import { checkThemeFolder } from './template-checker';

export interface TenantFolderResult {
  /** The slug from tenant.yaml, or the folder name when tenant.yaml has none. */
  slug: string;
  /** Present only when the folder has no problems at all. */
  bundle?: TenantBundle;
  problems: ValidationProblem[];
}

/** A hostname a tenant claims, and where in tenant.yaml the claim is made. */
interface HostClaim {
  host: string;
  at: string;
}

interface TenantInspection {
  /** Folder name under the tenants directory; problem files are relative to it. */
  folder: string;
  result: TenantFolderResult;
  /** Hostnames come from the hostnames section alone, so they are known even when other sections are broken. */
  subdomain?: { name: string; at: string };
  custom: string[];
}

type ZodIssue = z.ZodError['issues'][number];
type PathSegment = ZodIssue['path'][number];

type Branding = TenantConfig['branding'];

// Sections are re-validated on their own when the whole fails, so one bad
// field does not hide problems with the logo, colours or locales.
const configShape = tenantConfigSchema.shape;
const brandingShape = configShape.branding.shape;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function dotted(path: readonly PathSegment[]): string {
  return path.map((p) => String(p)).join('.');
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as PropertyKey];
  }
  return current;
}

function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Turns zod issues into problems at dotted paths, with the YAML line where the value is. */
function issueProblems(
  issues: readonly ZodIssue[],
  file: string,
  data: unknown,
  doc: Document,
  lines: LineCounter,
): ValidationProblem[] {
  const lineOf = (path: readonly PathSegment[]): string => {
    const node = doc.getIn(path as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    return node?.range ? ` (line ${lines.linePos(node.range[0]).line})` : '';
  };
  const problems: ValidationProblem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    const value = valueAt(data, path);
    const at = path.length > 0 ? dotted(path) : undefined;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          problems.push({
            file,
            at: dotted([...path, key]),
            message: `is not a recognised field${lineOf([...path, key])}`,
          });
        }
        continue;
      case 'invalid_type':
        problems.push({
          file,
          at,
          message:
            path.length === 0
              ? `tenant.yaml must be a mapping of fields, got ${shown(value)}`
              : value === undefined
                ? // The line of the enclosing mapping; a missing top-level field has none.
                  `is required${path.length > 1 ? lineOf(path.slice(0, -1)) : ''}`
                : `must be ${issue.expected}, got ${shown(value)}${lineOf(path)}`,
        });
        continue;
      case 'invalid_value':
        problems.push({
          file,
          at,
          message: `must be one of ${issue.values.map((v) => String(v)).join(', ')}, got ${shown(value)}${lineOf(path)}`,
        });
        continue;
      default: {
        const got =
          typeof value === 'string' || typeof value === 'number' ? `, got ${shown(value)}` : '';
        problems.push({ file, at, message: `${issue.message}${got}${lineOf(path)}` });
      }
    }
  }
  return problems;
}

async function readTenantYaml(
  root: string,
  file: string,
): Promise<{ data?: unknown; doc?: Document; lines?: LineCounter; problems: ValidationProblem[] }> {
  let text: string;
  try {
    text = await readFile(join(root, 'tenant.yaml'), 'utf8');
  } catch {
    return { problems: [{ file, message: 'tenant.yaml is missing' }] };
  }
  const lines = new LineCounter();
  // prettyErrors off: we print our own position instead of a code frame.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        at: `line ${lines.linePos(e.pos[0]).line}`,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  try {
    // The alias cap stops a "billion laughs" document from expanding without bound.
    return { data: doc.toJS({ maxAliasCount: 50 }), doc, lines, problems: [] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { problems: [{ file, message: `YAML could not be read: ${message}` }] };
  }
}

async function inspectTenantFolder(
  tenantsDir: string,
  slugDir: string,
  baseCatalog: MessageCatalog,
): Promise<TenantInspection> {
  const root = join(tenantsDir, slugDir);
  const yamlFile = `${slugDir}/tenant.yaml`;
  const problems: ValidationProblem[] = [];
  const inspection: TenantInspection = {
    folder: slugDir,
    result: { slug: slugDir, problems },
    custom: [],
  };

  const yaml = await readTenantYaml(root, yamlFile);
  problems.push(...yaml.problems);

  let config: TenantConfig | undefined;
  let slug: string | undefined;
  let colours: Branding['colours'] | undefined;
  let logo: string | undefined;
  let favicon: string | undefined;
  let locale: TenantConfig['locale'] | undefined;
  let hostnames: TenantConfig['hostnames'] | undefined;
  if (yaml.doc && yaml.lines) {
    const parsed = tenantConfigSchema.safeParse(yaml.data);
    if (parsed.success) {
      config = parsed.data;
      ({ slug, locale, hostnames } = config);
      ({ colours, logo, favicon } = config.branding);
    } else {
      problems.push(
        ...issueProblems(parsed.error.issues, yamlFile, yaml.data, yaml.doc, yaml.lines),
      );
      const raw = asRecord(yaml.data);
      const rawBranding = asRecord(raw.branding);
      slug = configShape.slug.safeParse(raw.slug).data;
      colours = brandingShape.colours.safeParse(rawBranding.colours).data;
      logo = brandingShape.logo.safeParse(rawBranding.logo).data;
      favicon = brandingShape.favicon.safeParse(rawBranding.favicon).data;
      locale = configShape.locale.safeParse(raw.locale).data;
      hostnames = configShape.hostnames.safeParse(raw.hostnames).data;
    }
  }

  if (slug !== undefined) {
    inspection.result.slug = slug;
    if (slug !== slugDir) {
      problems.push({
        file: yamlFile,
        at: 'slug',
        message: `slug "${slug}" must match the folder name "${slugDir}"`,
      });
    }
  }
  if (hostnames) {
    inspection.custom = hostnames.custom;
    const name = hostnames.subdomain ?? slug;
    if (name) {
      inspection.subdomain = { name, at: hostnames.subdomain ? 'hostnames.subdomain' : 'slug' };
    }
  }

  if (colours) problems.push(...checkBrandContrast(colours, yamlFile));
  const assets: TenantBundle['assets'] = [];
  const references = [
    ['logo', logo],
    ['favicon', favicon],
  ] as const;
  for (const [role, path] of references) {
    if (path === undefined) continue;
    const checked = await checkTenantAsset(root, slugDir, role, path);
    problems.push(...checked.problems);
    if (checked.asset) assets.push(checked.asset);
  }

  const theme = await checkThemeFolder(root, slugDir);
  problems.push(...theme.problems);

  const locales = await checkLocalesFolder(
    root,
    slugDir,
    locale?.supported as LocaleCode[] | undefined,
    baseCatalog,
  );
  problems.push(...locales.problems);

  if (config && problems.length === 0) {
    inspection.result.bundle = {
      config,
      partials: theme.partials,
      locales: locales.locales,
      assets,
    };
  }
  return inspection;
}

/**
 * Loads and validates one tenant folder `tenantsDir/slugDir`, collecting every
 * problem. A bundle is returned only when there are none.
 */
export async function loadTenantFolder(
  tenantsDir: string,
  slugDir: string,
  baseCatalog: MessageCatalog,
): Promise<TenantFolderResult> {
  return (await inspectTenantFolder(tenantsDir, slugDir, baseCatalog)).result;
}

function hostClaims(inspection: TenantInspection, platformDomain: string): HostClaim[] {
  const claims: HostClaim[] = inspection.custom.map((host, i) => ({
    host,
    at: `hostnames.custom.${i}`,
  }));
  if (inspection.subdomain) {
    claims.unshift({
      host: `${inspection.subdomain.name}.${platformDomain}`,
      at: inspection.subdomain.at,
    });
  }
  return claims;
}

/**
 * Loads every tenant folder (dot-folders skipped) and adds the checks that
 * need all tenants at once: no hostname claimed twice, none reserved for the
 * platform. Results are in folder-name order.
 */
export async function loadTenantsDir(
  tenantsDir: string,
  baseCatalog: MessageCatalog,
  platformDomain: string,
): Promise<TenantFolderResult[]> {
  const domain = platformDomain.toLowerCase();
  const entries = (await readdir(tenantsDir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));

  const inspections: TenantInspection[] = [];
  for (const entry of entries) {
    if (entry.isSymbolicLink()) {
      inspections.push({
        folder: entry.name,
        result: {
          slug: entry.name,
          problems: [
            { file: entry.name, message: 'a tenant folder must be a real folder, not a link' },
          ],
        },
        custom: [],
      });
    } else if (entry.isDirectory()) {
      // One at a time: a thousand tenants must not open a thousand files at once.
      inspections.push(await inspectTenantFolder(tenantsDir, entry.name, baseCatalog));
    }
  }

  const reserved = new Set([domain, ...[...RESERVED_SLUGS].map((r) => `${r}.${domain}`)]);
  const claimants = new Map<string, { inspection: TenantInspection; claim: HostClaim }[]>();
  for (const inspection of inspections) {
    const { problems } = inspection.result;
    const file = `${inspection.folder}/tenant.yaml`;
    const seen = new Set<string>();
    for (const claim of hostClaims(inspection, domain)) {
      if (seen.has(claim.host)) {
        problems.push({ file, at: claim.at, message: `hostname ${claim.host} is listed twice` });
        continue;
      }
      seen.add(claim.host);
      if (reserved.has(claim.host)) {
        problems.push({
          file,
          at: claim.at,
          message: `hostname ${claim.host} is reserved for the platform (${domain})`,
        });
      }
      const list = claimants.get(claim.host) ?? [];
      list.push({ inspection, claim });
      claimants.set(claim.host, list);
    }
  }
  for (const [host, list] of claimants) {
    if (list.length < 2) continue;
    for (const { inspection, claim } of list) {
      const others = list
        .filter((c) => c.inspection !== inspection)
        .map((c) => `"${c.inspection.folder}"`)
        .join(', ');
      inspection.result.problems.push({
        file: `${inspection.folder}/tenant.yaml`,
        at: claim.at,
        message: `hostname ${host} is also claimed by tenant ${others}`,
      });
    }
  }

  return inspections.map(({ result }) =>
    result.problems.length > 0 ? { slug: result.slug, problems: result.problems } : result,
  );
}

/** One line per problem: `file: at: message`. */
export function formatProblems(problems: readonly ValidationProblem[]): string {
  return problems
    .map((p) => (p.at ? `${p.file}: ${p.at}: ${p.message}` : `${p.file}: ${p.message}`))
    .join('\n');
}

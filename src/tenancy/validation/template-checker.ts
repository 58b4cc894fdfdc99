import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { Parser } from 'htmlparser2';
import {
  BUILTIN_HELPERS,
  OVERRIDABLE_PARTIALS,
  THEME_HELPERS,
  type OverridablePartial,
} from '../../branding/theme-contract';
import type { ValidationProblem } from '../config/tenant-bundle';
import { lineLocator } from './source-lines';

// Tenant partials are validated the way Ghost's theme checker validates a
// theme: parse, walk the AST, then compile exactly as the renderer will.

const ALLOWED_HELPERS: ReadonlySet<string> = new Set<string>([
  ...THEME_HELPERS,
  ...BUILTIN_HELPERS,
]);
const ALLOWED_HELPER_LIST = [...ALLOWED_HELPERS].join(', ');
const PARTIALS: ReadonlySet<string> = new Set<string>(OVERRIDABLE_PARTIALS);

/** Handlebars built-ins that knownHelpersOnly still accepts but tenants must not call. */
const HIDDEN_BUILTINS: ReadonlySet<string> = new Set([
  'log',
  'helperMissing',
  'blockHelperMissing',
]);

/** Generous for a partial; keeps a config version small. */
export const MAX_PARTIAL_BYTES = 32 * 1024;

/** Options the theme renderer compiles tenant partials with. */
export const TENANT_PARTIAL_COMPILE_OPTIONS = {
  knownHelpers: Object.fromEntries(THEME_HELPERS.map((h) => [h, true])),
  knownHelpersOnly: true,
  strict: true,
} as const;

// Raw HTML in a partial is the tenant's own markup, so we only refuse what can
// run script, restyle the page, or send data elsewhere.
const FORBIDDEN_HTML_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'form',
]);
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'poster',
  'background',
  'xlink:href',
]);

interface WalkContext {
  file: string;
  self?: OverridablePartial;
  problems: ValidationProblem[];
}

function report(ctx: WalkContext, node: hbs.AST.Node, message: string): void {
  ctx.problems.push({ file: ctx.file, at: `line ${node.loc.start.line}`, message });
}

function simpleName(path: hbs.AST.Node): string | undefined {
  if (path.type !== 'PathExpression') return undefined;
  const p = path as hbs.AST.PathExpression;
  return !p.data && p.depth === 0 && p.parts.length === 1 ? p.parts[0] : undefined;
}

function checkHelperName(ctx: WalkContext, path: hbs.AST.Node, kind: string): void {
  const name = simpleName(path);
  if (name !== undefined && ALLOWED_HELPERS.has(name)) return;
  const shown = name ?? (path as hbs.AST.PathExpression).original ?? path.type;
  report(ctx, path, `unknown ${kind} "${shown}"; allowed helpers: ${ALLOWED_HELPER_LIST}`);
}

function visitAll(ctx: WalkContext, nodes: readonly hbs.AST.Node[] | undefined): void {
  for (const node of nodes ?? []) visit(ctx, node);
}

function visitHash(ctx: WalkContext, hash: hbs.AST.Hash | undefined): void {
  for (const pair of hash?.pairs ?? []) visit(ctx, pair.value);
}

function hasArguments(node: { params: unknown[]; hash?: hbs.AST.Hash }): boolean {
  return node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
}

function checkPartialName(ctx: WalkContext, node: hbs.AST.Node, name: hbs.AST.Node): void {
  let target: string | undefined;
  if (name.type === 'StringLiteral') target = (name as hbs.AST.StringLiteral).value;
  else target = simpleName(name);
  if (target === undefined) {
    report(ctx, node, 'dynamic partial names are not allowed; name the partial');
  } else if (!PARTIALS.has(target)) {
    report(
      ctx,
      node,
      `partial "${target}" is not available; allowed partials: ${OVERRIDABLE_PARTIALS.join(', ')}`,
    );
  } else if (target === ctx.self) {
    // The override shadows the base partial, so this would recurse forever.
    report(ctx, node, `partial "${target}" cannot include itself`);
  }
}

function visit(ctx: WalkContext, node: hbs.AST.Node): void {
  switch (node.type) {
    case 'Program':
      visitAll(ctx, (node as hbs.AST.Program).body);
      return;
    case 'MustacheStatement': {
      const m = node as hbs.AST.MustacheStatement;
      if (!m.escaped) {
        report(
          ctx,
          m,
          'unescaped output ({{{…}}} or {{& …}}) is not allowed in tenant templates; only helpers produce HTML',
        );
      }
      const name = simpleName(m.path);
      if (hasArguments(m)) checkHelperName(ctx, m.path, 'helper');
      else if (name !== undefined && HIDDEN_BUILTINS.has(name)) {
        checkHelperName(ctx, m.path, 'helper');
      }
      visitAll(ctx, m.params);
      visitHash(ctx, m.hash);
      return;
    }
    case 'BlockStatement': {
      const b = node as hbs.AST.BlockStatement;
      // Every block must be a known helper; implicit section blocks ({{#items}}) are not.
      checkHelperName(ctx, b.path, 'block helper');
      visitAll(ctx, b.params);
      visitHash(ctx, b.hash);
      if (b.program) visit(ctx, b.program);
      if (b.inverse) visit(ctx, b.inverse);
      return;
    }
    case 'SubExpression': {
      const s = node as hbs.AST.SubExpression;
      checkHelperName(ctx, s.path, 'helper');
      visitAll(ctx, s.params);
      visitHash(ctx, s.hash);
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const p = node as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;
      checkPartialName(ctx, p, p.name);
      visitAll(ctx, p.params);
      visitHash(ctx, p.hash);
      if (p.type === 'PartialBlockStatement') visit(ctx, p.program);
      return;
    }
    case 'Decorator':
    case 'DecoratorBlock':
      // Includes inline partials ({{#*inline}}), which would shadow partials by name.
      report(ctx, node, 'decorators (including {{#*inline}}) are not allowed');
      return;
    default:
      // Content, comments, paths and literals carry nothing to check.
      return;
  }
}

function checkMarkup(source: string, file: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const lineOf = lineLocator(source);
  const report = (offset: number, message: string): void => {
    problems.push({ file, at: `line ${lineOf(offset)}`, message });
  };
  const parser = new Parser({
    onopentagname(name) {
      if (FORBIDDEN_HTML_ELEMENTS.has(name)) {
        report(parser.startIndex, `<${name}> is not allowed in tenant templates`);
      }
    },
    onattribute(name, value) {
      const at = parser.startIndex;
      if (name.startsWith('on')) {
        report(at, `event handler attribute ${name} is not allowed`);
      } else if (name === 'style') {
        report(at, 'style attributes are not allowed; brand colours come from the theme tokens');
      } else if (name === 'srcdoc' || name === 'formaction') {
        report(at, `attribute ${name} is not allowed`);
      } else if (URL_ATTRIBUTES.has(name)) {
        // Browsers ignore whitespace and control characters inside a scheme.
        const compact = [...value]
          .filter((c) => c.charCodeAt(0) > 0x20)
          .join('')
          .toLowerCase();
        const scheme = /^(javascript|vbscript|data):/.exec(compact)?.[1];
        if (scheme) report(at, `${name} must not use a ${scheme}: URL`);
      }
    },
  });
  parser.end(source);
  return problems;
}

function errorLine(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { lineNumber, message } = err as { lineNumber?: unknown; message?: unknown };
  if (typeof lineNumber === 'number') return lineNumber;
  const match = typeof message === 'string' ? /line (\d+)/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

function errorSummary(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // Handlebars appends " - line:column" and a source excerpt; the problem has its own line.
  return message.split('\n')[0].replace(/ - \d+:\d+$/, '');
}

/**
 * Checks one tenant partial. `self` is the partial being overridden, so a
 * self-include can be caught. Returns every problem found, each with its line.
 */
export function checkPartialSource(
  source: string,
  file: string,
  self?: OverridablePartial,
): ValidationProblem[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (err) {
    const line = errorLine(err);
    return [
      {
        file,
        ...(line ? { at: `line ${line}` } : {}),
        message: `template does not parse: ${errorSummary(err)}`,
      },
    ];
  }
  const ctx: WalkContext = { file, self, problems: [] };
  visit(ctx, ast);
  ctx.problems.push(...checkMarkup(source, file));
  if (ctx.problems.length > 0) return ctx.problems;

  try {
    // A fresh environment: validation never touches the renderer's globals.
    Handlebars.create().precompile(source, TENANT_PARTIAL_COMPILE_OPTIONS);
  } catch (err) {
    const line = errorLine(err);
    ctx.problems.push({
      file,
      ...(line ? { at: `line ${line}` } : {}),
      message: `template does not compile: ${errorSummary(err)}`,
    });
  }
  return ctx.problems;
}

export interface ThemeCheckResult {
  partials: Partial<Record<OverridablePartial, string>>;
  problems: ValidationProblem[];
}

const PARTIAL_PATH = /^theme\/partials\/([^/]+)\.hbs$/;

/** Every file under `theme/`, as posix paths relative to the tenant folder; symlinks are reported. */
async function listThemeFiles(
  tenantRoot: string,
  label: string,
  rel: string,
  problems: ValidationProblem[],
): Promise<string[]> {
  const entries = await readdir(join(tenantRoot, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = `${rel}/${entry.name}`;
    if (entry.isSymbolicLink()) {
      problems.push({
        file: `${label}/${path}`,
        message: 'symbolic links are not allowed in theme/',
      });
    } else if (entry.isDirectory()) {
      files.push(...(await listThemeFiles(tenantRoot, label, path, problems)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Checks `theme/` of a tenant folder: only allowlisted partial overrides, each
 * one valid. `label` is the folder's path relative to the tenants directory.
 */
export async function checkThemeFolder(
  tenantRoot: string,
  label: string,
): Promise<ThemeCheckResult> {
  const result: ThemeCheckResult = { partials: {}, problems: [] };
  const themeDir = join(tenantRoot, 'theme');
  try {
    const info = await lstat(themeDir);
    if (!info.isDirectory()) {
      result.problems.push({ file: `${label}/theme`, message: 'theme must be a folder' });
      return result;
    }
  } catch {
    return result; // no theme folder: nothing is overridden
  }

  const allowed = OVERRIDABLE_PARTIALS.map((p) => `theme/partials/${p}.hbs`).join(', ');
  for (const rel of await listThemeFiles(tenantRoot, label, 'theme', result.problems)) {
    const file = `${label}/${rel}`;
    const name = PARTIAL_PATH.exec(rel)?.[1];
    if (name === undefined || !PARTIALS.has(name)) {
      result.problems.push({ file, message: `is not an overridable file; allowed: ${allowed}` });
      continue;
    }
    const bytes = await readFile(join(tenantRoot, rel));
    if (bytes.length > MAX_PARTIAL_BYTES) {
      result.problems.push({
        file,
        message: `is ${bytes.length} bytes; a partial may be at most ${MAX_PARTIAL_BYTES}`,
      });
      continue;
    }
    let source: string;
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      result.problems.push({ file, message: 'is not valid UTF-8 text' });
      continue;
    }
    const partial = name as OverridablePartial;
    const problems = checkPartialSource(source, file, partial);
    if (problems.length > 0) result.problems.push(...problems);
    else result.partials[partial] = source;
  }
  return result;
}

import { lstat, readdir, readFile } from 'node:fs/promises';
import { ALWAYS_AVAILABLE_ARGUMENTS } from '../../branding/i18n/translator';
import { join } from 'node:path';
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { SUPPORTED_LOCALES, type LocaleCode } from '../../branding/theme-contract';
import type { MessageCatalog, ValidationProblem } from '../config/tenant-bundle';

const SUPPORTED: ReadonlySet<string> = new Set<string>(SUPPORTED_LOCALES);

/** Argument names a parsed ICU message refers to, including inside plural/select branches. */
export function messageArguments(elements: readonly MessageFormatElement[]): Set<string> {
  const names = new Set<string>();
  const walk = (els: readonly MessageFormatElement[]): void => {
    for (const el of els) {
      if (isArgumentElement(el) || isNumberElement(el) || isDateElement(el) || isTimeElement(el)) {
        names.add(el.value);
      } else if (isSelectElement(el) || isPluralElement(el)) {
        names.add(el.value);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (isTagElement(el)) {
        walk(el.children);
      }
    }
  };
  walk(elements);
  return names;
}

// Base catalogs are parsed once per catalog object, not once per tenant.
const baseArgumentsCache = new WeakMap<MessageCatalog, Map<string, Set<string> | null>>();

function baseArguments(baseCatalog: MessageCatalog, key: string): Set<string> | null {
  let perCatalog = baseArgumentsCache.get(baseCatalog);
  if (!perCatalog) {
    perCatalog = new Map();
    baseArgumentsCache.set(baseCatalog, perCatalog);
  }
  let names = perCatalog.get(key);
  if (names === undefined) {
    try {
      names = messageArguments(parse(baseCatalog[key]));
    } catch {
      names = null; // a broken base message is the base catalog's test's business
    }
    perCatalog.set(key, names);
  }
  return names;
}

function describeIcuError(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { message, location } = err as {
    message?: string;
    location?: { start?: { column?: number } };
  };
  // The parser's messages are error kinds such as EXPECT_ARGUMENT_CLOSING_BRACE.
  const kind = (message ?? 'syntax error').toLowerCase().replace(/_/g, ' ');
  const column = location?.start?.column;
  return column ? `${kind} at column ${column}` : kind;
}

export interface LocaleCheckResult {
  catalog?: MessageCatalog;
  problems: ValidationProblem[];
}

/**
 * Checks the text of one `locales/<lang>.json` override against the base
 * (English) catalog: flat object of strings, known keys, valid ICU, no new
 * arguments, no markup. `file` is used in the problems.
 */
export function checkLocaleCatalog(
  text: string,
  file: string,
  baseCatalog: MessageCatalog,
): LocaleCheckResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    return {
      problems: [
        { file, ...(line ? { at: `line ${line}` } : {}), message: `invalid JSON: ${message}` },
      ],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      problems: [{ file, message: 'must be a JSON object of message key → ICU message' }],
    };
  }

  const problems: ValidationProblem[] = [];
  const catalog: MessageCatalog = {};
  for (const [key, value] of Object.entries(data)) {
    const problem = (message: string): void => {
      problems.push({ file, at: key, message });
    };
    if (!Object.hasOwn(baseCatalog, key)) {
      problem(`unknown key "${key}"; overrides may only replace keys of the base catalog`);
      continue;
    }
    if (typeof value !== 'string') {
      problem(
        `must be a string (an ICU message), not ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
      continue;
    }
    if (value.trim() === '') {
      problem('is empty; remove the key to use the base text');
      continue;
    }
    if (value.includes('<')) {
      problem('must not contain "<": copy is plain text, not markup');
      continue;
    }
    let elements: MessageFormatElement[];
    try {
      elements = parse(value);
    } catch (err) {
      problem(`is not a valid ICU message: ${describeIcuError(err)}`);
      continue;
    }
    const allowed = baseArguments(baseCatalog, key);
    if (allowed) {
      // An argument the page does not pass would render as an error or fall back to raw text.
      const extra = [...messageArguments(elements)].filter(
        (name) => !allowed.has(name) && !ALWAYS_AVAILABLE_ARGUMENTS.has(name),
      );
      if (extra.length > 0) {
        const known = [...allowed].map((a) => `{${a}}`).join(', ') || 'none';
        problem(
          `uses ${extra.map((a) => `{${a}}`).join(', ')}, which the base message does not provide (its arguments: ${known})`,
        );
        continue;
      }
    }
    catalog[key] = value;
  }
  return problems.length > 0 ? { problems } : { catalog, problems };
}

export interface LocalesFolderResult {
  locales: Partial<Record<LocaleCode, MessageCatalog>>;
  problems: ValidationProblem[];
}

const LOCALE_FILE = /^([a-z]{2,3})\.json$/;

/**
 * Checks `locales/` of a tenant folder. `supported` is the tenant's
 * `locale.supported`, or undefined when tenant.yaml itself is invalid.
 */
export async function checkLocalesFolder(
  tenantRoot: string,
  label: string,
  supported: readonly LocaleCode[] | undefined,
  baseCatalog: MessageCatalog,
): Promise<LocalesFolderResult> {
  const result: LocalesFolderResult = { locales: {}, problems: [] };
  const dir = join(tenantRoot, 'locales');
  try {
    if (!(await lstat(dir)).isDirectory()) {
      result.problems.push({ file: `${label}/locales`, message: 'locales must be a folder' });
      return result;
    }
  } catch {
    return result; // no overrides
  }

  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const file = `${label}/locales/${entry.name}`;
    const lang = LOCALE_FILE.exec(entry.name)?.[1];
    if (!entry.isFile()) {
      result.problems.push({ file, message: 'only <lang>.json files are allowed in locales/' });
      continue;
    }
    if (lang === undefined || !SUPPORTED.has(lang)) {
      result.problems.push({
        file,
        message: `is not a locale file; expected one of ${SUPPORTED_LOCALES.map((l) => `${l}.json`).join(', ')}`,
      });
      continue;
    }
    if (supported && !supported.includes(lang as LocaleCode)) {
      result.problems.push({
        file,
        message: `"${lang}" is not in locale.supported (${supported.join(', ')}) of tenant.yaml`,
      });
      continue;
    }
    const { catalog, problems } = checkLocaleCatalog(
      await readFile(join(dir, entry.name), 'utf8'),
      file,
      baseCatalog,
    );
    result.problems.push(...problems);
    if (catalog) result.locales[lang as LocaleCode] = catalog;
  }
  return result;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { THEME_DIR } from '../config/paths';

/**
 * The few scripts pages may load (CSP: same origin only). Every page works
 * without them; they only make a page nicer (a thread refreshing itself).
 * Served at content-addressed URLs, so they can be cached for good.
 */
export const PAGE_SCRIPTS = ['conversation'] as const;
export type PageScript = (typeof PAGE_SCRIPTS)[number];

interface LoadedScript {
  file: string;
  body: string;
}

const loaded = new Map<PageScript, LoadedScript>();

function load(name: PageScript): LoadedScript {
  let script = loaded.get(name);
  if (!script) {
    const body = readFileSync(join(THEME_DIR, 'assets', `${name}.js`), 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    script = { file: `${name}.${hash}.js`, body };
    loaded.set(name, script);
  }
  return script;
}

/** The URL a page puts in its script tag. */
export function scriptUrl(name: PageScript): string {
  return `/scripts/${load(name).file}`;
}

/** The script behind a URL from scriptUrl(), or null. */
export function scriptByFile(file: string): string | null {
  for (const name of PAGE_SCRIPTS) {
    const script = load(name);
    if (script.file === file) return script.body;
  }
  return null;
}

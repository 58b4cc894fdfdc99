import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Code runs from src/ (tests) and from dist/src/ (built); both find the repo
// root the same way, so templates, locales, tenants/ and migrations resolve.
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(__dirname);
export const THEME_DIR = join(REPO_ROOT, 'src', 'branding', 'theme');
export const LOCALES_DIR = join(REPO_ROOT, 'src', 'branding', 'locales');

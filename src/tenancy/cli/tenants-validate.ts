import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { LOCALES_DIR, REPO_ROOT } from '../../config/paths';
import type { MessageCatalog } from '../config/tenant-bundle';
import { formatProblems, loadTenantsDir } from '../validation/tenant-folder-loader';

// `npm run tenants:validate`: checks every tenant folder and prints precise
// problems. Deliberately free of NestJS so it starts in well under a second.

function readBaseCatalog(file: string): MessageCatalog {
  if (!existsSync(file)) {
    throw new Error(
      `base catalog not found at ${file}; tenant locale overrides are checked against it`,
    );
  }
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`base catalog ${file} must be a JSON object of key → message`);
  }
  return data as MessageCatalog;
}

function print(text: string): void {
  process.stdout.write(text + '\n');
}

async function main(): Promise<number> {
  // Relative TENANTS_DIR resolves against the repo root, as it does for the app.
  const configured = process.env.TENANTS_DIR ?? 'tenants';
  const tenantsDir = isAbsolute(configured) ? configured : resolve(REPO_ROOT, configured);
  const platformDomain = (process.env.PLATFORM_DOMAIN ?? 'localhost').toLowerCase();
  const baseCatalog = readBaseCatalog(join(LOCALES_DIR, 'en.json'));

  if (!existsSync(tenantsDir)) throw new Error(`tenants directory not found: ${tenantsDir}`);
  const results = await loadTenantsDir(tenantsDir, baseCatalog, platformDomain);

  let invalid = 0;
  for (const { slug, problems } of results) {
    if (problems.length === 0) {
      print(`✓ ${slug}`);
      continue;
    }
    invalid++;
    print(`✗ ${slug}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    print(
      formatProblems(problems)
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
    );
  }
  print(
    `\n${results.length - invalid} of ${results.length} tenant${results.length === 1 ? '' : 's'} valid (${tenantsDir})`,
  );
  return invalid > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tenants:validate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

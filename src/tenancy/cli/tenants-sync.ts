import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config';
import { createRuntime } from '../../runtime';
import { formatProblems } from '../validation/tenant-folder-loader';
import { syncTenantsDir } from '../provisioning/sync-tenants-dir';

// `npm run tenants:sync`: every valid folder in tenants/ becomes a new config
// version (unchanged ones are left alone) and every instance is told through
// Redis. A broken tenant is reported and skipped; the exit code is 1 then.
async function main(): Promise<number> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const runtime = await createRuntime(config);
  try {
    const report = await syncTenantsDir(
      config,
      runtime.database,
      runtime.registry,
      runtime.logger,
      process.env.USER ? `tenants:sync (${process.env.USER})` : 'tenants:sync',
    );
    for (const o of report.outcomes) {
      const line =
        o.result === 'failed'
          ? `✗ ${o.slug}: ${o.error}`
          : `${o.result === 'unchanged' ? '=' : '✓'} ${o.slug}: ${o.result} (version ${o.version})`;
      process.stdout.write(line + '\n');
    }
    for (const bad of report.invalid) {
      process.stdout.write(`✗ ${bad.slug}: invalid, skipped\n${formatProblems(bad.problems)}\n`);
    }
    const failed =
      report.invalid.length + report.outcomes.filter((o) => o.result === 'failed').length;
    return failed > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(
      err instanceof ConfigError
        ? `${err.message}\n`
        : `tenants:sync failed: ${(err as Error).message}\n`,
    );
    process.exit(1);
  });

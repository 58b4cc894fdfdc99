import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { UnsafeDatabaseRoleError } from './infrastructure/database/database';
import { seedDemoEngagements } from './engagements/demo-engagements';
import { ConnectingScheduler } from './engagements/connecting.scheduler';
import { seedDemoPeople } from './identity/demo-people';
import { CommonSearchTerms } from './matching/common-search-terms';
import { seedDemoProfiles } from './profiles/demo-profiles';
import { createRuntime } from './runtime';
import { syncTenantsDir } from './tenancy/provisioning/sync-tenants-dir';

async function main(): Promise<void> {
  // `node dist/src/main.js --demo` seeds the demo people on any database, on purpose only.
  const config = loadConfig(
    process.argv.includes('--demo') ? { ...process.env, DEMO_DATA: 'true' } : process.env,
  );
  const runtime = await createRuntime(config);
  const { logger } = runtime;
  if (config.syncTenantsOnBoot) {
    const report = await syncTenantsDir(config, runtime.database, runtime.registry, logger, 'boot');
    logger.info(
      {
        tenants: report.outcomes.map((o) => `${o.slug}:${o.result}`),
        invalid: report.invalid.length,
      },
      'tenants synced from folders',
    );
  }
  if (config.demoData) {
    await seedDemoPeople(runtime.database, logger);
    await seedDemoProfiles(runtime.database, logger);
    await seedDemoEngagements(runtime.database, logger);
  }
  const app = await createApp(runtime);
  const server = await app.listen(config.port, config.host);
  runtime.mailWorker.start();
  app.get(ConnectingScheduler).start();
  app.get(CommonSearchTerms).start();
  // Keep-alive connections outlive a load balancer's idle timeout.
  server.keepAliveTimeout = 65_000;
  logger.info(
    {
      url: `http://${config.platformDomain}:${config.port}/`,
      database: runtime.database.kind,
      cache: runtime.cache.kind,
    },
    'Guidepost is listening',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close(); // stops accepting, waits for open requests
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof UnsafeDatabaseRoleError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Guidepost failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});

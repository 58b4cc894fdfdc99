import { systemClock, type Clock } from './common/clock';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config';
import { THEME_DIR } from './config/paths';
import { EmailRenderer } from './branding/emails/email-renderer';
import { PageCache } from './branding/page-cache';
import { createMailTransport } from './infrastructure/mail/mail-transport';
import { MailWorker } from './infrastructure/mail/mail-worker';
import { SitePresenter } from './branding/site-presenter';
import { ThemeRenderer } from './branding/theme-renderer';
import { Database } from './infrastructure/database/database';
import { createRootLogger } from './infrastructure/logging/logger';
import { InProcessCache } from './infrastructure/redis/in-process-cache';
import { RedisCache } from './infrastructure/redis/redis-cache';
import { NamespacedCache } from './infrastructure/redis/namespaced-cache';
import type { SharedCache } from './infrastructure/redis/shared-cache';
import { TenantRegistry } from './tenancy/resolution/tenant-registry';

/**
 * The long-lived objects of one app instance, built before Nest starts so the
 * CLI, the benchmark and tests can share them (two instances may share one
 * database or one Redis in a test).
 */
export interface Runtime {
  config: AppConfig;
  logger: Logger;
  database: Database;
  cache: SharedCache;
  registry: TenantRegistry;
  renderer: ThemeRenderer;
  presenter: SitePresenter;
  pageCache: PageCache;
  /** Delivers the outbox; started by main.ts only (tests drain it themselves). */
  mailWorker: MailWorker;
  /** Where waiting work (expiry, reminders, check-ins) reads the time. */
  clock: Clock;
  close(): Promise<void>;
}

export async function createRuntime(
  config: AppConfig,
  shared: { database?: Database; cache?: SharedCache; logger?: Logger; clock?: Clock } = {},
): Promise<Runtime> {
  const logger = shared.logger ?? createRootLogger(config.logLevel);
  const database = shared.database ?? (await Database.open(config, { migrate: false }));
  const connection =
    shared.cache ??
    (config.redisUrl ? new RedisCache(config.redisUrl, logger) : new InProcessCache());
  const [{ id: installation }] = (await database.app.query(
    `SELECT id FROM platform_installation`,
  )) as { id: string }[];
  const cache = new NamespacedCache(connection, `i:${installation}`);
  const registry = new TenantRegistry(database, cache, logger, config.platformDomain);
  await registry.start();
  const renderer = new ThemeRenderer(THEME_DIR, logger);
  const presenter = new SitePresenter(renderer, THEME_DIR, config.platformContactEmail);
  const mailTransport = createMailTransport(config, logger);
  const mailWorker = new MailWorker({
    database,
    renderer: new EmailRenderer(presenter, undefined, logger),
    transport: mailTransport,
    logger,
    from: config.mailFrom,
  });
  return {
    config,
    logger,
    database,
    cache,
    registry,
    renderer,
    presenter,
    pageCache: new PageCache(),
    mailWorker,
    clock: shared.clock ?? systemClock,
    async close() {
      // The batch in hand is delivered before the database goes away.
      await mailWorker.stop();
      await mailTransport.close();
      // Shared pieces belong to whoever passed them in.
      if (!shared.cache) await cache.close();
      if (!shared.database) await database.close();
    },
  };
}

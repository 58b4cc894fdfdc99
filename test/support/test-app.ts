import type { Clock } from '../../src/common/clock';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import type { SharedCache } from '../../src/infrastructure/redis/shared-cache';
import { createRuntime, type Runtime } from '../../src/runtime';
import type { TenantBundle } from '../../src/tenancy/config/tenant-bundle';
import { defaultOriginFor } from '../../src/tenancy/provisioning/default-origin';
import { syncTenantBundles, type SyncOutcome } from '../../src/tenancy/provisioning/tenant-sync';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  runtime: Runtime;
  db: TestDatabase;
  /** A request to this app as if sent to `host`. */
  get(host: string, path?: string): request.Test;
  /** Applies bundles as new config versions and invalidates caches, like `tenants:sync`. */
  sync(bundles: TenantBundle[]): Promise<SyncOutcome[]>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    tenants?: TenantBundle[];
    env?: Record<string, string>;
    /** Share a database with another test app (two instances). */
    db?: TestDatabase;
    cache?: SharedCache;
    clock?: Clock;
  } = {},
): Promise<TestApp> {
  const ownsDb = !options.db;
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({ ...db.env, ...options.env });
  const runtime = await createRuntime(config, {
    database: db.database,
    cache: options.cache,
    clock: options.clock,
  });
  const sync = async (bundles: TenantBundle[]) => {
    const outcomes = await syncTenantBundles(db.database, bundles, {
      platformDomain: config.platformDomain,
      defaultOrigin: defaultOriginFor(config),
      source: 'tenants-folder',
      actor: 'test',
    });
    for (const o of outcomes) if (o.invalidation) await runtime.registry.invalidate(o.invalidation);
    return outcomes;
  };
  if (options.tenants?.length) {
    const outcomes = await sync(options.tenants);
    const failed = outcomes.filter((o) => o.result === 'failed');
    if (failed.length) throw new Error(`fixture sync failed: ${JSON.stringify(failed)}`);
  }
  const app = await createApp(runtime);
  const server = app.getHttpServer();
  return {
    app,
    runtime,
    db,
    get: (host, path = '/') => request(server).get(path).set('Host', host),
    sync,
    async close() {
      await app.close();
      await runtime.close();
      if (ownsDb) await db.drop();
    },
  };
}

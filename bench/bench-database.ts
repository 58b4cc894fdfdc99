import { Client } from 'pg';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { Database } from '../src/infrastructure/database/database';
import { APP_ROLE } from '../src/infrastructure/database/rls';
import type { TenantBundle } from '../src/tenancy/config/tenant-bundle';
import { syncTenantBundles } from '../src/tenancy/provisioning/tenant-sync';
import { progress } from './measure';

/**
 * A throwaway database on the PostgreSQL named by DATABASE_URL (or the
 * machine's own at 127.0.0.1), with owner and app-role URLs.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `gp_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return benchDatabase(name, false);
}

/**
 * A database an earlier run kept (BENCH_KEEP_DB=1), named by BENCH_REUSE_DB:
 * its data is measured again (after any new migrations), and it is kept.
 */
export function reusedBenchDatabase(): BenchDatabase | null {
  const name = process.env.BENCH_REUSE_DB;
  if (!name) return null;
  if (!/^gp_bench_[a-z0-9]+$/.test(name))
    throw new Error(`BENCH_REUSE_DB: not a bench database: ${name}`);
  return benchDatabase(name, true);
}

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  ownerUrl: string;
  appUrl: string;
  /** Loaded by an earlier run. */
  reused: boolean;
  drop(): Promise<void>;
}

function benchDatabase(name: string, reused: boolean): BenchDatabase {
  const server = SERVER;
  const owner = new URL(server);
  owner.pathname = `/${name}`;
  const app = new URL(owner);
  app.username = APP_ROLE;
  app.password = '';
  return {
    ownerUrl: owner.toString(),
    appUrl: app.toString(),
    reused,
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Creates the benchmark's programmes from their bundles; returns their ids by slug. */
export async function provision(
  db: Database,
  bundles: TenantBundle[],
  platformDomain: string,
): Promise<Map<string, string>> {
  const outcomes = await syncTenantBundles(db, bundles, {
    platformDomain,
    defaultOrigin: (host) => `http://${host}`,
    source: 'tenants-folder',
    actor: 'bench',
  });
  const failed = outcomes.filter((o) => o.result === 'failed');
  if (failed.length) throw new Error(`provisioning failed: ${failed[0].slug}: ${failed[0].error}`);
  const rows = (await db.privileged((em) => em.query(`SELECT id, slug FROM tenants`))) as {
    id: string;
    slug: string;
  }[];
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** The app's configuration on the throwaway database, migrated and opened as the app would be. */
export async function openBenchDatabase(
  bench: { ownerUrl: string; appUrl: string },
  dataDir: string,
  poolSize: number,
): Promise<{ config: AppConfig; db: Database }> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: bench.appUrl,
    DATABASE_OWNER_URL: bench.ownerUrl,
    DATABASE_POOL_SIZE: String(poolSize),
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    PLATFORM_DOMAIN: 'bench.localhost',
  });
  const server = new URL(bench.ownerUrl);
  progress(
    `PostgreSQL: throwaway database ${server.pathname.slice(1)} on ${server.host}; migrating as the owner`,
  );
  return { config, db: await Database.open(config, { migrate: true }) };
}

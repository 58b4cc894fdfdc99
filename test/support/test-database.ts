import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { Database } from '../../src/infrastructure/database/database';
import { APP_ROLE } from '../../src/infrastructure/database/rls';

export interface TestDatabase {
  database: Database;
  /** Environment for loadConfig that points at this database. */
  env: Record<string, string>;
  config: AppConfig;
  /** Owner-level SQL for assertions that must look past RLS (catalog checks). */
  ownerQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

/**
 * A database of its own for one test file: a copy of the migrated PGlite
 * template, or (when DATABASE_URL names a real server) a throwaway database
 * migrated as the owner and served to the app as the unprivileged app role.
 */
export async function createTestDatabase(
  extraEnv: Record<string, string> = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-test-'));
  if (!serverUrl) {
    const template = process.env.GP_TEST_PGLITE_TEMPLATE;
    if (template) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
    const env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.GP_TEST_LOG_LEVEL ?? 'silent',
      ...extraEnv,
    };
    const config = loadConfig(env);
    const database = await Database.open(config, { migrate: true });
    // Copies of one template would share it; each test database is its own installation.
    await database.privileged((em) =>
      em.query(`UPDATE platform_installation SET id = gen_random_uuid()`),
    );
    return {
      database,
      env,
      config,
      ownerQuery: (sql, params) => database.privileged((em) => em.query(sql, params)),
      async drop() {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const name = `gp_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = withDatabase(serverUrl, name);
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DATABASE_URL: withDatabase(serverUrl, name, APP_ROLE),
    DATABASE_OWNER_URL: ownerUrl,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...extraEnv,
  };
  const config = loadConfig(env);
  const database = await Database.open(config, { migrate: true });
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  return {
    database,
    env,
    config,
    ownerQuery: async (sql, params) => (await owner.query(sql, params as unknown[])).rows,
    async drop() {
      await owner.end();
      await database.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

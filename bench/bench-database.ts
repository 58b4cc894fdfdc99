import { Client } from 'pg';
import { APP_ROLE } from '../src/infrastructure/database/rls';

/**
 * A throwaway database on the PostgreSQL named by DATABASE_URL (or the
 * machine's own at 127.0.0.1), with owner and app-role URLs.
 */
export async function createBenchDatabase(): Promise<{
  ownerUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gp_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const owner = new URL(server);
  owner.pathname = `/${name}`;
  const app = new URL(owner);
  app.username = APP_ROLE;
  app.password = '';
  return {
    ownerUrl: owner.toString(),
    appUrl: app.toString(),
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

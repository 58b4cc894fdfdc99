import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { mkdirSync } from 'node:fs';
import { DataSource, type EntityManager } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import type { AppConfig } from '../../config/app-config';
import { APP_ROLE } from './rls';

/** The embedded database's superuser: the owner of every table there. */
const EMBEDDED_OWNER = 'postgres';

export class UnsafeDatabaseRoleError extends Error {}

function dataSource(options: { url?: string; extra?: object; poolSize?: number }): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    extra: options.extra ?? { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    entities: [],
    logging: false,
  });
}

/**
 * The application's two ways into PostgreSQL:
 * - `app`: every request and job; runs as the app role, so RLS always applies.
 * - `privileged(fn)`: provisioning (tenant sync, platform console) as the owner.
 *
 * Embedded (PGlite): one backend session serves both. After migrations the
 * session switches to the app role; privileged work switches back with
 * `SET LOCAL ROLE` for one transaction only.
 */
export class Database {
  private constructor(
    readonly kind: 'embedded' | 'postgres',
    readonly app: DataSource,
    private readonly owner: DataSource | undefined,
    private readonly pglite: PGlite | undefined,
  ) {}

  static async open(config: AppConfig, opts: { migrate: boolean }): Promise<Database> {
    const db = config.database;
    if (db.kind === 'embedded') {
      mkdirSync(db.dataDir, { recursive: true });
      const pglite = new PGlite(db.dataDir);
      const app = dataSource({ extra: createPgConfig(pglite) });
      await app.initialize();
      // Migrations always run on the embedded default: it has no deploy step.
      await app.runMigrations({ transaction: 'each' });
      await app.query(`SET ROLE ${APP_ROLE}`);
      return new Database('embedded', app, undefined, pglite);
    }
    const owner = dataSource({ url: db.ownerUrl, poolSize: 2 });
    await owner.initialize();
    if (opts.migrate) await owner.runMigrations({ transaction: 'each' });
    const app = dataSource({ url: db.url, poolSize: db.poolSize });
    await app.initialize();
    const database = new Database('postgres', app, owner, undefined);
    await database.assertAppRoleIsUnprivileged();
    return database;
  }

  /** Runs the migrations as the owner (`npm run migrate`); running them twice changes nothing. */
  static async migrate(config: AppConfig): Promise<string[]> {
    const db = config.database;
    if (db.kind === 'embedded') {
      const opened = await Database.open(config, { migrate: true });
      await opened.close();
      return [];
    }
    const owner = dataSource({ url: db.ownerUrl, poolSize: 1 });
    await owner.initialize();
    try {
      const ran = await owner.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await owner.destroy();
    }
  }

  /** A role that is superuser, can bypass RLS or owns tables would see every tenant: refuse to serve. */
  private async assertAppRoleIsUnprivileged(): Promise<void> {
    const [role] = (await this.app.query(
      `SELECT r.rolname, r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_tables t WHERE t.tableowner = r.rolname AND t.schemaname = 'public') AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    )) as { rolname: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }[];
    if (role.rolsuper || role.rolbypassrls || role.owned > 0) {
      throw new UnsafeDatabaseRoleError(
        `DATABASE_URL connects as "${role.rolname}", which ${
          role.rolsuper ? 'is a superuser' : role.rolbypassrls ? 'can bypass RLS' : 'owns tables'
        }. Connect the app as "${APP_ROLE}" and give the owner's URL in DATABASE_OWNER_URL.`,
      );
    }
  }

  /** Owner-level work in one transaction. Only provisioning and platform-wide jobs may use it. */
  async privileged<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.owner) return this.owner.transaction(fn);
    return this.app.transaction(async (em) => {
      await em.query(`SET LOCAL ROLE ${EMBEDDED_OWNER}`);
      return fn(em);
    });
  }

  async ping(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.app.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.app.isInitialized) await this.app.destroy();
    if (this.owner?.isInitialized) await this.owner.destroy();
    if (this.pglite && !this.pglite.closed) await this.pglite.close();
  }
}

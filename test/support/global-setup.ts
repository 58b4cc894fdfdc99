import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { Database } from '../../src/infrastructure/database/database';

// On the embedded default, migrate one PGlite data dir once; each test file
// restores a copy of it (~0.5 s) instead of migrating from scratch (~4 s).
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'gp-template-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const db = await Database.open(config, { migrate: true });
  await db.close();
  process.env.GP_TEST_PGLITE_TEMPLATE = join(dir, 'pglite');
}

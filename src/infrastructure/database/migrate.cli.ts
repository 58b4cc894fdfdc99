import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config';
import { Database } from './database';

// `npm run migrate`: the deploy step on PostgreSQL, as the owner
// (DATABASE_OWNER_URL). Running it twice changes nothing.
async function main(): Promise<void> {
  const config = loadConfig();
  const ran = await Database.migrate(config);
  process.stdout.write(
    ran.length
      ? `Applied ${ran.length} migration(s): ${ran.join(', ')}\n`
      : 'Database is up to date.\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof ConfigError
      ? `${err.message}\n`
      : `Migration failed: ${(err as Error).message}\n`,
  );
  process.exit(1);
});

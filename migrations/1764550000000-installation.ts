import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../src/infrastructure/database/rls';

// One random id per database. Shared caches (Redis) are namespaced by it, so
// two installations that share a Redis (staging and production, test runs)
// never read each other's host pointers, configs or counters.
export class Installation1764550000000 implements MigrationInterface {
  name = 'Installation1764550000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE platform_installation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`INSERT INTO platform_installation DEFAULT VALUES`);
    await qr.query(`GRANT SELECT ON platform_installation TO ${APP_ROLE}`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE platform_installation`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, enableTenantRls, ensureAppRole } from '../src/infrastructure/database/rls';

// Tenants, their hostnames and their configuration history are global tables
// (read by host resolution before any tenant is known). Everything that
// belongs to one tenant carries tenant_id and row-level security.
export class PlatformCore1764520000000 implements MigrationInterface {
  name = 'PlatformCore1764520000000';

  async up(qr: QueryRunner): Promise<void> {
    await ensureAppRole(qr);
    await qr.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('corporate', 'ngo', 'government')),
        status text NOT NULL CHECK (status IN ('active', 'suspended')),
        canonical_origin text NOT NULL,
        config_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`
      CREATE TABLE tenant_domains (
        hostname text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('platform', 'custom')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`CREATE INDEX tenant_domains_tenant_idx ON tenant_domains (tenant_id)`);
    await qr.query(`
      CREATE TABLE tenant_config_versions (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        version integer NOT NULL,
        config jsonb NOT NULL,
        partials jsonb NOT NULL DEFAULT '{}'::jsonb,
        locales jsonb NOT NULL DEFAULT '{}'::jsonb,
        assets jsonb NOT NULL DEFAULT '[]'::jsonb,
        checksum text NOT NULL,
        source text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, version)
      )`);
    await qr.query(
      `GRANT SELECT ON tenants, tenant_domains, tenant_config_versions TO ${APP_ROLE}`,
    );

    // Logos and favicons are served from the database so every instance has them.
    await qr.query(`
      CREATE TABLE tenant_assets (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        role text NOT NULL CHECK (role IN ('logo', 'favicon')),
        content_type text NOT NULL,
        sha256 text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, sha256)
      )`);
    await enableTenantRls(qr, 'tenant_assets');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE tenant_assets`);
    await qr.query(`DROP TABLE tenant_config_versions`);
    await qr.query(`DROP TABLE tenant_domains`);
    await qr.query(`DROP TABLE tenants`);
  }
}

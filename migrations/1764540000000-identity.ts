import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../src/infrastructure/database/rls';

// Accounts are per tenant: the same person has separate accounts in two
// programmes, and a session lives in one tenant only (RLS on sessions means a
// cookie from another host is simply not found).
export class Identity1764540000000 implements MigrationInterface {
  name = 'Identity1764540000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE users (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        email_verified_at timestamptz,
        password_hash text NOT NULL,
        name text NOT NULL,
        locale text NOT NULL,
        country text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['entrepreneur', 'mentor', 'admin']::text[]),
        status text NOT NULL CHECK (status IN ('pending_approval', 'active', 'declined', 'suspended')),
        terms_accepted_at timestamptz NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await qr.query(`CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email))`);
    await enableTenantRls(qr, 'users');

    // Only a hash of each token is stored: a database leak does not leak working links.
    await qr.query(`
      CREATE TABLE user_tokens (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(`CREATE INDEX user_tokens_user_idx ON user_tokens (tenant_id, user_id)`);
    await enableTenantRls(qr, 'user_tokens');

    await qr.query(`
      CREATE TABLE sessions (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        sid text NOT NULL,
        user_id uuid,
        data jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, sid),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(`CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id)`);
    await qr.query(`CREATE INDEX sessions_expiry_idx ON sessions (expires_at)`);
    await enableTenantRls(qr, 'sessions');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE sessions`);
    await qr.query(`DROP TABLE user_tokens`);
    await qr.query(`DROP TABLE users`);
  }
}

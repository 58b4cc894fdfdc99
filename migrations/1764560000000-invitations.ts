import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../src/infrastructure/database/rls';

// Invitations by a tenant admin: a single-use, expiring link (only its hash is
// stored) that lets a person join in the invited roles, past invite-only and
// approval rules.
export class Invitations1764560000000 implements MigrationInterface {
  name = 'Invitations1764560000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE invitations (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        roles text[] NOT NULL
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['entrepreneur', 'mentor', 'admin']::text[]),
        invited_by uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, invited_by) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    // One open invitation per address: inviting again re-sends it with a fresh link.
    await qr.query(
      `CREATE UNIQUE INDEX invitations_open_email_key ON invitations (tenant_id, lower(email))
        WHERE accepted_at IS NULL`,
    );
    await qr.query(`CREATE INDEX invitations_inviter_idx ON invitations (tenant_id, invited_by)`);
    await enableTenantRls(qr, 'invitations');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE invitations`);
  }
}

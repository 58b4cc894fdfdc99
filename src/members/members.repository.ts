import { returnedRows } from '../infrastructure/database/returned-rows';
import type { EntityManager } from 'typeorm';
import type { Role, UserStatus } from '../identity/user';

export interface MemberSummary {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  status: UserStatus;
  locale: string;
  createdAt: Date;
}

interface MemberRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  status: UserStatus;
  locale: string;
  created_at: Date;
}

const COLUMNS = `id, name, email, roles, status, locale, created_at`;

function toMember(row: MemberRow): MemberSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    status: row.status,
    locale: row.locale,
    createdAt: row.created_at,
  };
}

/**
 * Members of one tenant, for its admins. RLS already scopes every statement to
 * the transaction's tenant; the explicit tenant_id is a second lock on the door.
 */
export const membersRepository = {
  async list(em: EntityManager, tenantId: string, limit = 1000): Promise<MemberSummary[]> {
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND deleted_at IS NULL
        ORDER BY (status = 'pending_approval') DESC, created_at, id LIMIT $2`,
      [tenantId, limit],
    )) as MemberRow[];
    return rows.map(toMember);
  },

  async find(em: EntityManager, tenantId: string, id: string): Promise<MemberSummary | null> {
    const rows = (await em.query(
      // A deleted (anonymised) account is gone for admins too: it cannot be reinstated.
      `SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
      [tenantId, id],
    )) as MemberRow[];
    return rows[0] ? toMember(rows[0]) : null;
  },

  async setStatus(
    em: EntityManager,
    tenantId: string,
    id: string,
    from: readonly UserStatus[],
    to: UserStatus,
  ): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await em.query(
        `UPDATE users SET status = $4, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING id`,
        [tenantId, id, from, to],
      ),
    );
    return rows.length > 0;
  },

  async setRoles(em: EntityManager, tenantId: string, id: string, roles: Role[]): Promise<void> {
    await em.query(
      `UPDATE users SET roles = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, roles],
    );
  },

  async emailTaken(em: EntityManager, tenantId: string, email: string): Promise<boolean> {
    const rows = (await em.query(
      `SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = lower($2)`,
      [tenantId, email],
    )) as unknown[];
    return rows.length > 0;
  },
};

export interface OpenInvitation {
  id: string;
  email: string;
  roles: Role[];
}

export const invitationsRepository = {
  /**
   * Creates the address's open invitation, or renews it (new link, new expiry,
   * the roles asked for now). Tells which it was.
   */
  async upsert(
    em: EntityManager,
    tenantId: string,
    invite: { email: string; roles: Role[]; invitedBy: string; tokenHash: string; ttlMs: number },
  ): Promise<'created' | 'renewed'> {
    const rows = returnedRows<{ created: boolean }>(
      await em.query(
        `INSERT INTO invitations (tenant_id, email, roles, invited_by, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, lower(email)) WHERE accepted_at IS NULL
         DO UPDATE SET roles = EXCLUDED.roles, invited_by = EXCLUDED.invited_by,
                       token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at,
                       created_at = now()
         RETURNING (xmax = 0) AS created`,
        [
          tenantId,
          invite.email,
          invite.roles,
          invite.invitedBy,
          invite.tokenHash,
          new Date(Date.now() + invite.ttlMs),
        ],
      ),
    );
    return rows[0]?.created ? 'created' : 'renewed';
  },

  /** The open, unexpired invitation a link's token belongs to; `lock` holds it for accepting. */
  async findUsable(
    em: EntityManager,
    tenantId: string,
    tokenHash: string,
    lock = false,
  ): Promise<OpenInvitation | null> {
    const rows = (await em.query(
      `SELECT id, email, roles FROM invitations
        WHERE tenant_id = $1 AND token_hash = $2 AND accepted_at IS NULL AND expires_at > now()
        ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId, tokenHash],
    )) as OpenInvitation[];
    return rows[0] ?? null;
  },

  async markAccepted(em: EntityManager, tenantId: string, id: string): Promise<void> {
    await em.query(`UPDATE invitations SET accepted_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
  },
};

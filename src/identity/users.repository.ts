import type { EntityManager } from 'typeorm';
import type { Role, User, UserStatus, WaitingCounts } from './user';

interface UserRow {
  id: string;
  email: string;
  email_verified_at: Date | null;
  password_hash: string;
  name: string;
  locale: string;
  country: string;
  roles: Role[];
  status: UserStatus;
}

const COLUMNS = `id, email, email_verified_at, password_hash, name, locale, country, roles, status`;

function toUser(row: UserRow): User & { passwordHash: string } {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    name: row.name,
    locale: row.locale,
    country: row.country,
    roles: row.roles,
    status: row.status,
    passwordHash: row.password_hash,
  };
}

/**
 * Users of the tenant the EntityManager is scoped to (RLS): every method takes
 * the EntityManager of the caller's TenantTx transaction.
 */
export const usersRepository = {
  async findByEmail(em: EntityManager, email: string) {
    const rows = (await em.query(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`, [
      email,
    ])) as UserRow[];
    return rows[0] ? toUser(rows[0]) : null;
  },

  /** Two index lookups: the navigation shows them on every page. */
  async waitingCounts(em: EntityManager, id: string): Promise<WaitingCounts> {
    const [row] = (await em.query(
      `SELECT
         (SELECT count(*)::int FROM conversation_members
           WHERE member_id = $1 AND unread > 0) AS "unreadConversations",
         (SELECT count(*)::int FROM mentoring_requests
           WHERE status = 'open'
             AND ((mentor_id = $1 AND initiated_by = 'entrepreneur')
               OR (entrepreneur_id = $1 AND initiated_by = 'mentor'))) AS "requestsWaiting"`,
      [id],
    )) as WaitingCounts[];
    return row;
  },

  async findById(em: EntityManager, id: string) {
    const rows = (await em.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id])) as UserRow[];
    return rows[0] ? toUser(rows[0]) : null;
  },

  async insert(
    em: EntityManager,
    tenantId: string,
    user: Omit<User, 'id' | 'emailVerified'> & { passwordHash: string; verified?: boolean },
  ): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO users (tenant_id, email, email_verified_at, password_hash, name, locale, country,
                          roles, status, terms_accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       RETURNING id`,
      [
        tenantId,
        user.email,
        user.verified ? new Date() : null,
        user.passwordHash,
        user.name,
        user.locale,
        user.country,
        user.roles,
        user.status,
      ],
    )) as { id: string }[];
    return row.id;
  },

  async markVerified(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now()
        WHERE id = $1`,
      [id],
    );
  },

  async setPassword(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    await em.query(
      `UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  },

  async updateProfile(em: EntityManager, id: string, p: { name: string; locale: string }) {
    await em.query(`UPDATE users SET name = $2, locale = $3, updated_at = now() WHERE id = $1`, [
      id,
      p.name,
      p.locale,
    ]);
  },

  /** Ends every session of a user (password reset, suspension), optionally keeping one. */
  async endSessions(em: EntityManager, userId: string, keepSid?: string): Promise<void> {
    await em.query(`DELETE FROM sessions WHERE user_id = $1 AND sid <> $2`, [
      userId,
      keepSid ?? '',
    ]);
  },
};

export const tokensRepository = {
  async create(
    em: EntityManager,
    tenantId: string,
    userId: string,
    purpose: 'verify_email' | 'reset_password',
    hash: string,
    ttlMs: number,
  ): Promise<void> {
    // A new link replaces older unused ones of the same kind.
    await em.query(
      `UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
    await em.query(
      `INSERT INTO user_tokens (tenant_id, user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [tenantId, userId, purpose, hash, new Date(Date.now() + ttlMs)],
    );
  },

  /** Valid, unused and unexpired: marks it used and returns its user; otherwise null. */
  async consume(
    em: EntityManager,
    purpose: 'verify_email' | 'reset_password',
    hash: string,
  ): Promise<string | null> {
    const rows = (await em.query(
      `UPDATE user_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [hash, purpose],
    )) as [{ user_id: string }[], number] | { user_id: string }[];
    const list = Array.isArray(rows[0])
      ? (rows[0] as { user_id: string }[])
      : (rows as { user_id: string }[]);
    return list[0]?.user_id ?? null;
  },

  /** Valid without using it (to decide whether to show the reset form). */
  async isUsable(em: EntityManager, purpose: string, hash: string): Promise<boolean> {
    const rows = (await em.query(
      `SELECT 1 FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [hash, purpose],
    )) as unknown[];
    return rows.length > 0;
  },
};

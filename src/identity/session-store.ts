import session from 'express-session';
import type { EntityManager } from 'typeorm';

type Callback<T = unknown> = (err?: unknown, value?: T) => void;

/**
 * Where one kind of session lives: its table, the column naming its owner,
 * and how to open a transaction for the current request (tenant sessions in
 * the request's tenant RLS context; staff sessions in their global table).
 * `run` resolves to undefined when the request has no such scope.
 */
export interface SessionScope {
  table: 'sessions' | 'staff_sessions';
  ownerColumn: 'user_id' | 'staff_id';
  /** The owner id stored in the session by passport. */
  ownerOf(sess: session.SessionData): string | null;
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> | undefined;
}

/**
 * Sessions in PostgreSQL (a Redis outage logs nobody out). Tenant sessions
 * are scoped by RLS to the request's tenant: a session id presented on
 * another tenant's host is not found, so that visitor is anonymous there.
 */
export class SqlSessionStore extends session.Store {
  constructor(
    private readonly scope: SessionScope,
    private readonly idleMs: number,
  ) {
    super();
  }

  private run<T>(cb: Callback<T>, fn: (em: EntityManager) => Promise<T>, fallback: T): void {
    const pending = this.scope.run(fn);
    if (!pending) {
      cb(null, fallback);
      return;
    }
    pending.then(
      (value) => cb(null, value),
      (err) => cb(err),
    );
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    const { table } = this.scope;
    this.run(
      cb,
      async (em) => {
        const rows = (await em.query(
          `SELECT data FROM ${table} WHERE sid = $1 AND expires_at > now()`,
          [sid],
        )) as { data: session.SessionData }[];
        return rows[0]?.data ?? null;
      },
      null,
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const { table, ownerColumn } = this.scope;
    const expires = sess.cookie?.expires
      ? new Date(sess.cookie.expires)
      : new Date(Date.now() + this.idleMs);
    this.run(
      cb ?? (() => undefined),
      async (em) => {
        // tenant_id comes from the RLS context's setting, never from the request.
        const tenantColumn = table === 'sessions' ? 'tenant_id, ' : '';
        const tenantValue =
          table === 'sessions' ? `NULLIF(current_setting('app.tenant_id', true), '')::uuid, ` : '';
        const conflict = table === 'sessions' ? '(tenant_id, sid)' : '(sid)';
        await em.query(
          `INSERT INTO ${table} (${tenantColumn}sid, ${ownerColumn}, data, expires_at)
           VALUES (${tenantValue}$1, $2, $3, $4)
           ON CONFLICT ${conflict} DO UPDATE
             SET ${ownerColumn} = EXCLUDED.${ownerColumn}, data = EXCLUDED.data,
                 expires_at = EXCLUDED.expires_at`,
          [sid, this.scope.ownerOf(sess), JSON.stringify(sess), expires],
        );
      },
      undefined,
    );
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    if (!sess.cookie?.expires) {
      cb?.();
      return;
    }
    const expires = new Date(sess.cookie.expires);
    this.run(
      cb ?? (() => undefined),
      async (em) => {
        await em.query(`UPDATE ${this.scope.table} SET expires_at = $2 WHERE sid = $1`, [
          sid,
          expires,
        ]);
      },
      undefined,
    );
  }

  override destroy(sid: string, cb?: Callback): void {
    this.run(
      cb ?? (() => undefined),
      async (em) => {
        await em.query(`DELETE FROM ${this.scope.table} WHERE sid = $1`, [sid]);
      },
      undefined,
    );
  }
}

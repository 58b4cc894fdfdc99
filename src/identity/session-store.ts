import session from 'express-session';
import { ClsServiceManager } from 'nestjs-cls';
import type { AppCls } from '../common/request-context';
import type { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';

type Callback<T = unknown> = (err?: unknown, value?: T) => void;

/** The tenant of the request being served; the store only ever works inside one. */
function currentTenantId(): string | null {
  const cls = ClsServiceManager.getClsService<AppCls>();
  const site = cls.isActive() ? cls.get('site') : undefined;
  return site?.kind === 'tenant' ? site.tenant.id : null;
}

/**
 * Sessions in PostgreSQL (a Redis outage logs nobody out), scoped by RLS to
 * the tenant of the request: a session id presented on another tenant's host
 * is not found, so that visitor is anonymous there.
 */
export class TenantSessionStore extends session.Store {
  constructor(
    private readonly db: Database,
    private readonly idleMs: number,
  ) {
    super();
  }

  private run<T>(cb: Callback<T>, fn: (tenantId: string) => Promise<T>, fallback: T): void {
    const tenantId = currentTenantId();
    if (!tenantId) {
      cb(null, fallback);
      return;
    }
    fn(tenantId).then(
      (value) => cb(null, value),
      (err) => cb(err),
    );
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    this.run(
      cb,
      async (tenantId) => {
        const rows = (await runInTenant(this.db, tenantId, (em) =>
          em.query(`SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()`, [sid]),
        )) as { data: session.SessionData }[];
        return rows[0]?.data ?? null;
      },
      null,
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    this.run(
      cb ?? (() => undefined),
      async (tenantId) => {
        const userId = (sess as { passport?: { user?: string } }).passport?.user ?? null;
        const expires = sess.cookie?.expires
          ? new Date(sess.cookie.expires)
          : new Date(Date.now() + this.idleMs);
        await runInTenant(this.db, tenantId, (em) =>
          em.query(
            `INSERT INTO sessions (tenant_id, sid, user_id, data, expires_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (tenant_id, sid) DO UPDATE
               SET user_id = EXCLUDED.user_id, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
            [tenantId, sid, userId, JSON.stringify(sess), expires],
          ),
        );
      },
      undefined,
    );
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    this.run(
      cb ?? (() => undefined),
      async (tenantId) => {
        const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : null;
        if (!expires) return;
        await runInTenant(this.db, tenantId, (em) =>
          em.query(`UPDATE sessions SET expires_at = $2 WHERE sid = $1`, [sid, expires]),
        );
      },
      undefined,
    );
  }

  override destroy(sid: string, cb?: Callback): void {
    this.run(
      cb ?? (() => undefined),
      async (tenantId) => {
        await runInTenant(this.db, tenantId, (em) =>
          em.query(`DELETE FROM sessions WHERE sid = $1`, [sid]),
        );
      },
      undefined,
    );
  }
}

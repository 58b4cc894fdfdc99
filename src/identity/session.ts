import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { ClsServiceManager } from 'nestjs-cls';
import { Passport } from 'passport';
import type { AppConfig } from '../config/app-config';
import type { AppCls } from '../common/request-context';
import type { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { SqlSessionStore } from './session-store';
import type { User, Viewer, WaitingCounts } from './user';
import { usersRepository } from './users.repository';

export const IDLE_TIMEOUT_MS = 8 * 3600_000;
export const ABSOLUTE_TIMEOUT_MS = 14 * 24 * 3600_000;

/** `__Host-` (no Domain, Path=/, Secure) wherever the site is served over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-gp_sid' : 'gp_sid';
}

/** True when the request may belong to a signed-in person: pages for it are not served from cache. */
export function hasSessionCookie(req: Request): boolean {
  const cookie = req.headers.cookie;
  return !!cookie && cookie.includes('gp_sid=');
}

function cls() {
  return ClsServiceManager.getClsService<AppCls>();
}

function tenantId(): string | null {
  const site = cls().get('site');
  return site?.kind === 'tenant' ? site.tenant.id : null;
}

/**
 * The session chain for one app instance: express-session over the tenant
 * store, a passport instance of its own (no process-wide state, so two app
 * instances in one process stay apart), and the timeouts.
 */
export function createSessionMiddleware(config: AppConfig, db: Database): RequestHandler[] {
  const secure = config.publicScheme === 'https';
  const sessions = session({
    name: sessionCookieName(secure),
    secret: config.sessionSecret,
    store: new SqlSessionStore(
      {
        table: 'sessions',
        ownerColumn: 'user_id',
        ownerOf: (sess) => (sess as { passport?: { user?: string } }).passport?.user ?? null,
        run: (fn) => {
          const tenant = tenantId();
          return tenant ? runInTenant(db, tenant, fn) : undefined;
        },
      },
      IDLE_TIMEOUT_MS,
    ),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    proxy: config.trustProxy.length > 0,
    // Host-only: no Domain attribute, so the cookie never reaches another tenant's host.
    cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: IDLE_TIMEOUT_MS },
  });

  const passport = new Passport();
  passport.serializeUser((user, done) => done(null, (user as User).id));
  passport.deserializeUser((id: string, done) => {
    const tenant = tenantId();
    if (!tenant) return done(null, false);
    runInTenant(db, tenant, async (em) => {
      const user = await usersRepository.findById(em, id);
      // What the navigation counts: conversations with unread messages, requests to answer.
      return user?.status === 'active'
        ? { ...user, ...(await usersRepository.waitingCounts(em, user.id)) }
        : user;
    }).then(
      (user) =>
        done(
          null,
          user && user.status !== 'suspended' && user.status !== 'declined' ? user : false,
        ),
      (err) => done(err),
    );
  });

  const viewer: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
    const sess = req.session as unknown as { startedAt?: number } | undefined;
    const startedAt = sess?.startedAt;
    if (req.user && typeof startedAt === 'number' && Date.now() - startedAt > ABSOLUTE_TIMEOUT_MS) {
      // Past the absolute lifetime: sign out however active the session was.
      cls().set('viewer', null);
      req.session.destroy(() => next());
      return;
    }
    const user = req.user as (User & Partial<WaitingCounts>) | undefined;
    const v: Viewer | null = user
      ? {
          id: user.id,
          name: user.name,
          roles: user.roles,
          status: user.status,
          unreadConversations: user.unreadConversations ?? 0,
          requestsWaiting: user.requestsWaiting ?? 0,
        }
      : null;
    cls().set('viewer', v);
    next();
  };

  // Platform hosts have no tenant sessions yet: skip the chain there.
  const onlyOnTenants =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) =>
      tenantId() ? handler(req, res, next) : next();

  return [sessions, passport.initialize(), passport.session(), viewer].map(onlyOnTenants);
}

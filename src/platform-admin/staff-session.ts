import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { ClsServiceManager } from 'nestjs-cls';
import { Passport } from 'passport';
import type { AppCls } from '../common/request-context';
import type { AppConfig } from '../config/app-config';
import type { Database } from '../infrastructure/database/database';
import { SqlSessionStore } from '../identity/session-store';

export const STAFF_IDLE_TIMEOUT_MS = 2 * 3600_000;

export interface Staff {
  id: string;
  email: string;
  name: string;
}

export function staffCookieName(secure: boolean): string {
  return secure ? '__Host-gp_staff' : 'gp_staff';
}

function cls() {
  return ClsServiceManager.getClsService<AppCls>();
}

function onConsole(): boolean {
  const site = cls().get('site');
  return site?.kind === 'platform' && site.console;
}

/**
 * Staff sign in on the console host only, with their own cookie, store and
 * passport instance: a tenant session never opens the console and a staff
 * session never reaches a tenant's site (host-only cookies, separate tables).
 */
export function createStaffSessionMiddleware(config: AppConfig, db: Database): RequestHandler[] {
  const secure = config.publicScheme === 'https';
  const sessions = session({
    name: staffCookieName(secure),
    secret: config.sessionSecret,
    store: new SqlSessionStore(
      {
        table: 'staff_sessions',
        ownerColumn: 'staff_id',
        ownerOf: (sess) => (sess as { passport?: { user?: string } }).passport?.user ?? null,
        run: (fn) => db.app.transaction(fn),
      },
      STAFF_IDLE_TIMEOUT_MS,
    ),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    proxy: config.trustProxy.length > 0,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: '/',
      maxAge: STAFF_IDLE_TIMEOUT_MS,
    },
  });

  const passport = new Passport();
  passport.serializeUser((staff, done) => done(null, (staff as Staff).id));
  passport.deserializeUser((id: string, done) => {
    db.app
      .query(`SELECT id, email, name FROM platform_staff WHERE id = $1`, [id])
      .then((rows: Staff[]) => done(null, rows[0] ?? false), done);
  });

  const staff: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
    cls().set('staff', (req.user as Staff | undefined) ?? null);
    next();
  };

  const onlyOnConsole =
    (handler: RequestHandler): RequestHandler =>
    (req, res, next) =>
      onConsole() ? handler(req, res, next) : next();

  return [sessions, passport.initialize(), passport.session(), staff].map(onlyOnConsole);
}

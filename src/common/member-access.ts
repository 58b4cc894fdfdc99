import type { Request, Response } from 'express';
import type { ClsService } from 'nestjs-cls';
import type { Viewer } from '../identity/user';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { AppException, ErrorCode } from './app-exception';
import { requireTenant, type AppCls } from './request-context';

export interface Member {
  tenant: ResolvedTenant;
  viewer: Viewer;
}

/**
 * The signed-in, active member of this tenant. An anonymous visitor asking
 * for a page is sent to log in and brought back (null is returned: the
 * response is already a redirect); a pending or suspended account, or a
 * member without `role`, gets the same 404 as a page that does not exist.
 */
export function memberOrLogin(
  cls: ClsService<AppCls>,
  req: Request,
  res: Response,
  role?: Viewer['roles'][number],
  /** Own-profile pages: someone waiting for approval may already fill in their profile. */
  opts: { allowPending?: boolean } = {},
): Member | null {
  const tenant = requireTenant(cls);
  const viewer = cls.get('viewer');
  if (!viewer) {
    if (req.method !== 'GET') throw new AppException(ErrorCode.NOT_FOUND);
    // Back to exactly what they opened, query included (a search, a filter).
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return null;
  }
  const allowed =
    viewer.status === 'active' || (opts.allowPending && viewer.status === 'pending_approval');
  if (!allowed || (role && !viewer.roles.includes(role))) {
    throw new AppException(ErrorCode.NOT_FOUND);
  }
  return { tenant, viewer };
}

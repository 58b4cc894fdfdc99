import type { ClsStore, ClsService } from 'nestjs-cls';
import type { LocaleCode } from '../branding/theme-contract';
import type { Viewer } from '../identity/user';
import type { ResolvedTenant, Site } from '../tenancy/resolution/resolved-tenant';
import { AppException, ErrorCode } from './app-exception';

/** What the request's async context carries, set by the middleware chain. */
export interface AppCls extends ClsStore {
  site?: Site;
  locale?: LocaleCode;
  /** The path without query string. */
  path?: string;
  /** The signed-in person of this tenant, set after the session is read. */
  viewer?: Viewer | null;
  /** The signed-in platform staff member, on the console host only. */
  staff?: { id: string; email: string; name: string } | null;
}

/** The tenant of the current request; throws when there is none, so code can never run unscoped. */
export function requireTenant(cls: ClsService<AppCls>): ResolvedTenant {
  const site = cls.get('site');
  // A tenant page asked for on the platform's own host simply does not exist there.
  if (site?.kind === 'platform') throw new AppException(ErrorCode.NOT_FOUND);
  if (site?.kind !== 'tenant') throw new AppException(ErrorCode.TENANT_CONTEXT_MISSING);
  return site.tenant;
}

import { isUUID } from 'class-validator';
import type { ClsService } from 'nestjs-cls';
import type { LocaleCode } from '../branding/theme-contract';
import { AppException, ErrorCode } from '../common/app-exception';
import type { FieldErrors } from '../common/http/form';
import type { RateLimit } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';

export function localeFrom(cls: ClsService<AppCls>): LocaleCode {
  return cls.get('locale') ?? requireTenant(cls).config.locale.default;
}

/** An id in a path that cannot be one answers like a missing object. */
export function assertId(id: string): void {
  if (!isUUID(id)) throw new AppException(ErrorCode.NOT_FOUND);
}

/** null from a service means "not yours or not there": the same 404 either way. */
export function found<T>(value: T | null): T {
  if (value === null) throw new AppException(ErrorCode.NOT_FOUND);
  return value;
}

export function errorList(errors: FieldErrors) {
  return Object.entries(errors).map(([field, message]) => ({ field, message }));
}

/** Per member (and tenant), so one account cannot flood a programme. */
export const LIMITS = {
  requests: (tenantId: string, memberId: string): RateLimit[] => [
    { key: `req:h:${tenantId}:${memberId}`, limit: 10, windowSeconds: 3600 },
    { key: `req:d:${tenantId}:${memberId}`, limit: 20, windowSeconds: 86_400 },
  ],
  messages: (tenantId: string, memberId: string): RateLimit[] => [
    { key: `msg:m:${tenantId}:${memberId}`, limit: 20, windowSeconds: 60 },
    { key: `msg:d:${tenantId}:${memberId}`, limit: 300, windowSeconds: 86_400 },
  ],
  reports: (tenantId: string, memberId: string): RateLimit[] => [
    { key: `rep:d:${tenantId}:${memberId}`, limit: 10, windowSeconds: 86_400 },
  ],
  checkins: (tenantId: string, ip: string): RateLimit[] => [
    { key: `chk:m:${tenantId}:${ip}`, limit: 30, windowSeconds: 60 },
  ],
};

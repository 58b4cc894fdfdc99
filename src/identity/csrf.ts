import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppException, ErrorCode } from '../common/app-exception';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token, created on first use (creating the session if needed). */
export function csrfToken(req: Request): string {
  const sess = req.session as unknown as { csrf?: string };
  sess.csrf ??= randomBytes(32).toString('base64url');
  return sess.csrf;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every state-changing request must carry the token of its own session
 * (form field `_csrf` or header `X-CSRF-Token`). Missing or foreign: 403,
 * before any handler runs, so nothing changes.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const body = req.body as Record<string, unknown> | undefined;
    const sent = typeof body?._csrf === 'string' ? body._csrf : req.get('x-csrf-token');
    const expected = (req.session as unknown as { csrf?: string } | undefined)?.csrf;
    if (!sent || !expected || !same(sent, expected)) {
      throw new AppException(ErrorCode.FORBIDDEN, 'CSRF token missing or invalid');
    }
    if (body) delete body._csrf;
    return true;
  }
}

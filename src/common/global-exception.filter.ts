import {
  Catch,
  HttpException,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import type { Logger } from 'pino';
import { makePage, sendPage } from '../branding/page-cache';
import { SitePresenter } from '../branding/site-presenter';
import { ROOT_LOGGER } from '../infrastructure/logging/logger';
import { AppException, ErrorCode, errorMessageKeys } from './app-exception';
import { wantsJson } from './http/accepts-json';
import { requestPath } from './http/request-path';
import { csrfToken } from '../identity/csrf';
import { RateLimitedException } from './rate-limiter';
import type { AppCls } from './request-context';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.TOO_MANY_REQUESTS,
};

function classify(exception: unknown): { status: number; code: ErrorCode } {
  if (exception instanceof AppException) return { status: exception.status, code: exception.code };
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : // body-parser and other Express middleware errors carry a status
        Number((exception as { status?: unknown })?.status) || 500;
  const safe = status >= 400 && status < 600 ? status : 500;
  return { status: safe, code: CODE_BY_STATUS[safe] ?? ErrorCode.INTERNAL };
}

/**
 * Every error leaves as a themed page (HTML) or `{code, message, requestId}`
 * (JSON). Known errors keep their status; anything else is a 500 that names
 * the request id and nothing of the internals.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(SitePresenter) private readonly presenter: SitePresenter,
    private readonly cls: ClsService<AppCls>,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, code } = classify(exception);
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? '') : '';
    if (status >= 500) {
      this.logger.error({ err: exception, requestId, path: requestPath(req) }, 'request failed');
    }
    if (exception instanceof RateLimitedException) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const site = this.cls.isActive() ? this.cls.get('site') : undefined;
    const locale = this.cls.isActive() ? this.cls.get('locale') : undefined;
    const keys = errorMessageKeys(status);
    if (wantsJson(req) || !site || !locale) {
      const message =
        site && locale ? this.presenter.translator(site, locale).t(keys.messageKey) : code;
      res.status(status).json({ code, message, requestId });
      return;
    }
    // Signed-in members keep their own header (account link, logout form) on error pages.
    const viewer = this.cls.get('viewer') ?? null;
    const pr = {
      site,
      locale,
      path: requestPath(req),
      viewer,
      csrfToken: viewer && req.session ? csrfToken(req) : null,
    };
    const t = this.presenter.translator(site, locale);
    const html = this.presenter.render('error', pr, {
      pageTitle: t.t(keys.titleKey),
      metaDescription: null,
      error: { status, code, ...keys, requestId },
    });
    sendPage(req, res, makePage(html, locale, status));
  }
}

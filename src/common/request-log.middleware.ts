import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../infrastructure/logging/logger';
import { requestPath } from './http/request-path';
import type { AppCls } from './request-context';

/** One structured line per request, with request id and tenant slug; the id is echoed to the client. */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly cls: ClsService<AppCls>,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const requestId = this.cls.getId();
    // The store object itself: the 'finish' callback may run outside the async context.
    const store = this.cls.get();
    res.setHeader('X-Request-Id', requestId);
    if (this.logger.isLevelEnabled('info')) {
      res.once('finish', () => {
        const site = store.site;
        this.logger.info(
          {
            requestId,
            tenant: site?.kind === 'tenant' ? site.tenant.slug : site ? 'platform' : null,
            method: req.method,
            path: requestPath(req),
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        );
      });
    }
    next();
  }
}

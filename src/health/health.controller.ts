import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Database } from '../infrastructure/database/database';
import { SHARED_CACHE, type SharedCache } from '../infrastructure/redis/shared-cache';

/**
 * Liveness and readiness, on any host. Readiness depends on the database
 * only: without Redis the app degrades and keeps serving, so a Redis outage
 * must not pull every instance out of the load balancer.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SHARED_CACHE) private readonly cache: SharedCache,
  ) {}

  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(@Res({ passthrough: true }) res: Response) {
    const database = (await this.db.ping()) ? 'up' : 'down';
    const redis = this.cache.kind === 'in-process' ? 'not-configured' : this.cache.status();
    res.status(database === 'up' ? 200 : 503);
    res.setHeader('Cache-Control', 'no-store');
    return { status: database === 'up' ? 'ready' : 'unavailable', database, redis };
  }
}

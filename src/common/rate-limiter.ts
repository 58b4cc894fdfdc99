import { InProcessCache } from '../infrastructure/redis/in-process-cache';
import type { SharedCache } from '../infrastructure/redis/shared-cache';
import { AppException, ErrorCode } from './app-exception';

export interface RateLimit {
  /** Counter key; must carry the tenant where the limit is per account. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export class RateLimitedException extends AppException {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.TOO_MANY_REQUESTS);
  }
}

/**
 * Fixed-window counters in Redis (shared by every instance), or in this
 * process when Redis is absent or failing. Windows expire, so nobody is
 * locked out for good.
 */
export class RateLimiter {
  private readonly local = new InProcessCache();

  constructor(private readonly shared: SharedCache) {}

  /** Throws if any limit is already used up, without counting (checked before a login is tried). */
  async check(limits: RateLimit[]): Promise<void> {
    for (const limit of limits) {
      const key = `rl:${limit.key}`;
      const raw = (await this.shared.get(key)) ?? (await this.local.get(key));
      if (raw !== null && Number(raw) >= limit.limit) {
        const counted =
          (await this.shared.incr(key, limit.windowSeconds)) ??
          (await this.local.incr(key, limit.windowSeconds));
        throw new RateLimitedException(Math.max(1, Math.ceil(counted.ttlMs / 1000)));
      }
    }
  }

  /** Counts one attempt against every limit; throws when any is exceeded. */
  async consume(limits: RateLimit[]): Promise<void> {
    let retryAfterMs = 0;
    for (const limit of limits) {
      const key = `rl:${limit.key}`;
      const counted =
        (await this.shared.incr(key, limit.windowSeconds)) ??
        (await this.local.incr(key, limit.windowSeconds));
      if (counted.count > limit.limit) retryAfterMs = Math.max(retryAfterMs, counted.ttlMs);
    }
    if (retryAfterMs > 0)
      throw new RateLimitedException(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
}

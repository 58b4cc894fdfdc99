/**
 * What the app needs from Redis: a shared key/value cache with TTLs, counters
 * for rate limits, and pub/sub for cache invalidation. Every method degrades
 * instead of throwing: a Redis outage must never fail a request.
 */
export interface SharedCache {
  readonly kind: 'redis' | 'in-process';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; null when unavailable. */
  incr(key: string, ttlSeconds: number): Promise<{ count: number; ttlMs: number } | null>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  /** Called after the subscriber reconnects: messages may have been missed meanwhile. */
  onResubscribed(handler: () => void): void;
  status(): 'ready' | 'unavailable';
  close(): Promise<void>;
}

export const SHARED_CACHE = Symbol('SHARED_CACHE');

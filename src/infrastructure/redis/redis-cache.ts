import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { SharedCache } from './shared-cache';

const KEY_PREFIX = 'gp:';

/**
 * Redis through ioredis, tuned so an outage costs at most a short timeout:
 * no offline queue, one retry, a command timeout. Failures are logged (at most
 * once per 30 s) and answered as a cache miss.
 */
export class RedisCache implements SharedCache {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private readonly resubscribed: (() => void)[] = [];
  private lastWarning = 0;
  private subscriberWasReady = false;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    const options = {
      keyPrefix: KEY_PREFIX,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 250,
      connectTimeout: 2000,
      retryStrategy: (attempt: number) => Math.min(attempt * 250, 5000),
    };
    this.client = new Redis(url, { ...options, lazyConnect: false });
    // A dedicated connection: a subscribed connection cannot run other commands.
    this.subscriber = new Redis(url, {
      ...options,
      keyPrefix: undefined,
      enableOfflineQueue: true,
    });
    this.client.on('error', (err) => this.warn('redis error', err));
    this.subscriber.on('error', (err) => this.warn('redis subscriber error', err));
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    this.subscriber.on('ready', () => {
      if (this.subscriberWasReady) for (const handler of this.resubscribed) handler();
      this.subscriberWasReady = true;
    });
  }

  private warn(msg: string, err: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, msg);
  }

  private async attempt<T>(what: string, fallback: T, fn: () => Promise<T>): Promise<T> {
    if (this.client.status !== 'ready') return fallback;
    try {
      return await fn();
    } catch (err) {
      this.warn(`redis ${what} failed; continuing without the shared cache`, err);
      return fallback;
    }
  }

  get(key: string): Promise<string | null> {
    return this.attempt('get', null, () => this.client.get(key));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.attempt('set', null, () => this.client.set(key, value, 'EX', ttlSeconds));
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length) await this.attempt('del', 0, () => this.client.del(...keys));
  }

  incr(key: string, ttlSeconds: number): Promise<{ count: number; ttlMs: number } | null> {
    return this.attempt('incr', null, async () => {
      const result = await this.client
        .multi()
        .incr(key)
        .pexpire(key, ttlSeconds * 1000, 'NX')
        .pttl(key)
        .exec();
      if (!result) return null;
      return { count: Number(result[0][1]), ttlMs: Number(result[2][1]) };
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.attempt('publish', 0, () => this.client.publish(KEY_PREFIX + channel, message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    const full = KEY_PREFIX + channel;
    const set = this.handlers.get(full) ?? new Set();
    set.add(handler);
    this.handlers.set(full, set);
    // ioredis re-subscribes by itself after a reconnect.
    await this.subscriber.subscribe(full).catch((err) => this.warn('redis subscribe failed', err));
  }

  onResubscribed(handler: () => void): void {
    this.resubscribed.push(handler);
  }

  status(): 'ready' | 'unavailable' {
    return this.client.status === 'ready' ? 'ready' : 'unavailable';
  }

  async close(): Promise<void> {
    this.client.disconnect();
    this.subscriber.disconnect();
  }
}

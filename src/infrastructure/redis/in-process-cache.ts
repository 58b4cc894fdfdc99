import { EventEmitter } from 'node:events';
import type { SharedCache } from './shared-cache';

/** The stand-in used when REDIS_URL is unset (embedded default, single instance). */
export class InProcessCache implements SharedCache {
  readonly kind = 'in-process' as const;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly bus = new EventEmitter();

  constructor() {
    this.bus.setMaxListeners(0);
  }

  private live(key: string): { value: string; expiresAt: number } | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async del(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async incr(key: string, ttlSeconds: number): Promise<{ count: number; ttlMs: number }> {
    const entry = this.live(key) ?? { value: '0', expiresAt: Date.now() + ttlSeconds * 1000 };
    entry.value = String(Number(entry.value) + 1);
    this.entries.set(key, entry);
    return { count: Number(entry.value), ttlMs: entry.expiresAt - Date.now() };
  }

  async publish(channel: string, message: string): Promise<void> {
    // Delivered asynchronously, as Redis would.
    setImmediate(() => this.bus.emit(channel, message));
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    this.bus.on(channel, handler);
  }

  onResubscribed(): void {
    // An in-process bus never disconnects.
  }

  status(): 'ready' {
    return 'ready';
  }

  async close(): Promise<void> {
    this.bus.removeAllListeners();
    this.entries.clear();
  }
}

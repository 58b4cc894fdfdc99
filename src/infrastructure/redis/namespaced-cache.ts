import type { SharedCache } from './shared-cache';

/** Prefixes every key and channel, so installations sharing one Redis stay apart. */
export class NamespacedCache implements SharedCache {
  constructor(
    private readonly inner: SharedCache,
    private readonly namespace: string,
  ) {}

  get kind() {
    return this.inner.kind;
  }
  private k(key: string): string {
    return `${this.namespace}:${key}`;
  }
  get(key: string) {
    return this.inner.get(this.k(key));
  }
  set(key: string, value: string, ttlSeconds: number) {
    return this.inner.set(this.k(key), value, ttlSeconds);
  }
  del(...keys: string[]) {
    return this.inner.del(...keys.map((key) => this.k(key)));
  }
  incr(key: string, ttlSeconds: number) {
    return this.inner.incr(this.k(key), ttlSeconds);
  }
  publish(channel: string, message: string) {
    return this.inner.publish(this.k(channel), message);
  }
  subscribe(channel: string, handler: (message: string) => void) {
    return this.inner.subscribe(this.k(channel), handler);
  }
  onResubscribed(handler: () => void) {
    this.inner.onResubscribed(handler);
  }
  status() {
    return this.inner.status();
  }
  close() {
    return this.inner.close();
  }
}

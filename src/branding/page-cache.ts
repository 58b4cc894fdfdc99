import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { LocaleCode } from './theme-contract';

export interface CachedPage {
  body: Buffer;
  etag: string;
  status: number;
  locale: LocaleCode;
}

/**
 * Rendered anonymous pages, keyed by site, config version, locale and path.
 * A new config version changes the key, so nothing ever needs purging; old
 * versions age out of the LRU.
 */
export class PageCache {
  private readonly pages = new LRUCache<string, CachedPage>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (page) => page.body.length + 200,
  });

  get(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  store(key: string | null, html: string, locale: LocaleCode): CachedPage {
    const page = makePage(html, locale, 200);
    if (key) this.pages.set(key, page);
    return page;
  }

  get size(): number {
    return this.pages.size;
  }
}

export function makePage(html: string, locale: LocaleCode, status: number): CachedPage {
  const body = Buffer.from(html, 'utf8');
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, etag, status, locale };
}

/** Writes a page with the headers every HTML response carries (cached or not). */
export function sendPage(
  req: { method: string; headers: Record<string, unknown> },
  res: Response,
  page: CachedPage,
  cacheControl = 'no-cache',
): void {
  res.status(page.status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Language', page.locale);
  res.setHeader('Vary', 'Accept-Language, Cookie');
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', page.etag);
  if (page.status === 200 && req.headers['if-none-match'] === page.etag) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Length', page.body.length);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}

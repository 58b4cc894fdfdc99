import type { Request } from 'express';

/**
 * The path the client asked for. Inside middleware mounted by Nest, `req.path`
 * and `req.url` are relative to the mount point; `originalUrl` is not.
 */
export function requestPath(req: Request): string {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function hasQuery(req: Request): boolean {
  return req.originalUrl.includes('?');
}

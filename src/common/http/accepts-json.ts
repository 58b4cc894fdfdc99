import type { Request } from 'express';

/** JSON for API clients that ask for it; HTML pages for everyone else (browsers send text/html). */
export function wantsJson(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

import type { Request } from 'express';

type WithFlash = { flash?: string };

/** A one-time notice (a catalog key) shown on the page a form redirects to. */
export function setFlash(req: Request, key: string): void {
  if (req.session) (req.session as unknown as WithFlash).flash = key;
}

export function takeFlash(req: Request): string | null {
  const session = req.session as unknown as WithFlash | undefined;
  const flash = session?.flash ?? null;
  if (session) delete session.flash;
  return flash;
}

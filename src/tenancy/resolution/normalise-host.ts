import { domainToASCII } from 'node:url';

/**
 * The one form a hostname is matched in: lowercase ASCII (IDN as punycode),
 * no port, no trailing dot. Anything that is not a plausible DNS name is null.
 */
export function normaliseHost(raw: string | undefined): string | null {
  if (!raw) return null;
  let host = raw.trim();
  if (host.length === 0 || host.length > 300) return null;
  if (host.startsWith('[')) return null; // IPv6 literals never name a tenant
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    if (!/^\d{1,5}$/.test(host.slice(colon + 1))) return null;
    host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  const ascii = domainToASCII(host.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(ascii)) {
    return null;
  }
  return ascii;
}

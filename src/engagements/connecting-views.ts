import { DAY_MS } from '../common/clock';

/** A piece of a message as the template prints it: text, or a link (http/https only). */
export type MessagePart = { text: string; href?: string };

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence is not part of the link it follows.
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/**
 * Splits plain text into text and links. Only http(s) URLs become links;
 * everything is escaped by the template, so nothing typed can become markup.
 */
export function linkify(body: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of body.matchAll(URL_IN_TEXT)) {
    const raw = match[0];
    const url = raw.replace(TRAILING, '');
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: body.slice(last, start) });
    let href: string | null = null;
    try {
      const parsed = new URL(url);
      if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username)
        href = parsed.href;
    } catch {
      href = null;
    }
    parts.push(href ? { text: url, href } : { text: url });
    last = start + url.length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/** Paragraphs of a message (blank lines split them), each as text and links. */
export function messageParagraphs(body: string): { lines: MessagePart[][] }[] {
  return body
    .split(/\n{2,}/)
    .map((p) => ({ lines: p.split('\n').map(linkify) }))
    .filter((p) => p.lines.some((l) => l.length > 0));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function cached(locale: string, key: string, options: Intl.DateTimeFormatOptions) {
  const k = `${locale}:${key}`;
  let f = dateTimeFormats.get(k);
  if (!f) dateTimeFormats.set(k, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** "3 Dec 2026, 14:05" in the visitor's language (UTC: the platform has no per-visitor zone yet). */
export function formatDateTime(locale: string, at: Date | string): string {
  return cached(locale, 'dt', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(at),
  );
}

/** A calendar date (YYYY-MM-DD or an instant) in the visitor's language. */
export function formatDate(locale: string, date: Date | string): string {
  const at = typeof date === 'string' && date.length === 10 ? `${date}T00:00:00Z` : date;
  return cached(locale, 'd', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(at));
}

/** Whole days from `then` to `now` (0 = today). */
export function daysAgo(then: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(then).getTime()) / DAY_MS));
}

/**
 * "Usually replies within N days" and "last active": from the mentor's
 * running reply time and last action. Null where nothing is known yet.
 */
export function responsivenessView(
  replyHours: number | null,
  lastActiveAt: Date | string | null,
  now: Date,
): { replyDays: number | null; lastActiveDays: number | null } {
  return {
    replyDays: replyHours === null ? null : Math.max(1, Math.ceil(replyHours / 24)),
    lastActiveDays: lastActiveAt ? daysAgo(lastActiveAt, now) : null,
  };
}

import type { Visitor } from './visitor';

/** A personal request message long enough for every programme's minimum. */
export const REQUEST_MESSAGE =
  'Hello, I run a small bakery in Puebla with four employees. We need help with pricing our cakes and keeping the books, because our margins shrank this year. Could we meet by video every two weeks?';

/** The id at the end of a redirect (`/requests/<id>`, `/engagements/<id>`). */
export function idFrom(location: string | undefined, prefix: string): string {
  const m = new RegExp(`^${prefix}/([0-9a-f-]{36})`).exec(location ?? '');
  if (!m) throw new Error(`expected a redirect to ${prefix}/<id>, got ${location}`);
  return m[1];
}

/** Opens the request form, like a person would, and sends it. */
export async function askFor(v: Visitor, mentorId: string, message = REQUEST_MESSAGE) {
  await v.get(`/mentors/${mentorId}/request`);
  return v.post(`/mentors/${mentorId}/request`, { message });
}

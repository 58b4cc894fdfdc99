import type { TestApp } from './test-app';
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

/**
 * The entrepreneur asks and the mentor accepts, through the pages: the
 * request's, the engagement's and the pair's conversation's ids.
 */
export async function connectPair(
  t: TestApp,
  entrepreneur: { v: Visitor; id: string },
  mentor: { v: Visitor; id: string },
): Promise<{ requestId: string; engagementId: string; conversationId: string }> {
  const sent = await askFor(entrepreneur.v, mentor.id);
  if (sent.status !== 303) throw new Error(`ask → ${mentor.id}: ${sent.status}`);
  const requestId = idFrom(sent.headers.location, '/requests');
  await mentor.v.get(`/requests/${requestId}`, 200);
  const accepted = await mentor.v.post(`/requests/${requestId}/accept`, {});
  const engagementId = idFrom(accepted.headers.location, '/engagements');
  const [{ id: conversationId }] = await t.db.ownerQuery<{ id: string }>(
    `SELECT id FROM conversations WHERE member_low = least($1::uuid, $2::uuid)
        AND member_high = greatest($1::uuid, $2::uuid)`,
    [entrepreneur.id, mentor.id],
  );
  return { requestId, engagementId, conversationId };
}

import { modify } from '../infrastructure/database/returned-rows';
import type { EntityManager } from 'typeorm';

export type RequestStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
export const DECLINE_REASONS = ['busy', 'fit', 'spam', 'inappropriate', 'none'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface MentoringRequest {
  id: string;
  entrepreneurId: string;
  mentorId: string;
  entrepreneurName: string;
  mentorName: string;
  initiatedBy: 'entrepreneur' | 'mentor';
  message: string;
  status: RequestStatus;
  declineReason: DeclineReason | null;
  createdAt: Date;
  answeredAt: Date | null;
  expiresAt: Date;
  engagementId: string | null;
}

const REQUEST_COLUMNS = `
  r.id, r.entrepreneur_id AS "entrepreneurId", r.mentor_id AS "mentorId",
  e.name AS "entrepreneurName", m.name AS "mentorName",
  r.initiated_by AS "initiatedBy", r.message, r.status, r.decline_reason AS "declineReason",
  r.created_at AS "createdAt", r.answered_at AS "answeredAt", r.expires_at AS "expiresAt",
  (SELECT g.id FROM engagements g WHERE g.request_id = r.id) AS "engagementId"`;

const REQUEST_FROM = `
  FROM mentoring_requests r
  JOIN users e ON e.id = r.entrepreneur_id
  JOIN users m ON m.id = r.mentor_id`;

/** The requests a claiming UPDATE returned, read in full. */
async function requestsByIds(
  em: EntityManager,
  rows: { id: string }[],
): Promise<MentoringRequest[]> {
  if (rows.length === 0) return [];
  return (await em.query(`SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM} WHERE r.id = ANY ($1)`, [
    rows.map((r) => r.id),
  ])) as MentoringRequest[];
}

/** A member who can take part: active, holding the role. */
export interface Party {
  id: string;
  name: string;
  roles: string[];
  status: string;
}

export const requestsRepository = {
  /** Only a participant gets the request; anyone else gets null, like a missing one. */
  async forParticipant(
    em: EntityManager,
    id: string,
    memberId: string,
  ): Promise<MentoringRequest | null> {
    const [row] = (await em.query(
      `SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM}
        WHERE r.id = $1 AND $2 IN (r.entrepreneur_id, r.mentor_id)`,
      [id, memberId],
    )) as MentoringRequest[];
    return row ?? null;
  },

  async listFor(em: EntityManager, memberId: string): Promise<MentoringRequest[]> {
    return (await em.query(
      `SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM}
        WHERE (r.entrepreneur_id = $1 OR r.mentor_id = $1)
        ORDER BY (r.status = 'open') DESC, r.created_at DESC
        LIMIT 200`,
      [memberId],
    )) as MentoringRequest[];
  },

  async party(em: EntityManager, id: string): Promise<Party | null> {
    const [row] = (await em.query(
      `SELECT id, name, roles, status FROM users WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    )) as Party[];
    return row ?? null;
  },

  /** Serialises an entrepreneur's requests, so the open-request cap holds under concurrency. */
  async lockMember(em: EntityManager, id: string): Promise<void> {
    await em.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
  },

  async openSentBy(em: EntityManager, entrepreneurId: string): Promise<number> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS n FROM mentoring_requests
        WHERE entrepreneur_id = $1 AND status = 'open' AND initiated_by = 'entrepreneur'`,
      [entrepreneurId],
    )) as { n: number }[];
    return row.n;
  },

  /** Why this pair cannot start a new request: blocked either way, or already asked or connected. */
  async pairState(
    em: EntityManager,
    entrepreneurId: string,
    mentorId: string,
  ): Promise<'blocked' | 'open' | 'active' | null> {
    const [row] = (await em.query(
      `SELECT
         EXISTS (SELECT 1 FROM member_blocks
                  WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)) AS blocked,
         EXISTS (SELECT 1 FROM mentoring_requests
                  WHERE entrepreneur_id = $1 AND mentor_id = $2 AND status = 'open') AS open,
         EXISTS (SELECT 1 FROM engagements
                  WHERE entrepreneur_id = $1 AND mentor_id = $2 AND status = 'active') AS active`,
      [entrepreneurId, mentorId],
    )) as { blocked: boolean; open: boolean; active: boolean }[];
    return row.blocked ? 'blocked' : row.open ? 'open' : row.active ? 'active' : null;
  },

  /** The mentor's room and availability, locked so two acceptances cannot both take the last place. */
  async mentorLoad(
    em: EntityManager,
    mentorId: string,
    lock: boolean,
  ): Promise<{ capacity: number; activeCount: number; pausedUntil: string | null } | null> {
    const [row] = (await em.query(
      `SELECT capacity, active_count AS "activeCount",
              to_char(paused_until, 'YYYY-MM-DD') AS "pausedUntil"
         FROM mentor_profiles WHERE user_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [mentorId],
    )) as { capacity: number; activeCount: number; pausedUntil: string | null }[];
    return row ?? null;
  },

  /**
   * Changes how many entrepreneurs a mentor has now; whether matching still
   * offers them follows through the profile's trigger.
   */
  async adjustLoad(em: EntityManager, mentorId: string, delta: 1 | -1): Promise<void> {
    await em.query(
      `UPDATE mentor_profiles SET active_count = greatest(0, active_count + $2) WHERE user_id = $1`,
      [mentorId, delta],
    );
  },

  async insert(
    em: EntityManager,
    r: {
      tenantId: string;
      entrepreneurId: string;
      mentorId: string;
      initiatedBy: 'entrepreneur' | 'mentor';
      message: string;
      now: Date;
      expiresAt: Date;
    },
  ): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO mentoring_requests
         (tenant_id, entrepreneur_id, mentor_id, initiated_by, message, status, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)
       RETURNING id`,
      [r.tenantId, r.entrepreneurId, r.mentorId, r.initiatedBy, r.message, r.now, r.expiresAt],
    )) as { id: string }[];
    return row.id;
  },

  /** Moves an open request on; false when it was no longer open (answered meanwhile, expired). */
  async close(
    em: EntityManager,
    id: string,
    to: Exclude<RequestStatus, 'open'>,
    now: Date,
    reason: DeclineReason | null = null,
  ): Promise<boolean> {
    const rows = (await modify(
      em,
      `UPDATE mentoring_requests SET status = $2, answered_at = $3, decline_reason = $4
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, to, now, reason],
    )) as unknown[];
    return rows.length > 0;
  },

  /** Open requests past their expiry, now expired. */
  async expireDue(em: EntityManager, now: Date): Promise<MentoringRequest[]> {
    const ids = (await modify(
      em,
      `UPDATE mentoring_requests SET status = 'expired', answered_at = $1
        WHERE status = 'open' AND expires_at <= $1 RETURNING id`,
      [now],
    )) as { id: string }[];
    return requestsByIds(em, ids);
  },

  /** Open requests past half their time and not yet reminded about, now marked reminded. */
  async remindDue(em: EntityManager, now: Date): Promise<MentoringRequest[]> {
    const ids = (await modify(
      em,
      `UPDATE mentoring_requests SET reminded_at = $1
        WHERE status = 'open' AND reminded_at IS NULL AND expires_at > $1
          AND created_at + (expires_at - created_at) / 2 <= $1
        RETURNING id`,
      [now],
    )) as { id: string }[];
    return requestsByIds(em, ids);
  },

  /**
   * Counts a mentor's reply time into their running average (recent replies
   * weigh more). `active` is false when the "reply" was silence (an expired
   * request): it counts as slow, but it is not activity.
   */
  async recordReply(
    em: EntityManager,
    mentorId: string,
    hours: number,
    now: Date,
    active = true,
  ): Promise<void> {
    await em.query(
      `UPDATE mentor_profiles
          SET reply_hours = CASE WHEN reply_hours IS NULL THEN $2::float8
                                 ELSE reply_hours * 0.7 + $2::float8 * 0.3 END,
              replies_counted = replies_counted + 1,
              last_active_at = CASE WHEN $4::boolean THEN greatest(last_active_at, $3::timestamptz)
                                    ELSE last_active_at END
        WHERE user_id = $1`,
      [mentorId, Math.max(0, hours), now, active],
    );
  },

  /**
   * "Last active": updated at most every few minutes, so a burst of messages
   * does not queue on the mentor's profile row.
   */
  async touch(em: EntityManager, memberId: string, now: Date): Promise<void> {
    await em.query(
      `UPDATE mentor_profiles SET last_active_at = $2
        WHERE user_id = $1
          AND (last_active_at IS NULL OR last_active_at < $2::timestamptz - interval '5 minutes')`,
      [memberId, now],
    );
  },
};

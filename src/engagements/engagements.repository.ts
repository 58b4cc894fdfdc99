import { modify } from '../infrastructure/database/returned-rows';
import type { EntityManager } from 'typeorm';

export type EngagementStatus = 'active' | 'completed' | 'closed';
export const END_REASONS = ['goals_met', 'no_time', 'not_a_fit', 'no_response', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];
export const FEELINGS = ['great', 'ok', 'stuck'] as const;
export type Feeling = (typeof FEELINGS)[number];

export interface Engagement {
  id: string;
  requestId: string;
  entrepreneurId: string;
  mentorId: string;
  entrepreneurName: string;
  mentorName: string;
  status: EngagementStatus;
  startedAt: Date;
  endedAt: Date | null;
  endedBy: string | null;
  endReason: EndReason | null;
  nextCheckinAt: Date | null;
}

export interface Meeting {
  id: string;
  loggedBy: string;
  metOn: string;
  minutes: number;
  way: string;
  topics: string[];
  /** Only for the member who logged it. */
  privateNote: string | null;
}

export interface Goal {
  id: string;
  title: string;
  targetDate: string | null;
  progress: number;
  createdBy: string;
}

export interface Feedback {
  memberId: string;
  rating: number;
  comment: string;
  createdAt: Date;
}

export interface CheckinRow {
  id: string;
  engagementId: string;
  memberId: string;
  sentAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  met: boolean | null;
  feeling: Feeling | null;
}

const ENGAGEMENT_COLUMNS = `
  g.id, g.request_id AS "requestId", g.entrepreneur_id AS "entrepreneurId", g.mentor_id AS "mentorId",
  e.name AS "entrepreneurName", m.name AS "mentorName", g.status, g.started_at AS "startedAt",
  g.ended_at AS "endedAt", g.ended_by AS "endedBy", g.end_reason AS "endReason",
  g.next_checkin_at AS "nextCheckinAt"`;
const ENGAGEMENT_FROM = `
  FROM engagements g JOIN users e ON e.id = g.entrepreneur_id JOIN users m ON m.id = g.mentor_id`;

const CHECKIN_COLUMNS = `id, engagement_id AS "engagementId", member_id AS "memberId",
  sent_at AS "sentAt", expires_at AS "expiresAt", answered_at AS "answeredAt", met, feeling`;

export const engagementsRepository = {
  async insert(
    em: EntityManager,
    g: {
      tenantId: string;
      requestId: string;
      entrepreneurId: string;
      mentorId: string;
      now: Date;
      firstCheckinAt: Date;
    },
  ): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO engagements
         (tenant_id, request_id, entrepreneur_id, mentor_id, status, started_at, next_checkin_at)
       VALUES ($1, $2, $3, $4, 'active', $5, $6) RETURNING id`,
      [g.tenantId, g.requestId, g.entrepreneurId, g.mentorId, g.now, g.firstCheckinAt],
    )) as { id: string }[];
    return row.id;
  },

  /** Only a participant gets the engagement; anyone else gets null, like a missing one. */
  async forParticipant(
    em: EntityManager,
    id: string,
    memberId: string,
  ): Promise<Engagement | null> {
    const [row] = (await em.query(
      `SELECT ${ENGAGEMENT_COLUMNS} ${ENGAGEMENT_FROM}
        WHERE g.id = $1 AND $2 IN (g.entrepreneur_id, g.mentor_id)`,
      [id, memberId],
    )) as Engagement[];
    return row ?? null;
  },

  async listFor(em: EntityManager, memberId: string): Promise<Engagement[]> {
    return (await em.query(
      `SELECT ${ENGAGEMENT_COLUMNS} ${ENGAGEMENT_FROM}
        WHERE g.entrepreneur_id = $1 OR g.mentor_id = $1
        ORDER BY (g.status = 'active') DESC, coalesce(g.ended_at, g.started_at) DESC
        LIMIT 200`,
      [memberId],
    )) as Engagement[];
  },

  async end(
    em: EntityManager,
    id: string,
    e: { status: 'completed' | 'closed'; by: string; reason: EndReason; now: Date },
  ): Promise<boolean> {
    const rows = (await modify(
      em,
      `UPDATE engagements SET status = $2, ended_at = $3, ended_by = $4, end_reason = $5,
              next_checkin_at = NULL
        WHERE id = $1 AND status = 'active' RETURNING id`,
      [id, e.status, e.now, e.by, e.reason],
    )) as unknown[];
    return rows.length > 0;
  },

  /** A mentor's volunteering record: meetings logged in all their engagements, by either side. */
  async mentoringTime(
    em: EntityManager,
    mentorId: string,
  ): Promise<{ minutes: number; meetings: number }> {
    const [row] = (await em.query(
      `SELECT coalesce(sum(m.minutes), 0)::int AS minutes, count(*)::int AS meetings
         FROM engagement_meetings m JOIN engagements g ON g.id = m.engagement_id
        WHERE g.mentor_id = $1`,
      [mentorId],
    )) as { minutes: number; meetings: number }[];
    return row;
  },

  async meetings(em: EntityManager, engagementId: string, viewerId: string): Promise<Meeting[]> {
    return (await em.query(
      `SELECT id, logged_by AS "loggedBy", to_char(met_on, 'YYYY-MM-DD') AS "metOn", minutes, way, topics,
              CASE WHEN logged_by = $2 THEN private_note END AS "privateNote"
         FROM engagement_meetings WHERE engagement_id = $1
        ORDER BY met_on DESC, created_at DESC`,
      [engagementId, viewerId],
    )) as Meeting[];
  },

  async addMeeting(
    em: EntityManager,
    m: {
      tenantId: string;
      engagementId: string;
      loggedBy: string;
      metOn: string;
      minutes: number;
      way: string;
      topics: string[];
      privateNote: string;
      now: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO engagement_meetings
         (tenant_id, engagement_id, logged_by, met_on, minutes, way, topics, private_note, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        m.tenantId,
        m.engagementId,
        m.loggedBy,
        m.metOn,
        m.minutes,
        m.way,
        m.topics,
        m.privateNote,
        m.now,
      ],
    );
  },

  async goals(em: EntityManager, engagementId: string): Promise<Goal[]> {
    return (await em.query(
      `SELECT id, title, to_char(target_date, 'YYYY-MM-DD') AS "targetDate", progress,
              created_by AS "createdBy"
         FROM engagement_goals WHERE engagement_id = $1
        ORDER BY progress = 100, target_date NULLS LAST, created_at`,
      [engagementId],
    )) as Goal[];
  },

  async addGoal(
    em: EntityManager,
    g: {
      tenantId: string;
      engagementId: string;
      createdBy: string;
      title: string;
      targetDate: string | null;
      now: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO engagement_goals
         (tenant_id, engagement_id, created_by, title, target_date, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [g.tenantId, g.engagementId, g.createdBy, g.title, g.targetDate, g.now],
    );
  },

  async setGoalProgress(
    em: EntityManager,
    engagementId: string,
    goalId: string,
    progress: number,
    now: Date,
  ): Promise<boolean> {
    const rows = (await modify(
      em,
      `UPDATE engagement_goals SET progress = $3, updated_at = $4
        WHERE id = $2 AND engagement_id = $1 RETURNING id`,
      [engagementId, goalId, progress, now],
    )) as unknown[];
    return rows.length > 0;
  },

  async feedback(em: EntityManager, engagementId: string): Promise<Feedback[]> {
    return (await em.query(
      `SELECT member_id AS "memberId", rating, comment, created_at AS "createdAt"
         FROM engagement_feedback WHERE engagement_id = $1`,
      [engagementId],
    )) as Feedback[];
  },

  /** False when this member already gave feedback (it cannot be rewritten after the other read it). */
  async addFeedback(
    em: EntityManager,
    f: {
      tenantId: string;
      engagementId: string;
      memberId: string;
      rating: number;
      comment: string;
      now: Date;
    },
  ): Promise<boolean> {
    const rows = (await em.query(
      `INSERT INTO engagement_feedback (tenant_id, engagement_id, member_id, rating, comment, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, engagement_id, member_id) DO NOTHING RETURNING member_id`,
      [f.tenantId, f.engagementId, f.memberId, f.rating, f.comment, f.now],
    )) as unknown[];
    return rows.length > 0;
  },

  /** Active engagements whose next check-in is due, moved on to the round after. */
  async takeCheckinsDue(em: EntityManager, now: Date, everyDays: number): Promise<Engagement[]> {
    const ids = (await modify(
      em,
      `UPDATE engagements SET next_checkin_at = next_checkin_at + make_interval(days => $2)
        WHERE status = 'active' AND next_checkin_at <= $1 RETURNING id`,
      [now, everyDays],
    )) as { id: string }[];
    if (ids.length === 0) return [];
    return (await em.query(
      `SELECT ${ENGAGEMENT_COLUMNS} ${ENGAGEMENT_FROM} WHERE g.id = ANY ($1)`,
      [ids.map((r) => r.id)],
    )) as Engagement[];
  },

  async addCheckin(
    em: EntityManager,
    c: {
      tenantId: string;
      engagementId: string;
      memberId: string;
      tokenHash: string;
      now: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO engagement_checkins (tenant_id, engagement_id, member_id, token_hash, sent_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.tenantId, c.engagementId, c.memberId, c.tokenHash, c.now, c.expiresAt],
    );
  },

  async checkinByToken(em: EntityManager, tokenHash: string): Promise<CheckinRow | null> {
    const [row] = (await em.query(
      `SELECT ${CHECKIN_COLUMNS} FROM engagement_checkins WHERE token_hash = $1`,
      [tokenHash],
    )) as CheckinRow[];
    return row ?? null;
  },

  /** The member's latest unanswered, unexpired check-in in this engagement. */
  async openCheckin(
    em: EntityManager,
    engagementId: string,
    memberId: string,
    now: Date,
  ): Promise<CheckinRow | null> {
    const [row] = (await em.query(
      `SELECT ${CHECKIN_COLUMNS} FROM engagement_checkins
        WHERE engagement_id = $1 AND member_id = $2 AND answered_at IS NULL AND expires_at > $3
        ORDER BY sent_at DESC LIMIT 1`,
      [engagementId, memberId, now],
    )) as CheckinRow[];
    return row ?? null;
  },

  async lastAnswers(em: EntityManager, engagementId: string): Promise<CheckinRow[]> {
    return (await em.query(
      `SELECT DISTINCT ON (member_id) ${CHECKIN_COLUMNS} FROM engagement_checkins
        WHERE engagement_id = $1 AND answered_at IS NOT NULL
        ORDER BY member_id, answered_at DESC`,
      [engagementId],
    )) as CheckinRow[];
  },

  /** Single use: false when it was already answered or has expired. */
  async answerCheckin(
    em: EntityManager,
    id: string,
    a: { met: boolean; feeling: Feeling | null; now: Date },
  ): Promise<boolean> {
    const rows = (await modify(
      em,
      `UPDATE engagement_checkins SET answered_at = $2, met = $3, feeling = $4
        WHERE id = $1 AND answered_at IS NULL AND expires_at > $2 RETURNING id`,
      [id, a.now, a.met, a.feeling],
    )) as unknown[];
    return rows.length > 0;
  },

  /**
   * Mentors with an active engagement who left a check-in unanswered for
   * `silenceDays` and have done nothing on the platform since it was sent;
   * not already held.
   */
  async silentMentors(
    em: EntityManager,
    now: Date,
    silenceDays: number,
  ): Promise<{ mentorId: string }[]> {
    return (await em.query(
      `SELECT DISTINCT c.member_id AS "mentorId"
         FROM engagement_checkins c
         JOIN engagements g ON g.id = c.engagement_id AND g.mentor_id = c.member_id AND g.status = 'active'
         JOIN mentor_profiles p ON p.user_id = c.member_id AND p.held_since IS NULL
        WHERE c.answered_at IS NULL
          AND c.sent_at <= $1::timestamptz - make_interval(days => $2)
          AND (p.last_active_at IS NULL OR p.last_active_at < c.sent_at)`,
      [now, silenceDays],
    )) as { mentorId: string }[];
  },

  /**
   * Holds mentors' new requests: paused until `until`, remembering why. Only
   * those not held yet are returned, so two passes at once hold (and mail) once.
   */
  async hold(em: EntityManager, mentorIds: string[], until: string, now: Date): Promise<string[]> {
    const rows = (await modify(
      em,
      `UPDATE mentor_profiles SET held_since = $3,
              paused_until = greatest(coalesce(paused_until, $2::date), $2::date)
        WHERE user_id = ANY ($1::uuid[]) AND held_since IS NULL
        RETURNING user_id AS "userId"`,
      [mentorIds, until, now],
    )) as { userId: string }[];
    return rows.map((r) => r.userId);
  },

  /** "I continue": lifts a hold after silence, and the pause that came with it. */
  async release(em: EntityManager, mentorId: string, now: Date): Promise<boolean> {
    const rows = (await modify(
      em,
      `UPDATE mentor_profiles SET held_since = NULL, paused_until = NULL, last_active_at = $2
        WHERE user_id = $1 AND held_since IS NOT NULL RETURNING user_id`,
      [mentorId, now],
    )) as unknown[];
    return rows.length > 0;
  },

  async isHeld(em: EntityManager, mentorId: string): Promise<boolean> {
    const [row] = (await em.query(
      `SELECT held_since IS NOT NULL AS held FROM mentor_profiles WHERE user_id = $1`,
      [mentorId],
    )) as { held: boolean }[];
    return row?.held ?? false;
  },
};

import { returnedRows } from '../infrastructure/database/returned-rows';
import type { EntityManager } from 'typeorm';
import type { EntrepreneurProfile, MentorProfile } from '../profiles/profile';
import { profilesRepository } from '../profiles/profiles.repository';
import type { Role, UserStatus } from './user';

/** What the data export holds: the person's own rows, without secrets (hashes, session ids, links). */
export interface PersonalData {
  profile: {
    id: string;
    email: string;
    emailVerifiedAt: Date | null;
    name: string;
    locale: string;
    country: string;
    roles: Role[];
    status: UserStatus;
    termsAcceptedAt: Date;
    passwordChangedAt: Date;
    createdAt: Date;
    updatedAt: Date;
  };
  sessions: { createdAt: Date; expiresAt: Date }[];
  tokens: { purpose: string; createdAt: Date; expiresAt: Date; usedAt: Date | null }[];
  mail: { template: string; status: string; createdAt: Date; sentAt: Date | null }[];
  mentorProfile: MentorProfile | null;
  businessProfile: EntrepreneurProfile | null;
  hasPhoto: boolean;
  assessments: {
    status: string;
    answers: Record<string, number>;
    scores: Record<string, number> | null;
    proposedNeeds: string[];
    startedAt: Date;
    completedAt: Date | null;
  }[];
  /** What they did on the platform: requests, mentoring, messages they wrote, feedback, reports. */
  connecting: Record<string, unknown[]>;
}

/** The person's own rows from the connecting tables (what others wrote to them stays theirs). */
const CONNECTING_EXPORT: Record<string, string> = {
  requests: `SELECT id, initiated_by AS "initiatedBy",
                    CASE WHEN entrepreneur_id = $1 THEN 'entrepreneur' ELSE 'mentor' END AS "asRole",
                    status, created_at AS "createdAt", answered_at AS "answeredAt",
                    CASE WHEN (initiated_by = 'entrepreneur') = (entrepreneur_id = $1) THEN message END AS message,
                    CASE WHEN (initiated_by = 'entrepreneur') <> (entrepreneur_id = $1) THEN decline_reason END AS "yourDeclineReason"
               FROM mentoring_requests WHERE entrepreneur_id = $1 OR mentor_id = $1 ORDER BY created_at`,
  engagements: `SELECT id, CASE WHEN entrepreneur_id = $1 THEN 'entrepreneur' ELSE 'mentor' END AS "asRole",
                       status, started_at AS "startedAt", ended_at AS "endedAt", end_reason AS "endReason"
                  FROM engagements WHERE entrepreneur_id = $1 OR mentor_id = $1 ORDER BY started_at`,
  meetingsLogged: `SELECT engagement_id AS "engagementId", to_char(met_on, 'YYYY-MM-DD') AS "metOn", minutes, way,
                          topics, private_note AS "privateNote"
                     FROM engagement_meetings WHERE logged_by = $1 ORDER BY met_on`,
  goalsWritten: `SELECT engagement_id AS "engagementId", title, to_char(target_date, 'YYYY-MM-DD') AS "targetDate", progress
                   FROM engagement_goals WHERE created_by = $1 ORDER BY created_at`,
  messagesWritten: `SELECT conversation_id AS "conversationId", body, created_at AS "createdAt"
                      FROM messages WHERE sender_id = $1 ORDER BY id`,
  checkinAnswers: `SELECT engagement_id AS "engagementId", sent_at AS "sentAt", answered_at AS "answeredAt", met, feeling
                     FROM engagement_checkins WHERE member_id = $1 ORDER BY sent_at`,
  feedbackGiven: `SELECT engagement_id AS "engagementId", rating, comment, created_at AS "createdAt"
                    FROM engagement_feedback WHERE member_id = $1`,
  reportsFiled: `SELECT reason, note, status, created_at AS "createdAt" FROM member_reports WHERE reporter_id = $1`,
  notificationPreferences: `SELECT kind, mode FROM notification_prefs WHERE member_id = $1`,
};

/**
 * Queries behind the account settings (password, email, export, deletion) of
 * the tenant the EntityManager is scoped to (RLS). Every method takes the
 * EntityManager of the caller's TenantTx transaction and the signed-in
 * person's id, never an id from the request.
 */
export const accountSettingsRepository = {
  async passwordHash(em: EntityManager, userId: string): Promise<string | null> {
    const rows = (await em.query(`SELECT password_hash FROM users WHERE id = $1`, [userId])) as {
      password_hash: string;
    }[];
    return rows[0]?.password_hash ?? null;
  },

  /** True when another account of this tenant already uses the address. */
  async emailTaken(em: EntityManager, userId: string, email: string): Promise<boolean> {
    const rows = (await em.query(
      `SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2`,
      [email, userId],
    )) as unknown[];
    return rows.length > 0;
  },

  /** A pending change of address; a new request replaces older unused ones. */
  async createEmailChange(
    em: EntityManager,
    tenantId: string,
    userId: string,
    newEmail: string,
    hash: string,
    ttlMs: number,
  ): Promise<void> {
    await em.query(
      `UPDATE user_tokens SET used_at = now()
        WHERE user_id = $1 AND purpose = 'change_email' AND used_at IS NULL`,
      [userId],
    );
    await em.query(
      `INSERT INTO user_tokens (tenant_id, user_id, purpose, token_hash, expires_at, new_email)
       VALUES ($1, $2, 'change_email', $3, $4, $5)`,
      [tenantId, userId, hash, new Date(Date.now() + ttlMs), newEmail],
    );
  },

  /** Valid, unused, unexpired and the signed-in person's own: marks it used and returns the address. */
  async consumeEmailChange(
    em: EntityManager,
    userId: string,
    hash: string,
  ): Promise<string | null> {
    const rows = returnedRows<{ new_email: string }>(
      await em.query(
        `UPDATE user_tokens SET used_at = now()
          WHERE token_hash = $1 AND user_id = $2 AND purpose = 'change_email'
            AND used_at IS NULL AND expires_at > now()
          RETURNING new_email`,
        [hash, userId],
      ),
    );
    return rows[0]?.new_email ?? null;
  },

  /** Switches the login address (proven by the link) unless another account took it meanwhile. */
  async applyEmail(em: EntityManager, userId: string, email: string): Promise<boolean> {
    // The unique index users_tenant_email_key stays the last word on a race between two confirmations.
    const rows = returnedRows<{ id: string }>(
      await em.query(
        `UPDATE users SET email = $2, email_verified_at = now(), updated_at = now()
          WHERE id = $1
            AND NOT EXISTS (SELECT 1 FROM users o WHERE lower(o.email) = lower($2) AND o.id <> $1)
          RETURNING id`,
        [userId, email],
      ),
    );
    return rows.length > 0;
  },

  async personalData(em: EntityManager, userId: string): Promise<PersonalData | null> {
    const users = (await em.query(
      `SELECT id, email, email_verified_at, name, locale, country, roles, status,
              terms_accepted_at, password_changed_at, created_at, updated_at
         FROM users WHERE id = $1`,
      [userId],
    )) as {
      id: string;
      email: string;
      email_verified_at: Date | null;
      name: string;
      locale: string;
      country: string;
      roles: Role[];
      status: UserStatus;
      terms_accepted_at: Date;
      password_changed_at: Date;
      created_at: Date;
      updated_at: Date;
    }[];
    const u = users[0];
    if (!u) return null;
    const sessions = (await em.query(
      `SELECT created_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    )) as { created_at: Date; expires_at: Date }[];
    const tokens = (await em.query(
      `SELECT purpose, created_at, expires_at, used_at FROM user_tokens
        WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    )) as { purpose: string; created_at: Date; expires_at: Date; used_at: Date | null }[];
    const mail = (await em.query(
      `SELECT template, status, created_at, sent_at FROM mail_outbox
        WHERE lower(recipient) = lower($1) ORDER BY created_at`,
      [u.email],
    )) as { template: string; status: string; created_at: Date; sent_at: Date | null }[];
    const assessments = (await em.query(
      `SELECT status, answers, scores, proposed_needs AS "proposedNeeds", started_at AS "startedAt",
              completed_at AS "completedAt"
         FROM assessments WHERE user_id = $1 ORDER BY started_at`,
      [userId],
    )) as PersonalData['assessments'];
    const photos = await profilesRepository.avatarDigest(em, [userId]);
    const connecting: Record<string, unknown[]> = {};
    for (const [key, sql] of Object.entries(CONNECTING_EXPORT)) {
      connecting[key] = (await em.query(sql, [userId])) as unknown[];
    }
    return {
      mentorProfile: await profilesRepository.mentor(em, userId),
      businessProfile: await profilesRepository.entrepreneur(em, userId),
      hasPhoto: photos.has(userId),
      assessments,
      connecting,
      profile: {
        id: u.id,
        email: u.email,
        emailVerifiedAt: u.email_verified_at,
        name: u.name,
        locale: u.locale,
        country: u.country,
        roles: u.roles,
        status: u.status,
        termsAcceptedAt: u.terms_accepted_at,
        passwordChangedAt: u.password_changed_at,
        createdAt: u.created_at,
        updatedAt: u.updated_at,
      },
      sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
      tokens: tokens.map((t) => ({
        purpose: t.purpose,
        createdAt: t.created_at,
        expiresAt: t.expires_at,
        usedAt: t.used_at,
      })),
      mail: mail.map((m) => ({
        template: m.template,
        status: m.status,
        createdAt: m.created_at,
        sentAt: m.sent_at,
      })),
    };
  },

  /**
   * Erases an account's identity. The row stays (roles, country, dates keep
   * the programme's counts right) with nothing left that names the person:
   * no address, no name, a password hash nothing can match.
   */
  async erase(em: EntityManager, userId: string, unusableHash: string): Promise<void> {
    const [user] = (await em.query(`SELECT email FROM users WHERE id = $1 FOR UPDATE`, [
      userId,
    ])) as { email: string }[];
    if (!user) return;
    const pendingAddresses = (await em.query(
      `SELECT DISTINCT new_email FROM user_tokens
        WHERE user_id = $1 AND purpose = 'change_email' AND used_at IS NULL`,
      [userId],
    )) as { new_email: string }[];
    const addresses = [user.email, ...pendingAddresses.map((r) => r.new_email)].map((a) =>
      a.toLowerCase(),
    );
    const anonymous = `deleted-${userId}@invalid`;
    await em.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
    await em.query(`DELETE FROM user_tokens WHERE user_id = $1`, [userId]);
    // Everything the person wrote about themselves goes (the candidate index cascades).
    for (const table of [
      'mentor_profiles',
      'entrepreneur_profiles',
      'member_avatars',
      'assessments',
    ]) {
      await em.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    }
    await em.query(`DELETE FROM member_blocks WHERE blocker_id = $1 OR blocked_id = $1`, [userId]);
    // Nothing keeps waiting on someone who has left: requests close, mentoring ends (places free up).
    await em.query(
      `UPDATE mentoring_requests SET status = 'withdrawn', answered_at = now(),
              message = CASE WHEN (initiated_by = 'entrepreneur') = (entrepreneur_id = $1)
                             THEN '' ELSE message END
        WHERE status = 'open' AND (entrepreneur_id = $1 OR mentor_id = $1)`,
      [userId],
    );
    const ended = returnedRows<{ mentorId: string }>(
      await em.query(
        `UPDATE engagements SET status = 'closed', ended_at = now(), ended_by = $1,
                end_reason = 'other', next_checkin_at = NULL
          WHERE status = 'active' AND (entrepreneur_id = $1 OR mentor_id = $1)
          RETURNING mentor_id AS "mentorId"`,
        [userId],
      ),
    );
    for (const { mentorId } of ended) {
      if (mentorId === userId) continue;
      await em.query(
        `UPDATE mentor_profiles SET active_count = greatest(0, active_count - 1) WHERE user_id = $1`,
        [mentorId],
      );
    }
    await em.query(`UPDATE engagement_meetings SET private_note = '' WHERE logged_by = $1`, [
      userId,
    ]);
    for (const table of ['notification_prefs', 'notification_digest', 'engagement_checkins']) {
      await em.query(`DELETE FROM ${table} WHERE member_id = $1`, [userId]);
    }
    // Mail not yet sent would still carry links and the name; delivered rows keep only counts.
    await em.query(
      `DELETE FROM mail_outbox
        WHERE lower(recipient) = ANY($1::text[]) AND status IN ('pending', 'sending')`,
      [addresses],
    );
    await em.query(
      `UPDATE mail_outbox SET recipient = $2, data = '{}'::jsonb
        WHERE lower(recipient) = ANY($1::text[])`,
      [addresses, anonymous],
    );
    await em.query(
      `UPDATE users
          SET email = $2, name = '', password_hash = $3, status = 'suspended',
              deleted_at = now(), updated_at = now()
        WHERE id = $1`,
      [userId, anonymous, unusableHash],
    );
  },
};

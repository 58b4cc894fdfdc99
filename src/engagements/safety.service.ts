import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { TenantMailTx } from '../infrastructure/mail/tenant-mail-tx';
import { usersRepository } from '../identity/users.repository';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { conversationsRepository } from './conversations.repository';
import { localeOf } from './notifications';
import { requestsRepository, type Party } from './requests.repository';
import { enqueueMail } from '../infrastructure/mail/mail-outbox';

export const REPORT_REASONS = ['spam', 'scam', 'harassment', 'inappropriate', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export type ReportAction = 'warn' | 'suspend' | 'dismiss';
/** How many of the latest messages a reporter may attach. */
export const ATTACHED_MESSAGES = 20;

export interface AttachedMessage {
  fromReported: boolean;
  body: string;
  at: string;
}

export interface QueuedReport {
  id: string;
  reportedId: string;
  reportedName: string;
  reportedStatus: string;
  reason: ReportReason;
  note: string;
  attached: AttachedMessage[] | null;
  status: 'open' | 'warned' | 'suspended' | 'dismissed';
  createdAt: Date;
  /** Other reports about the same person, a pattern moderators should see. */
  priorReports: number;
}

/**
 * Blocking and reporting. A block is one-sided and silent: the blocked
 * person is not told, can no longer write or ask, and no longer appears in
 * the blocker's results (nor the blocker in theirs). A report goes to the
 * tenant's admins; the reported person never learns who made it, and
 * moderators see messages only when the reporter attached them (a copy).
 */
@Injectable()
export class SafetyService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(TenantMailTx) private readonly mailTx: TenantMailTx,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A member of this tenant (any status), or null. */
  member(id: string): Promise<Party | null> {
    return this.tx.run((em) => requestsRepository.party(em, id));
  }

  async isBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const rows = (await em.query(
        `SELECT 1 FROM member_blocks WHERE blocker_id = $1 AND blocked_id = $2`,
        [blockerId, blockedId],
      )) as unknown[];
      return rows.length > 0;
    });
  }

  block(tenantId: string, blockerId: string, blockedId: string): Promise<void> {
    return this.tx.run(async (em) => {
      await em.query(
        `INSERT INTO member_blocks (tenant_id, blocker_id, blocked_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [tenantId, blockerId, blockedId],
      );
      // Whatever was waiting between them ends quietly: withdrawn when the
      // blocker had asked, and to the person blocked it reads like a decline.
      await em.query(
        `UPDATE mentoring_requests
            SET answered_at = $3,
                status = CASE WHEN (initiated_by = 'entrepreneur') = (entrepreneur_id = $1)
                              THEN 'withdrawn' ELSE 'declined' END,
                decline_reason = CASE WHEN (initiated_by = 'entrepreneur') = (entrepreneur_id = $1)
                                      THEN NULL ELSE 'none' END
          WHERE status = 'open'
            AND ((entrepreneur_id = $1 AND mentor_id = $2) OR (entrepreneur_id = $2 AND mentor_id = $1))`,
        [blockerId, blockedId, this.clock.now()],
      );
    });
  }

  unblock(blockerId: string, blockedId: string): Promise<void> {
    return this.tx.run(async (em) => {
      await em.query(`DELETE FROM member_blocks WHERE blocker_id = $1 AND blocked_id = $2`, [
        blockerId,
        blockedId,
      ]);
    });
  }

  async report(
    tenantId: string,
    reporterId: string,
    reportedId: string,
    r: { reason: ReportReason; note: string; attachConversation: boolean },
  ): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const attached = r.attachConversation
        ? await this.attachment(em, reporterId, reportedId)
        : null;
      await em.query(
        `INSERT INTO member_reports (tenant_id, reporter_id, reported_id, reason, note, attached, created_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
        [
          tenantId,
          reporterId,
          reportedId,
          r.reason,
          r.note,
          attached ? JSON.stringify(attached) : null,
          now,
        ],
      );
    });
  }

  /** A copy of the pair's latest messages, read as the reporter (a participant). */
  private async attachment(
    em: EntityManager,
    reporterId: string,
    reportedId: string,
  ): Promise<AttachedMessage[] | null> {
    const id = await conversationsRepository.idForPair(em, reporterId, reportedId);
    if (!id || !(await conversationsRepository.head(em, id, reporterId))) return null;
    const messages = await conversationsRepository.messages(em, id, { limit: ATTACHED_MESSAGES });
    return messages.map((m) => ({
      fromReported: m.senderId === reportedId,
      body: m.body,
      at: new Date(m.createdAt).toISOString(),
    }));
  }

  /** The moderation queue: open reports first. The reporter is never part of it. */
  queue(): Promise<QueuedReport[]> {
    return this.tx.run(
      async (em) =>
        (await em.query(
          `SELECT r.id, r.reported_id AS "reportedId", u.name AS "reportedName",
                  u.status AS "reportedStatus", r.reason, r.note, r.attached, r.status,
                  r.created_at AS "createdAt",
                  (SELECT count(*)::int FROM member_reports o
                    WHERE o.reported_id = r.reported_id AND o.id <> r.id) AS "priorReports"
             FROM member_reports r JOIN users u ON u.id = r.reported_id
            ORDER BY (r.status = 'open') DESC, r.created_at DESC
            LIMIT 200`,
        )) as QueuedReport[],
    );
  }

  /**
   * Warn (a mail that names no reporter), suspend (signed out, cannot log in)
   * or dismiss. Null for a report this tenant does not have (a 404); an
   * admin is never suspended from here (another admin handles that on the
   * members page), so the report stays open.
   */
  act(
    tenant: ResolvedTenant,
    adminId: string,
    reportId: string,
    action: ReportAction,
  ): Promise<'done' | 'handled' | 'admin' | null> {
    const now = this.clock.now();
    const status = { warn: 'warned', suspend: 'suspended', dismiss: 'dismissed' }[action];
    return this.mailTx.run(async (em) => {
      const [report] = (await em.query(
        `SELECT r.status, r.reported_id AS "reportedId" FROM member_reports r
          WHERE r.id = $1 FOR UPDATE`,
        [reportId],
      )) as { status: string; reportedId: string }[];
      if (!report) return null;
      if (report.status !== 'open') return 'handled';
      const reported = await usersRepository.findById(em, report.reportedId);
      if (action === 'suspend' && reported?.roles.includes('admin')) return 'admin';
      await em.query(
        `UPDATE member_reports SET status = $2, handled_at = $3, handled_by = $4 WHERE id = $1`,
        [reportId, status, now, adminId],
      );
      if (!reported) return 'done';
      if (action === 'warn') {
        await enqueueMail(em, tenant.id, {
          to: reported.email,
          locale: localeOf(tenant, reported.locale),
          template: 'moderation-warning',
          data: { link: `${tenant.canonicalOrigin}/terms`, name: reported.name },
        });
      } else if (action === 'suspend') {
        await em.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [reported.id]);
        await usersRepository.endSessions(em, reported.id);
      }
      return 'done';
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, CLOCK, DAY_MS, isoDate, type Clock } from '../common/clock';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { TenantMailTx } from '../infrastructure/mail/tenant-mail-tx';
import { hashToken, newToken } from '../identity/tokens';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { conversationsRepository } from './conversations.repository';
import {
  engagementsRepository,
  type CheckinRow,
  type EndReason,
  type Engagement,
  type Feedback,
  type Feeling,
  type Goal,
  type Meeting,
} from './engagements.repository';
import { notificationsRepository } from './notifications';
import { requestsRepository } from './requests.repository';

/** Feedback stays hidden from the other side until both gave it, or this long after the end. */
export const FEEDBACK_BLIND_DAYS = 14;
/** A check-in link works this long (and once). */
export const CHECKIN_LINK_DAYS = 14;
/** How long a silent mentor's new requests are held unless they say they continue. */
export const HOLD_DAYS = 90;

export interface EngagementDetail {
  engagement: Engagement;
  meetings: Meeting[];
  goals: Goal[];
  conversationId: string | null;
  /** The viewer's own feedback, and the other side's once it may be shown. */
  myFeedback: Feedback | null;
  theirFeedback: Feedback | null;
  theirFeedbackWaiting: boolean;
  openCheckin: CheckinRow | null;
  lastCheckins: CheckinRow[];
  totalMinutes: number;
}

export interface MeetingInput {
  metOn: string;
  minutes: number;
  way: string;
  topics: string[];
  privateNote: string;
}

/** Whether the other side's feedback may be shown: both answered, or the blind period is over. */
export function feedbackVisible(
  engagement: Pick<Engagement, 'endedAt'>,
  mine: Feedback | null,
  theirs: Feedback | null,
  now: Date,
): boolean {
  if (!theirs || !engagement.endedAt) return false;
  if (mine) return true;
  return now.getTime() - new Date(engagement.endedAt).getTime() >= FEEDBACK_BLIND_DAYS * DAY_MS;
}

/**
 * What happens once a request is accepted: meetings (the volunteering-hours
 * record), goals, check-ins that catch silence early, and closing with
 * blind feedback. Every route starts from the viewer being one of the two.
 */
@Injectable()
export class EngagementsService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(TenantMailTx) private readonly mailTx: TenantMailTx,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  list(memberId: string): Promise<Engagement[]> {
    return this.tx.run((em) => engagementsRepository.listFor(em, memberId));
  }

  detail(memberId: string, id: string): Promise<EngagementDetail | null> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const engagement = await engagementsRepository.forParticipant(em, id, memberId);
      if (!engagement) return null;
      const otherId =
        engagement.mentorId === memberId ? engagement.entrepreneurId : engagement.mentorId;
      // One after another: a transaction has a single connection.
      const meetings = await engagementsRepository.meetings(em, id, memberId);
      const goals = await engagementsRepository.goals(em, id);
      const conversationId = await conversationsRepository.idForPair(em, memberId, otherId);
      const feedback = await engagementsRepository.feedback(em, id);
      const openCheckin =
        engagement.status === 'active'
          ? await engagementsRepository.openCheckin(em, id, memberId, now)
          : null;
      const lastCheckins = await engagementsRepository.lastAnswers(em, id);
      const myFeedback = feedback.find((f) => f.memberId === memberId) ?? null;
      const theirs = feedback.find((f) => f.memberId === otherId) ?? null;
      const shown = feedbackVisible(engagement, myFeedback, theirs, now);
      return {
        engagement,
        meetings,
        goals,
        conversationId,
        myFeedback,
        theirFeedback: shown ? theirs : null,
        theirFeedbackWaiting: !!theirs && !shown,
        openCheckin,
        lastCheckins,
        totalMinutes: meetings.reduce((sum, m) => sum + m.minutes, 0),
      };
    });
  }

  /** Runs `fn` on an active engagement the viewer is part of; null when there is none. */
  private onActive<T>(
    memberId: string,
    id: string,
    fn: (em: EntityManager, e: Engagement, now: Date) => Promise<T>,
    mail = false,
  ): Promise<T | null | 'ended'> {
    const now = this.clock.now();
    const run = mail ? this.mailTx.run.bind(this.mailTx) : this.tx.run.bind(this.tx);
    return run(async (em) => {
      const e = await engagementsRepository.forParticipant(em, id, memberId);
      if (!e) return null;
      if (e.status !== 'active') return 'ended' as const;
      const result = await fn(em, e, now);
      await requestsRepository.touch(em, memberId, now);
      return result;
    });
  }

  logMeeting(tenant: ResolvedTenant, memberId: string, id: string, m: MeetingInput) {
    return this.onActive(memberId, id, (em, e, now) =>
      engagementsRepository.addMeeting(em, {
        tenantId: tenant.id,
        engagementId: e.id,
        loggedBy: memberId,
        ...m,
        now,
      }),
    );
  }

  addGoal(
    tenant: ResolvedTenant,
    memberId: string,
    id: string,
    g: { title: string; targetDate: string | null },
  ) {
    return this.onActive(memberId, id, (em, e, now) =>
      engagementsRepository.addGoal(em, {
        tenantId: tenant.id,
        engagementId: e.id,
        createdBy: memberId,
        ...g,
        now,
      }),
    );
  }

  setGoalProgress(memberId: string, id: string, goalId: string, progress: number) {
    return this.onActive(memberId, id, (em, e, now) =>
      engagementsRepository.setGoalProgress(em, e.id, goalId, progress, now),
    );
  }

  /** Ends the engagement (completed when its goals were met, else closed early) and frees the mentor's place. */
  end(tenant: ResolvedTenant, memberId: string, id: string, reason: EndReason) {
    return this.onActive(
      memberId,
      id,
      async (em, e, now) => {
        const status = reason === 'goals_met' ? 'completed' : 'closed';
        if (!(await engagementsRepository.end(em, e.id, { status, by: memberId, reason, now })))
          return false;
        await requestsRepository.adjustLoad(em, e.mentorId, -1);
        const other = memberId === e.mentorId ? e.entrepreneurId : e.mentorId;
        await notificationsRepository.notify(
          em,
          tenant,
          {
            recipientId: other,
            kind: 'requests',
            template: 'engagement-ended',
            data: {
              link: `${tenant.canonicalOrigin}/engagements/${e.id}`,
              otherName: memberId === e.mentorId ? e.mentorName : e.entrepreneurName,
              outcome: status,
            },
          },
          now,
        );
        return true;
      },
      true,
    );
  }

  /** Once per side, after the end. 'early' while the engagement is still active. */
  giveFeedback(
    tenant: ResolvedTenant,
    memberId: string,
    id: string,
    f: { rating: number; comment: string },
  ): Promise<'ok' | 'early' | 'given' | null> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const e = await engagementsRepository.forParticipant(em, id, memberId);
      if (!e) return null;
      if (e.status === 'active') return 'early';
      const added = await engagementsRepository.addFeedback(em, {
        tenantId: tenant.id,
        engagementId: e.id,
        memberId,
        ...f,
        now,
      });
      return added ? 'ok' : 'given';
    });
  }

  /** The check-in a signed link points at, whoever opens it (the token is the credential). */
  checkinByToken(token: string): Promise<(CheckinRow & { otherName: string }) | null> {
    return this.tx.run(async (em) => {
      const c = await engagementsRepository.checkinByToken(em, hashToken(token));
      if (!c) return null;
      const [row] = (await em.query(
        `SELECT CASE WHEN g.mentor_id = $2 THEN e.name ELSE m.name END AS "otherName"
           FROM engagements g JOIN users e ON e.id = g.entrepreneur_id JOIN users m ON m.id = g.mentor_id
          WHERE g.id = $1`,
        [c.engagementId, c.memberId],
      )) as { otherName: string }[];
      return { ...c, otherName: row?.otherName ?? '' };
    });
  }

  /** Answers a check-in once; false when already answered or expired. */
  answerCheckin(
    checkinId: string,
    memberId: string,
    a: { met: boolean; feeling: Feeling | null },
  ): Promise<boolean> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const ok = await engagementsRepository.answerCheckin(em, checkinId, { ...a, now });
      if (ok) await requestsRepository.touch(em, memberId, now);
      return ok;
    });
  }

  mentoringTime(mentorId: string): Promise<{ minutes: number; meetings: number }> {
    return this.tx.run((em) => engagementsRepository.mentoringTime(em, mentorId));
  }

  /**
   * Answers the viewer's open check-in in one of their engagements (from the
   * page, signed in): false when none is open, null when the engagement is not theirs.
   */
  answerOwnCheckin(
    memberId: string,
    engagementId: string,
    a: { met: boolean; feeling: Feeling | null },
  ): Promise<boolean | null> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      if (!(await engagementsRepository.forParticipant(em, engagementId, memberId))) return null;
      const open = await engagementsRepository.openCheckin(em, engagementId, memberId, now);
      if (!open || !(await engagementsRepository.answerCheckin(em, open.id, { ...a, now })))
        return false;
      await requestsRepository.touch(em, memberId, now);
      return true;
    });
  }

  isHeld(mentorId: string): Promise<boolean> {
    return this.tx.run((em) => engagementsRepository.isHeld(em, mentorId));
  }

  /** The mentor answers "yes, I continue" after being held for silence. */
  release(mentorId: string): Promise<boolean> {
    const now = this.clock.now();
    return this.tx.run((em) => engagementsRepository.release(em, mentorId, now));
  }

  /** Background: each side of every engagement due gets a single-use check-in link. */
  async sendCheckinsDue(em: EntityManager, tenant: ResolvedTenant, now: Date): Promise<number> {
    const rules = tenant.config.programme.checkins;
    const due = await engagementsRepository.takeCheckinsDue(em, now, rules.everyDays);
    for (const e of due) {
      for (const side of [
        { memberId: e.mentorId, otherName: e.entrepreneurName },
        { memberId: e.entrepreneurId, otherName: e.mentorName },
      ]) {
        const { token, hash } = newToken();
        await engagementsRepository.addCheckin(em, {
          tenantId: tenant.id,
          engagementId: e.id,
          memberId: side.memberId,
          tokenHash: hash,
          now,
          expiresAt: addDays(now, CHECKIN_LINK_DAYS),
        });
        await notificationsRepository.notify(
          em,
          tenant,
          {
            recipientId: side.memberId,
            kind: 'reminders',
            template: 'checkin',
            unbatchable: true,
            data: {
              link: `${tenant.canonicalOrigin}/checkins/${token}`,
              otherName: side.otherName,
              expiresInDays: CHECKIN_LINK_DAYS,
            },
          },
          now,
        );
      }
    }
    return due.length;
  }

  /** Background: mentors silent past the programme's threshold stop getting new requests and are asked. */
  async holdSilentMentors(em: EntityManager, tenant: ResolvedTenant, now: Date): Promise<number> {
    const silent = await engagementsRepository.silentMentors(
      em,
      now,
      tenant.config.programme.checkins.silenceDays,
    );
    const until = isoDate(addDays(now, HOLD_DAYS));
    const held = await engagementsRepository.hold(
      em,
      silent.map((m) => m.mentorId),
      until,
      now,
    );
    for (const mentorId of held) {
      await notificationsRepository.notify(
        em,
        tenant,
        {
          recipientId: mentorId,
          kind: 'reminders',
          template: 'mentor-held',
          unbatchable: true,
          data: { link: `${tenant.canonicalOrigin}/mentoring`, pausedUntil: until },
        },
        now,
      );
    }
    return held.length;
  }
}

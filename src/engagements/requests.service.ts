import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, CLOCK, HOUR_MS, isoDate, type Clock } from '../common/clock';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { TenantMailTx } from '../infrastructure/mail/tenant-mail-tx';
import type { Viewer } from '../identity/user';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { conversationsRepository } from './conversations.repository';
import { engagementsRepository } from './engagements.repository';
import { notificationsRepository } from './notifications';
import {
  requestsRepository,
  type DeclineReason,
  type MentoringRequest,
  type Party,
} from './requests.repository';

export type RequestRefusal =
  /** The entrepreneur already has the programme's maximum of open requests. */
  | 'too_many_open'
  /** This pair already has an open request or an active engagement. */
  | 'already_asked'
  | 'already_connected'
  /** The mentor has no place left, or is paused. */
  | 'mentor_full'
  | 'mentor_paused'
  /** Mentors inviting entrepreneurs is switched off in this programme. */
  | 'invites_off'
  /** No longer open (answered, expired or withdrawn meanwhile). */
  | 'not_open';

export type Outcome<T = string> =
  { kind: 'ok'; id: T } | { kind: 'refused'; reason: RequestRefusal };

/** Whoever has to answer: the mentor for an entrepreneur's request, the entrepreneur for an invitation. */
export function answererOf(r: MentoringRequest): string {
  return r.initiatedBy === 'entrepreneur' ? r.mentorId : r.entrepreneurId;
}

export function initiatorOf(r: MentoringRequest): string {
  return r.initiatedBy === 'entrepreneur' ? r.entrepreneurId : r.mentorId;
}

const EXCERPT_LENGTH = 300;
const excerpt = (text: string) =>
  text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;

const isActiveWithRole = (p: Party | null, role: string): p is Party =>
  !!p && p.status === 'active' && p.roles.includes(role);

/**
 * Mentoring requests: an entrepreneur asks a mentor (or a mentor invites an
 * entrepreneur) with a personal message; the other side accepts, which opens
 * an engagement and the pair's conversation, or declines. Unanswered
 * requests are recalled halfway and expire; nothing here waits on a timer of
 * its own (see ConnectingScheduler).
 */
@Injectable()
export class RequestsService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(TenantMailTx) private readonly mailTx: TenantMailTx,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Another member as the counterpart of a request: active, holding `role`, or null (a 404). */
  counterpart(memberId: string, role: 'mentor' | 'entrepreneur'): Promise<Party | null> {
    return this.tx.run(async (em) => {
      const p = await requestsRepository.party(em, memberId);
      return isActiveWithRole(p, role) ? p : null;
    });
  }

  /** What a new request to this mentor would run into, before anything is typed. */
  async preflight(
    tenant: ResolvedTenant,
    entrepreneurId: string,
    mentorId: string,
    initiatedBy: 'entrepreneur' | 'mentor',
  ): Promise<{ open: number; refusal: RequestRefusal | null }> {
    return this.tx.run(async (em) => {
      const open = await requestsRepository.openSentBy(em, entrepreneurId);
      const refusal = await this.refusal(em, tenant, entrepreneurId, mentorId, open, initiatedBy);
      return { open, refusal };
    });
  }

  private async refusal(
    em: EntityManager,
    tenant: ResolvedTenant,
    entrepreneurId: string,
    mentorId: string,
    openSent: number,
    initiatedBy: 'entrepreneur' | 'mentor',
  ): Promise<RequestRefusal | null> {
    const pair = await requestsRepository.pairState(em, entrepreneurId, mentorId);
    // A block answers like a full mentor: the blocked person learns nothing.
    if (pair === 'blocked') return 'mentor_full';
    if (pair === 'open') return 'already_asked';
    if (pair === 'active') return 'already_connected';
    if (
      initiatedBy === 'entrepreneur' &&
      openSent >= tenant.config.programme.openRequestsPerEntrepreneur
    )
      return 'too_many_open';
    const load = await requestsRepository.mentorLoad(em, mentorId, false);
    if (!load || load.activeCount >= load.capacity) return 'mentor_full';
    if (load.pausedUntil && load.pausedUntil > isoDate(this.clock.now())) return 'mentor_paused';
    return null;
  }

  /** An entrepreneur asks a mentor (initiatedBy 'entrepreneur') or a mentor invites an entrepreneur. */
  async send(
    tenant: ResolvedTenant,
    from: Viewer,
    to: Party,
    initiatedBy: 'entrepreneur' | 'mentor',
    message: string,
  ): Promise<Outcome> {
    if (initiatedBy === 'mentor' && !tenant.config.programme.features.mentorInvitesEntrepreneurs)
      return { kind: 'refused', reason: 'invites_off' };
    const [entrepreneurId, mentorId] =
      initiatedBy === 'entrepreneur' ? [from.id, to.id] : [to.id, from.id];
    const now = this.clock.now();
    return this.mailTx.run(async (em) => {
      await requestsRepository.lockMember(em, entrepreneurId);
      const open = await requestsRepository.openSentBy(em, entrepreneurId);
      const refusal = await this.refusal(em, tenant, entrepreneurId, mentorId, open, initiatedBy);
      if (refusal) return { kind: 'refused', reason: refusal };
      const expiryDays = tenant.config.programme.requestExpiryDays;
      const id = await requestsRepository.insert(em, {
        tenantId: tenant.id,
        entrepreneurId,
        mentorId,
        initiatedBy,
        message,
        now,
        expiresAt: addDays(now, expiryDays),
      });
      if (initiatedBy === 'mentor') await requestsRepository.touch(em, from.id, now);
      await notificationsRepository.notify(
        em,
        tenant,
        {
          recipientId: to.id,
          kind: 'requests',
          template: 'request-received',
          data: {
            link: `${tenant.canonicalOrigin}/requests/${id}`,
            fromName: from.name,
            invited: initiatedBy === 'mentor',
            excerpt: excerpt(message),
            expiresInDays: expiryDays,
          },
        },
        now,
      );
      return { kind: 'ok', id };
    });
  }

  list(memberId: string): Promise<MentoringRequest[]> {
    return this.tx.run((em) => requestsRepository.listFor(em, memberId));
  }

  find(id: string, memberId: string): Promise<MentoringRequest | null> {
    return this.tx.run((em) => requestsRepository.forParticipant(em, id, memberId));
  }

  /**
   * Accepts: the engagement opens, the mentor's place is taken, and the pair's
   * conversation starts with the request's message. Refused when the mentor
   * has no place left (checked under a lock on the mentor's profile).
   */
  async accept(tenant: ResolvedTenant, viewer: Viewer, id: string): Promise<Outcome | null> {
    const now = this.clock.now();
    return this.mailTx.run(async (em) => {
      const r = await requestsRepository.forParticipant(em, id, viewer.id);
      if (!r || answererOf(r) !== viewer.id) return null;
      if (r.status !== 'open') return { kind: 'refused', reason: 'not_open' };
      const load = await requestsRepository.mentorLoad(em, r.mentorId, true);
      if (!load || load.activeCount >= load.capacity)
        return { kind: 'refused', reason: 'mentor_full' };
      if (!(await requestsRepository.close(em, r.id, 'accepted', now)))
        return { kind: 'refused', reason: 'not_open' };
      const engagementId = await engagementsRepository.insert(em, {
        tenantId: tenant.id,
        requestId: r.id,
        entrepreneurId: r.entrepreneurId,
        mentorId: r.mentorId,
        now,
        firstCheckinAt: addDays(now, tenant.config.programme.checkins.firstAfterDays),
      });
      await requestsRepository.adjustLoad(em, r.mentorId, 1);
      await this.recordAnswer(em, r, now);
      const conversationId = await conversationsRepository.ensure(
        em,
        tenant.id,
        r.entrepreneurId,
        r.mentorId,
        r.createdAt,
      );
      // The request's message opens the thread, as written; answering it was the acceptance.
      await conversationsRepository.send(em, tenant.id, {
        conversationId,
        senderId: initiatorOf(r),
        body: r.message,
        now: new Date(r.createdAt),
      });
      await conversationsRepository.settle(em, conversationId, viewer.id, now);
      await this.tellInitiator(em, tenant, r, 'accepted', now, `/engagements/${engagementId}`);
      return { kind: 'ok', id: engagementId };
    });
  }

  /** Declines with a private reason; a mentor may pause new requests in the same step. */
  async decline(
    tenant: ResolvedTenant,
    viewer: Viewer,
    id: string,
    reason: DeclineReason,
    pauseUntil: string | null,
  ): Promise<Outcome | null> {
    const now = this.clock.now();
    return this.mailTx.run(async (em) => {
      const r = await requestsRepository.forParticipant(em, id, viewer.id);
      if (!r || answererOf(r) !== viewer.id) return null;
      if (!(await requestsRepository.close(em, r.id, 'declined', now, reason)))
        return { kind: 'refused', reason: 'not_open' };
      await this.recordAnswer(em, r, now);
      if (pauseUntil && viewer.id === r.mentorId) {
        await em.query(`UPDATE mentor_profiles SET paused_until = $2 WHERE user_id = $1`, [
          r.mentorId,
          pauseUntil,
        ]);
      }
      // The reason stays with the one who declined; spam and abuse go to the report form.
      await this.tellInitiator(em, tenant, r, 'declined', now, `/requests/${r.id}`);
      return { kind: 'ok', id: r.id };
    });
  }

  async withdraw(viewer: Viewer, id: string): Promise<Outcome | null> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const r = await requestsRepository.forParticipant(em, id, viewer.id);
      if (!r || initiatorOf(r) !== viewer.id) return null;
      if (!(await requestsRepository.close(em, r.id, 'withdrawn', now)))
        return { kind: 'refused', reason: 'not_open' };
      return { kind: 'ok', id: r.id };
    });
  }

  /** A mentor answering (or letting a request expire) counts towards "usually replies within …". */
  private async recordAnswer(
    em: EntityManager,
    r: MentoringRequest,
    now: Date,
    answered = true,
  ): Promise<void> {
    if (r.initiatedBy !== 'entrepreneur') return;
    const hours = (now.getTime() - new Date(r.createdAt).getTime()) / HOUR_MS;
    await requestsRepository.recordReply(em, r.mentorId, hours, now, answered);
  }

  private async tellInitiator(
    em: EntityManager,
    tenant: ResolvedTenant,
    r: MentoringRequest,
    outcome: 'accepted' | 'declined' | 'expired',
    now: Date,
    path: string,
  ): Promise<void> {
    const fromEntrepreneur = r.initiatedBy === 'entrepreneur';
    // A mentor whose invitation was not taken up sees it on their mentoring page;
    // the mail's "other mentors who fit" is for entrepreneurs.
    if (!fromEntrepreneur && outcome !== 'accepted') return;
    await notificationsRepository.notify(
      em,
      tenant,
      {
        recipientId: initiatorOf(r),
        kind: 'requests',
        template: 'request-answered',
        data: {
          link: `${tenant.canonicalOrigin}${path}`,
          otherName: fromEntrepreneur ? r.mentorName : r.entrepreneurName,
          outcome,
        },
      },
      now,
    );
  }

  /** Background: expires what waited too long (an expired request counts as a slow reply). */
  async expireDue(em: EntityManager, tenant: ResolvedTenant, now: Date): Promise<number> {
    const expired = await requestsRepository.expireDue(em, now);
    for (const r of expired) {
      await this.recordAnswer(em, r, now, false);
      await this.tellInitiator(em, tenant, r, 'expired', now, `/requests/${r.id}`);
    }
    return expired.length;
  }

  /** Background: reminds whoever has to answer, halfway to expiry. */
  async remindDue(em: EntityManager, tenant: ResolvedTenant, now: Date): Promise<number> {
    const due = await requestsRepository.remindDue(em, now);
    for (const r of due) {
      const daysLeft = Math.max(
        1,
        Math.ceil((new Date(r.expiresAt).getTime() - now.getTime()) / (24 * HOUR_MS)),
      );
      await notificationsRepository.notify(
        em,
        tenant,
        {
          recipientId: answererOf(r),
          kind: 'reminders',
          template: 'request-reminder',
          data: {
            link: `${tenant.canonicalOrigin}/requests/${r.id}`,
            fromName: r.initiatedBy === 'entrepreneur' ? r.entrepreneurName : r.mentorName,
            daysLeft,
          },
        },
        now,
      );
    }
    return due.length;
  }
}

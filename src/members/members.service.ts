import { Inject, Injectable } from '@nestjs/common';
import type { LocaleCode } from '../branding/theme-contract';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { enqueueMail } from '../infrastructure/mail/mail-outbox';
import { TenantMailTx } from '../infrastructure/mail/tenant-mail-tx';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { eligibilityRefusal } from '../identity/eligibility';
import { hashPassword } from '../identity/passwords';
import { hashToken, newToken } from '../identity/tokens';
import type { Role, Viewer } from '../identity/user';
import { usersRepository } from '../identity/users.repository';
import type { InvitationRow } from './invitation-rows';
import {
  invitationsRepository,
  membersRepository,
  type MemberSummary,
  type OpenInvitation,
} from './members.repository';

const INVITATION_TTL_HOURS = 7 * 24;

/** What happened to one row of an invitation request, for the report page. */
export type InvitationOutcome =
  'invited' | 'member' | 'reinvited' | 'duplicate' | 'invalid_email' | 'invalid_role';

export interface InvitationReportRow {
  line: number;
  email: string;
  outcome: InvitationOutcome;
}

/** Not found covers missing, another tenant's and malformed ids alike. */
export type MemberActionResult =
  | { kind: 'ok' }
  | { kind: 'not_found' }
  | { kind: 'refused'; reason: 'own_admin' | 'no_role' | 'self' | 'not_pending' };

export interface AcceptInput {
  name: string;
  password: string;
  locale: LocaleCode;
  country: string;
}

export type AcceptResult =
  | { kind: 'accepted' }
  | { kind: 'invalid' }
  | { kind: 'member' }
  | { kind: 'refused'; reason: 'mentor_email_domain' };

/**
 * A tenant's members as its admins manage them: approvals, roles, suspension
 * and invitations. Callers have already checked that the viewer is an active
 * admin of the request's tenant; every statement runs in that tenant's
 * transaction, so another tenant's member is simply not there.
 */
@Injectable()
export class MembersService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(TenantMailTx) private readonly mailTx: TenantMailTx,
  ) {}

  async list(tenant: ResolvedTenant): Promise<MemberSummary[]> {
    return this.tx.run((em) => membersRepository.list(em, tenant.id));
  }

  /** Approves or declines a member waiting for approval, and tells them by email. */
  async decide(
    tenant: ResolvedTenant,
    memberId: string,
    decision: { approved: boolean; reason?: string },
  ): Promise<MemberActionResult> {
    return this.mailTx.run(async (em) => {
      const member = await membersRepository.find(em, tenant.id, memberId);
      if (!member) return { kind: 'not_found' };
      const to = decision.approved ? 'active' : 'declined';
      if (!(await membersRepository.setStatus(em, tenant.id, member.id, ['pending_approval'], to)))
        return { kind: 'refused', reason: 'not_pending' };
      await enqueueMail(em, tenant.id, {
        to: member.email,
        locale: member.locale as LocaleCode,
        template: 'approval-decided',
        data: {
          approved: decision.approved,
          link: `${tenant.canonicalOrigin}/login`,
          name: member.name,
          ...(!decision.approved && decision.reason ? { reason: decision.reason } : {}),
        },
      });
      if (!decision.approved) await usersRepository.endSessions(em, member.id);
      return { kind: 'ok' };
    });
  }

  async setRoles(
    tenant: ResolvedTenant,
    admin: Viewer,
    memberId: string,
    roles: Role[],
  ): Promise<MemberActionResult> {
    return this.tx.run(async (em) => {
      const member = await membersRepository.find(em, tenant.id, memberId);
      if (!member) return { kind: 'not_found' };
      if (roles.length === 0) return { kind: 'refused', reason: 'no_role' };
      // Nobody locks themselves out of the admin pages by accident.
      if (member.id === admin.id && !roles.includes('admin'))
        return { kind: 'refused', reason: 'own_admin' };
      await membersRepository.setRoles(em, tenant.id, member.id, roles);
      return { kind: 'ok' };
    });
  }

  /** Suspending ends every session of the member at once; reinstating lets them log in again. */
  async setSuspended(
    tenant: ResolvedTenant,
    admin: Viewer,
    memberId: string,
    suspended: boolean,
  ): Promise<MemberActionResult> {
    return this.tx.run(async (em) => {
      const member = await membersRepository.find(em, tenant.id, memberId);
      if (!member) return { kind: 'not_found' };
      if (member.id === admin.id) return { kind: 'refused', reason: 'self' };
      if (suspended) {
        await membersRepository.setStatus(
          em,
          tenant.id,
          member.id,
          ['active', 'pending_approval'],
          'suspended',
        );
        await usersRepository.endSessions(em, member.id);
      } else {
        await membersRepository.setStatus(em, tenant.id, member.id, ['suspended'], 'active');
      }
      return { kind: 'ok' };
    });
  }

  /**
   * Invites every valid row in one transaction and mails each a fresh
   * single-use link; an address already invited gets a new link (the old one
   * stops working), an existing member gets nothing.
   */
  async invite(
    tenant: ResolvedTenant,
    admin: Viewer,
    rows: InvitationRow[],
  ): Promise<InvitationReportRow[]> {
    return this.mailTx.run(async (em) => {
      const seen = new Set<string>();
      const report: InvitationReportRow[] = [];
      for (const row of rows) {
        if (row.kind !== 'ok') {
          report.push({ line: row.line, email: row.email, outcome: row.kind });
          continue;
        }
        const key = row.email.toLowerCase();
        if (seen.has(key)) {
          report.push({ line: row.line, email: row.email, outcome: 'duplicate' });
          continue;
        }
        seen.add(key);
        if (await membersRepository.emailTaken(em, tenant.id, row.email)) {
          report.push({ line: row.line, email: row.email, outcome: 'member' });
          continue;
        }
        const { token, hash } = newToken();
        const how = await invitationsRepository.upsert(em, tenant.id, {
          email: row.email,
          roles: row.roles,
          invitedBy: admin.id,
          tokenHash: hash,
          ttlMs: INVITATION_TTL_HOURS * 3600_000,
        });
        await enqueueMail(em, tenant.id, {
          to: row.email,
          // The invitee's language is not known yet: the programme's own.
          locale: tenant.config.locale.default,
          template: 'invitation',
          data: {
            link: `${tenant.canonicalOrigin}/invitations/accept?token=${encodeURIComponent(token)}`,
            inviterName: admin.name,
            ...(row.roles.length === 1 ? { role: row.roles[0] } : {}),
            expiresInHours: INVITATION_TTL_HOURS,
          },
        });
        report.push({
          line: row.line,
          email: row.email,
          outcome: how === 'created' ? 'invited' : 'reinvited',
        });
      }
      return report;
    });
  }

  async usableInvitation(tenant: ResolvedTenant, token: string): Promise<OpenInvitation | null> {
    return this.tx.run((em) => invitationsRepository.findUsable(em, tenant.id, hashToken(token)));
  }

  /**
   * Creates the invited account: verified (the link was mailed to the address),
   * active, in the invited roles. Invite-only and approval rules do not apply to
   * an invitation; a corporate programme's email-domain rule for mentors does.
   */
  async accept(tenant: ResolvedTenant, token: string, input: AcceptInput): Promise<AcceptResult> {
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async (em) => {
      const invitation = await invitationsRepository.findUsable(
        em,
        tenant.id,
        hashToken(token),
        true,
      );
      if (!invitation) return { kind: 'invalid' };
      const rules = tenant.config.programme;
      if (
        rules.mentorEligibility.mode === 'email-domain' &&
        eligibilityRefusal(rules, invitation.roles, invitation.email) === 'mentor_email_domain'
      ) {
        return { kind: 'refused', reason: 'mentor_email_domain' };
      }
      await invitationsRepository.markAccepted(em, tenant.id, invitation.id);
      if (await membersRepository.emailTaken(em, tenant.id, invitation.email))
        return { kind: 'member' };
      await usersRepository.insert(em, tenant.id, {
        email: invitation.email,
        passwordHash,
        name: input.name,
        locale: input.locale,
        country: input.country,
        roles: invitation.roles,
        status: 'active',
        verified: true,
      });
      return { kind: 'accepted' };
    });
  }
}

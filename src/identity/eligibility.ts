import type { ProgrammeRules } from '../tenancy/config/tenant-config.schema';
import type { Role, UserStatus } from './user';

export type EligibilityRefusal =
  'mentor_email_domain' | 'mentor_invite_only' | 'entrepreneur_invite_only';

/** The tenant's rules for who may join in which role; null means eligible. */
export function eligibilityRefusal(
  rules: ProgrammeRules,
  roles: readonly Role[],
  email: string,
): EligibilityRefusal | null {
  if (roles.includes('mentor')) {
    const { mode, allowedEmailDomains } = rules.mentorEligibility;
    if (mode === 'invite-only') return 'mentor_invite_only';
    if (mode === 'email-domain') {
      const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
      if (!allowedEmailDomains.includes(domain)) return 'mentor_email_domain';
    }
  }
  if (roles.includes('entrepreneur') && rules.entrepreneurEligibility.mode === 'invite-only') {
    return 'entrepreneur_invite_only';
  }
  return null;
}

/** New members wait for a tenant admin when any role they asked for needs approval. */
export function initialStatus(rules: ProgrammeRules, roles: readonly Role[]): UserStatus {
  const needsApproval =
    (roles.includes('mentor') && rules.approvalRequired.mentors) ||
    (roles.includes('entrepreneur') && rules.approvalRequired.entrepreneurs);
  return needsApproval ? 'pending_approval' : 'active';
}

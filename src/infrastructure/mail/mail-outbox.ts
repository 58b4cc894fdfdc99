import type { EntityManager } from 'typeorm';
import { isLocale } from '../../branding/i18n/locales';
import type { LocaleCode } from '../../branding/theme-contract';

export const MAIL_TEMPLATES = [
  'verify-email',
  'password-reset',
  'approval-decided',
  'email-change-confirm',
  'email-change-notice',
  'invitation',
  'request-received',
  'request-answered',
  'request-reminder',
  'new-message',
  'checkin',
  'digest',
  'mentor-held',
  'engagement-ended',
  'moderation-warning',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export type MailData = Record<string, string | number | boolean | null>;

export interface OutgoingMail {
  to: string;
  locale: LocaleCode;
  template: MailTemplate;
  data: MailData;
}

/**
 * What each template reads from `data`. `link` is always an absolute http(s)
 * URL built from the tenant's canonical origin; `expiresInHours` (a number)
 * adds a "this link expires in …" line to the templates that carry a link.
 */
export const MAIL_TEMPLATE_FIELDS: Record<
  MailTemplate,
  { required: readonly string[]; optional: readonly string[] }
> = {
  'verify-email': { required: ['link'], optional: ['name', 'expiresInHours'] },
  'password-reset': { required: ['link'], optional: ['name', 'expiresInHours'] },
  /** approved: boolean; reason: the organisation's note, shown when declined; link: where to log in. */
  'approval-decided': { required: ['approved', 'link'], optional: ['name', 'reason'] },
  /** Sent to the new address. */
  'email-change-confirm': { required: ['link'], optional: ['name', 'expiresInHours'] },
  /** Sent to the old address; newEmail may be masked by the caller; link: account security page. */
  'email-change-notice': { required: ['newEmail'], optional: ['name', 'link'] },
  /** role: 'mentor' | 'entrepreneur'; inviterName: who invited them. */
  invitation: {
    required: ['link'],
    optional: ['name', 'inviterName', 'role', 'expiresInHours'],
  },
  /** fromName: who asks; invited: true when a mentor invites an entrepreneur; excerpt: the message's start. */
  'request-received': {
    required: ['link', 'fromName'],
    optional: ['name', 'invited', 'excerpt', 'expiresInDays'],
  },
  /** outcome: 'accepted' | 'declined' | 'expired' (never the private reason); link: next steps. */
  'request-answered': { required: ['link', 'otherName', 'outcome'], optional: ['name'] },
  /** Halfway to expiry, to whoever has to answer. */
  'request-reminder': { required: ['link', 'fromName'], optional: ['name', 'daysLeft'] },
  /** At most one per conversation per hour while unread; count: unread messages. */
  'new-message': { required: ['link', 'fromName'], optional: ['name', 'excerpt', 'count'] },
  /** link: the signed single-use answer page; the mail adds `?met=yes|no`. */
  checkin: { required: ['link', 'otherName'], optional: ['name', 'expiresInDays'] },
  /** Counts of what waited for the daily digest. */
  digest: { required: ['link'], optional: ['name', 'requests', 'messages', 'reminders'] },
  /** New requests are paused after silence; link: where to say "I continue". */
  'mentor-held': { required: ['link'], optional: ['name', 'pausedUntil'] },
  /** outcome: 'completed' | 'closed'; link: the engagement, for feedback. */
  'engagement-ended': { required: ['link', 'otherName', 'outcome'], optional: ['name'] },
  /** A moderator's warning after a report; never says who reported. */
  'moderation-warning': { required: ['link'], optional: ['name'] },
};

export class InvalidMailError extends Error {}

export function isMailTemplate(value: unknown): value is MailTemplate {
  return typeof value === 'string' && (MAIL_TEMPLATES as readonly string[]).includes(value);
}

export function isAbsoluteHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || /[\s<>"'\\]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username;
  } catch {
    return false;
  }
}

// One address, no display name, nothing a header could be split on.
const ADDRESS = /^[^\s@<>",;:()[\]\\]+@[^\s@<>",;:()[\]\\]+\.[^\s@<>",;:()[\]\\]+$/;

/** Rejects a mail the worker could never render or deliver: a caller's bug fails its own transaction. */
export function assertValidMail(mail: OutgoingMail): void {
  const problems: string[] = [];
  if (!ADDRESS.test(mail.to) || mail.to.length > 254) problems.push('to: not a single address');
  if (!isLocale(mail.locale)) problems.push(`locale: ${String(mail.locale)} is not supported`);
  if (!isMailTemplate(mail.template)) {
    problems.push(`template: ${String(mail.template)} is unknown`);
  } else {
    const fields = MAIL_TEMPLATE_FIELDS[mail.template];
    for (const key of fields.required) {
      if (mail.data[key] === undefined || mail.data[key] === null)
        problems.push(`data.${key}: required`);
    }
    for (const key of Object.keys(mail.data)) {
      if (!fields.required.includes(key) && !fields.optional.includes(key)) {
        problems.push(`data.${key}: not used by ${mail.template}`);
      }
    }
  }
  if (mail.data.link != null && !isAbsoluteHttpUrl(mail.data.link)) {
    problems.push('data.link: must be an absolute http(s) URL');
  }
  if (mail.data.expiresInHours != null && typeof mail.data.expiresInHours !== 'number') {
    problems.push('data.expiresInHours: must be a number');
  }
  if (problems.length) throw new InvalidMailError(`invalid mail: ${problems.join('; ')}`);
}

/** Writes the mail in the caller's transaction (an EntityManager from TenantTx/runInTenant, so RLS sets tenant_id). */
export async function enqueueMail(
  em: EntityManager,
  tenantId: string,
  mail: OutgoingMail,
): Promise<void> {
  assertValidMail(mail);
  // RLS's WITH CHECK rejects the row unless em is in this tenant's context.
  await em.query(
    `INSERT INTO mail_outbox (tenant_id, recipient, locale, template, data)
     VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [tenantId, mail.to, mail.locale, mail.template, JSON.stringify(mail.data)],
  );
}

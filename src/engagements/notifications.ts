import { modify } from '../infrastructure/database/returned-rows';
import type { EntityManager } from 'typeorm';
import { negotiateLocale } from '../branding/i18n/locales';
import type { LocaleCode } from '../branding/theme-contract';
import { HOUR_MS } from '../common/clock';
import { enqueueMail, type MailData, type MailTemplate } from '../infrastructure/mail/mail-outbox';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';

export const NOTIFICATION_KINDS = ['requests', 'messages', 'reminders'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_MODES = ['immediate', 'daily', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];
export type NotificationPrefs = Record<NotificationKind, NotificationMode>;

export const DEFAULT_PREFS: NotificationPrefs = {
  requests: 'immediate',
  messages: 'immediate',
  reminders: 'immediate',
};

/** New-message mail: at most one per conversation per hour while it stays unread. */
export const MESSAGE_MAIL_INTERVAL_MS = HOUR_MS;
/** A digest goes out once its oldest item has waited this long (so at most one a day). */
export const DIGEST_AFTER_MS = 24 * HOUR_MS;

export interface Notification {
  recipientId: string;
  kind: NotificationKind;
  template: MailTemplate;
  /** Everything but the recipient's name, which is added here. */
  data: MailData;
  /**
   * Carries a single-use link that a digest cannot hold (only its hash is
   * kept): mailed as it comes even to members on the daily digest.
   */
  unbatchable?: boolean;
}

export type NotifyOutcome = 'mailed' | 'digest' | 'off';

export function isNotificationMode(value: unknown): value is NotificationMode {
  return (NOTIFICATION_MODES as readonly unknown[]).includes(value);
}

/** An active member to mail, with their choice for `kind`; null for anyone else. */
async function recipientOf(
  em: EntityManager,
  memberId: string,
  kind: NotificationKind,
): Promise<{ email: string; name: string; locale: string; mode: NotificationMode } | null> {
  const [row] = (await em.query(
    `SELECT u.email, u.name, u.locale, coalesce(p.mode, 'immediate') AS mode
       FROM users u
       LEFT JOIN notification_prefs p ON p.member_id = u.id AND p.kind = $2
      WHERE u.id = $1 AND u.status = 'active'`,
    [memberId, kind],
  )) as { email: string; name: string; locale: string; mode: NotificationMode }[];
  return row ?? null;
}

export const notificationsRepository = {
  async prefs(em: EntityManager, memberId: string): Promise<NotificationPrefs> {
    const rows = (await em.query(`SELECT kind, mode FROM notification_prefs WHERE member_id = $1`, [
      memberId,
    ])) as { kind: NotificationKind; mode: NotificationMode }[];
    const prefs = { ...DEFAULT_PREFS };
    for (const r of rows) prefs[r.kind] = r.mode;
    return prefs;
  },

  async savePrefs(
    em: EntityManager,
    tenantId: string,
    memberId: string,
    prefs: NotificationPrefs,
  ): Promise<void> {
    await em.query(
      `INSERT INTO notification_prefs (tenant_id, member_id, kind, mode)
       SELECT $1, $2, k, m FROM unnest($3::text[], $4::text[]) AS p(k, m)
       ON CONFLICT (tenant_id, member_id, kind) DO UPDATE SET mode = EXCLUDED.mode`,
      [tenantId, memberId, [...NOTIFICATION_KINDS], NOTIFICATION_KINDS.map((k) => prefs[k])],
    );
  },

  /**
   * Mails the recipient now, keeps it for their daily digest, or drops it,
   * as they chose for this kind. Inside the caller's transaction, so the mail
   * exists exactly when the change it is about does.
   */
  async notify(
    em: EntityManager,
    tenant: ResolvedTenant,
    n: Notification,
    now: Date,
  ): Promise<NotifyOutcome> {
    const recipient = await recipientOf(em, n.recipientId, n.kind);
    if (!recipient || recipient.mode === 'off') return 'off';
    if (recipient.mode === 'daily' && !n.unbatchable) {
      await em.query(
        `INSERT INTO notification_digest (tenant_id, member_id, kind, item, created_at)
         VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [tenant.id, n.recipientId, n.kind, JSON.stringify({ template: n.template }), now],
      );
      return 'digest';
    }
    await enqueueMail(em, tenant.id, {
      to: recipient.email,
      locale: localeOf(tenant, recipient.locale),
      template: n.template,
      data: { ...n.data, name: recipient.name },
    });
    return 'mailed';
  },

  /** Members whose oldest waiting item is a day old. */
  async digestsDue(em: EntityManager, now: Date): Promise<string[]> {
    const rows = (await em.query(
      `SELECT member_id FROM notification_digest
        GROUP BY member_id HAVING min(created_at) <= $1`,
      [new Date(now.getTime() - DIGEST_AFTER_MS)],
    )) as { member_id: string }[];
    return rows.map((r) => r.member_id);
  },

  /** Takes a member's waiting items (deleting them) and mails one digest of them. */
  async sendDigest(em: EntityManager, tenant: ResolvedTenant, memberId: string): Promise<boolean> {
    const taken = (await modify(
      em,
      `DELETE FROM notification_digest WHERE member_id = $1 RETURNING kind`,
      [memberId],
    )) as { kind: NotificationKind }[];
    if (taken.length === 0) return false;
    const recipient = await recipientOf(em, memberId, 'messages');
    if (!recipient) return false;
    const count = (kind: NotificationKind) => taken.filter((t) => t.kind === kind).length;
    await enqueueMail(em, tenant.id, {
      to: recipient.email,
      locale: localeOf(tenant, recipient.locale),
      template: 'digest',
      data: {
        link: `${tenant.canonicalOrigin}/messages`,
        name: recipient.name,
        requests: count('requests'),
        messages: count('messages'),
        reminders: count('reminders'),
      },
    });
    return true;
  },
};

/** The member's language if the tenant still offers it, else the tenant's default. */
export function localeOf(tenant: ResolvedTenant, locale: string): LocaleCode {
  const { supported, default: fallback } = tenant.config.locale;
  return negotiateLocale({ choice: locale, supported, fallback });
}

import { returnedRows } from '../database/returned-rows';
import { loadTenantById } from '../../tenancy/resolution/tenant-registry';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { EmailRenderer } from '../../branding/emails/email-renderer';
import { isLocale } from '../../branding/i18n/locales';
import type { ResolvedTenant } from '../../tenancy/resolution/resolved-tenant';
import type { Database } from '../database/database';
import { runInTenant } from '../database/tenant-tx';
import { isMailTemplate, type MailData } from './mail-outbox';
import type { MailMessage, MailTransport } from './mail-transport';

export interface MailWorkerOptions {
  database: Database;
  renderer: EmailRenderer;
  transport: MailTransport;
  logger: Logger;
  /** MAIL_FROM. Its address sends every mail; the display name becomes the tenant's name. */
  from: string;
  pollIntervalMs?: number;
  /** Rows claimed per tenant at a time. */
  batchSize?: number;
  /** How long a claimed ('sending') row is left alone before it is re-queued (a worker crashed mid-send). */
  claimTimeoutMs?: number;
  /** Delay before the next try, given the attempts made so far (≥ 1). */
  retryDelayMs?: (attempts: number) => number;
  /** The clock, for tests. */
  now?: () => Date;
}

export interface DeliveryReport {
  sent: number;
  /** Failed this time and scheduled again. */
  retried: number;
  /** Given up on. */
  failed: number;
}

interface ClaimedMail {
  id: string;
  recipient: string;
  locale: string;
  template: string;
  data: MailData;
  attempts: number;
  created_at: Date;
}

/** A message that is refused (5xx) or cannot be rendered is given up on after this many tries. */
export const MAX_ATTEMPTS = 8;
/** Temporary failures (server unreachable, 4xx) never make us give up before this: mail waits for the server. */
export const MAX_AGE_MS = 3 * 24 * 3600_000;
const DEFAULT_POLL_MS = 1000;
const DEFAULT_BATCH = 20;
const DEFAULT_CLAIM_TIMEOUT_MS = 5 * 60_000;

export function defaultRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

// The server could not be reached or would not talk to us: nothing is wrong
// with the message, and trying the rest of the batch now would only wait.
const UNAVAILABLE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EPROXY',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

export function isTransportUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  if (!e) return false;
  // 421: the server is closing the channel (overloaded, shutting down).
  if (typeof e.responseCode === 'number') return e.responseCode === 421;
  return typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code);
}

/** A 4xx reply or an unreachable server says "later", not "never": only the age limit gives up on it. */
export function isTemporaryFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code === 'number') return code >= 400 && code < 500;
  return isTransportUnavailable(err);
}

function describe(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; responseCode?: unknown };
  const parts = [e?.code, e?.responseCode, e?.message ?? String(err)].filter((p) => p != null);
  return parts.join(' ').slice(0, 1000);
}

/**
 * Delivers the outbox. Each tenant's due rows are claimed in a short
 * transaction (FOR UPDATE SKIP LOCKED, so instances share the work), sent
 * with no transaction open, then marked sent or rescheduled. A claim expires
 * after `claimTimeoutMs`, so a crash mid-send re-queues the row: delivery is
 * at least once, and the Message-ID (the row id) lets a duplicate be spotted.
 */
export class MailWorker {
  private readonly db: Database;
  private readonly renderer: EmailRenderer;
  private readonly transport: MailTransport;
  private readonly logger: Logger;
  private readonly fromAddress: string;
  private readonly messageIdDomain: string;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly claimTimeoutMs: number;
  private readonly retryDelayMs: (attempts: number) => number;
  private readonly now: () => Date;

  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping = false;
  private ticking = false;
  private kicked = false;

  constructor(options: MailWorkerOptions) {
    this.db = options.database;
    this.renderer = options.renderer;
    this.transport = options.transport;
    this.logger = options.logger;
    this.fromAddress = /<([^<>\s]+)>\s*$/.exec(options.from)?.[1] ?? options.from.trim();
    this.messageIdDomain = this.fromAddress.split('@')[1] ?? 'localhost';
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.claimTimeoutMs = options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
    this.retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
    this.now = options.now ?? (() => new Date());
  }

  /** Polls every `pollIntervalMs` (the timer never keeps the process alive). */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.schedule(0);
  }

  /** Delivers soon instead of at the next poll: call it after the transaction that enqueued has committed. */
  kick(): void {
    if (!this.started || this.stopping) return;
    this.kicked = true;
    if (!this.ticking) this.schedule(0);
  }

  /** Stops polling and waits for the batch in hand (claimed rows are sent and marked, no new ones claimed). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** Delivers everything due now, then resolves (tests, and a final flush). */
  drain(): Promise<DeliveryReport> {
    return this.exclusive(() => this.deliverDue());
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.ticking = true;
    this.kicked = false;
    try {
      await this.exclusive(() => this.deliverDue());
    } catch (err) {
      // The database is away, say: the next tick tries again.
      this.logger.warn({ err: describe(err) }, 'mail worker pass failed');
    } finally {
      this.ticking = false;
    }
    if (this.started && !this.stopping) this.schedule(this.kicked ? 0 : this.pollIntervalMs);
  }

  /** One pass at a time per worker, whoever asks (timer, kick, drain). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
    // Only what is due now: a retry scheduled during this pass waits for a later one.
    const cutoff = this.now();
    while (!this.stopping) {
      const tenants = await this.dueTenants(cutoff);
      let claimed = 0;
      for (const tenantId of tenants) {
        if (this.stopping) break;
        const outcome = await this.deliverForTenant(tenantId, cutoff, report);
        claimed += outcome.claimed;
        if (outcome.unavailable) return report;
      }
      // Nothing claimable (none due, or all locked by another instance).
      if (claimed === 0) break;
    }
    return report;
  }

  private async dueTenants(cutoff: Date): Promise<string[]> {
    const rows = (await this.db.app.transaction((em) =>
      em.query(`SELECT tenant_id FROM mail_outbox_due_tenants($1) AS due(tenant_id)`, [cutoff]),
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id);
  }

  private async deliverForTenant(
    tenantId: string,
    cutoff: Date,
    report: DeliveryReport,
  ): Promise<{ claimed: number; unavailable: boolean }> {
    // Loaded before the claim: no other query while a transaction holds the (embedded) connection.
    const tenant = await loadTenantById(this.db, tenantId);
    if (!tenant) return { claimed: 0, unavailable: false };
    const lease = new Date(this.now().getTime() + this.claimTimeoutMs);
    const batch = await runInTenant(this.db, tenantId, (em) =>
      this.claim(em, tenantId, cutoff, lease),
    );

    for (const [index, mail] of batch.entries()) {
      try {
        await this.transport.send(this.compose(tenant, mail));
      } catch (err) {
        await this.reschedule(tenant, mail, err, report);
        if (isTransportUnavailable(err)) {
          // The rest were not tried: back to the queue, with the same delay, uncounted.
          await this.release(tenantId, batch.slice(index + 1), mail);
          return { claimed: batch.length, unavailable: true };
        }
        continue;
      }
      await runInTenant(this.db, tenantId, (em) =>
        em.query(
          `UPDATE mail_outbox
              SET status = 'sent', sent_at = $3, last_error = NULL, data = '{}'::jsonb
            WHERE tenant_id = $1 AND id = $2`,
          [tenantId, mail.id, this.now()],
        ),
      );
      report.sent++;
      this.logger.info(
        { tenant: tenant.slug, mailId: mail.id, template: mail.template, attempts: mail.attempts },
        'mail sent',
      );
    }
    return { claimed: batch.length, unavailable: false };
  }

  private async claim(
    em: EntityManager,
    tenantId: string,
    cutoff: Date,
    lease: Date,
  ): Promise<ClaimedMail[]> {
    const result: unknown = await em.query(
      `WITH due AS (
         SELECT tenant_id, id FROM mail_outbox
          WHERE tenant_id = $1 AND status IN ('pending', 'sending') AND next_attempt_at <= $2
          ORDER BY next_attempt_at
          LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE mail_outbox m
          SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $4
         FROM due
        WHERE m.tenant_id = due.tenant_id AND m.id = due.id
       RETURNING m.id, m.recipient, m.locale, m.template, m.data, m.attempts, m.created_at`,
      [tenantId, cutoff, this.batchSize, lease],
    );
    return returnedRows<ClaimedMail>(result);
  }

  private compose(tenant: ResolvedTenant, mail: ClaimedMail): MailMessage {
    if (!isMailTemplate(mail.template)) throw new Error(`unknown mail template ${mail.template}`);
    const locale = isLocale(mail.locale) ? mail.locale : tenant.config.locale.default;
    const rendered = this.renderer.render(tenant, {
      to: mail.recipient,
      locale,
      template: mail.template,
      data: mail.data,
    });
    return {
      from: { name: tenant.name, address: this.fromAddress },
      to: mail.recipient,
      replyTo: tenant.config.contactEmail,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'Content-Language': locale,
      },
      messageId: `<${mail.id}@${this.messageIdDomain}>`,
    };
  }

  private async reschedule(
    tenant: ResolvedTenant,
    mail: ClaimedMail,
    err: unknown,
    report: DeliveryReport,
  ): Promise<void> {
    const now = this.now();
    const age = now.getTime() - new Date(mail.created_at).getTime();
    const giveUp = age > MAX_AGE_MS || (!isTemporaryFailure(err) && mail.attempts >= MAX_ATTEMPTS);
    // Never due again within the pass that failed it, even with a zero delay.
    const next = new Date(now.getTime() + Math.max(1, this.retryDelayMs(mail.attempts)));
    await runInTenant(this.db, tenant.id, (em) =>
      em.query(
        `UPDATE mail_outbox SET status = $3, next_attempt_at = $4, last_error = $5
          WHERE tenant_id = $1 AND id = $2`,
        [tenant.id, mail.id, giveUp ? 'failed' : 'pending', next, describe(err)],
      ),
    );
    const context = {
      tenant: tenant.slug,
      mailId: mail.id,
      template: mail.template,
      attempts: mail.attempts,
      err: describe(err),
    };
    if (giveUp) {
      report.failed++;
      this.logger.error(context, 'mail could not be delivered; giving up');
    } else {
      report.retried++;
      this.logger.warn(
        { ...context, retryAt: next.toISOString() },
        'mail not delivered; will retry',
      );
    }
  }

  private async release(tenantId: string, untried: ClaimedMail[], failed: ClaimedMail) {
    if (untried.length === 0) return;
    const next = new Date(this.now().getTime() + Math.max(1, this.retryDelayMs(failed.attempts)));
    await runInTenant(this.db, tenantId, (em) =>
      em.query(
        `UPDATE mail_outbox SET status = 'pending', attempts = attempts - 1, next_attempt_at = $3
          WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenantId, untried.map((m) => m.id), next],
      ),
    );
  }
}

import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock';
import { Periodic } from '../common/periodic';
import { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { ROOT_LOGGER } from '../infrastructure/logging/logger';
import { MailWorker } from '../infrastructure/mail/mail-worker';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { loadTenantById } from '../tenancy/resolution/tenant-registry';
import { EngagementsService } from './engagements.service';
import { notificationsRepository } from './notifications';
import { RequestsService } from './requests.service';

export const SCHEDULER_INTERVAL_MS = 60_000;

export interface SchedulerReport {
  reminded: number;
  expired: number;
  checkins: number;
  held: number;
  digests: number;
}

/**
 * The work that waits: reminders halfway to a request's expiry, expiry,
 * check-ins, holding silent mentors, daily digests. Each job is one claiming
 * statement per tenant (UPDATE … RETURNING or DELETE … RETURNING), so several
 * instances can run it at once without doing anything twice, and a pass that
 * fails is simply done again by the next one. Time comes from the clock,
 * which tests move.
 */
@Injectable()
export class ConnectingScheduler implements OnModuleDestroy {
  private readonly periodic = new Periodic(
    () => this.runDue(),
    (err) => this.logger.warn({ err: String(err) }, 'connecting scheduler pass failed'),
  );

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MailWorker) private readonly mailWorker: MailWorker,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(EngagementsService) private readonly engagements: EngagementsService,
  ) {}

  start(intervalMs = SCHEDULER_INTERVAL_MS): void {
    this.periodic.start(intervalMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass over every active tenant, at the clock's current time. */
  async runDue(): Promise<SchedulerReport> {
    const now = this.clock.now();
    const report: SchedulerReport = { reminded: 0, expired: 0, checkins: 0, held: 0, digests: 0 };
    const tenants = (await this.db.app.query(
      `SELECT id FROM tenants WHERE status = 'active' ORDER BY id`,
    )) as { id: string }[];
    for (const { id } of tenants) {
      const tenant = await loadTenantById(this.db, id);
      if (!tenant) continue;
      const step = (fn: (em: EntityManager, t: ResolvedTenant) => Promise<number>) =>
        runInTenant(this.db, id, (em) => fn(em, tenant));
      // Expiry first: a request past its time is closed, not reminded about.
      report.expired += await step((em, t) => this.requests.expireDue(em, t, now));
      report.reminded += await step((em, t) => this.requests.remindDue(em, t, now));
      report.checkins += await step((em, t) => this.engagements.sendCheckinsDue(em, t, now));
      report.held += await step((em, t) => this.engagements.holdSilentMentors(em, t, now));
      report.digests += await step(async (em, t) => {
        let sent = 0;
        for (const member of await notificationsRepository.digestsDue(em, now)) {
          if (await notificationsRepository.sendDigest(em, t, member)) sent += 1;
        }
        return sent;
      });
    }
    this.mailWorker.kick();
    return report;
  }
}

import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { exposureClock } from './exposure';

const FLUSH_EVERY_MS = 5000;

/**
 * Counts which mentors were shown, in memory, and writes the counts every few
 * seconds in one statement per tenant: showing recommendations never waits
 * for a write, and a popular mentor's row is not locked on every page view.
 */
@Injectable()
export class ExposureRecorder implements OnModuleInit, OnModuleDestroy {
  private pending = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(@Inject(Database) private readonly db: Database) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }

  record(tenantId: string, mentorIds: readonly string[]): void {
    let counts = this.pending.get(tenantId);
    if (!counts) this.pending.set(tenantId, (counts = new Map()));
    for (const id of mentorIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }

  /** Writes what was counted so far; concurrent calls queue behind each other. */
  flush(now = new Date()): Promise<void> {
    this.flushing = this.flushing.then(() => this.write(now));
    return this.flushing;
  }

  private async write(now: Date): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [tenantId, counts] of batch) {
      await runInTenant(this.db, tenantId, async (em) => {
        // L ← ln(e^L + n·e^t), see exposure.ts; the candidate index follows.
        await em.query(
          `WITH shown AS (
             SELECT s.user_id, $3::float8 + ln(s.n) AS a
               FROM unnest($1::uuid[], $2::int[]) AS s(user_id, n)),
           updated AS (
             UPDATE mentor_search m
                SET exposure_log = greatest(m.exposure_log, shown.a)
                  + ln(exp(greatest(m.exposure_log - greatest(m.exposure_log, shown.a), -700))
                     + exp(greatest(shown.a - greatest(m.exposure_log, shown.a), -700)))
               FROM shown WHERE m.user_id = shown.user_id
             RETURNING m.user_id, m.exposure_log)
           UPDATE mentor_expertise e SET pool_rank = updated.exposure_log
             FROM updated WHERE e.user_id = updated.user_id`,
          [[...counts.keys()], [...counts.values()], exposureClock(now)],
        );
      });
    }
  }
}

import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { exposureClock } from './exposure';

const FLUSH_EVERY_MS = 5000;
/** How late the candidate index's order may follow exposure. */
const POOL_SYNC_EVERY_MS = 60_000;
/** Mentors per statement when the candidate index catches up. */
const POOL_SYNC_CHUNK = 1000;

/**
 * Counts which mentors were shown, in memory, and writes the counts every few
 * seconds in one statement per tenant: showing recommendations never waits
 * for a write, and a popular mentor's row is not locked on every page view.
 *
 * The counts go to mentor_search every few seconds (a HOT update of a narrow
 * row, which scoring reads); the candidate index (mentor_expertise.pool_rank,
 * about seven indexed rows per mentor) catches up once a minute. Measured at
 * 100,000 mentors, rewriting those rows on every flush cost ~0.3 ms per mentor
 * shown, more database time than the recommendation itself; within a minute a
 * mentor shown again needs it only once.
 */
@Injectable()
export class ExposureRecorder implements OnModuleInit, OnModuleDestroy {
  private pending = new Map<string, Map<string, number>>();
  /** Per tenant: mentors whose candidate rows lag their exposure. */
  private unsynced = new Map<string, Set<string>>();
  private poolsSyncedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(@Inject(Database) private readonly db: Database) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      const pools = Date.now() - this.poolsSyncedAt >= POOL_SYNC_EVERY_MS;
      void this.enqueue(new Date(), pools).catch(() => undefined);
    }, FLUSH_EVERY_MS);
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

  /** Writes everything counted so far, the candidate index included; calls queue behind each other. */
  flush(now = new Date()): Promise<void> {
    return this.enqueue(now, true);
  }

  private enqueue(now: Date, pools: boolean): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      await this.writeCounts(now);
      if (pools) await this.syncPools();
    });
    return this.flushing;
  }

  private async writeCounts(now: Date): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [tenantId, counts] of batch) {
      await runInTenant(this.db, tenantId, (em) =>
        // L ← ln(e^L + n·e^t), see exposure.ts.
        em.query(
          `WITH shown AS (
             SELECT s.user_id, $3::float8 + ln(s.n) AS a
               FROM unnest($1::uuid[], $2::int[]) AS s(user_id, n))
           UPDATE mentor_search m
              SET exposure_log = greatest(m.exposure_log, shown.a)
                + ln(exp(greatest(m.exposure_log - greatest(m.exposure_log, shown.a), -700))
                   + exp(greatest(shown.a - greatest(m.exposure_log, shown.a), -700)))
             FROM shown WHERE m.tenant_id = $4 AND m.user_id = shown.user_id`,
          [[...counts.keys()], [...counts.values()], exposureClock(now), tenantId],
        ),
      );
      let lagging = this.unsynced.get(tenantId);
      if (!lagging) this.unsynced.set(tenantId, (lagging = new Set()));
      for (const id of counts.keys()) lagging.add(id);
    }
  }

  /** The candidate index takes each lagging mentor's exposure from mentor_search. */
  private async syncPools(): Promise<void> {
    const batch = this.unsynced;
    this.unsynced = new Map();
    this.poolsSyncedAt = Date.now();
    for (const [tenantId, ids] of batch) {
      const list = [...ids];
      for (let i = 0; i < list.length; i += POOL_SYNC_CHUNK) {
        await runInTenant(this.db, tenantId, (em) =>
          em.query(
            `UPDATE mentor_expertise e SET pool_rank = s.exposure_log
               FROM mentor_search s
              WHERE s.tenant_id = $2 AND s.user_id = ANY ($1::uuid[])
                AND e.tenant_id = $2 AND e.user_id = s.user_id
                AND e.pool_rank IS DISTINCT FROM s.exposure_log`,
            [list.slice(i, i + POOL_SYNC_CHUNK), tenantId],
          ),
        );
      }
    }
  }
}

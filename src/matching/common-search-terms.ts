import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { Periodic } from '../common/periodic';
import { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { ROOT_LOGGER } from '../infrastructure/logging/logger';

/** How often each programme's common search terms are counted again. */
export const COMMON_TERMS_EVERY_MS = 10 * 60_000;
/** A search term held by at least this share of a programme's listed mentors is common. */
export const COMMON_SHARE = 0.9;

/**
 * Keeps search_common_terms: per programme, the search terms (a language, a
 * country, a word) that nearly every listed mentor has. search_mentors()
 * checks those on each row it reads instead of through the GIN index, whose
 * posting list for such a term holds every mentor of the programme and cost
 * more to decode than the rest of the search (see its migration).
 *
 * Counting reads every listed mentor's terms (about 0.8 s for 100,000
 * mentors), so it runs every ten minutes; shares move slowly, and a stale
 * list only makes a search slower, never wrong. Several instances may run it
 * at once: each pass writes the same rows.
 */
@Injectable()
export class CommonSearchTerms implements OnModuleDestroy {
  private readonly periodic = new Periodic(
    () => this.refreshAll(),
    (err) => this.logger.warn({ err: String(err) }, 'counting common search terms failed'),
  );

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** Counts now, then every `intervalMs`. */
  start(intervalMs = COMMON_TERMS_EVERY_MS): void {
    this.periodic.start(intervalMs, { now: true });
  }

  onModuleDestroy(): Promise<void> {
    return this.periodic.stop();
  }

  async refreshAll(): Promise<void> {
    const tenants = (await this.db.app.query(
      `SELECT id FROM tenants WHERE status = 'active' ORDER BY id`,
    )) as { id: string }[];
    for (const { id } of tenants) await this.refresh(id);
  }

  /** Replaces one programme's list with a fresh count. */
  async refresh(tenantId: string): Promise<void> {
    await runInTenant(this.db, tenantId, async (em) => {
      await em.query(
        `WITH listed AS (
           SELECT m.terms FROM mentor_search m WHERE m.tenant_id = $1 AND m.listed),
         common AS (
           SELECT t.term FROM listed l, unnest(l.terms) AS t(term)
            GROUP BY t.term
           HAVING count(*) >= $2::float8 * (SELECT count(*) FROM listed)),
         stale AS (
           DELETE FROM search_common_terms c
            WHERE c.tenant_id = $1 AND c.term NOT IN (SELECT term FROM common))
         INSERT INTO search_common_terms (tenant_id, term)
         SELECT $1, term FROM common
         ON CONFLICT DO NOTHING`,
        [tenantId, COMMON_SHARE],
      );
    });
  }
}

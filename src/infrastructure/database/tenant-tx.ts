import { Inject, Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { EntityManager, QueryRunner } from 'typeorm';
import { requireTenant, type AppCls } from '../../common/request-context';
import { Database } from './database';

/**
 * The only way to tenant data. Each call is one transaction whose first
 * statement scopes RLS to the tenant; use the EntityManager it hands you for
 * everything inside (the embedded pool has a single connection).
 */
@Injectable()
export class TenantTx {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly cls: ClsService<AppCls>,
  ) {}

  /** In the current request's tenant; throws if the request has none. */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.runInTenant(requireTenant(this.cls).id, fn);
  }

  /** For background work that carries its tenant explicitly. */
  runInTenant<T>(
    tenantId: string,
    fn: (em: EntityManager) => Promise<T>,
    opts: TenantTxOptions = {},
  ): Promise<T> {
    return runInTenant(this.db, tenantId, fn, opts);
  }
}

export interface TenantTxOptions {
  /**
   * Plan the transaction's parameterised statements generically (see
   * queryPrepared): for hot read paths whose statements all suit one plan.
   */
  genericPlans?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The settings a tenant transaction starts with, as one SELECT (tenant given as $1 or a literal). */
function settingsSql(tenant: string, opts: TenantTxOptions): string {
  const generic = opts.genericPlans
    ? `, set_config('plan_cache_mode', 'force_generic_plan', true)`
    : '';
  return `SELECT set_config('app.tenant_id', ${tenant}, true)${generic}`;
}

/**
 * One transaction scoped to the tenant. On PostgreSQL, the transaction
 * starts and takes its settings in a single round trip (each round trip costs
 * CPU time in both processes, as much as a small query); the tenant id,
 * checked to be a UUID, is written into that text. The embedded database
 * (one in-process session) takes the usual path.
 */
export async function runInTenant<T>(
  db: Database,
  tenantId: string,
  fn: (em: EntityManager) => Promise<T>,
  opts: TenantTxOptions = {},
): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error('runInTenant: the tenant id is not a UUID');
  if (db.kind === 'embedded') {
    return db.app.transaction(async (em) => {
      await em.query(settingsSql('$1', opts), [tenantId]);
      if (opts.genericPlans && em.queryRunner) markGenericPlans(em.queryRunner);
      return fn(em);
    });
  }
  const runner = db.app.createQueryRunner();
  try {
    await runner.connect();
    // What startTransaction() records, so that commit, rollback and nested
    // transactions (savepoints) work as usual; set before the first statement
    // so that a failure is rolled back.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
    await runner.query(`START TRANSACTION; ${settingsSql(`'${tenantId}'`, opts)}`);
    if (opts.genericPlans) markGenericPlans(runner);
    const result = await fn(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}

/** Marks a transaction whose statements are planned generically (read by queryPrepared). */
export function markGenericPlans(runner: QueryRunner): void {
  (runner.data as { genericPlans?: boolean }).genericPlans = true;
}

export function hasGenericPlans(runner: QueryRunner): boolean {
  return (runner.data as { genericPlans?: boolean }).genericPlans === true;
}

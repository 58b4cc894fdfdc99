import { Inject, Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { EntityManager } from 'typeorm';
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
  runInTenant<T>(tenantId: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTenant(this.db, tenantId, fn);
  }
}

export function runInTenant<T>(
  db: Database,
  tenantId: string,
  fn: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return db.app.transaction(async (em) => {
    await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    return fn(em);
  });
}

import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hasGenericPlans, markGenericPlans } from './tenant-tx';

interface NamedQueryClient {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}

const names = new Map<string, string>();

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `gp_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    // Statement texts are built from code, not from input: a handful per
    // query shape. The bound is only a guard against a future mistake.
    if (names.size > 1000) names.clear();
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs a hot statement of fixed text as a named prepared statement with a
 * generic plan: parsed, rewritten (with its RLS policies) and planned once per
 * connection, then only executed. For the matching statements, planning cost
 * as much as running them (about 4 ms of 8 for a recommendation at 100,000
 * mentors). Use it only where one plan suits every parameter value: the plan
 * is chosen without them (so put row limits that shape the plan in the text
 * as constants, not parameters).
 *
 * Needs the transaction's EntityManager (a runInTenant one): the setting it
 * makes lasts to the end of that transaction. A transaction opened with
 * `genericPlans` has it already, which saves a round trip.
 */
export async function queryPrepared<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new Error('queryPrepared runs inside a transaction');
  }
  if (!hasGenericPlans(runner)) {
    await runner.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    markGenericPlans(runner);
  }
  const client = (await runner.connect()) as NamedQueryClient;
  const result = await client.query({ name: nameOf(sql), text: sql, values: params });
  return result.rows as T[];
}

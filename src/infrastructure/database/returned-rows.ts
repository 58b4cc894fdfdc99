import type { EntityManager } from 'typeorm';

/** TypeORM answers UPDATE … RETURNING and DELETE … RETURNING with [rows, rowCount]. */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** Runs an UPDATE or DELETE … RETURNING and hands back the rows it returned. */
export async function modify<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return returnedRows<T>(await em.query(sql, params));
}

import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { EntityManager, QueryRunner } from 'typeorm';
import { TenantTx, type TenantTxOptions } from '../src/infrastructure/database/tenant-tx';

// What every benchmark shares: its options, its log, timing calls at a given
// concurrency, and tracing the statements a service runs.

/**
 * BENCH_SCALE (default 1) scales the data; BENCH_CALLS (default 400) and
 * BENCH_EMBEDDED_CALLS (default 200) set the timed calls per figure;
 * BENCH_FIGURE_SECONDS (default 40) caps the time of one figure (fewer calls
 * when they are slow; the tables show how many ran); BENCH_KEEP_DB=1 keeps
 * the PostgreSQL database for a closer look (its name is printed),
 * BENCH_REUSE_DB=<that name> measures it again without loading, and
 * BENCH_POOL_SIZE sets the service's connections (matching: see POOL_SIZE).
 */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
export const CALLS = Number(process.env.BENCH_CALLS ?? 400);
export const EMBEDDED_CALLS = Number(process.env.BENCH_EMBEDDED_CALLS ?? 200);
export const FIGURE_SECONDS = Number(process.env.BENCH_FIGURE_SECONDS ?? 40);
export const KEEP_DB = process.env.BENCH_KEEP_DB === '1';
export const WARMUP = 50;
/** Warm-up stops early when calls are slow. */
export const WARMUP_MS = 15_000;

const started = performance.now();
export const log = (line: string) => process.stdout.write(line + '\n');
export const progress = (line: string) =>
  log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
export const ms = (n: number) => n.toFixed(1);
/** Seconds since the benchmark started. */
export const elapsedSeconds = () => (performance.now() - started) / 1000;

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Calls completed per second of wall time (0 when not measured as one run). */
  perSecond: number;
  /** This process's CPU time per call (ms): the Node side of each call. */
  cpuPerCall: number;
  /** PostgreSQL's CPU time per call (ms), when its server runs on this machine (else NaN). */
  serverCpuPerCall: number;
}

export function stats(times: number[], wallMs = 0, cpuMs = 0, serverCpuMs = NaN): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? NaN
      : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: at(1),
    perSecond: wallMs > 0 ? (1000 * sorted.length) / wallMs : 0,
    cpuPerCall: sorted.length > 0 ? cpuMs / sorted.length : 0,
    serverCpuPerCall: sorted.length > 0 ? serverCpuMs / sorted.length : NaN,
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time (ms) used so far by each `postgres` process this machine shows, by
 * pid; empty where there is no /proc.
 */
export function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    // not Linux
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU time (ms) since `before`: processes that started since
 * count whole; those that ended (an idle pooled connection closing) are left
 * out rather than subtracted. NaN without /proc.
 */
export function postgresCpuSince(before: Map<string, number>): number {
  const now = postgresCpu();
  if (now.size === 0) return NaN;
  let total = 0;
  for (const [pid, ms] of now) total += ms - (before.get(pid) ?? 0);
  return total;
}

export interface Run<I> {
  stats: Stats;
  samples: { input: I; time: number }[];
  /** The input of the slowest call, to explain. */
  slowest: I;
}

/**
 * Up to `inputs.length` calls from `concurrency` callers sharing one pool,
 * each issuing its next call as soon as the last returned, each timed end to
 * end; no new call starts after `budgetMs`.
 */
export async function measure<I>(
  inputs: I[],
  concurrency: number,
  call: (input: I) => Promise<unknown>,
  budgetMs = FIGURE_SECONDS * 1000,
): Promise<Run<I>> {
  const samples: { input: I; time: number }[] = [];
  const start = performance.now();
  const cpu = process.cpuUsage();
  const serverCpu = postgresCpu();
  let next = 0;
  const worker = async () => {
    while (next < inputs.length && performance.now() - start < budgetMs) {
      const input = inputs[next++];
      const t0 = performance.now();
      await call(input);
      samples.push({ input, time: performance.now() - t0 });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  const slowest = samples.reduce((a, b) => (b.time > a.time ? b : a), samples[0]);
  return {
    stats: stats(
      samples.map((s) => s.time),
      performance.now() - start,
      (used.user + used.system) / 1000,
      postgresCpuSince(serverCpu),
    ),
    samples,
    slowest: slowest?.input,
  };
}

export interface Statement {
  sql: string;
  params: unknown[];
  ms: number;
  /** Run as a prepared statement with a generic plan (queryPrepared). */
  prepared?: boolean;
}

export interface TracedCall {
  statements: Statement[];
  /** The whole transaction: pool checkout, BEGIN, set_config, statements, COMMIT. */
  totalMs: number;
}

/**
 * TenantTx whose EntityManager records (and times) every statement the
 * service runs: through `em.query`, and the prepared ones (queryPrepared),
 * which go to the transaction's connection directly.
 */
export class TracingTenantTx extends TenantTx {
  calls: TracedCall[] = [];

  override async runInTenant<T>(
    tenantId: string,
    fn: (em: EntityManager) => Promise<T>,
    opts: TenantTxOptions = {},
  ): Promise<T> {
    const call: TracedCall = { statements: [], totalMs: 0 };
    const timed =
      <A extends unknown[], R>(run: (...args: A) => Promise<R>, what: (...args: A) => Statement) =>
      async (...args: A): Promise<R> => {
        const s0 = performance.now();
        try {
          return await run(...args);
        } finally {
          call.statements.push({ ...what(...args), ms: performance.now() - s0 });
        }
      };
    type Config = { text: string; values: unknown[] };
    type Client = { query(config: Config | string, values?: unknown[]): Promise<unknown> };
    // Prepared statements arrive as a config object; the runner's own
    // strings (SET LOCAL) pass untraced.
    const tracedClient = (client: Client) =>
      new Proxy(client, {
        get: (target, prop, receiver) =>
          prop === 'query'
            ? (config: Config | string, values?: unknown[]) =>
                typeof config === 'string'
                  ? target.query(config, values)
                  : timed(
                      (c: Config) => target.query(c),
                      (c) => ({ sql: c.text, params: c.values, ms: 0, prepared: true }),
                    )(config)
            : Reflect.get(target, prop, receiver),
      });
    const tracedRunner = (runner: QueryRunner) =>
      new Proxy(runner, {
        get: (target, prop, receiver) =>
          prop === 'connect'
            ? async () => tracedClient((await target.connect()) as Client)
            : Reflect.get(target, prop, receiver),
      });
    const t0 = performance.now();
    try {
      return await super.runInTenant(
        tenantId,
        (em) =>
          fn(
            new Proxy(em, {
              get: (target, prop, receiver) => {
                if (prop === 'query') {
                  return timed(
                    (sql: string, params: unknown[] = []) => target.query(sql, params),
                    (sql, params = []) => ({ sql, params, ms: 0 }),
                  );
                }
                if (prop === 'queryRunner' && target.queryRunner) {
                  return tracedRunner(target.queryRunner);
                }
                return Reflect.get(target, prop, receiver);
              },
            }),
          ),
        opts,
      );
    } finally {
      call.totalMs = performance.now() - t0;
      this.calls.push(call);
    }
  }
}

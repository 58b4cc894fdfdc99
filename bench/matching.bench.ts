import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import type { AppCls } from '../src/common/request-context';
import { loadConfig } from '../src/config/app-config';
import { Database } from '../src/infrastructure/database/database';
import { APP_ROLE } from '../src/infrastructure/database/rls';
import { TenantTx } from '../src/infrastructure/database/tenant-tx';
import { createRootLogger } from '../src/infrastructure/logging/logger';
import { CommonSearchTerms } from '../src/matching/common-search-terms';
import { ExposureRecorder } from '../src/matching/exposure-recorder';
import { SEARCH_CAP } from '../src/matching/matching.repository';
import { MatchingService } from '../src/matching/matching.service';
import type { ResolvedTenant } from '../src/tenancy/resolution/resolved-tenant';
import { loadTenantById } from '../src/tenancy/resolution/tenant-registry';
import {
  createBenchDatabase,
  openBenchDatabase,
  provision,
  reusedBenchDatabase,
} from './bench-database';
import {
  CALLS,
  elapsedSeconds,
  EMBEDDED_CALLS,
  KEEP_DB,
  log,
  measure,
  ms,
  progress,
  SCALE,
  stats,
  TracingTenantTx,
  WARMUP,
  WARMUP_MS,
  type Statement,
  type Stats,
} from './measure';
import {
  benchBundle,
  createHelperTables,
  dropHelperTables,
  loadTenant,
  rng,
  searchInputs,
  tenantPlans,
  type LoadCounts,
  type OwnerSql,
  type SearchInput,
  type TenantPlan,
  type Viewer,
} from './matching-data';

// npm run bench:matching — recommendations and mentor search through
// MatchingService (the code the pages call), as the app role with RLS on:
// 1. real PostgreSQL: one programme of 100,000 mentors + 100,000
//    entrepreneurs beside 20 programmes of 10,000 + 10,000, measured in the big one;
// 2. the embedded default (PGlite): one programme of 10,000 + 10,000.
// Baseline: one primary-key read of a mentor profile through the same
// tenant transaction path, so each ratio is the cost of matching over a bare
// round trip. Target: p95 ≤ 50 ms at concurrency 1 and 8 on PostgreSQL.
//
// BENCH_SCALE scales every programme; for the other options see measure.ts.

const TARGET_MS = 50;
const LIMIT = 20;
/**
 * The service's connections, sized for the database server as a deployment
 * should be: about twice its cores (the usual advice for PostgreSQL; more
 * active backends than that only contend for the CPUs). Here the server is
 * this machine; BENCH_POOL_SIZE overrides it. On this 2-core machine, 5
 * connections gave search at concurrency 8 a p95 about 25% lower than 12.
 */
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 2 * availableParallelism() + 1);

// ---------------------------------------------------------------------------
// Query plans: the service's own SQL, captured, then explained with the same parameters.

interface PlanNode {
  'Node Type': string;
  'Parallel Aware'?: boolean;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Plan Rows'?: number;
  'Actual Rows'?: number;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Rows Removed by Filter'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface Explained {
  label: string;
  executionMs: number;
  planningMs: number;
  indexes: Set<string>;
  seqScans: Set<string>;
  jit: boolean;
  tree: string[];
}

function walk(node: PlanNode, depth: number, out: Explained): void {
  if (node['Index Name']) out.indexes.add(node['Index Name']);
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'])
    out.seqScans.add(node['Relation Name']);
  const loops = node['Actual Loops'] ?? 1;
  const on = node['Relation Name']
    ? ` on ${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}`
    : '';
  const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const sub = node['Subplan Name'] ? ` (${node['Subplan Name']})` : '';
  const total = (node['Actual Total Time'] ?? 0) * loops;
  const buffers = `${node['Shared Hit Blocks'] ?? 0}/${node['Shared Read Blocks'] ?? 0}`;
  const indent = '  '.repeat(depth);
  out.tree.push(
    `${indent}${node['Parallel Aware'] ? 'Parallel ' : ''}${node['Node Type']}${on}${using}${sub}  rows=${node['Actual Rows']} (est ${node['Plan Rows']}) loops=${loops} time≈${ms(total)} ms buffers(hit/read)=${buffers}`,
  );
  const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}...` : text);
  for (const key of ['Index Cond', 'Recheck Cond', 'Filter'] as const) {
    const cond = node[key];
    if (cond && /Scan/.test(node['Node Type'])) {
      const removed =
        key === 'Filter' && node['Rows Removed by Filter']
          ? ` (removed ${node['Rows Removed by Filter']} rows per loop)`
          : '';
      out.tree.push(`${indent}    ${key}: ${clip(cond)}${removed}`);
    }
  }
  for (const child of node.Plans ?? []) walk(child, depth + 1, out);
}

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** A value as an SQL literal of the given type (for EXECUTE's arguments). */
function literal(value: unknown, type: string): string {
  const text = (v: unknown): string =>
    v === null || v === undefined
      ? 'NULL'
      : `'${(v instanceof Date ? v.toISOString() : String(v)).replaceAll("'", "''")}'`;
  if (Array.isArray(value)) return `ARRAY[${value.map(text).join(', ')}]::${type}`;
  return `${text(value)}::${type}`;
}

/**
 * EXPLAIN of what the service runs: a prepared statement (queryPrepared)
 * with its generic plan, as PREPARE + EXPLAIN EXECUTE in one session
 * (PostgreSQL 15 cannot EXPLAIN a generic plan otherwise); anything else
 * with its parameters.
 */
async function explainOne(
  query: Query,
  s: Pick<Statement, 'sql' | 'params' | 'prepared'>,
): Promise<Record<string, unknown>[]> {
  const explain = 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)';
  if (!s.prepared) return query(`${explain} ${s.sql}`, s.params);
  await query(`PREPARE bench_explain AS ${s.sql}`, []);
  await query(`SET plan_cache_mode = force_generic_plan`, []);
  try {
    const [{ types }] = (await query(
      `SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = 'bench_explain'`,
      [],
    )) as { types: string[] }[];
    const args = s.params.map((v, i) => literal(v, types[i])).join(', ');
    return await query(`${explain} EXECUTE bench_explain(${args})`, []);
  } finally {
    await query('RESET plan_cache_mode', []);
    await query('DEALLOCATE bench_explain', []);
  }
}

async function explainAll(
  query: Query,
  label: string,
  statements: Pick<Statement, 'sql' | 'params' | 'prepared'>[],
): Promise<Explained[]> {
  const results: Explained[] = [];
  for (const [i, s] of statements.entries()) {
    const rows = await explainOne(query, s);
    const raw = rows[0]['QUERY PLAN'];
    const [doc] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      Plan: PlanNode;
      'Planning Time': number;
      'Execution Time': number;
      JIT?: unknown;
    }[];
    const out: Explained = {
      label: `${label} #${i + 1}`,
      executionMs: doc['Execution Time'],
      planningMs: doc['Planning Time'],
      indexes: new Set(),
      seqScans: new Set(),
      jit: doc.JIT !== undefined,
      tree: [],
    };
    walk(doc.Plan, 2, out);
    results.push(out);
  }
  return results;
}

function statementName(sql: string): string {
  if (sql.includes('FROM entrepreneur_profiles WHERE user_id')) return 'seeker profile';
  if (sql.includes('mentor_expertise')) return 'recommend (candidates + score)';
  if (sql.includes('SELECT count(*)::int AS n')) return 'search count';
  if (sql.includes('mentor_profiles')) return 'search page (scored)';
  return 'other';
}

// ---------------------------------------------------------------------------
// One programme measured.

interface Suite {
  label: string;
  figures: Record<string, Stats>;
  recommendItems: number;
  searchTotals: number;
  searchItems: number;
  plans: Explained[];
  ownerPlans: Explained[];
  plansOk: boolean;
  planNotes: string[];
  /** PostgreSQL runs on this machine, so its CPU time is measured too. */
  localServer: boolean;
}

async function runSuite(
  label: string,
  db: Database,
  sql: OwnerSql,
  tenant: ResolvedTenant,
  plan: TenantPlan,
  calls: number,
  localServer = false,
): Promise<Suite> {
  const viewers = (await sql.exec(
    `SELECT p.user_id AS id, u.locale FROM entrepreneur_profiles p
       JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.user_id
      WHERE p.tenant_id = $1 AND u.status = 'active' ORDER BY random() LIMIT 5000`,
    [tenant.id],
    tenant.id,
  )) as unknown as Viewer[];
  const mentors = (
    await sql.exec(
      `SELECT user_id FROM mentor_profiles WHERE tenant_id = $1 ORDER BY random() LIMIT 2000`,
      [tenant.id],
      tenant.id,
    )
  ).map((r) => r.user_id as string);

  // The app counts each programme's common search terms every ten minutes
  // (CommonSearchTerms); here once, after the load.
  await new CommonSearchTerms(db, createRootLogger('warn')).refresh(tenant.id);

  const cls = {} as ClsService<AppCls>; // runInTenant never reads the request context
  const tx = new TenantTx(db, cls);
  const recorder = new ExposureRecorder(db);
  recorder.onModuleInit(); // flushes exposure every few seconds, as in the app
  const service = new MatchingService(tx, recorder);

  const random = rng(5);
  const total = WARMUP + 2 * calls;
  const recommendInputs = Array.from(
    { length: total },
    () => viewers[Math.floor(random() * viewers.length)],
  );
  const baselineInputs = Array.from(
    { length: total },
    () => mentors[Math.floor(random() * mentors.length)],
  );
  const searches = searchInputs(plan, viewers, total);

  const seen = { recommends: 0, recommendItems: 0, searches: 0, searchTotals: 0, searchItems: 0 };
  const baseline = (mentorId: string) =>
    tx.runInTenant(tenant.id, (em) =>
      em.query(
        `SELECT user_id, capacity, active_count FROM mentor_profiles WHERE tenant_id = $1 AND user_id = $2`,
        [tenant.id, mentorId],
      ),
    );
  const recommend = async (v: Viewer, svc = service) => {
    const r = await svc.recommend(tenant, v, v.locale, { limit: LIMIT });
    seen.recommends++;
    seen.recommendItems += r.items.length;
  };
  const search = async (s: SearchInput, svc = service) => {
    const r = await svc.searchMentors(
      tenant,
      { ...s.viewer, isEntrepreneur: true },
      s.filters,
      { number: 1, size: LIMIT, sort: 'relevance' },
      s.viewer.locale,
    );
    seen.searches++;
    seen.searchTotals += r.total;
    seen.searchItems += r.items.length;
  };

  try {
    // At the highest concurrency measured, so that every pooled connection
    // the figures use has its caches and prepared plans, as a running
    // server's connections have: a new PostgreSQL session spends tens of ms
    // loading the catalog and planning before its first answer.
    progress(
      `${label}: warm-up (${WARMUP} calls each at concurrency 8, at most ${WARMUP_MS / 1000} s each)`,
    );
    await measure(baselineInputs.slice(0, WARMUP), 8, baseline, WARMUP_MS);
    await measure(recommendInputs.slice(0, WARMUP), 8, (v) => recommend(v), WARMUP_MS);
    await measure(searches.slice(0, WARMUP), 8, (s) => search(s), WARMUP_MS);
    for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] = 0;

    const figures: Record<string, Stats> = {};
    const slowest: { recommend?: Viewer; search?: SearchInput } = {};
    for (const [i, c] of [1, 8].entries()) {
      const from = WARMUP + i * calls;
      const slice = <T>(list: T[]) => list.slice(from, from + calls);
      progress(`${label}: concurrency ${c}: baseline, recommend, search (${calls} calls each)`);
      figures[`baseline c${c}`] = (await measure(slice(baselineInputs), c, baseline)).stats;
      const rec = await measure(slice(recommendInputs), c, (v) => recommend(v));
      figures[`recommend c${c}`] = rec.stats;
      const found = await measure(slice(searches), c, (s) => search(s));
      figures[`search c${c}`] = found.stats;
      for (const combo of ['keyword+language+expertise', 'keyword+industry+country']) {
        // The same calls, by filter combination.
        const part = found.samples.filter((x) => x.input.combo === combo).map((x) => x.time);
        figures[`  ${combo} c${c}`] = stats(part);
      }
      if (c === 1) {
        slowest.recommend = rec.slowest;
        slowest.search = found.slowest;
      }
    }
    const results = { ...seen };

    progress(`${label}: EXPLAIN (ANALYZE, BUFFERS) of a typical and the slowest call`);
    const capture = new TracingTenantTx(db, cls);
    const explaining = new MatchingService(capture, recorder);
    const plans: Explained[] = [];
    const ownerPlans: Explained[] = [];
    const [role] = await sql.exec(
      `SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user`,
    );
    const ownerRole = `${String(role.name)}, ${role.rolsuper ? 'superuser: no RLS' : 'RLS applies'}`;
    const explainCalls: [string, () => Promise<void>][] = [
      ['recommend typical', () => recommend(recommendInputs[0], explaining)],
      ['recommend slowest', () => recommend(slowest.recommend ?? viewers[0], explaining)],
      ['search typical', () => search(searches[0], explaining)],
      ['search slowest', () => search(slowest.search ?? searches[1], explaining)],
    ];
    for (const [name, call] of explainCalls) {
      capture.calls = [];
      await call();
      const statements = capture.calls
        .flatMap((c) => c.statements)
        .filter((s) => statementName(s.sql) !== 'seeker profile');
      // One transaction, so one session for PREPARE and EXECUTE.
      const explained = await tx.runInTenant(tenant.id, (em) =>
        explainAll((text, params) => em.query(text, params), name, statements),
      );
      explained.forEach((e, i) => (e.label = `${name}: ${statementName(statements[i].sql)}`));
      plans.push(...explained);
      // Search runs inside search_mentors(): its own plan comes from auto_explain.
      for (const st of statements.filter((x) => x.sql.includes('search_mentors('))) {
        const docs = sql.nestedPlans ? await sql.nestedPlans(st.sql, st.params, tenant.id) : [];
        for (const doc of docs as { Plan: PlanNode; 'Query Text'?: string }[]) {
          const text = doc['Query Text'] ?? '';
          if (
            !doc.Plan ||
            !/mentor_(profiles|search)\b/.test(text) ||
            text.includes('search_mentors(')
          ) {
            continue;
          }
          const out: Explained = {
            label: `${name}: inside search_mentors()`,
            executionMs: (doc.Plan['Actual Total Time'] as number | undefined) ?? 0,
            planningMs: 0,
            indexes: new Set(),
            seqScans: new Set(),
            jit: false,
            tree: [],
          };
          walk(doc.Plan, 2, out);
          plans.push(out);
        }
      }
      if (name.endsWith('slowest')) {
        // The same statements on the owner connection, for contrast (a superuser skips RLS).
        const asOwner: Query = (text, params) => sql.exec(text, params, tenant.id);
        const owned = await explainAll(asOwner, name, statements);
        owned.forEach(
          (e, i) =>
            (e.label = `${name}: ${statementName(statements[i].sql)} [owner: ${ownerRole}]`),
        );
        ownerPlans.push(...owned);
      }
    }
    const recommendPlans = plans.filter((p) => p.label.startsWith('recommend'));
    const searchPlans = plans.filter((p) => p.label.includes('inside search_mentors'));
    const SEARCH_INDEXES = [
      'mentor_search_terms_idx',
      'mentor_search_pkey',
      'mentor_profiles_pkey',
      'mentor_profiles_search_idx',
    ];
    const searchIndexed =
      searchPlans.length > 0 &&
      searchPlans.every((p) => SEARCH_INDEXES.some((index) => p.indexes.has(index)));
    const notes: string[] = [];
    const allUse = (list: Explained[], index: string) => list.every((p) => p.indexes.has(index));
    const seqOnProfiles = plans.filter(
      (p) => p.seqScans.has('mentor_profiles') || p.seqScans.has('mentor_search'),
    );
    notes.push(
      `recommendations use mentor_expertise_pool_idx: ${allUse(recommendPlans, 'mentor_expertise_pool_idx') ? 'yes' : 'no'}`,
      searchPlans.length === 0
        ? 'keyword search plan: not visible here (no auto_explain on this database)'
        : `keyword search (inside search_mentors) uses: ${[...new Set(searchPlans.flatMap((p) => [...p.indexes]))].join(', ')}: ${searchIndexed ? 'yes' : 'no'}`,
      `Seq Scan on mentor_profiles or mentor_search: ${seqOnProfiles.length === 0 ? 'none' : seqOnProfiles.map((p) => p.label).join('; ')}`,
    );
    const plansOk =
      allUse(recommendPlans, 'mentor_expertise_pool_idx') &&
      (searchIndexed || searchPlans.length === 0) &&
      seqOnProfiles.length === 0;
    return {
      label,
      figures,
      recommendItems: results.recommendItems / results.recommends,
      searchTotals: results.searchTotals / results.searches,
      searchItems: results.searchItems / results.searches,
      plans,
      ownerPlans,
      plansOk,
      planNotes: notes,
      localServer,
    };
  } finally {
    await recorder.onModuleDestroy();
  }
}

/** "1.2 + 3.4": CPU ms per call of the service and of PostgreSQL (blank for a split figure). */
function cpu(f: Stats, localServer: boolean): string {
  if (!f.perSecond) return '';
  return localServer ? `${ms(f.cpuPerCall)} + ${ms(f.serverCpuPerCall)}` : ms(f.cpuPerCall);
}

function printSuite(s: Suite, showTrees: boolean): void {
  log('');
  log(`== ${s.label} ==`);
  log(
    `${'operation'.padEnd(38)} ${'calls'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'calls/s'.padStart(8)}  p95/baseline  CPU/call: Node${s.localServer ? ' + PostgreSQL' : ''}`,
  );
  for (const [name, f] of Object.entries(s.figures)) {
    const c = name.endsWith('c8') ? 'c8' : 'c1';
    const base = s.figures[`baseline ${c}`].p95;
    const ratio = name.startsWith('baseline') ? '' : `${(f.p95 / base).toFixed(1)}×`;
    const flag = !name.startsWith('baseline') && f.p95 > TARGET_MS ? '  > 50 ms' : '';
    log(
      `${name.padEnd(38)} ${String(f.n).padStart(5)} ${ms(f.p50).padStart(7)} ${ms(f.p95).padStart(7)} ${ms(f.p99).padStart(7)} ${ms(f.max).padStart(7)} ${(f.perSecond ? f.perSecond.toFixed(0) : '').padStart(8)}  ${ratio.padStart(12)}  ${cpu(f, s.localServer)}${flag}`,
    );
  }
  log(
    `(ms; baseline = primary-key read of one mentor_profiles row in the same runInTenant transaction path; CPU/call = CPU time of this process${s.localServer ? ' and of every PostgreSQL process' : ''} over the figure's run, per call)`,
  );
  log(
    `results: recommend ${s.recommendItems.toFixed(1)} mentors per call; search ${s.searchItems.toFixed(1)} on page 1, ${s.searchTotals.toFixed(0)} matches per call on average (counted up to ${SEARCH_CAP + 1})`,
  );
  log('query plans (EXPLAIN ANALYZE of the service’s own statements, app role, RLS on):');
  for (const p of s.plans) {
    log(
      `  ${p.label}: execution ${ms(p.executionMs)} ms, planning ${ms(p.planningMs)} ms${p.jit ? ', JIT' : ''}; indexes: ${[...p.indexes].sort().join(', ') || 'none'}; seq scans: ${[...p.seqScans].sort().join(', ') || 'none'}`,
    );
    if (showTrees && p.label.includes('slowest')) for (const line of p.tree) log(line);
  }
  log('  for contrast, the slowest calls’ statements on the owner connection:');
  for (const p of s.ownerPlans) {
    log(
      `  ${p.label}: execution ${ms(p.executionMs)} ms; indexes: ${[...p.indexes].sort().join(', ') || 'none'}; seq scans: ${[...p.seqScans].sort().join(', ') || 'none'}`,
    );
  }
  for (const note of s.planNotes) log(`  ${note}`);
  log(`plans use indexes: ${s.plansOk ? 'yes' : 'no'}`);
}

// ---------------------------------------------------------------------------
// Loading.

/** Loads every planned tenant, `jobs` at a time (the biggest first). */
async function loadAll(
  sqls: OwnerSql[],
  plans: TenantPlan[],
  ids: Map<string, string>,
): Promise<LoadCounts> {
  const totals: LoadCounts = {
    users: 0,
    mentors: 0,
    entrepreneurs: 0,
    candidateRows: 0,
    requests: 0,
    blocks: 0,
  };
  const queue = [...plans];
  let done = 0;
  await Promise.all(
    sqls.map(async (sql) => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        const t0 = performance.now();
        const counts = await loadTenant(sql, ids.get(plan.slug) ?? '', plan);
        for (const k of Object.keys(totals) as (keyof LoadCounts)[]) totals[k] += counts[k];
        done++;
        progress(
          `loaded ${plan.slug} (${plan.lang}, ${plan.countries.join(' ')}): ${counts.mentors} mentors, ${counts.entrepreneurs} entrepreneurs, ${counts.candidateRows} candidate rows, ${counts.requests} requests, ${counts.blocks} blocks in ${((performance.now() - t0) / 1000).toFixed(1)} s [${done}/${plans.length}]`,
        );
      }
    }),
  );
  return totals;
}

function ownerClientSql(client: Client): OwnerSql {
  return {
    async nestedPlans(text, params, tenantId) {
      const plans: unknown[] = [];
      const onNotice = (msg: { message?: string }) => {
        const json = msg.message?.indexOf('{') ?? -1;
        if (json >= 0 && /plan:/.test(msg.message ?? ''))
          plans.push(JSON.parse(msg.message!.slice(json)));
      };
      client.on('notice', onNotice);
      await client.query('BEGIN');
      try {
        await client.query(`LOAD 'auto_explain'`);
        for (const setting of [
          `SET LOCAL auto_explain.log_min_duration = 0`,
          `SET LOCAL auto_explain.log_analyze = on`,
          `SET LOCAL auto_explain.log_nested_statements = on`,
          `SET LOCAL auto_explain.log_format = 'json'`,
          `SET LOCAL client_min_messages = log`,
        ]) {
          await client.query(setting);
        }
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        await client.query(text, params);
      } finally {
        await client.query('ROLLBACK');
        client.off('notice', onNotice);
      }
      return plans;
    },
    async exec(text, params = [], tenantId) {
      if (!tenantId) return (await client.query(text, params)).rows;
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const result = await client.query(text, params);
        await client.query('COMMIT');
        return result.rows;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    },
  };
}

function embeddedSql(db: Database): OwnerSql {
  return {
    exec: (text, params = [], tenantId) =>
      db.privileged(async (em) => {
        if (tenantId) await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        return (await em.query(text, params)) as Record<string, unknown>[];
      }),
  };
}

async function postgresRun(): Promise<Suite> {
  const bench = reusedBenchDatabase() ?? (await createBenchDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-bench-matching-'));
  let db: Database | undefined;
  const clients: Client[] = [];
  const keep = KEEP_DB || bench.reused;
  const onSignal = () => {
    void (keep ? Promise.resolve() : bench.drop()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    const opened = await openBenchDatabase(bench, dataDir, POOL_SIZE);
    const config = opened.config;
    db = opened.db;
    const plans = tenantPlans(
      { mentors: Math.round(100_000 * SCALE), entrepreneurs: Math.round(100_000 * SCALE) },
      20,
      Math.round(10_000 * SCALE),
    );
    const ids = await provision(
      db,
      plans.map((p, i) => benchBundle(p, i)),
      config.platformDomain,
    );
    progress(`provisioned ${ids.size} tenants`);

    for (let i = 0; i < 2; i++) {
      const client = new Client({ connectionString: bench.ownerUrl });
      await client.connect();
      clients.push(client);
    }
    const sqls = clients.map(ownerClientSql);
    const [version] = await sqls[0].exec(
      `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb,
              current_setting('work_mem') AS wm, current_setting('jit') AS jit`,
    );
    progress(
      `server: PostgreSQL ${version.v}, shared_buffers ${version.sb}, work_mem ${version.wm}, jit ${version.jit}; ${bench.reused ? 'reusing the data loaded by an earlier run' : 'loading in SQL as the owner, 2 sessions'}`,
    );
    const loadStart = performance.now();
    let load = 'reused';
    if (!bench.reused) {
      await sqls[0].exec(`SELECT setseed(0.42)`);
      await createHelperTables(sqls[0]);
      const totals = await loadAll(sqls, plans, ids);
      await dropHelperTables(sqls[0]);
      load = `${totals.users} users, ${totals.mentors} mentor profiles, ${totals.entrepreneurs} entrepreneur profiles, ${totals.candidateRows} candidate rows, ${totals.requests} requests, ${totals.blocks} blocks in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`;
    }
    progress('VACUUM ANALYZE, CHECKPOINT');
    const vacuumStart = performance.now();
    await sqls[0].exec('VACUUM ANALYZE');
    // Otherwise the checkpointer spends the measured minutes writing out the
    // load (gigabytes), and every figure pays for it.
    await sqls[0].exec('CHECKPOINT');
    const [sizes] = await sqls[0].exec(
      `SELECT pg_size_pretty(pg_total_relation_size('mentor_profiles')) AS mp,
              pg_size_pretty(pg_total_relation_size('mentor_expertise')) AS me,
              pg_size_pretty(pg_total_relation_size('entrepreneur_profiles')) AS ep,
              pg_size_pretty(pg_total_relation_size('users')) AS u,
              pg_size_pretty(pg_database_size(current_database())) AS db`,
    );
    log(
      `load: ${load} (+ VACUUM ANALYZE, CHECKPOINT ${((performance.now() - vacuumStart) / 1000).toFixed(1)} s)`,
    );
    log(
      `sizes: mentor_profiles ${sizes.mp}, mentor_expertise ${sizes.me}, entrepreneur_profiles ${sizes.ep}, users ${sizes.u}, database ${sizes.db}`,
    );

    const tenant = await loadTenantById(db, ids.get(plans[0].slug) ?? '');
    if (!tenant) throw new Error('the big tenant did not resolve');
    return await runSuite(
      `PostgreSQL: ${plans[0].slug}, ${plans[0].mentors} mentors + ${plans[0].entrepreneurs} entrepreneurs (beside ${plans.length - 1} tenants of ${plans[1].mentors} + ${plans[1].entrepreneurs}), pool ${POOL_SIZE}`,
      db,
      sqls[0],
      tenant,
      plans[0],
      CALLS,
      ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(bench.ownerUrl).hostname),
    );
  } finally {
    process.off('SIGINT', onSignal);
    for (const c of clients) await c.end().catch(() => undefined);
    if (db) await db.close().catch(() => undefined);
    if (keep)
      log(
        `kept ${bench.ownerUrl} (BENCH_REUSE_DB=${new URL(bench.ownerUrl).pathname.slice(1)} measures it again)`,
      );
    else
      await bench
        .drop()
        .catch((err: Error) => log(`could not drop the bench database: ${err.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function embeddedRun(): Promise<Suite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-bench-matching-pglite-'));
  let db: Database | undefined;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    progress(`embedded (PGlite) in ${dataDir}: migrating`);
    db = await Database.open(config, { migrate: true });
    const size = Math.round(10_000 * SCALE);
    const [plan] = tenantPlans({ mentors: size, entrepreneurs: size }, 0, 0);
    const ids = await provision(
      db,
      [plan].map((p, i) => benchBundle(p, i)),
      config.platformDomain,
    );
    const sql = embeddedSql(db);
    const loadStart = performance.now();
    await sql.exec(`SELECT setseed(0.42)`);
    await createHelperTables(sql);
    const totals = await loadAll([sql], [plan], ids);
    await dropHelperTables(sql);
    // VACUUM cannot run in a transaction: the one session, briefly as the owner.
    await db.app.query('RESET ROLE');
    await db.app.query('VACUUM ANALYZE');
    await db.app.query(`SET ROLE ${APP_ROLE}`);
    log(
      `embedded load: ${totals.mentors} mentor profiles, ${totals.entrepreneurs} entrepreneur profiles, ${totals.candidateRows} candidate rows in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (with VACUUM ANALYZE)`,
    );
    const tenant = await loadTenantById(db, ids.get(plan.slug) ?? '');
    if (!tenant) throw new Error('the embedded tenant did not resolve');
    return await runSuite(
      `embedded default (PGlite, one session: concurrency 8 queues behind it): ${plan.mentors} mentors + ${plan.entrepreneurs} entrepreneurs`,
      db,
      sql,
      tenant,
      plan,
      EMBEDDED_CALLS,
    );
  } finally {
    if (db) await db.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(
    `bench:matching — MatchingService.recommend (top ${LIMIT}, explained) and searchMentors (keyword + 2 filters, page 1 of ${LIMIT}, scored for an entrepreneur), target p95 ≤ ${TARGET_MS} ms`,
  );
  const pg = await postgresRun();
  printSuite(pg, true);
  const embedded = await embeddedRun();
  printSuite(embedded, false);
  log('');
  const f = pg.figures;
  const verdict = (name: string) => (f[name].p95 <= TARGET_MS ? 'ok' : 'SLOW');
  log(
    `PostgreSQL p95: recommend c1 ${ms(f['recommend c1'].p95)} ms (${verdict('recommend c1')}), search c1 ${ms(f['search c1'].p95)} ms (${verdict('search c1')}), recommend c8 ${ms(f['recommend c8'].p95)} ms (${verdict('recommend c8')}), search c8 ${ms(f['search c8'].p95)} ms (${verdict('search c8')}); plans use indexes: ${pg.plansOk ? 'yes' : 'no'}`,
  );
  const e = embedded.figures;
  log(
    `embedded p95: recommend c1 ${ms(e['recommend c1'].p95)} ms, search c1 ${ms(e['search c1'].p95)} ms, recommend c8 ${ms(e['recommend c8'].p95)} ms, search c8 ${ms(e['search c8'].p95)} ms; plans use indexes: ${embedded.plansOk ? 'yes' : 'no'}`,
  );
  log(`total time ${elapsedSeconds().toFixed(0)} s`);
  log(
    `RESULT recommend_p95_ms=${ms(f['recommend c1'].p95)} search_p95_ms=${ms(f['search c1'].p95)} recommend_c8_p95_ms=${ms(f['recommend c8'].p95)} search_c8_p95_ms=${ms(f['search c8'].p95)}`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});

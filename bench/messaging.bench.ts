import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { systemClock } from '../src/common/clock';
import type { AppCls } from '../src/common/request-context';
import { loadConfig } from '../src/config/app-config';
import { ConversationsService, INBOX_PAGE_SIZE } from '../src/engagements/conversations.service';
import type { Viewer } from '../src/identity/user';
import { Database } from '../src/infrastructure/database/database';
import { APP_ROLE } from '../src/infrastructure/database/rls';
import { TenantTx } from '../src/infrastructure/database/tenant-tx';
import type { MailWorker } from '../src/infrastructure/mail/mail-worker';
import { TenantMailTx } from '../src/infrastructure/mail/tenant-mail-tx';
import type { ResolvedTenant, Site } from '../src/tenancy/resolution/resolved-tenant';
import { loadTenantById } from '../src/tenancy/resolution/tenant-registry';
import { createBenchDatabase, openBenchDatabase, provision } from './bench-database';
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
  type TracedCall,
} from './measure';
import { benchBundle, rng, type OwnerSql } from './matching-data';
import {
  createMessagingHelpers,
  dropMessagingHelpers,
  loadMessagingTenant,
  measuredMembers,
  messageBodies,
  messagingPlans,
  type MeasuredMembers,
  type MessagingCounts,
  type MessagingPlan,
} from './messaging-data';

// npm run bench:messaging — sending a message and loading the inbox through
// ConversationsService (the code the pages call), as the app role with RLS on,
// for a busy mentor with 1,000 conversations:
// 1. real PostgreSQL: the measured programme (the busy mentor, a member with
//    10 conversations, 8,000 other members) beside 3 programmes of 4,000;
// 2. the embedded default (PGlite): the same busy mentor among 3,000 members,
//    beside one programme of 1,000.
// "send" = the busy mentor sends to one of their conversations at random (the
// other side's notification preference is the default, so the first unread
// message per hour enqueues a new-message mail in the same transaction);
// "inbox" = page 1 of the busy mentor's inbox. Baseline: a primary-key read
// of the busy mentor's users row through the same TenantTx path.
// Target: p95 ≤ 30 ms at concurrency 8 on PostgreSQL (concurrency 1 shown too).
//
// BENCH_SCALE scales the other members; for the other options see measure.ts.

const TARGET_MS = 30;
const POOL_SIZE = 12;
const BUSY_CONVERSATIONS = 1000;

/**
 * What the app role's backends are doing while `during` runs, sampled from
 * pg_stat_activity every few ms (PostgreSQL only): on CPU, waiting for a
 * lock, for the client (idle in transaction), for WAL, ….
 */
async function sampleBackends<T>(
  sql: OwnerSql | undefined,
  during: () => Promise<T>,
): Promise<{ result: T; shares: string }> {
  if (!sql) return { result: await during(), shares: '' };
  const counts = new Map<string, number>();
  let samples = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const rows = await sql.exec(
        `SELECT state, wait_event_type AS type, wait_event AS event FROM pg_stat_activity
          WHERE usename = '${APP_ROLE}' AND state IS DISTINCT FROM 'idle'`,
      );
      samples += rows.length;
      for (const r of rows) {
        const key =
          r.state === 'active' && !r.type
            ? 'active on CPU'
            : r.state === 'idle in transaction'
              ? 'idle in transaction (waiting for Node)'
              : `${String(r.state)}: ${String(r.type)}/${String(r.event)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  try {
    const result = await during();
    return {
      result,
      shares: [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${((100 * n) / Math.max(1, samples)).toFixed(0)}%`)
        .join(', '),
    };
  } finally {
    done = true;
    await sampler;
  }
}

function statementName(sql: string): string {
  if (sql.includes('member_blocks')) return 'head (participant, other, blocks)';
  if (sql.includes('INSERT INTO messages')) return 'insert message';
  if (sql.includes('UPDATE conversations')) return 'update conversation';
  if (sql.includes('WITH before AS')) return 'update both sides';
  if (sql.includes('replies_counted')) return 'mentor reply time';
  if (sql.includes('UPDATE mentor_profiles')) return 'mentor last active';
  if (sql.includes('notification_prefs')) return 'notify: recipient + preference';
  if (sql.includes('INSERT INTO notification_digest')) return 'notify: digest';
  if (sql.includes('INSERT INTO mail_outbox')) return 'enqueue mail';
  if (sql.includes('SET notified_at')) return 'mark notified';
  if (sql.includes('ORDER BY cm.last_message_at DESC')) return 'inbox page';
  if (sql.includes('FROM users WHERE id')) return 'baseline (users pk)';
  return sql.replace(/\s+/g, ' ').slice(0, 40);
}

// ---------------------------------------------------------------------------
// Query plans.

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  'Plan Rows'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Index Cond'?: string;
  Filter?: string;
  'Rows Removed by Filter'?: number;
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
  const buffers = `${node['Shared Hit Blocks'] ?? 0}/${node['Shared Read Blocks'] ?? 0}`;
  const indent = '  '.repeat(depth);
  out.tree.push(
    `${indent}${node['Node Type']}${on}${using}  rows=${node['Actual Rows']} (est ${node['Plan Rows']}) loops=${loops} time≈${ms((node['Actual Total Time'] ?? 0) * loops)} ms buffers(hit/read)=${buffers}`,
  );
  for (const key of ['Index Cond', 'Filter'] as const) {
    const cond = node[key];
    if (cond && /Scan/.test(node['Node Type'])) {
      const removed =
        key === 'Filter' && node['Rows Removed by Filter']
          ? ` (removed ${node['Rows Removed by Filter']} rows)`
          : '';
      out.tree.push(
        `${indent}    ${key}: ${cond.length > 150 ? `${cond.slice(0, 147)}...` : cond}${removed}`,
      );
    }
  }
  for (const child of node.Plans ?? []) walk(child, depth + 1, out);
}

class Rollback extends Error {}

/**
 * EXPLAIN ANALYZE of a call's statements, in order, as the app role with RLS
 * on and the tenant set, in one transaction that is rolled back (send's
 * statements write).
 */
async function explainStatements(
  db: Database,
  tenantId: string,
  label: string,
  statements: Statement[],
): Promise<Explained[]> {
  const results: Explained[] = [];
  try {
    await db.app.transaction(async (em) => {
      await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      for (const s of statements) {
        // A savepoint per statement: one that fails is reported, the rest still explained.
        await em.query('SAVEPOINT explained');
        let rows: { 'QUERY PLAN': unknown }[];
        try {
          rows = (await em.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, s.params)) as {
            'QUERY PLAN': unknown;
          }[];
          await em.query('RELEASE SAVEPOINT explained');
        } catch (err) {
          await em.query('ROLLBACK TO SAVEPOINT explained');
          results.push({
            label: `${label}: ${statementName(s.sql)} — FAILED: ${(err as Error).message}`,
            executionMs: NaN,
            planningMs: NaN,
            indexes: new Set(),
            seqScans: new Set(),
            tree: [],
          });
          continue;
        }
        const raw = rows[0]['QUERY PLAN'];
        const [doc] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
          Plan: PlanNode;
          'Planning Time': number;
          'Execution Time': number;
        }[];
        const out: Explained = {
          label: `${label}: ${statementName(s.sql)}`,
          executionMs: doc['Execution Time'],
          planningMs: doc['Planning Time'],
          indexes: new Set(),
          seqScans: new Set(),
          tree: [],
        };
        walk(doc.Plan, 2, out);
        results.push(out);
      }
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return results;
}

// ---------------------------------------------------------------------------
// One programme measured.

interface Breakdown {
  name: string;
  count: number;
  p50: number;
  p95: number;
}

interface Suite {
  label: string;
  figures: Record<string, Stats>;
  /** What the app role's backends were doing during each figure (PostgreSQL only). */
  waits: string[];
  /** Sends that threw during the timed figures. */
  sendFailures: number;
  sizes: string[];
  notes: string[];
  plans: Explained[];
  inboxTree: string[];
  inboxUsesIndex: boolean;
  breakdown: Breakdown[];
}

/** What a request's context carries for the services: the tenant's site. */
function tenantCls(tenant: ResolvedTenant): ClsService<AppCls> {
  const site: Site = { kind: 'tenant', host: new URL(tenant.canonicalOrigin).host, tenant };
  return {
    get: (key: string) => (key === 'site' ? site : undefined),
  } as unknown as ClsService<AppCls>;
}

function services(db: Database, tenant: ResolvedTenant, tx?: TenantTx) {
  const tenantTx = tx ?? new TenantTx(db, tenantCls(tenant));
  const idleWorker = { kick: () => undefined } as unknown as MailWorker;
  const mailTx = new TenantMailTx(tenantTx, idleWorker);
  return { tx: tenantTx, conversations: new ConversationsService(tenantTx, mailTx, systemClock) };
}

async function pendingMails(sql: OwnerSql, tenantId: string): Promise<number> {
  const [row] = await sql.exec(
    `SELECT count(*)::int AS n FROM mail_outbox
      WHERE tenant_id = $1 AND status = 'pending' AND template = 'new-message'`,
    [tenantId],
    tenantId,
  );
  return row.n as number;
}

async function runSuite(
  label: string,
  db: Database,
  sql: OwnerSql,
  tenant: ResolvedTenant,
  neighbour: ResolvedTenant,
  members: MeasuredMembers,
  calls: number,
  sizes: string[],
): Promise<Suite> {
  const { tx, conversations: service } = services(db, tenant);
  const busy: Viewer = {
    id: members.busy.id,
    name: members.busy.name,
    roles: ['mentor'],
    status: 'active',
  };
  const random = rng(17);
  const bodies = messageBodies(300, rng(23)).map((b) => b.slice(0, 1200));
  const total = WARMUP + 2 * calls;
  const sendInputs = Array.from({ length: total }, () => ({
    id: members.busyConversations[Math.floor(random() * members.busyConversations.length)],
    body: bodies[Math.floor(random() * bodies.length)],
  }));
  const used = new Set<string>();
  const outcomes = { ok: 0, blocked: 0, missing: 0, failed: 0, firstError: '' };
  const inboxRows = { calls: 0, rows: 0, lightRows: 0, lightCalls: 0 };

  const baseline = () =>
    tx.run((em) => em.query(`SELECT id, name, status FROM users WHERE id = $1`, [members.busy.id]));
  // A failing send is counted (and its time kept) rather than ending the run.
  const send = async (input: { id: string; body: string }) => {
    used.add(input.id);
    try {
      const r = await service.send(tenant, busy, input.id, input.body);
      if (!r) outcomes.missing++;
      else if (r.kind === 'blocked') outcomes.blocked++;
      else outcomes.ok++;
    } catch (err) {
      outcomes.failed++;
      outcomes.firstError ||= (err as Error).message;
    }
  };
  const inbox = async () => {
    const r = await service.inbox(members.busy.id, false, 1);
    inboxRows.calls++;
    inboxRows.rows += r.length;
  };
  const inboxLight = async () => {
    const r = await service.inbox(members.light.id, false, 1);
    inboxRows.lightCalls++;
    inboxRows.lightRows += r.length;
  };
  const repeat = (n: number) => Array.from({ length: n }, (_, i) => i);

  progress(
    `${label}: warm-up (${WARMUP} calls each, at most ${WARMUP_MS / 1000} s each); machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await measure(repeat(WARMUP), 1, baseline, WARMUP_MS);
  await measure(sendInputs.slice(0, WARMUP), 1, send, WARMUP_MS);
  await measure(repeat(WARMUP), 1, inbox, WARMUP_MS);
  await measure(repeat(WARMUP), 1, inboxLight, WARMUP_MS);

  const mailsBefore = await pendingMails(sql, tenant.id);
  const sentBefore = outcomes.ok;
  const failedBefore = outcomes.failed;
  const figures: Record<string, Stats> = {};
  for (const [c, from] of [
    [1, WARMUP],
    [8, WARMUP + calls],
  ] as const) {
    progress(`${label}: concurrency ${c}, ${calls} calls per figure`);
    figures[`baseline c${c}`] = (await measure(repeat(calls), c, baseline)).stats;
    figures[`send c${c}`] = (await measure(sendInputs.slice(from, from + calls), c, send)).stats;
    figures[`inbox c${c}`] = (await measure(repeat(calls), c, inbox)).stats;
    figures[`inbox, 10 conversations c${c}`] = (await measure(repeat(calls), c, inboxLight)).stats;
  }
  const mailed = (await pendingMails(sql, tenant.id)) - mailsBefore;
  const sentMeasured = outcomes.ok - sentBefore;

  // For contrast: 8 different members sending at once (each a partner of the
  // busy mentor, in their conversation with them), so no two calls share a
  // sender's rows.
  const partnerInputs = (n: number) =>
    Array.from({ length: n }, () => {
      const i = Math.floor(random() * members.busyConversations.length);
      return { id: members.busyConversations[i], partner: members.partners[i] };
    });
  const partnerSend = async (
    svc: ConversationsService,
    { id, partner }: ReturnType<typeof partnerInputs>[number],
  ) => {
    const viewer: Viewer = {
      id: partner.id,
      name: partner.name,
      roles: [partner.mentor ? 'mentor' : 'entrepreneur'],
      status: 'active',
    };
    try {
      await svc.send(tenant, viewer, id, bodies[0]);
    } catch (err) {
      outcomes.failed++;
      outcomes.firstError ||= (err as Error).message;
    }
  };
  figures['send c8, 8 different senders'] = (
    await measure(partnerInputs(calls), 8, (input) => partnerSend(service, input))
  ).stats;
  const sendFailures = outcomes.failed - failedBefore;
  const partnerMentors = members.partners.filter((p) => p.mentor).length;

  // Diagnostics, after the timed figures (tracing and sampling cost time):
  // each statement timed, and what the backends wait for.
  progress(`${label}: diagnostics (traced calls at concurrency 8)`);
  const tracing = new TracingTenantTx(db, tenantCls(tenant));
  const traced = services(db, tenant, tracing).conversations;
  const sampler = db.kind === 'postgres' ? sql : undefined;
  const diagnosticCalls = Math.min(200, calls);
  const breakdown: Breakdown[] = [];
  const waits: string[] = [];
  const diagnose = async (name: string, run: () => Promise<unknown>) => {
    tracing.calls = [];
    const sampled = await sampleBackends(sampler, run);
    if (sampler) waits.push(`  ${name}: ${sampled.shares}`);
    const list = tracing.calls;
    const byName = new Map<string, number[]>();
    const outsideName = '(outside statements: pool, BEGIN, set_config, COMMIT)';
    for (const c of list) {
      for (const st of c.statements) {
        const key = statementName(st.sql);
        byName.set(key, [...(byName.get(key) ?? []), st.ms]);
      }
      const outside = c.totalMs - c.statements.reduce((a, st) => a + st.ms, 0);
      byName.set(outsideName, [...(byName.get(outsideName) ?? []), outside]);
    }
    const whole = stats(list.map((c) => c.totalMs));
    breakdown.push({
      name: `${name}: whole call`,
      count: list.length,
      p50: whole.p50,
      p95: whole.p95,
    });
    for (const [key, times] of byName) {
      const st = stats(times);
      breakdown.push({ name: `  ${key}`, count: times.length, p50: st.p50, p95: st.p95 });
    }
  };
  await diagnose('send c8 (busy mentor)', () =>
    measure(
      Array.from({ length: diagnosticCalls }, () => ({
        id: members.busyConversations[Math.floor(random() * members.busyConversations.length)],
        body: bodies[Math.floor(random() * bodies.length)],
      })),
      8,
      async (input) => {
        used.add(input.id);
        await traced.send(tenant, busy, input.id, input.body).catch(() => undefined);
      },
    ),
  );
  await diagnose('send c8, 8 different senders', () =>
    measure(partnerInputs(diagnosticCalls), 8, (input) => partnerSend(traced, input)),
  );
  await diagnose('inbox c8 (busy mentor)', () =>
    measure(repeat(diagnosticCalls), 8, () => traced.inbox(members.busy.id, false, 1)),
  );

  // Plans: a send to a conversation not sent to yet (so it mails; the first
  // that goes through, and the statement of one that failed, if any), and
  // one inbox each.
  progress(`${label}: query plans`);
  const fresh = members.busyConversations.filter((id) => !used.has(id));
  let sendCall: TracedCall | undefined;
  let failedCall: TracedCall | undefined;
  for (const id of [...fresh.slice(0, 20), members.busyConversations[0]]) {
    tracing.calls = [];
    const ok = await traced.send(tenant, busy, id, bodies[0]).then(
      () => true,
      () => false,
    );
    if (ok) {
      sendCall = tracing.calls[0];
      break;
    }
    failedCall ??= tracing.calls[0];
  }
  tracing.calls = [];
  await traced.inbox(members.busy.id, false, 1);
  await traced.inbox(members.light.id, false, 1);
  const [inboxCall, lightCall] = tracing.calls;
  const plans = [
    ...(sendCall ? await explainStatements(db, tenant.id, 'send', sendCall.statements) : []),
    ...(failedCall
      ? await explainStatements(db, tenant.id, 'failed send', failedCall.statements.slice(-1))
      : []),
    ...(await explainStatements(db, tenant.id, 'inbox (busy)', inboxCall.statements)),
    ...(await explainStatements(db, tenant.id, 'inbox (10 conversations)', lightCall.statements)),
  ];
  const inboxPlans = plans.filter((p) => p.label.startsWith('inbox'));
  const inboxUsesIndex = inboxPlans.every((p) => p.indexes.has('conversation_members_inbox_idx'));
  const inboxTree = plans.find((p) => p.label.startsWith('inbox (busy)'))?.tree ?? [];

  // Isolation: the busy mentor's inbox from a neighbouring tenant is empty, and
  // every conversation shown here is with a member of this tenant.
  const neighbourInbox = await services(db, neighbour).conversations.inbox(
    members.busy.id,
    false,
    1,
  );
  const shown = await service.inbox(members.busy.id, false, 1);
  const [foreign] = await sql.exec(
    `SELECT count(*)::int AS n FROM users WHERE id = ANY ($1::uuid[]) AND tenant_id <> $2`,
    [shown.map((e) => e.otherId), tenant.id],
  );
  const isolated = neighbourInbox.length === 0 && foreign.n === 0 && shown.length > 0;

  const notes = [
    `busy mentor: ${members.busyConversations.length} conversations, ${members.busyMessages} messages, ${members.busyUnread} unread, ${members.busyArchived} archived; the other member: ${members.lightConversations} conversations`,
    `inbox page 1: ${(inboxRows.rows / inboxRows.calls).toFixed(1)} rows for the busy mentor, ${(inboxRows.lightRows / inboxRows.lightCalls).toFixed(1)} for the member with ${members.lightConversations} (page of ${INBOX_PAGE_SIZE} + 1 to tell whether there is a next one)`,
    `"send c8, 8 different senders": partners of the busy mentor replying in their conversation with them (${partnerMentors} of ${members.partners.length} partners are mentors), for contrast with one sender's concurrent sends`,
    `busy mentor's sends: ${outcomes.ok} delivered, ${outcomes.blocked} blocked, ${outcomes.missing} not found; in the timed "send c1" and "send c8" ${mailed} of ${sentMeasured} delivered sends enqueued a new-message mail; all sends that threw: ${outcomes.failed}`,
    ...(outcomes.failed
      ? [
          `SEND FAILURES: ${outcomes.failed} sends threw (${sendFailures} in the timed figures, their times included): ${outcomes.firstError}`,
        ]
      : []),
    `isolation: the busy mentor's inbox from ${neighbour.slug} has ${neighbourInbox.length} rows; conversations with another tenant's members shown: ${foreign.n as number} — ${isolated ? 'ok' : 'LEAK OR EMPTY'}`,
  ];
  return {
    label,
    figures,
    waits,
    sendFailures,
    sizes,
    notes,
    plans,
    inboxTree,
    inboxUsesIndex,
    breakdown,
  };
}

function printSuite(s: Suite): void {
  log('');
  log(`== ${s.label} ==`);
  for (const line of s.sizes) log(line);
  log(
    `${'operation'.padEnd(32)} ${'calls'.padStart(5)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'calls/s'.padStart(8)} ${'node CPU'.padStart(8)}  p95/baseline`,
  );
  for (const [name, f] of Object.entries(s.figures)) {
    const c = name.includes(' c8') ? 'c8' : 'c1';
    const base = s.figures[`baseline ${c}`].p95;
    const isBase = name.startsWith('baseline');
    const ratio = isBase ? '' : `${(f.p95 / base).toFixed(1)}×`;
    const flag =
      (!isBase && f.p95 > TARGET_MS ? `  > ${TARGET_MS} ms` : '') +
      (name.startsWith('send') && s.sendFailures ? '  (includes failed sends)' : '');
    log(
      `${name.padEnd(32)} ${String(f.n).padStart(5)} ${ms(f.p50).padStart(7)} ${ms(f.p95).padStart(7)} ${ms(f.p99).padStart(7)} ${ms(f.max).padStart(7)} ${f.perSecond.toFixed(0).padStart(8)} ${ms(f.cpuPerCall).padStart(8)}  ${ratio.padStart(7)}${flag}`,
    );
  }
  log(
    `(ms, end to end per call; node CPU = this process's CPU ms per call; baseline = primary-key read of the busy mentor's users row through the same TenantTx.run path)`,
  );
  for (const note of s.notes) log(note);
  if (s.waits.length) {
    log('app-role backends sampled from pg_stat_activity (every ~3 ms) during the traced calls:');
    for (const line of s.waits) log(line);
  }
  log(
    'where the time goes (traced calls at concurrency 8; ms per statement, round trip included):',
  );
  for (const b of s.breakdown) {
    log(
      `  ${b.name.padEnd(52)} ${String(b.count).padStart(5)}  p50 ${ms(b.p50).padStart(6)}  p95 ${ms(b.p95).padStart(6)}`,
    );
  }
  log(
    'query plans (EXPLAIN ANALYZE of the service’s own statements, app role, RLS on, rolled back):',
  );
  for (const p of s.plans) {
    if (Number.isNaN(p.executionMs)) log(`  ${p.label}`);
    else
      log(
        `  ${p.label}: execution ${ms(p.executionMs)} ms, planning ${ms(p.planningMs)} ms; indexes: ${[...p.indexes].sort().join(', ') || 'none'}; seq scans: ${[...p.seqScans].sort().join(', ') || 'none'}`,
      );
  }
  log('  inbox (busy) plan:');
  for (const line of s.inboxTree) log(line);
  log(`inbox plan uses conversation_members_inbox_idx: ${s.inboxUsesIndex ? 'yes' : 'no'}`);
}

// ---------------------------------------------------------------------------
// Loading.

async function loadAll(
  sqls: OwnerSql[],
  plans: MessagingPlan[],
  ids: Map<string, string>,
): Promise<MessagingCounts> {
  const totals: MessagingCounts = {
    users: 0,
    conversations: 0,
    messages: 0,
    memberRows: 0,
    mails: 0,
  };
  const queue = [...plans];
  let done = 0;
  await Promise.all(
    sqls.map(async (sql) => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        const t0 = performance.now();
        const counts = await loadMessagingTenant(sql, ids.get(plan.slug) ?? '', plan);
        for (const k of Object.keys(totals) as (keyof MessagingCounts)[]) totals[k] += counts[k];
        done++;
        progress(
          `loaded ${plan.slug}: ${counts.users} users, ${counts.conversations} conversations, ${counts.messages} messages, ${counts.memberRows} participant rows in ${((performance.now() - t0) / 1000).toFixed(1)} s [${done}/${plans.length}]`,
        );
      }
    }),
  );
  return totals;
}

function ownerClientSql(client: Client): OwnerSql {
  return {
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

const BODIES = 5000;

function loadSummary(totals: MessagingCounts, plans: MessagingPlan[], seconds: number): string {
  return `load: ${plans.length} tenants, ${totals.users} users, ${totals.conversations} conversations, ${totals.messages} messages, ${totals.memberRows} conversation_members rows, ${totals.mails} delivered mails in the outbox, in ${seconds.toFixed(1)} s (with VACUUM ANALYZE)`;
}

async function postgresRun(): Promise<Suite> {
  const bench = await createBenchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-bench-messaging-'));
  let db: Database | undefined;
  const clients: Client[] = [];
  const onSignal = () => {
    void bench.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    const opened = await openBenchDatabase(bench, dataDir, POOL_SIZE);
    const config = opened.config;
    db = opened.db;
    const plans = messagingPlans(
      Math.round(8000 * SCALE),
      3,
      Math.round(4000 * SCALE),
      BUSY_CONVERSATIONS,
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
              current_setting('synchronous_commit') AS sc, current_setting('jit') AS jit`,
    );
    progress(
      `server: PostgreSQL ${version.v}, shared_buffers ${version.sb}, synchronous_commit ${version.sc}, jit ${version.jit}; loading in SQL as the owner, 2 sessions`,
    );
    const loadStart = performance.now();
    await sqls[0].exec(`SELECT setseed(0.42)`);
    await createMessagingHelpers(sqls[0], messageBodies(BODIES, rng(5)));
    const totals = await loadAll(sqls, plans, ids);
    const tenantId = ids.get(plans[0].slug) ?? '';
    const members = await measuredMembers(sqls[0], tenantId);
    await dropMessagingHelpers(sqls[0]);
    progress('VACUUM ANALYZE, CHECKPOINT');
    await sqls[0].exec('VACUUM ANALYZE');
    // The load wrote a few hundred MB of WAL: checkpoint now, not during the figures.
    await sqls[0].exec('CHECKPOINT');
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const [sizes] = await sqls[0].exec(
      `SELECT pg_size_pretty(pg_total_relation_size('messages')) AS m,
              pg_size_pretty(pg_total_relation_size('conversations')) AS c,
              pg_size_pretty(pg_total_relation_size('conversation_members')) AS cm,
              pg_size_pretty(pg_total_relation_size('users')) AS u,
              pg_size_pretty(pg_database_size(current_database())) AS db`,
    );
    const sizeLines = [
      loadSummary(totals, plans, loadSeconds),
      `data sizes: conversations ${totals.conversations} (${sizes.c}), messages ${totals.messages} (${sizes.m}), conversation_members ${totals.memberRows} (${sizes.cm}), users ${totals.users} (${sizes.u}), database ${sizes.db}`,
    ];
    for (const line of sizeLines) log(line);

    const tenant = await loadTenantById(db, tenantId);
    const neighbour = await loadTenantById(db, ids.get(plans[1].slug) ?? '');
    if (!tenant || !neighbour) throw new Error('the bench tenants did not resolve');
    return await runSuite(
      `PostgreSQL ${version.v}: ${plans[0].slug}, busy mentor with ${members.busyConversations.length} conversations among ${plans[0].members + 2} members (beside ${plans.length - 1} tenants of ${plans[1].members}), pool ${POOL_SIZE}`,
      db,
      sqls[0],
      tenant,
      neighbour,
      members,
      CALLS,
      sizeLines,
    );
  } finally {
    process.off('SIGINT', onSignal);
    for (const c of clients) await c.end().catch(() => undefined);
    if (db) await db.close().catch(() => undefined);
    if (KEEP_DB) log(`BENCH_KEEP_DB=1: kept ${bench.ownerUrl}`);
    else
      await bench
        .drop()
        .catch((err: Error) => log(`could not drop the bench database: ${err.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function embeddedRun(): Promise<Suite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-bench-messaging-pglite-'));
  let db: Database | undefined;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    progress(`embedded (PGlite) in ${dataDir}: migrating`);
    db = await Database.open(config, { migrate: true });
    const plans = messagingPlans(
      Math.max(BUSY_CONVERSATIONS + 10, Math.round(3000 * SCALE)),
      1,
      Math.round(1000 * SCALE),
      BUSY_CONVERSATIONS,
    );
    const ids = await provision(
      db,
      plans.map((p, i) => benchBundle(p, i)),
      config.platformDomain,
    );
    const sql = embeddedSql(db);
    const loadStart = performance.now();
    await sql.exec(`SELECT setseed(0.42)`);
    await createMessagingHelpers(sql, messageBodies(BODIES, rng(5)));
    const totals = await loadAll([sql], plans, ids);
    const tenantId = ids.get(plans[0].slug) ?? '';
    const members = await measuredMembers(sql, tenantId);
    await dropMessagingHelpers(sql);
    // VACUUM cannot run in a transaction: the one session, briefly as the owner.
    await db.app.query('RESET ROLE');
    await db.app.query('VACUUM ANALYZE');
    await db.app.query(`SET ROLE ${APP_ROLE}`);
    const sizeLines = [
      loadSummary(totals, plans, (performance.now() - loadStart) / 1000),
      `data sizes: conversations ${totals.conversations}, messages ${totals.messages}, conversation_members ${totals.memberRows}, users ${totals.users}`,
    ];
    for (const line of sizeLines) log(line);
    const tenant = await loadTenantById(db, tenantId);
    const neighbour = await loadTenantById(db, ids.get(plans[1].slug) ?? '');
    if (!tenant || !neighbour) throw new Error('the embedded tenants did not resolve');
    return await runSuite(
      `embedded default (PGlite in this process, so node CPU includes the database; one session: concurrency 8 queues behind it): busy mentor with ${members.busyConversations.length} conversations among ${plans[0].members + 2} members (beside 1 tenant of ${plans[1].members})`,
      db,
      sql,
      tenant,
      neighbour,
      members,
      EMBEDDED_CALLS,
      sizeLines,
    );
  } finally {
    if (db) await db.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(
    `bench:messaging — ConversationsService.send (with the new-message mail) and inbox (page 1 of ${INBOX_PAGE_SIZE}) for a member with ${BUSY_CONVERSATIONS} conversations, target p95 ≤ ${TARGET_MS} ms at concurrency 8`,
  );
  const pg = await postgresRun();
  printSuite(pg);
  const embedded = await embeddedRun();
  printSuite(embedded);
  log('');
  const f = pg.figures;
  const verdict = (name: string) => (f[name].p95 <= TARGET_MS ? 'ok' : 'SLOW');
  log(
    `PostgreSQL p95: send c1 ${ms(f['send c1'].p95)} ms (${verdict('send c1')}), inbox c1 ${ms(f['inbox c1'].p95)} ms (${verdict('inbox c1')}), send c8 ${ms(f['send c8'].p95)} ms (${verdict('send c8')}), inbox c8 ${ms(f['inbox c8'].p95)} ms (${verdict('inbox c8')}); inbox plan uses conversation_members_inbox_idx: ${pg.inboxUsesIndex ? 'yes' : 'no'}`,
  );
  const e = embedded.figures;
  log(
    `embedded p95: send c1 ${ms(e['send c1'].p95)} ms, inbox c1 ${ms(e['inbox c1'].p95)} ms, send c8 ${ms(e['send c8'].p95)} ms, inbox c8 ${ms(e['inbox c8'].p95)} ms; inbox plan uses conversation_members_inbox_idx: ${embedded.inboxUsesIndex ? 'yes' : 'no'}`,
  );
  if (pg.sendFailures || embedded.sendFailures) {
    log(
      `WARNING: sends failed during the timed figures (PostgreSQL ${pg.sendFailures}, embedded ${embedded.sendFailures}): the send figures are not valid`,
    );
  }
  log(`total time ${elapsedSeconds().toFixed(0)} s`);
  log(`RESULT send_p95_ms=${ms(f['send c8'].p95)} inbox_p95_ms=${ms(f['inbox c8'].p95)}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});

import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { baseCatalogs } from '../src/branding/i18n/base-catalogs';
import { loadConfig } from '../src/config/app-config';
import { Database } from '../src/infrastructure/database/database';
import { defaultOriginFor } from '../src/tenancy/provisioning/default-origin';
import { syncTenantBundles } from '../src/tenancy/provisioning/tenant-sync';
import type { TenantBundle } from '../src/tenancy/config/tenant-bundle';
import { loadTenantsDir } from '../src/tenancy/validation/tenant-folder-loader';
import { createBenchDatabase } from './bench-database';

// npm run bench:pages — one tenant home page served three ways, on
// PostgreSQL + Redis: (a) bare node:http rendering the page on every request
// (baseline), (b) the platform for one tenant, (c) the platform with requests
// rotating across 1,000 tenants. Prints req/s, p50, p99 and the ratios.

const TENANTS = 1000;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 16;
const WARMUP_S = 2;
const log = (line: string) => process.stdout.write(line + '\n');

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(port: number, hosts: string[], duration = DURATION_S): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, host: hosts[i++ % hosts.length] },
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function startServer(
  kind: 'platform' | 'baseline',
  port: number,
  env: NodeJS.ProcessEnv,
  host: string,
) {
  const child = fork(join(__dirname, 'servers.js'), [kind, String(port), host], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.on('message', (m: { ready?: boolean }) => m.ready && resolve(child));
  });
}

function rssOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: { rss?: number }) => {
      if (m.rss !== undefined) {
        child.off('message', onMessage);
        resolve(m.rss);
      }
    };
    child.on('message', onMessage);
    child.send('rss');
  });
}

/** One request per host first, so the figures are for warm caches. (fetch drops the Host header.) */
function getStatus(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

async function warm(port: number, hosts: string[]): Promise<void> {
  for (const host of hosts) {
    const status = await getStatus(port, host);
    if (status !== 200) throw new Error(`warm-up failed for ${host}: ${status}`);
  }
  await load(port, hosts, WARMUP_S); // let the JIT settle before measuring
}

function row(name: string, f: Figures): string {
  return `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${f.p50
    .toFixed(1)
    .padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   errors ${f.errors}`;
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    DATABASE_URL: bench.appUrl,
    DATABASE_OWNER_URL: bench.ownerUrl,
    REDIS_URL: redisUrl,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    LOG_LEVEL: 'warn',
    PLATFORM_DOMAIN: 'bench.localhost',
  };
  const children: ChildProcess[] = [];
  try {
    const config = loadConfig(env);
    const db = await Database.open(config, { migrate: true });
    const [template] = (
      await loadTenantsDir(config.tenantsDir, baseCatalogs().en, config.platformDomain)
    )
      .filter((t) => t.slug === 'northwind' && t.bundle)
      .map((t) => t.bundle as TenantBundle);
    if (!template) throw new Error('tenants/northwind is missing or invalid');
    const bundles = Array.from({ length: TENANTS }, (_, n) => {
      const slug = `tenant-${String(n).padStart(4, '0')}`;
      return {
        ...template,
        config: { ...template.config, slug, name: `Programme ${n}`, hostnames: { custom: [] } },
      };
    });
    const started = Date.now();
    const outcomes = await syncTenantBundles(db, bundles, {
      platformDomain: config.platformDomain,
      defaultOrigin: defaultOriginFor(config),
      source: 'tenants-folder',
      actor: 'bench',
    });
    await db.close();
    const failed = outcomes.filter((o) => o.result === 'failed');
    if (failed.length) throw new Error(`provisioning failed: ${failed[0].error}`);
    log(`provisioned ${TENANTS} tenants in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const hosts = bundles.map((b) => `${b.config.slug}.${config.platformDomain}`);
    const one = [hosts[0]];
    log(`load: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each, GET / (home page)`);

    const baseline = await startServer('baseline', 4101, env, hosts[0]);
    children.push(baseline);
    await warm(4101, one);
    const a = await load(4101, one);
    log(row('(a) node:http + Handlebars', a));
    baseline.kill();

    const platform = await startServer('platform', 4102, env, hosts[0]);
    children.push(platform);
    await warm(4102, one);
    const b = await load(4102, one);
    const rssB = await rssOf(platform);
    log(row('(b) platform, 1 tenant', b));
    await warm(4102, hosts);
    const c = await load(4102, hosts);
    const rssC = await rssOf(platform);
    log(row(`(c) platform, ${TENANTS} tenants rotating`, c));
    log(
      `RSS after (b) ${(rssB / 2 ** 20).toFixed(0)} MiB, after (c) ${(rssC / 2 ** 20).toFixed(0)} MiB`,
    );
    if (a.errors + b.errors + c.errors > 0) throw new Error('errors during the benchmark');
    log(
      `RESULT platform_vs_node=${(b.rps / a.rps).toFixed(2)} tenants1000_vs_1=${(c.rps / b.rps).toFixed(2)} rss1000_vs_1=${(rssC / rssB).toFixed(2)}`,
    );
  } finally {
    for (const child of children) child.kill();
    await bench.drop().catch((err) => pino().warn({ err }, 'could not drop the bench database'));
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});

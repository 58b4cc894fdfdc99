import pino from 'pino';
import { InProcessCache } from '../../src/infrastructure/redis/in-process-cache';
import { RedisCache } from '../../src/infrastructure/redis/redis-cache';
import type { SharedCache } from '../../src/infrastructure/redis/shared-cache';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';

const redisUrl = process.env.REDIS_URL;

/** Two instances' caches: two Redis connections when REDIS_URL is set, else one in-process bus shared by both. */
function cachesForTwoInstances(): [SharedCache, SharedCache] {
  if (redisUrl) {
    const logger = pino({ level: 'silent' });
    return [new RedisCache(redisUrl, logger), new RedisCache(redisUrl, logger)];
  }
  const shared = new InProcessCache();
  return [shared, shared];
}

async function eventually(check: () => Promise<void>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe(`tenant cache across two instances (${redisUrl ? 'Redis' : 'in-process stand-in'})`, () => {
  let db: TestDatabase;
  let caches: [SharedCache, SharedCache];
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    caches = cachesForTwoInstances();
    // Redis outlives test runs: a throwaway database means fresh tenant ids, but hostnames repeat.
    a = await startTestApp({ db, cache: caches[0], tenants: twoTenants() });
    b = await startTestApp({ db, cache: caches[1] });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await Promise.all([...new Set(caches)].map((c) => c.close()));
    await db.drop();
  });

  it('serves a change synced through one instance from the other without a restart', async () => {
    const before = await b.get('acme.localhost').expect(200);
    expect(before.text).toContain('Acme Mentors');

    await a.sync([
      tenantBundle('acme', {
        name: 'Acme Mentoring Network',
        hostnames: { custom: ['mentoring.acme.example'] },
      }),
    ]);

    await eventually(async () => {
      const after = await b.get('acme.localhost');
      expect(after.text).toContain('Acme Mentoring Network');
    });
    const other = await b.get('globex.localhost').expect(200);
    expect(other.text).toContain('Globex Mentors');
  });

  it('serves a newly added hostname that the other instance had cached as unknown', async () => {
    await b.get('mentor.globex.example').expect(404);
    await a.sync([
      tenantBundle('globex', {
        name: 'Globex Mentors',
        kind: 'government',
        locale: { default: 'ar', supported: ['ar', 'en', 'fr'] },
        hostnames: { custom: ['mentor.globex.example'] },
      }),
    ]);
    await eventually(async () => {
      const res = await b.get('mentor.globex.example');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Globex Mentors');
    });
  });

  it('stops serving a hostname that was removed', async () => {
    await b.get('mentoring.acme.example').expect(200);
    await a.sync([
      tenantBundle('acme', { name: 'Acme Mentoring Network', hostnames: { custom: [] } }),
    ]);
    await eventually(async () => {
      await b.get('mentoring.acme.example').expect(404);
    });
  });
});

describe('two installations sharing one Redis', () => {
  it('never serve each other’s tenants', async () => {
    // One connection, as two installations pointed at the same Redis would each have.
    const cache = redisUrl
      ? new RedisCache(redisUrl, pino({ level: 'silent' }))
      : new InProcessCache();
    const first = await startTestApp({
      cache,
      tenants: [tenantBundle('acme', { name: 'Acme One' })],
    });
    const second = await startTestApp({
      cache,
      tenants: [tenantBundle('acme', { name: 'Acme Two' })],
    });
    try {
      for (let i = 0; i < 2; i++) {
        expect((await first.get('acme.localhost').expect(200)).text).toContain('Acme One');
        expect((await second.get('acme.localhost').expect(200)).text).toContain('Acme Two');
      }
      await first.get('beta.localhost').expect(404);
      await second.sync([tenantBundle('beta')]);
      await second.get('beta.localhost').expect(200);
      await first.get('beta.localhost').expect(404);
    } finally {
      await first.close();
      await second.close();
      await cache.close();
    }
  });
});

describe('host lookups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
  });
  afterAll(() => t.close());

  it('queries the database once for many concurrent requests to a cold host', async () => {
    const spy = jest.spyOn(t.db.database.app, 'query');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.get('mentoring.acme.example')),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const lookups = spy.mock.calls.filter(([sql]) => String(sql).includes('FROM tenants t'));
    expect(lookups).toHaveLength(1);
    spy.mockRestore();
  });
});

describe('when Redis is down', () => {
  let t: TestApp;
  let cache: RedisCache;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis call fails.
    cache = new RedisCache('redis://127.0.0.1:1', pino({ level: 'silent' }));
    t = await startTestApp({ cache, tenants: twoTenants() });
  });
  afterAll(async () => {
    await t.close();
    await cache.close();
  });

  it('still serves every tenant from the database', async () => {
    expect((await t.get('acme.localhost').expect(200)).text).toContain('Acme Mentors');
    expect((await t.get('globex.localhost').expect(200)).text).toContain('Globex Mentors');
    await t.get('nosuch.localhost').expect(404);
  });

  it('stays ready and reports Redis as unavailable', async () => {
    const res = await t.get('localhost', '/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', database: 'up', redis: 'unavailable' });
  });
});

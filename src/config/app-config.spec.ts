import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'gp-config-'));

  it('runs on the embedded default with no variables at all', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.database.kind).toBe('embedded');
    expect(config.redisUrl).toBeUndefined();
    expect(config.platformDomain).toBe('localhost');
    expect(config.port).toBe(3000);
    expect(config.syncTenantsOnBoot).toBe(true);
  });

  it('keeps the generated session secret in DATA_DIR across restarts', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', PLATFORM_DOMAIN: 'Bad Domain', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/PLATFORM_DOMAIN/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires a session secret in production (DATABASE_URL set)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/guidepost' })).toThrow(
      /SESSION_SECRET/,
    );
  });

  it('uses the owner URL for migrations and falls back to DATABASE_URL', () => {
    const secret = { SESSION_SECRET: 'x'.repeat(32) };
    const one = loadConfig({ ...secret, DATABASE_URL: 'postgres://app@db/g' });
    expect(one.database).toMatchObject({
      url: 'postgres://app@db/g',
      ownerUrl: 'postgres://app@db/g',
    });
    const two = loadConfig({
      ...secret,
      DATABASE_URL: 'postgres://app@db/g',
      DATABASE_OWNER_URL: 'postgres://owner@db/g',
    });
    expect(two.database).toMatchObject({ ownerUrl: 'postgres://owner@db/g' });
    expect(two.syncTenantsOnBoot).toBe(false);
    expect(two.demoData).toBe(false);
  });

  it('reads TRUST_PROXY as a list and trusts nobody by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toEqual([]);
    expect(
      loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8']);
  });
});

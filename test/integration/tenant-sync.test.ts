import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../src/config/app-config';
import { REPO_ROOT } from '../../src/config/paths';
import { syncTenantsDir } from '../../src/tenancy/provisioning/sync-tenants-dir';
import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle } from '../support/tenant-fixtures';

const run = promisify(execFile);
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

/** A tenants/ folder with one valid tenant (acme), another (globex) and one broken (bad-colour). */
function tenantsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gp-tenants-'));
  cpSync(join(FIXTURES, 'tenants-valid'), dir, { recursive: true });
  cpSync(join(FIXTURES, 'tenants-broken', 'bad-colour'), join(dir, 'bad-colour'), {
    recursive: true,
  });
  return dir;
}

describe('tenants:sync', () => {
  let t: TestApp;
  let dir: string;
  const sync = () => {
    const config = loadConfig({ ...t.db.env, TENANTS_DIR: dir });
    return syncTenantsDir(config, t.db.database, t.runtime.registry, pino({ level: 'silent' }));
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = tenantsDir();
  });
  afterAll(() => t.close());

  it('applies the valid tenants and reports the broken one without stopping', async () => {
    const report = await sync();
    expect(report.invalid.map((i) => i.slug)).toEqual(['bad-colour']);
    expect(report.invalid[0].problems[0]).toMatchObject({ at: 'branding.colours.primary' });
    const applied = report.outcomes.filter((o) => o.result === 'created').map((o) => o.slug);
    expect(applied).toEqual(['acme', 'globex']);
    await t.get('acme.localhost').expect(200);
    await t.get('globex-ngo.localhost').expect(200); // globex names its own subdomain
    await t.get('bad-colour.localhost').expect(404);
  });

  it('creates no new version when nothing changed', async () => {
    const report = await sync();
    expect(report.outcomes.every((o) => o.result === 'unchanged')).toBe(true);
  });

  it('keeps every version and serves the newest at once', async () => {
    const yamlPath = join(dir, 'acme', 'tenant.yaml');
    const yaml = readFileSync(yamlPath, 'utf8');
    const name = /^name: (.*)$/m.exec(yaml)![1];
    writeFileSync(yamlPath, yaml.replace(/^name: .*$/m, 'name: Acme Growth Partners'));
    await t.get('acme.localhost').expect(200); // warm the caches on the old version
    const report = await sync();
    expect(report.outcomes.find((o) => o.slug === 'acme')).toMatchObject({
      result: 'updated',
      version: 2,
    });
    const page = await t.get('acme.localhost').expect(200);
    expect(page.text).toContain('Acme Growth Partners');
    const history = await t.db.ownerQuery<{ version: number; name: string; source: string }>(
      `SELECT v.version, v.config->>'name' AS name, v.source
         FROM tenant_config_versions v JOIN tenants t ON t.id = v.tenant_id
        WHERE t.slug = 'acme' ORDER BY v.version`,
    );
    expect(history).toEqual([
      { version: 1, name: name.replace(/^['"]|['"]$/g, ''), source: 'tenants-folder' },
      { version: 2, name: 'Acme Growth Partners', source: 'tenants-folder' },
    ]);
  });

  it('refuses a hostname another tenant already has, and applies the rest', async () => {
    const [acme] = await t.db.ownerQuery<{ hostname: string }>(
      `SELECT hostname FROM tenant_domains d JOIN tenants t ON t.id = d.tenant_id WHERE t.slug = 'acme' AND d.kind = 'platform'`,
    );
    expect(acme.hostname).toBe('acme.localhost');
    const other = await startTestApp({ db: t.db });
    try {
      const outcomes = await other.sync([
        tenantBundle('intruder', {
          hostnames: { subdomain: 'acme', custom: [] },
        }),
        tenantBundle('honest'),
      ]);
      expect(outcomes[0]).toMatchObject({ slug: 'intruder', result: 'failed' });
      expect(outcomes[0].error).toContain('acme.localhost already belongs to tenant acme');
      expect(outcomes[1]).toMatchObject({ slug: 'honest', result: 'created' });
    } finally {
      await other.close();
    }
  });
});

describe('tenants:validate command', () => {
  const cli = join(REPO_ROOT, 'src', 'tenancy', 'cli', 'tenants-validate.ts');
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

  it('passes the real tenants/ folder', async () => {
    const { stdout } = await run(tsx, [cli], { env: { ...process.env, TENANTS_DIR: 'tenants' } });
    expect(stdout).toContain('4 of 4 tenants valid');
  }, 30_000);

  it('prints each problem with file and place and exits 1', async () => {
    const err = await run(tsx, [cli], { env: { ...process.env, TENANTS_DIR: tenantsDir() } }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stdout: string }).stdout).toMatch(
      /bad-colour\/tenant\.yaml: branding\.colours\.primary: .*#fff;}body{/,
    );
  }, 30_000);
});

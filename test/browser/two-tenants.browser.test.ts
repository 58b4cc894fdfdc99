/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { baseCatalogs } from '../../src/branding/i18n/base-catalogs';
import { REPO_ROOT } from '../../src/config/paths';
import type { TenantBundle } from '../../src/tenancy/config/tenant-bundle';
import { loadTenantsDir } from '../../src/tenancy/validation/tenant-folder-loader';
import { launchChromium } from '../support/chromium';
import { startTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(REPO_ROOT, 'test-results');

function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('two demo tenants in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;
  let bundles: Map<string, TenantBundle>;

  beforeAll(async () => {
    const loaded = await loadTenantsDir(join(REPO_ROOT, 'tenants'), baseCatalogs().en, 'localhost');
    bundles = new Map(loaded.filter((l) => l.bundle).map((l) => [l.slug, l.bundle!]));
    t = await startTestApp({ tenants: [bundles.get('northwind')!, bundles.get('riyada')!] });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['northwind', 'ltr'],
    ['riyada', 'rtl'],
  ])(
    'shows %s with its own name, colours and direction (%s)',
    async (slug, dir) => {
      const config = bundles.get(slug)!.config;
      // A browser in German: neither tenant offers it, so each shows its default language.
      const page = await browser.newPage({
        viewport: { width: 390, height: 900 },
        locale: 'de-DE',
      });
      const response = await page.goto(`http://${slug}.localhost:${port}/`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'dir')).toBe(dir);
      expect(await page.getAttribute('html', 'lang')).toBe(config.locale.default);
      expect(await page.textContent('.brand-name')).toContain(config.name);
      const button = await page.$eval('.button', (el) => getComputedStyle(el).backgroundColor);
      expect(button).toBe(rgb(config.branding.colours.primary));
      const background = await page.$eval('body', (el) => getComputedStyle(el).backgroundColor);
      expect([rgb(config.branding.colours.background), 'rgba(0, 0, 0, 0)']).toContain(background);
      const logo = await page.$eval(
        'img.brand-logo',
        (img) => (img as HTMLImageElement).naturalWidth,
      );
      expect(logo).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, `${slug}-home.png`), fullPage: true });
      await page.close();
    },
    30_000,
  );

  it('switches language with the switcher and keeps the choice', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(`http://riyada.localhost:${port}/about`);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await page.click('.language-switcher a[lang="en"]');
    expect(new URL(page.url()).pathname).toBe('/about');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.goto(`http://riyada.localhost:${port}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.close();
  }, 30_000);
});

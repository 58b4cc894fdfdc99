/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import { lastMailLink } from '../support/visitor';

describe('joining two programmes in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Follows an emailed link on this test server (links name the canonical origin's port 3000). */
  async function openEmailedLink(page: Page, link: string) {
    const url = new URL(link);
    url.port = String(port);
    await page.goto(url.toString());
  }

  async function joinAndLogIn(slug: string, locale: string, email: string) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`http://${slug}.localhost:${port}/`);
    await page.click('a.nav-cta[href="/signup"]');
    await page.fill('#name', 'Noor Haddad');
    await page.fill('#email', email);
    await page.fill('#password', 'my own long passphrase');
    await page.selectOption('#country', 'JO');
    await page.check('#acceptTerms');
    await page.check('#confirmAge');
    await page.click('form.form button[type="submit"]');
    expect(await page.locator('h1').textContent()).toBeTruthy();

    await openEmailedLink(page, await lastMailLink(t, email, 'verify-email'));
    await page.click('form.form button[type="submit"]');
    await page.click('a.button[href="/login"]');
    await page.fill('#email', email);
    await page.fill('#password', 'my own long passphrase');
    await page.click('form.form button[type="submit"]');
    await page.waitForURL(/\/account$/);
    return { context, page };
  }

  it('signs up, confirms by the emailed link, logs in and sees the account in the tenant’s language', async () => {
    const { context, page } = await joinAndLogIn('globex', 'ar', 'noor@example.org');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('main')).toContain('noor@example.org');
    await context.close();
  }, 60_000);

  it('signs up separately with the same email on a second programme', async () => {
    const { context, page } = await joinAndLogIn('acme', 'en-GB', 'noor@example.org');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toContain('My account');
    await context.close();
    const accounts = await t.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE email = 'noor@example.org'`,
    );
    expect(accounts[0].n).toBe(2);
  }, 60_000);
});

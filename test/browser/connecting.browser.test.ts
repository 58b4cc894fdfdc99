/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { addEntrepreneur, addMentor, PASSWORD, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

// The whole loop in two browsers at once, in a left-to-right and the
// right-to-left tenant: an entrepreneur finds a mentor and asks, the mentor
// accepts, they exchange messages (the thread refreshes itself without a
// reload), log a meeting and set a goal.

const SCREENS = '/tmp/screens';

interface Case {
  slug: string;
  locale: 'en' | 'ar';
  dir: 'ltr' | 'rtl';
  mentor: string;
  founder: string;
  request: string;
  hello: string;
  reply: string;
  goal: string;
}

const CASES: Case[] = [
  {
    slug: 'acme',
    locale: 'en',
    dir: 'ltr',
    mentor: 'Rosa Pricing',
    founder: 'Ana Baker',
    request:
      'Hello Rosa, I run a bakery with four people in Puebla. Our margins shrank this year and I would like help with pricing. Could we meet by video every two weeks?',
    hello: 'Thank you for accepting! Here are our costs: https://bakery.example/costs',
    reply: 'Got them. Let us look at the cakes first.',
    goal: 'New price list for our ten best sellers',
  },
  {
    slug: 'globex',
    locale: 'ar',
    dir: 'rtl',
    mentor: 'رنا المالكي',
    founder: 'نور حداد',
    request:
      'مرحبًا رنا، أدير مخبزًا صغيرًا فيه أربعة عاملين. انخفضت أرباحنا هذا العام وأحتاج مساعدة في التسعير. هل يمكننا اللقاء عبر الفيديو كل أسبوعين؟',
    hello: 'شكرًا على القبول! هذه تكاليفنا: https://bakery.example/costs',
    reply: 'وصلتني. لنبدأ بالكعك.',
    goal: 'قائمة أسعار جديدة لأفضل عشرة منتجات',
  },
];

describe('asking, accepting, talking and planning, in two real browsers', () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    browser = await launchChromium();
    mkdirSync(SCREENS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  async function signIn(c: Case, email: string): Promise<Page> {
    const context = await browser.newContext({ locale: c.locale });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`http://${c.slug}.localhost:${port}/login`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('form.form button[type="submit"]');
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  async function expectDirection(page: Page, c: Case) {
    expect(await page.getAttribute('html', 'lang')).toBe(c.locale);
    expect(await page.getAttribute('html', 'dir')).toBe(c.dir);
  }

  it.each(CASES)(
    '$slug ($dir): request, acceptance, messages, a meeting and a goal',
    async (c) => {
      const tenant = await tenantInfo(t, c.slug);
      await addMentor(t, tenant, `rosa@${c.slug}.example`, {
        name: c.mentor,
        expertiseTop: ['finance.pricing'],
        languages: [c.locale],
        locale: c.locale,
      });
      await addEntrepreneur(t, tenant, `ana@${c.slug}.example`, {
        name: c.founder,
        needsTop: ['finance.pricing'],
        languages: [c.locale],
        locale: c.locale,
      });
      const founder = await signIn(c, `ana@${c.slug}.example`);
      const mentor = await signIn(c, `rosa@${c.slug}.example`);
      const origin = `http://${c.slug}.localhost:${port}`;

      // The entrepreneur finds the mentor among the recommendations and asks.
      await founder.goto(`${origin}/mentors`);
      await expectDirection(founder, c);
      const card = founder.locator('li.person-card', { hasText: c.mentor });
      await card.locator('a.button[href$="/request"]').click();
      await founder.waitForURL(/\/request$/);
      await expectDirection(founder, c);
      // The template is there to start from; the entrepreneur writes their own.
      expect(await founder.inputValue('#message')).toContain('[');
      await founder.fill('#message', c.request);
      await founder.click('main form.form button[type="submit"]');
      await founder.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
      expect(await founder.textContent('main')).toContain(c.request.slice(0, 20));

      // The mentor sees it waiting in the navigation and accepts.
      await mentor.goto(`${origin}/mentoring`);
      expect(await mentor.textContent('header .site-nav a[href="/mentoring"] .badge')).toContain(
        '1',
      );
      await mentor.click('main a[href^="/requests/"]');
      await mentor.waitForURL(/\/requests\//);
      await mentor.click('form[action$="/accept"] button');
      await mentor.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
      await expectDirection(mentor, c);

      // The mentor opens the conversation; the founder writes from theirs.
      await mentor.click('main a.button[href^="/messages/"]');
      await mentor.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
      const threadPath = new URL(mentor.url()).pathname;
      await founder.goto(`${origin}${threadPath}`);
      await expectDirection(founder, c);
      expect(await founder.textContent('#thread')).toContain(c.request.slice(0, 20));
      await founder.fill('#body', c.hello);
      await founder.click('#reply button[type="submit"]');
      // Sent in place (the script), and the link in it is a real link.
      await founder.waitForSelector(`#thread a[href="https://bakery.example/costs"]`);
      expect(await founder.inputValue('#body')).toBe('');

      // The mentor's open thread refreshes itself with the new message, no reload.
      await mentor.waitForSelector(`#thread li:not(.is-mine) >> text=${c.hello.slice(0, 12)}`, {
        timeout: 20_000,
      });
      await mentor.fill('#body', c.reply);
      await mentor.click('#reply button[type="submit"]');
      await founder.waitForSelector(`#thread >> text=${c.reply}`, { timeout: 20_000 });
      await mentor.screenshot({
        path: `${SCREENS}/connecting-${c.slug}-thread.png`,
        fullPage: true,
      });

      // Back on the engagement page: the mentor logs a meeting, the founder sets a goal.
      await mentor.goBack();
      await mentor.waitForURL(/\/engagements\//);
      const engagementPath = new URL(mentor.url()).pathname;
      await mentor.click('main details.more summary');
      await mentor.fill('#metOn', new Date().toISOString().slice(0, 10));
      await mentor.fill('#minutes', '60');
      await mentor.selectOption('#way', 'video');
      await mentor.check('#topics-finance');
      await mentor.fill('#privateNote', 'Margins on wedding cakes look thin');
      await mentor.click('form[action$="/meetings"] button[type="submit"]');
      await mentor.waitForSelector('main >> text=Margins on wedding cakes look thin');

      await founder.goto(`${origin}${engagementPath}`);
      await founder.fill('#title', c.goal);
      await founder.click('form[action$="/goals"] button[type="submit"]');
      await founder.waitForSelector(`main .goal >> text=${c.goal}`);
      const page = (await founder.textContent('main')) ?? '';
      expect(page).toContain(c.goal);
      // The meeting is there for both; the mentor's private note is not.
      expect(page).toContain('60');
      expect(page).not.toContain('Margins on wedding cakes');
      await founder.screenshot({
        path: `${SCREENS}/connecting-${c.slug}-engagement.png`,
        fullPage: true,
      });

      // Light pages: the thread and the engagement page stay well under 100 KB.
      for (const path of [threadPath, engagementPath]) {
        const html = await founder.evaluate(
          (p) => fetch(p, { credentials: 'same-origin' }).then((r) => r.text()),
          path,
        );
        expect(html.length).toBeLessThan(100_000);
      }
    },
    90_000,
  );
});

/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_QUESTIONNAIRE } from '../../src/assessment/default-questionnaire';
import type { LocaleCode } from '../../src/branding/theme-contract';
import { TAXONOMY } from '../../src/profiles/taxonomy-data';
import { launchChromium } from '../support/chromium';
import { addEntrepreneur, addMentor, PASSWORD, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

// The whole matching journey as an entrepreneur sees it, in a left-to-right
// and a right-to-left tenant: the self-assessment, the proposed needs, and
// the ranked, explained mentors.

const SCREENS = '/tmp/screens';
/** The areas answered lowest: their needs are what the assessment proposes. */
const WEAK = ['finance', 'marketing'];
/** The proposed need the entrepreneur unticks before saving. */
const UNTICKED = 'finance.cash_flow';

/** A taxonomy label in one language, straight from the shared reference data. */
function label(code: string, locale: LocaleCode): string {
  for (const area of TAXONOMY.expertise) {
    if (area.code === code) return area.label[locale];
    const sub = area.subAreas.find((s) => s.code === code);
    if (sub) return sub.label[locale];
  }
  throw new Error(`no expertise ${code}`);
}

/** "85% match", "٨٥٪ ..." or "match 85 %": the number, whatever the digits. */
function percentOf(text: string): number {
  const western = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  const m = /(\d+)\s*[%\u066a]|[%\u066a]\s*(\d+)/.exec(western);
  if (!m) throw new Error(`no percentage in "${text}"`);
  return Number(m[1] ?? m[2]);
}

type Span = { left: number; right: number };

/** What is wrong with how the result chart's rows are laid out, in words; empty when fine. */
function chartProblems(
  g: { svg: Span; labels: Span[]; bars: Span[]; values: Span[] },
  dir: 'ltr' | 'rtl',
): string[] {
  const problems: string[] = [];
  const px = (s: Span) => `${Math.round(s.left)}..${Math.round(s.right)}`;
  const inside = (s: Span) => s.left >= g.svg.left - 1 && s.right <= g.svg.right + 1;
  g.bars.forEach((bar, i) => {
    const text = g.labels[i];
    const value = g.values[i];
    const row = `row ${i + 1} (svg ${px(g.svg)}, label ${px(text)}, bar ${px(bar)}, value ${px(value)})`;
    if (!inside(text)) problems.push(`${row}: label outside the chart`);
    if (!inside(value)) problems.push(`${row}: value outside the chart`);
    // Each name sits above its bar, both starting at the reading-start edge of the chart.
    const startAligned =
      dir === 'ltr'
        ? Math.abs(text.left - bar.left) <= 12 && text.left <= g.svg.left + 12
        : Math.abs(text.right - bar.right) <= 12 && text.right >= g.svg.right - 12;
    if (!startAligned)
      problems.push(`${row}: label and bar do not start at the reading-start edge`);
    const valueAfter = dir === 'ltr' ? value.left >= bar.right - 1 : value.right <= bar.left + 1;
    if (!valueAfter) problems.push(`${row}: value overlaps the bar instead of following it`);
  });
  return problems;
}

interface Case {
  slug: string;
  browserLocale: string;
  locale: LocaleCode;
  dir: 'ltr' | 'rtl';
  /** Mentors in the order they should be recommended. */
  names: [string, string, string, string, string];
}

const CASES: Case[] = [
  {
    slug: 'acme',
    browserLocale: 'en-GB',
    locale: 'en',
    dir: 'ltr',
    names: ['Amira Best', 'Bilal Books', 'Dana Cash', 'Carla Brand', 'Emre Stock'],
  },
  {
    slug: 'globex',
    browserLocale: 'ar',
    locale: 'ar',
    dir: 'rtl',
    names: ['أمل الحسن', 'بلال يوسف', 'دانة سالم', 'كريم نصر', 'عمر خليل'],
  },
];

describe('self-assessment to recommended mentors in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    browser = await launchChromium();
    mkdirSync(SCREENS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /**
   * Five mentors speaking the tenant's language. With the needs the test
   * accepts (top: bookkeeping, market research, pricing; further: financial
   * planning) they rank in the order of `names`: all four needs exactly; two
   * top needs exactly and finance as an area; only the unticked need, so the
   * finance area; marketing as an area only; nothing in common.
   */
  async function seed(c: Case): Promise<string> {
    const tenant = await tenantInfo(t, c.slug);
    const languages = [c.locale];
    const mentor = (i: number, top: string[], more: string[] = []) =>
      addMentor(t, tenant, `mentor${i}@${c.slug}.example`, {
        name: c.names[i],
        headline: `Mentor ${i + 1}`,
        expertiseTop: top,
        expertiseMore: more,
        languages,
      });
    await mentor(4, ['operations.inventory', 'operations.quality']);
    await mentor(3, ['marketing.branding', 'marketing.social_media']);
    await mentor(2, ['finance.cash_flow']);
    await mentor(1, ['finance.bookkeeping', 'finance.pricing']);
    await mentor(
      0,
      ['finance.bookkeeping', 'marketing.market_research', 'finance.pricing'],
      ['finance.financial_planning'],
    );
    const email = `founder@${c.slug}.example`;
    await addEntrepreneur(t, tenant, email, {
      name: 'Noor Haddad',
      businessName: 'Noor Crafts',
      locale: c.locale,
      languages,
    });
    return email;
  }

  async function expectLocale(page: Page, c: Case) {
    expect(await page.getAttribute('html', 'lang')).toBe(c.locale);
    expect(await page.getAttribute('html', 'dir')).toBe(c.dir);
  }

  it.each(CASES)(
    '$slug ($dir): assessment, accepted needs, ranked mentors with reasons',
    async (c) => {
      const email = await seed(c);
      const origin = `http://${c.slug}.localhost:${port}`;
      const context = await browser.newContext({ locale: c.browserLocale });
      const page = await context.newPage();

      // Log in through the real form.
      await page.goto(`${origin}/login`);
      await expectLocale(page, c);
      await page.fill('#email', email);
      await page.fill('#password', PASSWORD);
      await page.click('form.form button[type="submit"]');
      await page.waitForURL((url) => url.pathname !== '/login');

      // The overview: keyboard users reach the skip link first, and see where focus is.
      await page.goto(`${origin}/assessment`);
      await expectLocale(page, c);
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          className: el.className,
          href: el.getAttribute('href'),
          outlineStyle: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth),
        };
      });
      expect(focus).toMatchObject({ className: 'skip-link', href: '#main', outlineStyle: 'solid' });
      expect(focus.outlineWidth).toBeGreaterThan(0);
      expect(await page.isVisible('.skip-link')).toBe(true);

      // Take the assessment: lowest answers in the weak areas, highest elsewhere.
      await page.click('main a.button[href="/assessment/take"]');
      await page.waitForURL(/\/assessment\/take$/);
      await expectLocale(page, c);
      let questions = 0;
      for (const area of DEFAULT_QUESTIONNAIRE.areas) {
        const value = WEAK.includes(area.area) ? 1 : 5;
        for (const q of area.questions) {
          await page.click(`label[for="q-${q.id}-${value}"]`);
          questions++;
        }
      }
      expect(await page.locator('input[type="radio"]:checked').count()).toBe(questions);
      await page.click('button[name="action"][value="finish"]');
      await page.waitForURL(/\/assessment\/results\/[0-9a-f-]{36}$/);
      await expectLocale(page, c);

      // The chart: one bar per area, the weak ones marked, drawn from the reading side.
      const chart = page.locator('figure.chart svg[role="img"]');
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.locator('rect.chart-bar').count()).toBe(
        DEFAULT_QUESTIONNAIRE.areas.length,
      );
      expect(await chart.locator('rect.chart-bar-weak').count()).toBe(WEAK.length);
      // Where each row's label, bar and value are drawn (checked last, see chartProblems).
      const geometry = await chart.evaluate((svg) => {
        const box = (el: Element) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right };
        };
        const all = (selector: string) => Array.from(svg.querySelectorAll(selector), box);
        return {
          svg: box(svg),
          labels: all('text.chart-label'),
          bars: all('rect.chart-bar'),
          values: all('text.chart-value'),
        };
      });

      // The weak areas, weakest first, each with its explanation in the page's language.
      const weak = await page.locator('ul.weak-list > li').allTextContents();
      expect(weak).toHaveLength(WEAK.length);
      WEAK.forEach((code, i) => {
        const area = DEFAULT_QUESTIONNAIRE.areas.find((a) => a.area === code)!;
        expect(weak[i]).toContain(label(code, c.locale));
        expect(weak[i]).toContain(area.weakness[c.locale]);
      });

      // The proposed needs: every one ticked, the needs of the lowest-rated questions.
      const boxes = page.locator('input[type="checkbox"][name="needs"]');
      const proposed = await boxes.evaluateAll((els) =>
        els.map((el) => ({
          code: (el as HTMLInputElement).value,
          checked: (el as HTMLInputElement).checked,
        })),
      );
      const weakNeeds = DEFAULT_QUESTIONNAIRE.areas
        .filter((a) => WEAK.includes(a.area))
        .flatMap((a) => a.questions.map((q) => q.need));
      expect(proposed.length).toBeGreaterThan(1);
      for (const p of proposed) {
        expect(p.checked).toBe(true);
        expect(weakNeeds).toContain(p.code);
        expect(await page.textContent(`label[for="need-${p.code}"]`)).toContain(
          label(p.code, c.locale),
        );
      }
      const codes = proposed.map((p) => p.code);
      expect(codes).toEqual(
        expect.arrayContaining([
          'finance.bookkeeping',
          'marketing.market_research',
          'finance.pricing',
          'finance.financial_planning',
          UNTICKED,
        ]),
      );
      await page.screenshot({ path: `${SCREENS}/${c.slug}-results.png`, fullPage: true });

      // Untick one and save: the recommendations follow.
      await page.click(`label[for="need-${UNTICKED}"]`);
      expect(await page.isChecked(`input[id="need-${UNTICKED}"]`)).toBe(false);
      await page.click('form[action$="/needs"] button[type="submit"]');
      await page.waitForURL(/\/mentors$/);
      await expectLocale(page, c);
      expect(await page.isVisible('p.notice[role="status"]')).toBe(true);

      const cards = page.locator('ol.person-list > li.person-card');
      const names = (await cards.locator('.person-name').allTextContents()).map((n) => n.trim());
      expect(names).toEqual(c.names);
      const percents: number[] = [];
      for (let i = 0; i < names.length; i++) {
        const card = cards.nth(i);
        const score = (await card.locator('.match-score').textContent()) ?? '';
        percents.push(percentOf(score));
        expect(await card.locator('ul.match-reasons > li').count()).toBeGreaterThan(0);
      }
      expect([...percents].sort((a, b) => b - a)).toEqual(percents);
      expect(percents[0]).toBeGreaterThan(percents[1]);
      // The best fit's reasons name the needs it covers, in the tenant's language.
      const best = (await cards.first().locator('ul.match-reasons').textContent()) ?? '';
      for (const code of [
        'finance.bookkeeping',
        'marketing.market_research',
        'finance.pricing',
        'finance.financial_planning',
      ]) {
        expect(best).toContain(label(code, c.locale));
      }
      expect(best).not.toContain(label(UNTICKED, c.locale));
      await page.screenshot({ path: `${SCREENS}/${c.slug}-mentors.png`, fullPage: true });

      // The profile now holds the kept needs, and not the unticked one.
      await page.goto(`${origin}/profile`);
      await expectLocale(page, c);
      const facts = (await page.textContent('.profile-section dl.facts')) ?? '';
      for (const code of codes.filter((x) => x !== UNTICKED)) {
        expect(facts).toContain(label(code, c.locale));
      }
      expect(facts).not.toContain(label(UNTICKED, c.locale));

      await context.close();

      // The chart, read in the page's direction: every label and value inside the drawing,
      // labels and bars starting at the reading-start edge, values just past the bars' ends.
      expect(chartProblems(geometry, c.dir)).toEqual([]);
    },
    90_000,
  );
});

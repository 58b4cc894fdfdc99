import { chartView } from './assessment-chart';

const AREAS = [
  { code: 'finance', label: 'Money' },
  { code: 'marketing', label: 'Customers' },
  { code: 'legal', label: 'Rules' },
];
const SCORES = { finance: 100, marketing: 50, legal: 0 };
const WIDTH = 420;

describe('chartView', () => {
  it('draws one row per area, in order, one below the other', () => {
    const view = chartView(AREAS, SCORES, null, new Set(['legal']), 'en');
    expect(view.rows.map((r) => [r.label, r.score, r.weak])).toEqual([
      ['Money', 100, false],
      ['Customers', 50, false],
      ['Rules', 0, true],
    ]);
    expect(view.width).toBe(WIDTH);
    const ys = view.rows.map((r) => r.y);
    expect(ys[1] - ys[0]).toBeGreaterThan(0);
    expect(ys[2] - ys[1]).toBe(ys[1] - ys[0]);
    // Each area's name sits above its own bar.
    for (const r of view.rows) expect(r.textY).toBeLessThan(r.y);
    expect(view.height).toBeGreaterThan(ys[2]);
    expect(chartView([], {}, null, new Set(), 'en').rows).toEqual([]);
  });

  it('makes bar widths proportional to the score', () => {
    const view = chartView(
      [...AREAS, { code: 'sales', label: 'Selling' }],
      { ...SCORES, sales: 25 },
      null,
      new Set(),
      'en',
    );
    const [full, half, , quarter] = view.rows.map((r) => r.barWidth);
    expect(full).toBeGreaterThan(100);
    expect(half).toBe(Math.round(full / 2));
    expect(Math.abs(quarter - full / 4)).toBeLessThanOrEqual(0.5);
  });

  it('still shows a sliver for a score of 0, and counts a missing score as 0', () => {
    const view = chartView(AREAS, { finance: 100 }, null, new Set(), 'en');
    expect(view.rows[2].score).toBe(0);
    expect(view.rows[2].barWidth).toBeGreaterThan(0);
    expect(view.rows[2].barWidth).toBeLessThan(view.rows[0].barWidth / 50);
  });

  it('draws left to right with labels at the start in English', () => {
    const view = chartView(AREAS, SCORES, null, new Set(), 'en');
    for (const r of view.rows) {
      expect(r.labelX).toBe(0);
      expect(r.barX).toBeGreaterThan(0);
      expect(r.valueX).toBeGreaterThan(r.barX + r.barWidth);
      expect(r.valueX).toBeLessThanOrEqual(WIDTH);
    }
    // Every bar starts at the same place.
    expect(new Set(view.rows.map((r) => r.barX)).size).toBe(1);
  });

  it('mirrors the chart in Arabic: labels at the right edge, bars growing left', () => {
    const ltr = chartView(AREAS, SCORES, null, new Set(), 'en');
    const rtl = chartView(AREAS, SCORES, null, new Set(), 'ar');
    rtl.rows.forEach((r, i) => {
      const l = ltr.rows[i];
      expect(r.labelX).toBe(WIDTH);
      expect(r.barWidth).toBe(l.barWidth);
      expect(r.valueX).toBe(WIDTH - l.valueX);
      expect(r.y).toBe(l.y);
      expect(r.textY).toBe(l.textY);
    });
    // The full bar ends where the English one starts, mirrored.
    expect(rtl.rows[0].barX + rtl.rows[0].barWidth).toBe(WIDTH - ltr.rows[0].barX);
    expect(rtl.rows[1].barX + rtl.rows[1].barWidth).toBe(WIDTH - ltr.rows[1].barX);
  });

  it('mirrors even the sliver drawn for a score of 0', () => {
    const ltr = chartView(AREAS, SCORES, null, new Set(), 'en').rows[2];
    const rtl = chartView(AREAS, SCORES, null, new Set(), 'ar').rows[2];
    expect(rtl.barX).toBe(WIDTH - (ltr.barX + ltr.barWidth));
  });

  it('uses left-to-right coordinates for the other languages', () => {
    for (const locale of ['es', 'fr', 'id'] as const) {
      expect(chartView(AREAS, SCORES, null, new Set(), locale).rows[0].labelX).toBe(0);
    }
  });

  it('marks the previous score and the signed change', () => {
    const previous = { finance: 85, marketing: 55, legal: 0 };
    const view = chartView(AREAS, SCORES, previous, new Set(), 'en');
    expect(view.rows.map((r) => r.delta)).toEqual(['+15', '-5', '0']);
    const [money, customers, rules] = view.rows;
    // The tick sits where the old bar ended.
    expect(rules.previousX).toBe(rules.barX);
    expect(money.previousX!).toBeLessThan(money.barX + money.barWidth);
    expect(money.previousX!).toBeGreaterThan(money.barX);
    expect(customers.previousX!).toBeGreaterThan(customers.barX + customers.barWidth);
    expect(money.previousX! - money.barX).toBe(Math.round(0.85 * money.barWidth));
  });

  it('mirrors the previous-score tick in Arabic', () => {
    const previous = { finance: 85, marketing: 55, legal: 10 };
    const ltr = chartView(AREAS, SCORES, previous, new Set(), 'en');
    const rtl = chartView(AREAS, SCORES, previous, new Set(), 'ar');
    rtl.rows.forEach((r, i) => expect(r.previousX).toBe(WIDTH - ltr.rows[i].previousX!));
    expect(rtl.rows.map((r) => r.delta)).toEqual(['+15', '-5', '-10']);
  });

  it('shows no tick and no change without a previous score for the area', () => {
    const none = chartView(AREAS, SCORES, null, new Set(), 'en');
    expect(none.rows.every((r) => r.previousX === null && r.delta === null)).toBe(true);
    const partial = chartView(AREAS, SCORES, { marketing: 40 }, new Set(), 'en');
    expect(partial.rows.map((r) => r.delta)).toEqual([null, '+10', null]);
    expect(partial.rows[0].previousX).toBeNull();
    expect(partial.rows[1].previousX).not.toBeNull();
  });
});

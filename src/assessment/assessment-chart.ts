import type { LocaleCode } from '../branding/theme-contract';
import { RTL_LOCALES } from '../branding/theme-contract';
import type { AreaScores } from './scoring';

// The result chart as coordinates for the template to draw as SVG: one bar
// per area, a tick where the previous assessment was, mirrored for
// right-to-left languages. No script, no image file, readable by screen
// readers through the table the page puts next to it.

// Narrow enough that 15 px text stays readable on a phone; each area's name
// sits on its own line above its bar, so long names never squeeze the bars.
const WIDTH = 420;
const ROW = 48;
const INSET = 4;
const BAR_MAX = 360;
const BAR_HEIGHT = 16;

export interface ChartRow {
  label: string;
  score: number;
  /** Change since the previous assessment, signed ("+15", "-5", "0"). */
  delta: string | null;
  labelX: number;
  barX: number;
  barWidth: number;
  valueX: number;
  previousX: number | null;
  /** Baseline of the area's name, above its bar. */
  textY: number;
  /** Top of the bar. */
  y: number;
  valueY: number;
  tickEndY: number;
  weak: boolean;
}

/**
 * Text is anchored at `start` in both directions: the SVG inherits the page's
 * direction, so in Arabic `start` is the right edge, where the mirrored
 * coordinates put it.
 */
export interface ChartView {
  width: number;
  height: number;
  rows: ChartRow[];
}

export function chartView(
  areas: { code: string; label: string }[],
  scores: AreaScores,
  previous: AreaScores | null,
  weak: ReadonlySet<string>,
  locale: LocaleCode,
): ChartView {
  const rtl = RTL_LOCALES.has(locale);
  const x = (fromStart: number) => (rtl ? WIDTH - fromStart : fromStart);
  const rows = areas.map((area, i): ChartRow => {
    const score = scores[area.code] ?? 0;
    // A sliver even at 0, so every area has a visible bar.
    const width = Math.max(Math.round((score / 100) * BAR_MAX), 2);
    const before = previous?.[area.code];
    return {
      label: area.label,
      score,
      delta: before === undefined ? null : signed(score - before),
      labelX: x(0),
      barX: rtl ? WIDTH - INSET - width : INSET,
      barWidth: width,
      valueX: x(INSET + width + 6),
      previousX: before === undefined ? null : x(INSET + Math.round((before / 100) * BAR_MAX)),
      textY: i * ROW + 16,
      y: i * ROW + 22,
      valueY: i * ROW + 22 + BAR_HEIGHT - 3,
      tickEndY: i * ROW + 22 + BAR_HEIGHT,
      weak: weak.has(area.code),
    };
  });
  return {
    width: WIDTH,
    height: areas.length * ROW + 4,
    rows,
  };
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

import type { ValidationProblem } from '../config/tenant-bundle';

// WCAG 2.1 contrast: https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio

export interface BrandColours {
  primary: string;
  accent: string;
  text: string;
  background: string;
  onPrimary: string;
}

type ColourRole = keyof BrandColours;

export interface ContrastRequirement {
  foreground: ColourRole;
  background: ColourRole;
  minimum: number;
  why: string;
}

export const CONTRAST_REQUIREMENTS: readonly ContrastRequirement[] = [
  { foreground: 'text', background: 'background', minimum: 4.5, why: 'body text' },
  { foreground: 'onPrimary', background: 'primary', minimum: 4.5, why: 'buttons and header' },
  { foreground: 'primary', background: 'background', minimum: 4.5, why: 'links' },
  // Non-text UI (focus ring, borders) only needs 3:1 (WCAG 1.4.11).
  { foreground: 'accent', background: 'background', minimum: 3, why: 'focus ring and borders' },
];

function parseHex(hex: string): [number, number, number] {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a 6-digit hex colour: ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

function linearChannel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.1 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map(linearChannel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, 1 to 21, independent of order. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The ratio in hundredths as it is printed: rounded to nearest, except that a
 * failing ratio is rounded down when rounding would reach the minimum, so a
 * failing pair never prints as passing (4.496 → 4.49, not 4.50).
 */
export function ratioInHundredths(ratio: number, minimum: number): number {
  const nearest = Math.round(ratio * 100);
  return ratio < minimum && nearest >= Math.round(minimum * 100)
    ? Math.floor(ratio * 100)
    : nearest;
}

/** One problem per brand colour pair that misses its WCAG AA minimum. */
export function checkBrandContrast(
  colours: BrandColours,
  file = 'tenant.yaml',
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const req of CONTRAST_REQUIREMENTS) {
    const fg = colours[req.foreground];
    const bg = colours[req.background];
    const ratio = contrastRatio(fg, bg);
    if (ratio >= req.minimum) continue;
    // Integer hundredths keep the printed shortfall free of float noise.
    const shown = ratioInHundredths(ratio, req.minimum);
    const short = Math.round(req.minimum * 100) - shown;
    problems.push({
      file,
      at: `branding.colours.${req.foreground}`,
      message:
        `${req.foreground} ${fg.toLowerCase()} on ${req.background} ${bg.toLowerCase()} ` +
        `has contrast ${(shown / 100).toFixed(2)}:1; WCAG AA needs ${req.minimum}:1 ` +
        `(short by ${(short / 100).toFixed(2)}); used for ${req.why}`,
    });
  }
  return problems;
}

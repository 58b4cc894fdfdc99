import { createHash } from 'node:crypto';
import type { TenantConfig } from '../tenancy/config/tenant-config.schema';
import { FONT_STACKS } from './theme-contract';

export type BrandTokens = TenantConfig['branding'];

// Tokens are validated values (hex colours, a font from a list, an integer
// radius); the stylesheet is generated from them, never from free CSS.
const HEX = /^#[0-9a-fA-F]{6}$/;

export function tokensCss(tokens: BrandTokens): string {
  const c = tokens.colours;
  for (const value of [c.primary, c.accent, c.text, c.background, c.onPrimary]) {
    if (!HEX.test(value)) throw new Error(`refusing a colour token that is not hex: ${value}`);
  }
  const radius = Math.max(0, Math.min(24, Math.trunc(tokens.radius)));
  return (
    `:root{--gp-primary:${c.primary};--gp-accent:${c.accent};--gp-text:${c.text};` +
    `--gp-bg:${c.background};--gp-on-primary:${c.onPrimary};` +
    `--gp-font:${FONT_STACKS[tokens.font]};--gp-radius:${radius}px}\n`
  );
}

export interface Stylesheet {
  hash: string;
  css: string;
}

export function stylesheet(tokens: BrandTokens, baseCss: string): Stylesheet {
  const css = tokensCss(tokens) + baseCss;
  return { css, hash: createHash('sha256').update(css).digest('hex').slice(0, 16) };
}

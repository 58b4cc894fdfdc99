import { stylesheet, tokensCss } from './brand-css';

const tokens = {
  colours: {
    primary: '#1a5fb4',
    accent: '#c64600',
    text: '#1b1b1b',
    background: '#ffffff',
    onPrimary: '#ffffff',
  },
  font: 'system' as const,
  radius: 8,
  logo: 'assets/logo.svg',
};

describe('brand stylesheet', () => {
  it('turns validated tokens into CSS custom properties', () => {
    const css = tokensCss(tokens);
    expect(css).toContain('--gp-primary:#1a5fb4');
    expect(css).toContain('--gp-radius:8px');
  });

  it('refuses a colour that could break out of the declaration', () => {
    const evil = { ...tokens, colours: { ...tokens.colours, primary: '#fff;}body{' } };
    expect(() => tokensCss(evil)).toThrow(/not hex/);
  });

  it('changes its versioned name when a token changes', () => {
    const a = stylesheet(tokens, 'body{}');
    const b = stylesheet({ ...tokens, radius: 2 }, 'body{}');
    expect(a.hash).not.toBe(b.hash);
    expect(a.hash).toBe(stylesheet(tokens, 'body{}').hash);
  });
});

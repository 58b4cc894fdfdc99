import {
  checkBrandContrast,
  contrastRatio,
  ratioInHundredths,
  relativeLuminance,
  type BrandColours,
} from './colour-contrast';

const accessible: BrandColours = {
  primary: '#1a5fb4',
  accent: '#c64600',
  text: '#1c1c1c',
  background: '#ffffff',
  onPrimary: '#ffffff',
};

describe('colour contrast', () => {
  it('computes WCAG relative luminance at the extremes', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 10);
  });

  it('gives 21:1 for black on white, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 10);
  });

  it('gives 4.48:1 for #777777 on white and 1:1 for a colour on itself', () => {
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.478, 3);
    expect(contrastRatio('#1a5fb4', '#1a5fb4')).toBe(1);
  });

  it('never prints a failing ratio as reaching the minimum', () => {
    expect(ratioInHundredths(4.4999, 4.5)).toBe(449);
    expect(ratioInHundredths(4.496, 4.5)).toBe(449);
    expect(ratioInHundredths(4.478, 4.5)).toBe(448);
    expect(ratioInHundredths(2.996, 3)).toBe(299);
  });

  it('accepts a brand whose pairs all meet WCAG AA', () => {
    expect(checkBrandContrast(accessible)).toEqual([]);
  });

  it('names the pair, the ratio and the shortfall for grey body text', () => {
    expect(checkBrandContrast({ ...accessible, text: '#777777' })).toEqual([
      {
        file: 'tenant.yaml',
        at: 'branding.colours.text',
        message: expect.stringContaining(
          'text #777777 on background #ffffff has contrast 4.48:1; WCAG AA needs 4.5:1 (short by 0.02)',
        ),
      },
    ]);
  });

  it('checks button text on primary, links in primary, and the accent at 3:1', () => {
    const problems = checkBrandContrast(
      { ...accessible, primary: '#9ec5ff', accent: '#ffd5b0' },
      'acme/tenant.yaml',
    );
    expect(problems.map((p) => p.at)).toEqual([
      'branding.colours.onPrimary',
      'branding.colours.primary',
      'branding.colours.accent',
    ]);
    expect(problems[2].message).toContain('WCAG AA needs 3:1');
    expect(problems.every((p) => p.file === 'acme/tenant.yaml')).toBe(true);
  });

  it('allows an accent between 3:1 and 4.5:1, since it is not text', () => {
    // #949494 on white is about 3.03:1.
    expect(checkBrandContrast({ ...accessible, accent: '#949494' })).toEqual([]);
  });
});

import { tenantConfigSchema } from '../tenancy/config/tenant-config.schema';
import { DEFAULT_WEIGHTS, resolveWeights, SCORED_COMPONENTS } from './weights';

const rules = (matchingWeights: object) =>
  tenantConfigSchema.shape.programme.parse({ matchingWeights }) as ReturnType<
    typeof tenantConfigSchema.shape.programme.parse
  >;

describe('resolveWeights', () => {
  it('uses the defaults when the tenant sets nothing', () => {
    expect(resolveWeights(rules({}))).toEqual(DEFAULT_WEIGHTS);
  });

  it('makes needs dominate the defaults', () => {
    const others = SCORED_COMPONENTS.filter((k) => k !== 'needs');
    for (const k of others) expect(DEFAULT_WEIGHTS.needs).toBeGreaterThan(DEFAULT_WEIGHTS[k]);
  });

  it('has a weight for exactly the scored components', () => {
    expect(Object.keys(resolveWeights(rules({}))).sort()).toEqual([...SCORED_COMPONENTS].sort());
  });

  it('applies tenant overrides and keeps the defaults for the rest', () => {
    const weights = resolveWeights(rules({ needs: 8, industry: 0, style: 2.5 }));
    expect(weights).toEqual({ ...DEFAULT_WEIGHTS, needs: 8, industry: 0, style: 2.5 });
  });

  it('does not change the shared defaults when a tenant overrides them', () => {
    const before = { ...DEFAULT_WEIGHTS };
    const weights = resolveWeights(rules({ needs: 9 }));
    weights.fairness = 7;
    expect(DEFAULT_WEIGHTS).toEqual(before);
    expect(resolveWeights(rules({}))).toEqual(before);
  });

  it('falls back to the defaults when every scored weight is zero', () => {
    const zero = Object.fromEntries(SCORED_COMPONENTS.map((k) => [k, 0]));
    expect(resolveWeights(rules(zero))).toEqual(DEFAULT_WEIGHTS);
  });

  it('keeps a tenant’s weights when only one of them is above zero', () => {
    const zero = Object.fromEntries(SCORED_COMPONENTS.map((k) => [k, 0]));
    const weights = resolveWeights(rules({ ...zero, fairness: 1 }));
    expect(weights.fairness).toBe(1);
    expect(weights.needs).toBe(0);
  });

  it('scores responsiveness, from the tenant’s weight like any other component', () => {
    expect(SCORED_COMPONENTS).toContain('responsiveness');
    expect(resolveWeights(rules({ responsiveness: 4 })).responsiveness).toBe(4);
  });

  it('falls back to the defaults when every weight is zero', () => {
    const zero = Object.fromEntries(SCORED_COMPONENTS.map((k) => [k, 0]));
    expect(resolveWeights(rules(zero))).toEqual(DEFAULT_WEIGHTS);
  });

  it('refuses weights outside 0…10 and unknown keys in the tenant config', () => {
    expect(() => rules({ needs: -1 })).toThrow();
    expect(() => rules({ needs: 11 })).toThrow();
    expect(() => rules({ popularity: 1 })).toThrow();
  });
});

import type { ProgrammeRules } from '../tenancy/config/tenant-config.schema';
import { MATCHING_WEIGHT_KEYS } from '../tenancy/config/tenant-config.schema';

export type WeightKey = (typeof MATCHING_WEIGHT_KEYS)[number];
/** The score components matching computes, each 0…1 in SQL (see matching.repository). */
export const SCORED_COMPONENTS = [
  'needs',
  'industry',
  'stage',
  'language',
  'location',
  'style',
  'capacity',
  'responsiveness',
  'fairness',
] as const satisfies readonly WeightKey[];
export type Component = (typeof SCORED_COMPONENTS)[number];
export type Weights = Record<Component, number>;

/**
 * Needs dominate: a mentor who covers what the business needs beats one who
 * merely shares its industry. The rest break ties in a sensible order.
 */
export const DEFAULT_WEIGHTS: Weights = {
  needs: 5,
  industry: 1.5,
  stage: 1,
  language: 1,
  location: 1,
  style: 0.75,
  capacity: 0.5,
  responsiveness: 1,
  fairness: 1,
};

/** The tenant's weights over the defaults; all zero falls back to the defaults. */
export function resolveWeights(rules: Pick<ProgrammeRules, 'matchingWeights'>): Weights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const key of SCORED_COMPONENTS) {
    const own = rules.matchingWeights[key];
    if (own !== undefined) weights[key] = own;
  }
  return SCORED_COMPONENTS.some((k) => weights[k] > 0) ? weights : { ...DEFAULT_WEIGHTS };
}

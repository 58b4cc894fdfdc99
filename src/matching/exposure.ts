// How often a mentor has been shown lately, as one number per mentor that
// never needs a sweeping decay job. Each showing at time t adds e^(t/τ); the
// column keeps L = ln Σ e^(tᵢ/τ), so ordering by L orders by recent exposure,
// and the decayed count now is e^(L − now/τ). τ is one week: a mentor shown
// to many people this week makes room for others, and is back next week.

/** Time zero of the exposure clock (any fixed instant works). */
export const EXPOSURE_EPOCH_MS = Date.UTC(2026, 0, 1);
export const EXPOSURE_TAU_MS = 7 * 24 * 3600 * 1000;
/** Recent showings at which the fairness component halves. */
export const EXPOSURE_HALF = 20;
/** What an unseen mentor's L is: effectively zero showings. */
export const NEVER_SHOWN = -1e9;

/** The exposure clock now, in units of τ since the epoch. */
export function exposureClock(now: Date): number {
  return (now.getTime() - EXPOSURE_EPOCH_MS) / EXPOSURE_TAU_MS;
}

/** Showings that still count now (decayed). */
export function recentShowings(log: number, now: Date): number {
  return Math.exp(Math.max(log - exposureClock(now), -50));
}

/** L after `count` more showings now: ln(e^L + count·e^t), computed without overflow. */
export function addShowings(log: number, count: number, now: Date): number {
  const add = exposureClock(now) + Math.log(count);
  const top = Math.max(log, add);
  return top + Math.log(Math.exp(log - top) + Math.exp(add - top));
}

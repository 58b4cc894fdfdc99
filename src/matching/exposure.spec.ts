import {
  addShowings,
  EXPOSURE_EPOCH_MS,
  EXPOSURE_TAU_MS,
  exposureClock,
  NEVER_SHOWN,
  recentShowings,
} from './exposure';

const at = (ms: number) => new Date(EXPOSURE_EPOCH_MS + ms);
const DAY = 24 * 3600 * 1000;

describe('exposure clock', () => {
  it('counts in units of τ (one week) from the epoch', () => {
    expect(EXPOSURE_TAU_MS).toBe(7 * DAY);
    expect(exposureClock(at(0))).toBe(0);
    expect(exposureClock(at(14 * DAY))).toBeCloseTo(2, 12);
    expect(exposureClock(at(-7 * DAY))).toBeCloseTo(-1, 12);
  });
});

describe('addShowings and recentShowings', () => {
  const now = at(40 * DAY + 3600 * 1000);

  it('counts a never-shown mentor as (practically) zero', () => {
    expect(recentShowings(NEVER_SHOWN, now)).toBeLessThan(1e-9);
  });

  it.each([1, 2, 7, 50])('shown %i times now counts about that many now', (n) => {
    expect(recentShowings(addShowings(NEVER_SHOWN, n, now), now)).toBeCloseTo(n, 9);
  });

  it('adds showings to those already counted', () => {
    const log = addShowings(addShowings(NEVER_SHOWN, 3, now), 4, now);
    expect(recentShowings(log, now)).toBeCloseTo(7, 9);
  });

  it('decays by a factor e after τ and e² after 2τ', () => {
    const log = addShowings(NEVER_SHOWN, 10, now);
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(recentShowings(log, later(EXPOSURE_TAU_MS))).toBeCloseTo(10 / Math.E, 9);
    expect(recentShowings(log, later(2 * EXPOSURE_TAU_MS))).toBeCloseTo(10 / Math.E ** 2, 9);
  });

  it('weighs older showings less when mixed with new ones', () => {
    const weekLater = new Date(now.getTime() + EXPOSURE_TAU_MS);
    const log = addShowings(addShowings(NEVER_SHOWN, 5, now), 2, weekLater);
    expect(recentShowings(log, weekLater)).toBeCloseTo(2 + 5 / Math.E, 9);
  });

  it('orders mentors shown more often higher', () => {
    expect(addShowings(NEVER_SHOWN, 4, now)).toBeGreaterThan(addShowings(NEVER_SHOWN, 3, now));
    expect(addShowings(NEVER_SHOWN, 1, now)).toBeGreaterThan(NEVER_SHOWN);
  });

  it('orders the same number of showings by how recent they were', () => {
    const earlier = addShowings(NEVER_SHOWN, 3, now);
    const later = addShowings(NEVER_SHOWN, 3, new Date(now.getTime() + DAY));
    expect(later).toBeGreaterThan(earlier);
  });

  it('keeps a mentor shown many times long ago below one shown once now', () => {
    const old = addShowings(NEVER_SHOWN, 100, at(0));
    const months = new Date(EXPOSURE_EPOCH_MS + 10 * EXPOSURE_TAU_MS);
    const fresh = addShowings(NEVER_SHOWN, 1, months);
    expect(fresh).toBeGreaterThan(old);
    expect(recentShowings(old, months)).toBeLessThan(recentShowings(fresh, months));
  });

  it('adding zero showings changes nothing', () => {
    const log = addShowings(NEVER_SHOWN, 6, now);
    expect(addShowings(log, 0, now)).toBe(log);
  });

  it('stays finite and exact ten years (and a century) after the epoch', () => {
    for (const years of [10, 100]) {
      const far = at(years * 365.25 * DAY);
      const once = addShowings(NEVER_SHOWN, 3, far);
      expect(Number.isFinite(once)).toBe(true);
      expect(recentShowings(once, far)).toBeCloseTo(3, 6);
      const twice = addShowings(once, 2, far);
      expect(Number.isFinite(twice)).toBe(true);
      expect(recentShowings(twice, far)).toBeCloseTo(5, 6);
      expect(recentShowings(NEVER_SHOWN, far)).toBeLessThan(1e-9);
    }
  });

  it('stays finite when a busy mentor keeps being shown for years', () => {
    let log = NEVER_SHOWN;
    for (let week = 0; week < 520; week += 1) {
      log = addShowings(log, 1000, at(week * EXPOSURE_TAU_MS));
      expect(Number.isFinite(log)).toBe(true);
    }
    const end = at(519 * EXPOSURE_TAU_MS);
    // Geometric series: 1000 · Σ e^-k ≈ 1000 · e / (e − 1).
    expect(recentShowings(log, end)).toBeCloseTo((1000 * Math.E) / (Math.E - 1), 3);
  });
});

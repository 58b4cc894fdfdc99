import { Periodic } from './periodic';

describe('Periodic', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a pass every interval, the first at once when asked', async () => {
    let passes = 0;
    const p = new Periodic(
      async () => void passes++,
      () => undefined,
    );
    p.start(1000, { now: true });
    expect(passes).toBe(1);
    jest.advanceTimersByTime(2500);
    expect(passes).toBe(3);
    await p.stop();
    jest.advanceTimersByTime(5000);
    expect(passes).toBe(3);
  });

  it('reports a failed pass and goes on with the next', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const p = new Periodic(
      async () => {
        passes++;
        if (passes === 1) throw new Error('database down');
      },
      (err) => errors.push(err),
    );
    p.start(1000);
    expect(passes).toBe(0);
    jest.advanceTimersByTime(1000);
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    await p.stop();
    expect(passes).toBe(2);
    expect(errors.map(String)).toEqual(['Error: database down']);
  });

  it('stop() waits for the pass under way', async () => {
    let finish: () => void = () => undefined;
    const p = new Periodic(
      () => new Promise<void>((resolve) => (finish = resolve)),
      () => undefined,
    );
    p.start(1000, { now: true });
    let stopped = false;
    const stopping = p.stop().then(() => (stopped = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });
});

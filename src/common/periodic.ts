/**
 * Background work run every few minutes: a pass every `intervalMs` (the timer
 * never keeps the process alive). A failed pass goes to `onError` and the
 * next one runs as usual; stop() waits for the pass under way.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Runs a pass every `intervalMs`, the first one at once when `now` is set. */
  start(intervalMs: number, opts: { now?: boolean } = {}): void {
    if (this.timer) return;
    const run = () => {
      this.running = this.pass().catch(this.onError);
    };
    if (opts.now) run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

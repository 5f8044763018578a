/**
 * The sandbox's clock for executing server tasks. Tasks started through the API advance one step every
 * `stepMs` milliseconds of real time (fast by default so tests and demos finish quickly). Timestamps
 * shown to clients come from `now()` (real time), so new tasks sort after the seeded history.
 */
export class SandboxClock {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** @param stepMs delay between task steps in ms (>= 0). */
  constructor(readonly stepMs: number) {}

  /** Current time in ms since the epoch. */
  now(): number {
    return Date.now();
  }

  /** Runs `fn` after `steps` task steps; returns a cancel function. No-op after `stop()`. */
  after(steps: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, steps * this.stepMs),
    );
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Cancels every pending timer; later `after` calls do nothing. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

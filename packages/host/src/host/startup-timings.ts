/**
 * Where `OctopusMcpHost.start()` spends its time, for the "host started" log line (`startupMs`):
 * operators see why a host starts slowly, and bench figure 2 reports the phases of every cold
 * start. Times come from `performance.now()`, whose origin in Node is the start of the process.
 */

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export class StartupTimings {
  readonly #started = performance.now();
  #last = this.#started;
  readonly #phases: Record<string, number> = {};

  /** Ends the phase that began at the previous mark (or at construction) and names it. */
  mark(phase: string): void {
    const now = performance.now();
    this.#phases[phase] = roundMs(now - this.#last);
    this.#last = now;
  }

  /**
   * The phases in ms (0.1 ms resolution), in the order marked, plus `start` (ms since
   * construction) and `sinceProcessStart` (ms since the process started: module loading, reading
   * the config and whatever ran before `start()` included).
   */
  summary(): Readonly<Record<string, number>> {
    const now = performance.now();
    return { ...this.#phases, start: roundMs(now - this.#started), sinceProcessStart: roundMs(now) };
  }
}

/**
 * Where `OctopusMcpHost.start()` spends its time, for the "host started" log line (`startupMs`):
 * operators see why a host starts slowly, and bench figure 2 reports the phases of every cold
 * start. Times come from `process.uptime()` (seconds since the process started, nanosecond
 * resolution): the first use of the `performance` global loads Node's perf_hooks, ~1.5 ms of a
 * cold start, and nothing else on the way to the first answer needs it.
 */

/** Ms since the process started. */
function sinceProcessStartMs(): number {
  return process.uptime() * 1000;
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export class StartupTimings {
  readonly #started = sinceProcessStartMs();
  #last = this.#started;
  readonly #phases: Record<string, number> = {};

  /** Ends the phase that began at the previous mark (or at construction) and names it. */
  mark(phase: string): void {
    const now = sinceProcessStartMs();
    this.#phases[phase] = roundMs(now - this.#last);
    this.#last = now;
  }

  /**
   * The phases in ms (0.1 ms resolution), in the order marked, plus `start` (ms since
   * construction) and `sinceProcessStart` (ms since the process started: module loading, reading
   * the config and whatever ran before `start()` included).
   */
  summary(): Readonly<Record<string, number>> {
    const now = sinceProcessStartMs();
    return { ...this.#phases, start: roundMs(now - this.#started), sinceProcessStart: roundMs(now) };
  }
}

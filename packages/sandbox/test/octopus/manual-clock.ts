import { SandboxClock } from "../../src/clock.js";

/** A clock whose steps run only when the test says so (`tick()` runs everything scheduled so far). */
export class ManualClock extends SandboxClock {
  private queue: (() => void)[] = [];
  constructor() {
    super(0);
  }
  override after(_steps: number, fn: () => void): () => void {
    this.queue.push(fn);
    return () => undefined;
  }
  tick(): void {
    const q = this.queue;
    this.queue = [];
    for (const fn of q) fn();
  }
  /** Number of callbacks waiting for the next tick. */
  get pending(): number {
    return this.queue.length;
  }
}

/**
 * Runs a plugin callback with a time bound and an AbortSignal. When the bound passes, the signal
 * aborts and the host moves on: a plugin that ignores its signal can delay nothing beyond its
 * bound (its promise is left behind, its late rejection swallowed).
 */

export type BoundedOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly timedOut: true }
  | { readonly ok: false; readonly timedOut: false; readonly error: unknown };

/** The abort reason used when the bound passes. */
export class BoundExceededError extends Error {
  constructor(
    readonly label: string,
    readonly timeoutMs: number,
  ) {
    super(`${label} did not finish within ${timeoutMs} ms`);
    this.name = "BoundExceededError";
  }
}

/**
 * Calls `fn(signal)` and waits at most `timeoutMs` (ms). Synchronous throws count as errors.
 * The returned promise never rejects.
 */
export async function runBounded<T>(
  label: string,
  timeoutMs: number,
  fn: (signal: AbortSignal) => Promise<T> | T,
): Promise<BoundedOutcome<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<BoundedOutcome<T>>((resolve) => {
    timer = setTimeout(
      () => {
        controller.abort(new BoundExceededError(label, timeoutMs));
        resolve({ ok: false, timedOut: true });
      },
      Math.max(0, timeoutMs),
    );
  });
  const work = (async (): Promise<BoundedOutcome<T>> => {
    try {
      return { ok: true, value: await fn(controller.signal) };
    } catch (error) {
      return { ok: false, timedOut: false, error };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

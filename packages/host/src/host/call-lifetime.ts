/**
 * The abort state of one tool call: client cancellation, the call timeout and host shutdown in one
 * object. It replaces an `AbortController` + `setTimeout` + `AbortSignal.any` per call, which cost
 * several microseconds (and weak references for the garbage collector) on every call, while most
 * calls never look at their signal and finish without yielding:
 * - the `AbortSignal` handed to hooks and handlers is created only when someone reads it (already
 *   aborted when the call was aborted before);
 * - the timer, the cancellation listener and the shutdown registration are armed only when the
 *   hooks or the handler return a promise (work that ends synchronously cannot be interrupted);
 * - the race against a handler that ignores its signal needs no listener on the signal.
 */

/** Why a call was aborted. */
export type AbortCause = "cancelled" | "timeout" | "shutdown";

/** What a lifetime needs from the pipeline. */
export interface CallLifetimeOptions {
  /** Client cancellation (SDK `extra.signal`). */
  readonly cancelSignal: AbortSignal;
  /** Aborted when the host shuts down. */
  readonly shutdownSignal: AbortSignal;
  /** The call timeout, in ms, counted from `startedAt`. */
  readonly timeoutMs: number;
  /** `performance.now()` when the call started. */
  readonly startedAt: number;
  /** Calls in flight, for the pipeline's shutdown listener (see {@link abortAll}). */
  readonly inFlight: Set<CallLifetime>;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

export class CallLifetime {
  #aborted = false;
  #timedOut = false;
  #reason: unknown;
  #controller: AbortController | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #onCancel: (() => void) | undefined;

  constructor(private readonly options: CallLifetimeOptions) {
    // A cancelled request or a stopping host aborts the call before any of its work runs.
    if (options.cancelSignal.aborted) this.abort(options.cancelSignal.reason);
    else if (options.shutdownSignal.aborted) this.abort(options.shutdownSignal.reason);
  }

  /** True once cancelled, timed out or shut down. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /**
   * Why the call was aborted, read when the call failed. Same precedence as before: the timeout,
   * then shutdown, then client cancellation.
   */
  get cause(): AbortCause | undefined {
    if (!this.#aborted) return undefined;
    if (this.#timedOut) return "timeout";
    return this.options.shutdownSignal.aborted ? "shutdown" : "cancelled";
  }

  /** The call's signal (created on first read); its `reason` is that of the first abort. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the call with `reason` (the first abort wins; later ones are ignored). */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    this.#disarm();
    const reject = this.#reject;
    this.#reject = undefined;
    reject?.(this.#error());
  }

  /**
   * Runs `work`. When it returns a promise, the result settles with it or as soon as the call is
   * aborted, whichever comes first (a handler that ignores its signal cannot hold the call); the
   * timer and listeners run only for that time.
   * @throws the abort reason (an Error) when the call was aborted before `work` ran.
   */
  run<T>(work: () => T | PromiseLike<T>): T | Promise<T> {
    if (this.#aborted) throw this.#error();
    const result = work();
    if (!isPromiseLike(result)) return result;
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      this.#arm();
      result.then(
        (value) => {
          this.#disarm();
          resolve(value);
        },
        (error: unknown) => {
          this.#disarm();
          reject(error);
        },
      );
    });
  }

  /** Aborts every call in `inFlight` (the pipeline's shutdown listener). */
  static abortAll(inFlight: Set<CallLifetime>, reason: unknown): void {
    for (const lifetime of [...inFlight]) lifetime.abort(reason);
  }

  #error(): Error {
    return this.#reason instanceof Error ? this.#reason : new Error("aborted");
  }

  #arm(): void {
    const { cancelSignal, timeoutMs, startedAt, inFlight } = this.options;
    const remaining = Math.max(0, timeoutMs - (performance.now() - startedAt));
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      // What `AbortController.abort()` without a reason would have given.
      this.abort(new DOMException("This operation was aborted", "AbortError"));
    }, remaining);
    this.#onCancel = () => this.abort(cancelSignal.reason);
    cancelSignal.addEventListener("abort", this.#onCancel, { once: true });
    inFlight.add(this);
    // The work itself may have cancelled the request or stopped the host before returning.
    if (cancelSignal.aborted) this.abort(cancelSignal.reason);
    else if (this.options.shutdownSignal.aborted) this.abort(this.options.shutdownSignal.reason);
  }

  /** Idempotent: runs when the work settles and when the call is aborted. */
  #disarm(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#onCancel) this.options.cancelSignal.removeEventListener("abort", this.#onCancel);
    this.#onCancel = undefined;
    this.options.inFlight.delete(this);
  }
}

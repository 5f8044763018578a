/**
 * Outbound-HTTP fault injection for plugin tests: a `fetch` to hand to `startTestHost({ fetch })`.
 * It sits *behind* the host's HttpClient, so retries, Retry-After handling, the circuit breaker,
 * timeouts and error mapping run exactly as in production. Requests no fault matches (or whose
 * fault is used up) go to the real `fetch`.
 */

/** One fault. Exactly one of `status`, `reset` applies; `delayMs` combines with either or alone. */
export interface FetchFault {
  /**
   * Which requests: a substring of the URL, a RegExp tested against `"METHOD URL"`, or a predicate.
   * Default: every request.
   */
  readonly match?:
    string | RegExp | ((request: { readonly method: string; readonly url: string }) => boolean);
  /** Answer with this HTTP status instead of calling the upstream. */
  readonly status?: number;
  /** Response headers, e.g. `{ "Retry-After": "1" }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Response body: an object is sent as JSON, a string as is. Default: a JSON error message. */
  readonly body?: string | object;
  /** Send `body` (default `{"Items": [`) with `Content-Type: application/json` although it is not JSON. */
  readonly malformedJson?: boolean;
  /** Fail like a connection reset (`TypeError: fetch failed`, cause code `ECONNRESET`). */
  readonly reset?: boolean;
  /** Wait this long (ms) first; aborts early with the request's signal. */
  readonly delayMs?: number;
  /** Apply to at most this many matching requests, then pass through. Default: unlimited. */
  readonly times?: number;
}

/** One request the injector saw. `fault` is the index of the fault applied, if any. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly fault: number | undefined;
}

export interface FaultInjector {
  /** Pass this to `startTestHost({ fetch })`. */
  readonly fetch: typeof fetch;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** Adds a fault (checked after the existing ones). Returns its index. */
  add(fault: FetchFault): number;
  /** Removes every fault (later requests pass through). */
  clear(): void;
}

function matches(fault: FetchFault, method: string, url: string): boolean {
  const m = fault.match;
  if (m === undefined) return true;
  if (typeof m === "string") return url.includes(m);
  if (m instanceof RegExp) return m.test(`${method} ${url}`);
  return m({ method, url });
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * Creates an injector. `base` is the fetch used for pass-through (default the global `fetch`).
 * @example
 * const faults = createFaultInjector([{ match: "/api/tasks", status: 503, times: 2 }]);
 * const host = await startTestHost({ plugins, fetch: faults.fetch });
 */
export function createFaultInjector(
  faults: readonly FetchFault[] = [],
  base: typeof fetch = globalThis.fetch,
): FaultInjector {
  const list: Array<{ fault: FetchFault; used: number }> = faults.map((fault) => ({ fault, used: 0 }));
  const requests: RecordedRequest[] = [];

  const injected = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const signal = init?.signal ?? request?.signal;
    const index = list.findIndex(
      ({ fault, used }) => (fault.times === undefined || used < fault.times) && matches(fault, method, url),
    );
    requests.push({ method, url, fault: index === -1 ? undefined : index });
    if (index === -1) return base(input, init);
    const entry = list[index] as { fault: FetchFault; used: number };
    entry.used += 1;
    const { fault } = entry;
    if (fault.delayMs !== undefined) await sleep(fault.delayMs, signal);
    if (fault.reset) {
      const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
      throw new TypeError("fetch failed", { cause });
    }
    if (fault.status === undefined && !fault.malformedJson) return base(input, init);
    const status = fault.status ?? 200;
    const headers = new Headers(fault.headers);
    let body: string;
    if (fault.malformedJson) {
      body = typeof fault.body === "string" ? fault.body : '{"Items": [';
      headers.set("content-type", "application/json");
    } else if (typeof fault.body === "string") {
      body = fault.body;
    } else {
      body = JSON.stringify(fault.body ?? { ErrorMessage: `Injected fault: HTTP ${status}` });
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const noBody = status === 204 || status === 304 || method === "HEAD";
    return new Response(noBody ? null : body, { status, headers });
  };

  return {
    fetch: injected as typeof fetch,
    requests,
    add(fault) {
      list.push({ fault, used: 0 });
      return list.length - 1;
    },
    clear() {
      list.length = 0;
    },
  };
}

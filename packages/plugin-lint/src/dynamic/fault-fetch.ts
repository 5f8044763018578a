/**
 * The `fetch` behind the lint host's HttpClient: every request fails the way the current scenario
 * says (reference: the failure modes listed in issue 8), and every request is recorded (method,
 * URL, whether it carried a known credential) so the checks can count retries and check tenancy.
 */

export type FaultScenario =
  "connection-refused" | "http-500" | "http-429" | "http-503" | "timeout" | "malformed-json";

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  "connection-refused",
  "http-500",
  "http-429",
  "http-503",
  "timeout",
  "malformed-json",
];

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Caller tenants whose secrets appear in the request headers. */
  readonly credentialTenants: readonly string[];
}

export interface FaultFetch {
  readonly fetch: typeof fetch;
  scenario: FaultScenario;
  /** Requests since the last `take()`. */
  take(): RecordedRequest[];
}

function refused(): TypeError {
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
    code: "ECONNREFUSED",
    errno: -111,
    syscall: "connect",
  });
  return new TypeError("fetch failed", { cause });
}

/**
 * Creates the fault-injecting fetch. `secrets` maps caller tenant -> its secret values (never
 * logged), used to tell whose credential a request carries.
 */
export function createFaultFetch(secrets: Readonly<Record<string, readonly string[]>>): FaultFetch {
  let requests: RecordedRequest[] = [];
  const state: FaultFetch = {
    scenario: "connection-refused",
    take() {
      const out = requests;
      requests = [];
      return out;
    },
    fetch: async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = input instanceof Request ? input.url : String(input);
      const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
      const headers = new Headers(input instanceof Request ? input.headers : undefined);
      new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
      const values: string[] = [];
      headers.forEach((value) => {
        values.push(value);
        const basic = /^basic\s+(.+)$/i.exec(value);
        if (basic?.[1]) values.push(Buffer.from(basic[1], "base64").toString("utf8"));
      });
      const credentialTenants = Object.entries(secrets)
        .filter(([, list]) => list.some((s) => values.some((v) => v.includes(s))))
        .map(([tenant]) => tenant);
      requests.push({ method, url, credentialTenants });
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const json = { "content-type": "application/json" };
      switch (state.scenario) {
        case "connection-refused":
          throw refused();
        case "http-500":
          return new Response(
            JSON.stringify({ ErrorMessage: "plugin-lint: injected internal server error" }),
            { status: 500, headers: json },
          );
        case "http-429":
          return new Response(JSON.stringify({ ErrorMessage: "plugin-lint: injected rate limit" }), {
            status: 429,
            headers: { ...json, "retry-after": "0" },
          });
        case "http-503":
          return new Response("Service Unavailable", {
            status: 503,
            headers: { "content-type": "text/plain" },
          });
        case "malformed-json":
          return new Response('{"Items": [{"Id": "Spaces-1", ', { status: 200, headers: json });
        case "timeout":
          return new Promise<Response>((_, reject) => {
            if (signal?.aborted) return reject(signal.reason);
            signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
          });
      }
    },
  };
  return state;
}

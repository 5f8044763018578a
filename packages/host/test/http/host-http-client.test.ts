import {
  ConflictError,
  ForbiddenError,
  InvalidArgumentsError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UpstreamUnavailableError,
} from "@octopus-mcp/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultHostConfig } from "../../src/config/load-config.js";
import { type HostConfig } from "../../src/config/types.js";
import {
  HostHttpClient,
  type HostHttpClientOptions,
  type HttpRetryInfo,
} from "../../src/http/host-http-client.js";
import { createCapturingLogger } from "../../src/logging/capturing-logger.js";
import { SecretRedactor } from "../../src/logging/secret-redactor.js";
import { TenantScope } from "../../src/tenancy/tenant-scope.js";
import { json, startTestServer, type TestServer } from "./test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Tiny backoffs so retries finish at once; no assertion depends on time. */
function settings(overrides: Partial<HostConfig["http"]> = {}): HostConfig["http"] {
  return {
    ...defaultHostConfig().http,
    initialBackoffMs: 1,
    maxBackoffMs: 20,
    ...overrides,
  };
}

function createClient(
  http: Partial<HostConfig["http"]> = {},
  extra: Partial<HostHttpClientOptions> = {},
): {
  client: HostHttpClient;
  scope: TenantScope;
  redactor: SecretRedactor;
  lines: Record<string, unknown>[];
  text: () => string;
  retries: HttpRetryInfo[];
} {
  const scope = new TenantScope();
  const redactor = new SecretRedactor();
  const capture = createCapturingLogger({ redactor, scope });
  const retries: HttpRetryInfo[] = [];
  const client = new HostHttpClient({
    settings: settings(http),
    scope,
    logger: capture.logger,
    redactor,
    hooks: { onRetry: (info) => retries.push(info) },
    ...extra,
  });
  return { client, scope, redactor, lines: capture.lines, text: capture.text, retries };
}

function inTenant<T>(scope: TenantScope, tenantId: string, fn: () => Promise<T>): Promise<T> {
  return scope.run({ tenantId, correlationId: `c-${tenantId}`, subject: undefined, settings: {} }, fn);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as Error,
  );
}

describe("requests", () => {
  it("serialises the query, sends Accept JSON and parses a JSON body", async () => {
    server.handle((req, res) => json(res, 200, { Items: [1, 2], path: req.url }));
    const { client } = createClient();
    const response = await client.request<{ Items: number[]; path: string }>({
      url: `${server.url}/api/Spaces-1/projects?fixed=1`,
      query: { take: 10, ids: ["a", "b"], partialName: "web app", skip: undefined, flag: true },
    });
    expect(response.status).toBe(200);
    expect(response.body.Items).toEqual([1, 2]);
    expect(response.body.path).toBe(
      "/api/Spaces-1/projects?fixed=1&take=10&ids=a&ids=b&partialName=web+app&flag=true",
    );
    expect(server.requests[0]!.headers.accept).toBe("application/json");
  });

  it("sends JSON bodies with a content type, strings verbatim, and returns text and empty bodies", async () => {
    server.handle((req, res, body) => {
      if (req.url === "/empty") return void res.writeHead(204).end();
      res.writeHead(200, { "content-type": "text/plain" }).end(`${req.headers["content-type"]}|${body}`);
    });
    const { client } = createClient();
    const posted = await client.request({ method: "POST", url: `${server.url}/x`, body: { Name: "a" } });
    expect(posted.body).toBe('application/json|{"Name":"a"}');
    const raw = await client.request({
      method: "PUT",
      url: `${server.url}/x`,
      body: "plain",
      headers: { "content-type": "text/yaml" },
    });
    expect(raw.body).toBe("text/yaml|plain");
    const empty = await client.request({ method: "DELETE", url: `${server.url}/empty` });
    expect(empty).toMatchObject({ status: 204, body: undefined });
  });

  it("returns non-2xx responses when throwOnHttpError is false", async () => {
    server.handle((_req, res) => json(res, 404, { ErrorMessage: "gone" }));
    const { client } = createClient();
    const response = await client.request({ url: `${server.url}/x`, throwOnHttpError: false });
    expect(response).toMatchObject({ status: 404, body: { ErrorMessage: "gone" } });
  });

  it("logs one debug line per attempt without headers or query", async () => {
    let calls = 0;
    server.handle((_req, res) => (++calls === 1 ? json(res, 503, {}) : json(res, 200, {})));
    const { client, lines, text } = createClient();
    await client.request({
      url: `${server.url}/api/tasks?token=query-secret-value`,
      headers: { "X-Octopus-ApiKey": "API-HEADERVALUE1234567890" },
    });
    const requestLines = lines.filter((line) => line.msg === "upstream request");
    expect(requestLines.map((l) => [l.level, l.method, l.url, l.status, l.attempt])).toEqual([
      ["debug", "GET", `${server.url}/api/tasks`, 503, 1],
      ["debug", "GET", `${server.url}/api/tasks`, 200, 2],
    ]);
    expect(typeof requestLines[0]!.durationMs).toBe("number");
    expect(text()).not.toContain("API-HEADERVALUE1234567890");
    expect(text()).not.toContain("query-secret-value");
  });
});

describe("hooks", () => {
  it("reports attempts, and a throwing hook does not break the request", async () => {
    server.handle((_req, res) => json(res, 200, { ok: 1 }));
    const seen: unknown[] = [];
    const { client, lines } = createClient(
      {},
      {
        hooks: {
          onRequest: (info) => {
            seen.push([info.method, info.path, info.status, info.attempt, info.key]);
            throw new Error("metrics broke");
          },
        },
      },
    );
    expect((await client.request({ url: `${server.url}/m` })).body).toEqual({ ok: 1 });
    expect(seen).toEqual([["GET", "/m", 200, 1, `host ${server.url}`]]);
    expect(lines.some((l) => l.msg === "HTTP client hook threw; ignored" && l.hook === "onRequest")).toBe(
      true,
    );
  });
});

describe("retries", () => {
  it("retries an idempotent request on 503 and then succeeds", async () => {
    let calls = 0;
    server.handle((_req, res) => (++calls <= 2 ? json(res, 503, {}) : json(res, 200, { ok: true })));
    const { client, retries } = createClient({ maxRetries: 3 });
    const response = await client.request({ url: `${server.url}/a` });
    expect(response.body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [2, 503],
      [3, 503],
    ]);
  });

  it("uses Retry-After as the delay (seconds and HTTP-date) instead of the backoff", async () => {
    let calls = 0;
    server.handle((_req, res) => {
      calls++;
      if (calls === 1) return json(res, 429, {}, { "retry-after": "0" });
      if (calls === 2)
        return json(res, 503, {}, { "retry-after": new Date(Date.now() - 5000).toUTCString() });
      json(res, 200, {});
    });
    // A huge exponential backoff: the test only finishes quickly because Retry-After (0 s) wins.
    const { client, retries } = createClient({ initialBackoffMs: 60_000, maxBackoffMs: 60_000 });
    await client.request({ url: `${server.url}/a` });
    expect(retries.map((r) => [r.reason, r.delayMs])).toEqual([
      [429, 0],
      [503, 0],
    ]);
  });

  it("gives up at once when Retry-After exceeds maxBackoffMs, reporting retry_after", async () => {
    server.handle((_req, res) => json(res, 429, { ErrorMessage: "Slow down" }, { "retry-after": "120" }));
    const { client } = createClient({ maxBackoffMs: 1000, initialBackoffMs: 1 });
    const error = await failure(client.request({ url: `${server.url}/a` }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(120);
    expect((error as RateLimitError).toBody().retry_after).toBe(120);
    expect(error.message).toContain("Slow down");
    expect(server.requests).toHaveLength(1);
  });

  it("throws RateLimitError after the last retry on 429", async () => {
    server.handle((_req, res) => json(res, 429, {}));
    const { client } = createClient({ maxRetries: 2 });
    const error = await failure(client.request({ url: `${server.url}/a` }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(3);
  });

  it("never retries POST (or an explicitly non-idempotent request)", async () => {
    server.handle((_req, res) => json(res, 503, { ErrorMessage: "busy" }));
    const { client, retries } = createClient({ maxRetries: 3 });
    const error = await failure(client.request({ method: "POST", url: `${server.url}/a`, body: {} }));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(server.requests).toHaveLength(1);
    await failure(client.request({ url: `${server.url}/b`, idempotent: false }));
    expect(server.requests).toHaveLength(2);
    expect(retries).toEqual([]);
  });

  it("retries network errors and reports the cause", async () => {
    let calls = 0;
    const fetch = (() => {
      calls++;
      return Promise.reject(
        new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }),
      );
    }) as typeof globalThis.fetch;
    const { client } = createClient({ maxRetries: 2 }, { fetch });
    const error = await failure(client.request({ url: "http://127.0.0.1:9/api", upstreamName: "Octopus" }));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error.message).toBe("Octopus is unreachable for GET /api (ECONNREFUSED).");
    expect(calls).toBe(3);
  });

  it("times out each attempt and throws TimeoutError after the retries", async () => {
    server.handle(() => undefined); // never answers
    const { client } = createClient({ maxRetries: 1 });
    const error = await failure(client.request({ url: `${server.url}/slow`, timeoutMs: 50 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("within 50 ms");
    expect(server.requests).toHaveLength(2);
  });
});

describe("circuit breaker and bulkhead", () => {
  it("opens after N consecutive failures, fails fast without a request, per caller tenant", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const states: string[] = [];
    const { client, scope } = createClient(
      { maxRetries: 0, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } },
      { hooks: { onBreakerStateChange: (key, state) => states.push(`${key} ${state}`) } },
    );
    const url = `${server.url}/api`;
    for (let i = 0; i < 2; i++) {
      expect(await failure(inTenant(scope, "a", () => client.request({ url })))).toBeInstanceOf(
        UpstreamUnavailableError,
      );
    }
    expect(server.requests).toHaveLength(2);
    expect(states).toEqual([`a ${server.url} open`]);
    const open = await failure(inTenant(scope, "a", () => client.request({ url, upstreamName: "Octopus" })));
    expect(open).toBeInstanceOf(UpstreamUnavailableError);
    expect(open.message).toContain("circuit breaker open");
    expect((open as UpstreamUnavailableError).retryAfterSeconds).toBe(60);
    expect(server.requests).toHaveLength(2);
    expect(client.breakerState("a", server.url)).toBe("open");

    // Tenant b and the host itself (outside a scope) still reach the same upstream.
    server.handle((_req, res) => json(res, 200, {}));
    await inTenant(scope, "b", () => client.request({ url }));
    await client.request({ url });
    expect(server.requests).toHaveLength(2);
    expect(client.breakerState("b", server.url)).toBe("closed");
    expect(client.breakerState(undefined, server.url)).toBe("closed");
  });

  it("half-opens after halfOpenAfterMs: a successful trial closes it again", async () => {
    server.handle((_req, res) => json(res, 502, {}));
    const states: string[] = [];
    const { client } = createClient(
      { maxRetries: 0, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 50 } },
      { hooks: { onBreakerStateChange: (_key, state) => states.push(state) } },
    );
    const url = `${server.url}/h`;
    await failure(client.request({ url }));
    await failure(client.request({ url }));
    expect(server.requests).toHaveLength(1);
    server.handle((_req, res) => json(res, 200, { back: true }));
    await new Promise((r) => setTimeout(r, 120)); // longer than halfOpenAfterMs
    expect((await client.request({ url })).body).toEqual({ back: true });
    expect(states).toEqual(["open", "half-open", "closed"]);
  });

  it("does not count 4xx responses as failures", async () => {
    server.handle((_req, res) => json(res, 404, {}));
    const { client } = createClient({
      maxRetries: 0,
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
    });
    await failure(client.request({ url: `${server.url}/x` }));
    await failure(client.request({ url: `${server.url}/x` }));
    expect(server.requests).toHaveLength(2);
    expect(client.breakerState(undefined, server.url)).toBe("closed");
  });

  it("caps concurrent requests per upstream", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const waiting: (() => void)[] = [];
    server.handle((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      waiting.push(() => {
        inFlight--;
        json(res, 200, {});
      });
    });
    const { client } = createClient({ maxConcurrencyPerUpstream: 2 });
    const all = Promise.all(Array.from({ length: 5 }, () => client.request({ url: `${server.url}/c` })));
    while (server.requests.length < 5) {
      await new Promise((r) => setTimeout(r, 5));
      waiting.shift()?.();
    }
    while (waiting.length) waiting.shift()!();
    await all;
    expect(maxInFlight).toBe(2);
  });
});

describe("cancellation", () => {
  it("an already aborted signal sends nothing", async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const { client } = createClient();
    const reason = new Error("call cancelled");
    const error = await failure(
      client.request({ url: `${server.url}/a`, signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it("aborting during a backoff stops at once and no further attempt is made", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const controller = new AbortController();
    const { client } = createClient(
      { maxRetries: 5, initialBackoffMs: 100, maxBackoffMs: 100 },
      { hooks: { onRetry: () => controller.abort(new Error("stop")) } },
    );
    const error = await failure(client.request({ url: `${server.url}/a`, signal: controller.signal }));
    expect(error.message).toBe("stop");
    await new Promise((r) => setTimeout(r, 300)); // longer than the backoff: a retry would have happened
    expect(server.requests).toHaveLength(1);
  });

  it("aborting an in-flight request rejects with the reason and does not retry", async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    const { client } = createClient({ maxRetries: 3 });
    const pending = failure(client.request({ url: `${server.url}/hang`, signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error("cancelled by client"));
    expect((await pending).message).toBe("cancelled by client");
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests).toHaveLength(1);
  });
});

describe("error mapping", () => {
  it.each([
    [
      400,
      { ErrorMessage: "Bad request", Errors: ["Name is required"] },
      InvalidArgumentsError,
      "Bad request: Name is required",
    ],
    [401, { ErrorMessage: "You must be logged in" }, UnauthorizedError, "You must be logged in"],
    [403, { ErrorMessage: "You do not have permission" }, ForbiddenError, "You do not have permission"],
    [
      404,
      { ErrorMessage: "There was a problem with your request.", Errors: ["Project 'X' could not be found"] },
      NotFoundError,
      "There was a problem with your request: Project 'X' could not be found",
    ],
    [409, { ErrorMessage: "Task is already running" }, ConflictError, "Task is already running"],
    [
      400,
      {
        code: 9,
        error: "another operation is already in progress",
        message: "another operation is already in progress",
      },
      ConflictError,
      "another operation is already in progress",
    ],
    [503, { code: 7, message: "permission denied" }, ForbiddenError, "permission denied"],
    [500, { message: "boom" }, UpstreamUnavailableError, "boom"],
  ])("%i %j -> %o", async (status, body, type, text) => {
    server.handle((_req, res) => json(res, status, body));
    const { client } = createClient({ maxRetries: 0 });
    const error = await failure(
      client.request({ url: `${server.url}/api/x?secret=1`, upstreamName: "Octopus" }),
    );
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain(`Octopus returned ${status}`);
    expect(error.message).toContain("GET /api/x");
    expect(error.message).toContain(text);
    expect(error.message).not.toContain("secret=1");
  });

  it("reports an HTML page (SSO proxy) as unauthorized, and an HTML 502 as unavailable", async () => {
    server.handle((req, res) => {
      const status = req.url === "/bad-gateway" ? 502 : 200;
      res
        .writeHead(status, { "content-type": "text/html" })
        .end("<!DOCTYPE html><html><body>Sign in</body></html>");
    });
    const { client } = createClient({ maxRetries: 0 });
    const login = await failure(client.request({ url: `${server.url}/api/spaces`, upstreamName: "Argo CD" }));
    expect(login).toBeInstanceOf(UnauthorizedError);
    expect(login.message).toContain("HTML page");
    expect(login.message).toContain("SSO");
    expect(login.message).not.toContain("Sign in");
    const gateway = await failure(client.request({ url: `${server.url}/bad-gateway` }));
    expect(gateway).toBeInstanceOf(UpstreamUnavailableError);
    expect(gateway.message).toContain("an HTML page from a proxy");
  });

  it("follows same-origin redirects but refuses to follow one to another origin", async () => {
    server.handle((req, res) => {
      if (req.url === "/old") return void res.writeHead(302, { location: "/new" }).end();
      if (req.url === "/sso")
        return void res.writeHead(302, { location: "https://login.example.com/authorize" }).end();
      json(res, 200, { at: req.url });
    });
    const { client } = createClient();
    expect((await client.request({ url: `${server.url}/old` })).body).toEqual({ at: "/new" });
    const error = await failure(
      client.request({ url: `${server.url}/sso`, headers: { authorization: "Bearer x" } }),
    );
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toContain("https://login.example.com/authorize");
  });

  it("redacts registered secrets in upstream messages", async () => {
    server.handle((_req, res) =>
      json(res, 401, { ErrorMessage: "Invalid API key API-SECRETKEYVALUE123456" }),
    );
    const { client, redactor } = createClient();
    redactor.register("API-SECRETKEYVALUE123456");
    const error = await failure(client.request({ url: `${server.url}/api` }));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toContain("Invalid API key [REDACTED]");
  });

  it("refuses to buffer a body larger than maxResponseBytes (stream() is not limited)", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" }).end("y".repeat(5000));
    });
    const { client } = createClient({ maxResponseBytes: 4096 });
    const error = await failure(client.request({ url: `${server.url}/big` }));
    expect(error).toBeInstanceOf(InvalidArgumentsError);
    expect(error.message).toContain("more than 4096 bytes");
    let total = 0;
    for await (const piece of (await client.stream({ url: `${server.url}/big` })).body)
      total += piece.byteLength;
    expect(total).toBe(5000);
    const fits = await createClient({ maxResponseBytes: 5000 }).client.request({ url: `${server.url}/big` });
    expect(fits.body).toHaveLength(5000);
  });

  it("rejects a non-http URL as invalid arguments without sending anything", async () => {
    const { client } = createClient();
    expect(await failure(client.request({ url: "file:///etc/passwd" }))).toBeInstanceOf(
      InvalidArgumentsError,
    );
    expect(await failure(client.request({ url: "not a url" }))).toBeInstanceOf(InvalidArgumentsError);
  });
});

describe("stream", () => {
  it("streams a large body chunk by chunk without buffering it", async () => {
    const chunk = Buffer.alloc(64 * 1024, "x");
    const chunks = 128; // 8 MiB
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    server.handle(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write(chunk);
      await released; // the rest only after the client has seen the first chunk
      for (let i = 1; i < chunks; i++) {
        if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
      }
      res.end();
    });
    const { client } = createClient();
    const response = await client.stream({ url: `${server.url}/log` });
    expect(response.status).toBe(200);
    let total = 0;
    for await (const piece of response.body) {
      total += piece.byteLength;
      release();
    }
    expect(total).toBe(chunk.byteLength * chunks);
  });

  it("can stop early, and maps error statuses like request()", async () => {
    server.handle((req, res) => {
      if (req.url === "/missing") return json(res, 404, { ErrorMessage: "No such task" });
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first line\n");
      // never ends unless the client goes away
    });
    const { client } = createClient();
    const response = await client.stream({ url: `${server.url}/endless` });
    for await (const piece of response.body) {
      expect(Buffer.from(piece).toString()).toBe("first line\n");
      break;
    }
    const error = await failure(client.stream({ url: `${server.url}/missing`, upstreamName: "Octopus" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain("No such task");
  });
});

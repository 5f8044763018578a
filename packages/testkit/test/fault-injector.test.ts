import "reflect-metadata";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { definePlugin } from "@octopus-mcp/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaultInjector, startTestHost, type FetchFault } from "../src/index.js";

let upstream: Server;
let baseUrl = "";
let served = 0;

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    served += 1;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ value: 42 }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

/** A plugin whose one tool GETs `${baseUrl}/thing` through the host's HttpClient. */
const fetchingPlugin = () =>
  definePlugin({
    manifest: {
      name: "@example/plugin-fetchy",
      version: "1.0.0",
      namespace: "fetchy",
      description: "Fetches",
      hostVersion: "*",
    },
    onRegister() {},
    async onStartAsync(context) {
      context.registry.addTool({
        name: "fetchy_get",
        description: "GET the thing.",
        access: "read",
        inputSchema: { type: "object", additionalProperties: false },
        handler: async (_args, ctx) => {
          const response = await context.http.request<{ value: number }>({
            url: `${baseUrl}/thing`,
            upstreamName: "Fixture upstream",
            signal: ctx.signal,
          });
          return response.body;
        },
      });
    },
    async onStopAsync() {},
  });

async function callWith(faults: FetchFault[]) {
  const injector = createFaultInjector(faults);
  const host = await startTestHost({
    plugins: [fetchingPlugin],
    fetch: injector.fetch,
    config: { http: { maxRetries: 2, initialBackoffMs: 1, maxBackoffMs: 5, timeoutMs: 200 } },
  });
  return { result: await host.callTool("fetchy_get"), injector };
}

describe("createFaultInjector behind the host's HttpClient", () => {
  it("passes through when no fault matches", async () => {
    const before = served;
    const { result, injector } = await callWith([{ match: "/other", status: 500 }]);
    expect(result).toMatchObject({ ok: true, data: { value: 42 } });
    expect(injector.requests).toEqual([{ method: "GET", url: `${baseUrl}/thing`, fault: undefined }]);
    expect(served).toBe(before + 1);
  });

  it("a fault limited by `times` is retried past by the host (503, 503, then the real upstream)", async () => {
    const { result, injector } = await callWith([{ match: "/thing", status: 503, times: 2 }]);
    expect(result).toMatchObject({ ok: true, data: { value: 42 } });
    expect(injector.requests.map((r) => r.fault)).toEqual([0, 0, undefined]);
  });

  it("maps injected statuses, resets and malformed bodies to typed errors", async () => {
    expect((await callWith([{ status: 404 }])).result).toMatchObject({
      ok: false,
      error: { error: "not_found" },
    });
    expect((await callWith([{ status: 429, headers: { "Retry-After": "0" } }])).result).toMatchObject({
      ok: false,
      error: { error: "rate_limit" },
    });
    const reset = await callWith([{ reset: true }]);
    expect(reset.result).toMatchObject({ ok: false, error: { error: "upstream_unavailable" } });
    expect(reset.injector.requests).toHaveLength(3);
    expect((await callWith([{ malformedJson: true }])).result).toMatchObject({
      ok: false,
      error: { error: "upstream_unavailable" },
    });
  });

  it("a delay beyond http.timeoutMs becomes a timeout", async () => {
    const { result } = await callWith([{ delayMs: 5_000 }]);
    expect(result).toMatchObject({ ok: false, error: { error: "timeout" } });
  });
});

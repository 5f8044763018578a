import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HTTP_SERVE_EXIT, runHttpServeCommand } from "../../src/transport/http-serve-command.js";
import { INITIALIZE_BODY, rawRequest } from "./raw-http.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function io() {
  const err: string[] = [];
  let onLine: ((line: string) => void) | undefined;
  return {
    err,
    io: { out: () => undefined, err: (t: string) => (err.push(t), onLine?.(t)) },
    url: new Promise<string>((resolve) => {
      onLine = (line) => {
        const match = /at (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      };
    }),
  };
}

describe("serve --transport http", () => {
  it("serves on loopback without auth as the local tenant, then stops cleanly on request", async () => {
    dir = mkdtempSync(join(tmpdir(), "serve-http-"));
    const config = join(dir, "octopus-mcp.yaml");
    writeFileSync(config, "logging:\n  level: silent\ncredentials:\n  env: false\nplugins: []\n");
    const out = io();
    const stop = new AbortController();
    const exit = runHttpServeCommand({ config, port: "0", allowDeletes: true }, out.io, {}, stop.signal);
    const url = await out.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const init = await rawRequest(url, { body: INITIALIZE_BODY });
    expect(init.status).toBe(200);
    expect(init.text).toContain('"serverInfo"');
    expect((await rawRequest(url, { method: "GET", path: "/readyz" })).status).toBe(200);
    stop.abort();
    await expect(exit).resolves.toBe(HTTP_SERVE_EXIT.clean);
  });

  it("requires OCTOPUS_MCP_METRICS_TOKEN on /metrics when it is set", async () => {
    dir = mkdtempSync(join(tmpdir(), "serve-http-"));
    const config = join(dir, "octopus-mcp.yaml");
    writeFileSync(config, "logging:\n  level: silent\ncredentials:\n  env: false\nplugins: []\n");
    const out = io();
    const stop = new AbortController();
    const token = "a-metrics-token-of-some-length";
    const exit = runHttpServeCommand(
      { config, port: "0" },
      out.io,
      { OCTOPUS_MCP_METRICS_TOKEN: token },
      stop.signal,
    );
    const url = await out.url;
    expect((await rawRequest(url, { method: "GET", path: "/metrics" })).status).toBe(401);
    const scrape = await rawRequest(url, {
      method: "GET",
      path: "/metrics",
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(scrape.status).toBe(200);
    expect(scrape.text).toContain("octopus_mcp_ready");
    stop.abort();
    await expect(exit).resolves.toBe(HTTP_SERVE_EXIT.clean);
    expect(out.err.join("\n")).not.toContain(token);
  });

  it("refuses a bad --port and an unsafe bind with a clear message", async () => {
    dir = mkdtempSync(join(tmpdir(), "serve-http-"));
    const config = join(dir, "octopus-mcp.yaml");
    writeFileSync(config, "logging:\n  level: silent\ncredentials:\n  env: false\n");
    const bad = io();
    expect(await runHttpServeCommand({ config, port: "http" }, bad.io, {})).toBe(HTTP_SERVE_EXIT.startFailed);
    expect(bad.err.join("\n")).toContain('--port "http" is not a port number');
    const unsafe = io();
    expect(await runHttpServeCommand({ config, host: "0.0.0.0", port: "0" }, unsafe.io, {})).toBe(
      HTTP_SERVE_EXIT.startFailed,
    );
    expect(unsafe.err.join("\n")).toMatch(/Cannot serve over HTTP: .*(allowedHosts|authentication)/s);
  });
});

describe("createCallGovernance", () => {
  it("records no metrics with metrics: false (stdio), and does by default", async () => {
    const { createCallGovernance } = await import("../../src/transport/call-governance.js");
    const { MetricsHook } = await import("../../src/metrics/metrics-hook.js");
    const off = createCallGovernance({ env: {}, transport: "stdio", metrics: false });
    expect(off.metrics).toBeUndefined();
    expect(off.hooks.some((hook) => hook instanceof MetricsHook)).toBe(false);
    const on = createCallGovernance({ env: {}, processMetrics: false });
    expect(on.metrics).toBeDefined();
    expect(on.hooks.some((hook) => hook instanceof MetricsHook)).toBe(true);
  });

  it("refuses audit lines on stdout in stdio mode", async () => {
    const { createCallGovernance } = await import("../../src/transport/call-governance.js");
    expect(() => createCallGovernance({ env: {}, transport: "stdio", audit: { stream: "stdout" } })).toThrow(
      /stdout carries the MCP protocol/,
    );
    expect(() =>
      createCallGovernance({
        env: {},
        transport: "http",
        audit: { stream: "stdout" },
        processMetrics: false,
      }),
    ).not.toThrow();
  });
});

describe("readMetricsToken", () => {
  it("reads OCTOPUS_MCP_METRICS_TOKEN, trimmed; undefined when unset", async () => {
    const { readMetricsToken } = await import("../../src/transport/http-serve-command.js");
    expect(readMetricsToken({})).toBeUndefined();
    expect(readMetricsToken({ OCTOPUS_MCP_METRICS_TOKEN: " 0123456789abcdef0123 \n" })).toBe(
      "0123456789abcdef0123",
    );
  });

  it("refuses an empty or short token without echoing it", async () => {
    const { readMetricsToken } = await import("../../src/transport/http-serve-command.js");
    expect(() => readMetricsToken({ OCTOPUS_MCP_METRICS_TOKEN: "  " })).toThrow(/is set but empty/);
    let message = "";
    try {
      readMetricsToken({ OCTOPUS_MCP_METRICS_TOKEN: "short-secret" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/shorter than 16 characters/);
    expect(message).not.toContain("short-secret");
  });
});

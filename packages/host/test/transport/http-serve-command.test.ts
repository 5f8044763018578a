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

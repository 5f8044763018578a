/**
 * `octopus-mcp serve` shutdown as the operator's process manager sees it: SIGTERM stops the host
 * and the exit code says whether every plugin stopped cleanly; a plugin hanging in onStopAsync
 * (even one keeping the event loop alive) cannot keep the process running.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, "../../bin/octopus-mcp.js");
const modulesDir = path.resolve(here, "../fixtures/modules");
let dir: string;

function config(name: string, plugin: string): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    [
      "logging:",
      "  level: info",
      "credentials:",
      "  env: false",
      "lifecycle:",
      "  pluginStopTimeoutMs: 300",
      "  stopTimeoutMs: 1000",
      "plugins:",
      `  - path: ${JSON.stringify(path.join(modulesDir, plugin))}`,
      "",
    ].join("\n"),
  );
  return file;
}

/** Starts `serve`, waits until it serves, sends `signal`, resolves with the exit code and stderr. */
function serveThenSignal(
  configFile: string,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve", "--config", configFile], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    let signalled = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!signalled && stderr.includes("serving MCP on stdio")) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr, stdout }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-signals-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serve shutdown", { timeout: 60_000 }, () => {
  it("SIGTERM stops the plugins and exits 0", async () => {
    const { code, stderr, stdout } = await serveThenSignal(config("echo.yaml", "echo-plugin.mjs"), "SIGTERM");
    expect(code).toBe(0);
    // Nothing but protocol may reach stdout; no client spoke, so it stays empty.
    expect(stdout).toBe("");
    expect(stderr).toContain('"reason":"SIGTERM"');
    expect(stderr).toContain('"msg":"host stopped"');
  });

  it("SIGINT with a plugin hanging in onStopAsync exits non-zero within the bound", async () => {
    const { code, stderr } = await serveThenSignal(
      config("hanging.yaml", "hanging-stop-plugin.mjs"),
      "SIGINT",
    );
    expect(code).toBe(3);
    expect(stderr).toContain("onStopAsync did not finish within 300 ms");
  });
});

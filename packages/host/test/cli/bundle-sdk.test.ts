// The command bundle (scripts/bundle-cli.mjs) carries the MCP SDK with its Ajv-backed validator
// provider swapped for src/mcp/sdk-ajv-provider.ts, so a stdio start loads no Ajv core.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AjvJsonSchemaValidator as SdkProvider } from "@modelcontextprotocol/sdk/validation/ajv";
import { afterAll, describe, expect, it } from "vitest";
import { AjvJsonSchemaValidator as BundledProvider } from "../../src/mcp/sdk-ajv-provider.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-bundle-sdk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bin over stdio until tools/list answers; returns the answer and the CommonJS files loaded. */
function serveAndList(): Promise<{ tools: unknown[]; loaded: string[] }> {
  const config = path.join(dir, "octopus-mcp.json");
  writeFileSync(
    config,
    JSON.stringify({ logging: { level: "silent" }, credentials: { env: false }, plugins: [] }),
  );
  const preload = path.join(dir, "loaded.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeSync(2, "LOADED " + JSON.stringify(Object.keys(require.cache)) + "\\n"));`,
  );
  const child = spawn(
    process.execPath,
    ["-r", preload, path.join(root, "bin/octopus-mcp.js"), "serve", "--config", config],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (stdout.includes('"id":2')) child.stdin.end();
  });
  const messages = [
    {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    },
    { jsonrpc: "2.0", method: "notifications/initialized" },
    { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} },
  ];
  child.stdin.write(messages.map((m) => JSON.stringify(m)).join("\n") + "\n");
  return new Promise((resolve, reject) => {
    child.on("exit", () => {
      const answer = stdout.split("\n").find((line) => line.includes('"id":2'));
      const loaded = /LOADED (.*)/.exec(stderr)?.[1];
      if (!answer || !loaded) return reject(new Error(`no answer or no module list: ${stderr}`));
      resolve({
        tools: (JSON.parse(answer) as { result: { tools: unknown[] } }).result.tools,
        loaded: JSON.parse(loaded) as string[],
      });
    });
  });
}

describe("MCP SDK in the command bundle", () => {
  it("answers tools/list over stdio without loading Ajv's core or the SDK's validator provider", async () => {
    const { tools, loaded } = await serveAndList();
    expect(tools).toEqual([]);
    expect(loaded.filter((file) => /[\\/]ajv[\\/]dist[\\/](ajv|core|2020)\.js$/.test(file))).toEqual([]);
    expect(loaded.filter((file) => /ajv-provider\.js$/.test(file))).toEqual([]);
    // The generated validators' runtime helpers are all of Ajv it needs.
    expect(loaded.some((file) => /ajv-formats[\\/]dist[\\/]formats\.js$/.test(file))).toBe(true);
  }, 30_000);

  it("swaps in a provider that validates exactly as the SDK's", () => {
    const schema = {
      type: "object" as const,
      properties: { when: { type: "string" as const, format: "date-time" } },
      required: ["when"],
    };
    const bundled = new BundledProvider().getValidator(schema);
    const sdk = new SdkProvider().getValidator(schema);
    for (const input of [{ when: "2026-12-07T06:00:00Z" }, { when: "yesterday" }, {}, 3]) {
      expect(bundled(input)).toEqual(sdk(input));
    }
    expect(bundled({ when: "yesterday" }).valid).toBe(false);
  });
});

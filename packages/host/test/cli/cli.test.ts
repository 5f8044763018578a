/**
 * The `octopus-mcp` CLI as operators run it: a separate process from the committed launcher
 * `bin/octopus-mcp.js` (which imports `dist/`, so `pnpm test` builds first). Configs are written to
 * a temporary folder; the fixture plugin is given by path.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, "../../bin/octopus-mcp.js");
const modulesDir = path.resolve(here, "../fixtures/modules");
const run = promisify(execFile);

let dir: string;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function cli(args: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.OCTOPUS_MCP_CONFIG;
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

let good: string;
let badSchema: string;
let badConfig: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-cli-"));
  good = file(
    "good.yaml",
    [
      "logging:",
      "  level: warn",
      "credentials:",
      "  env: false",
      "plugins:",
      `  - path: ${JSON.stringify(path.join(modulesDir, "echo-plugin.mjs"))}`,
      "    config:",
      "      greeting: hi",
      "",
    ].join("\n"),
  );
  badSchema = file(
    "bad-schema.yaml",
    [
      "logging:",
      "  level: warn",
      "plugins:",
      `  - path: ${JSON.stringify(path.join(modulesDir, "bad-schema-plugin.mjs"))}`,
      "",
    ].join("\n"),
  );
  badConfig = file(
    "bad-config.yaml",
    [
      "lifecycle:",
      "  startTimeoutMz: 5",
      "tenants:",
      "  default:",
      "    octopus:",
      "      serverUrl: https://octopus.example",
      "      apiKey: API-ABCDEFGHIJKLMNOPQRSTUVWXYZ12",
      "",
    ].join("\n"),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case starts node processes; on a busy 2-core machine that takes seconds.
describe("octopus-mcp CLI", { timeout: 60_000 }, () => {
  it("--help lists the commands", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("serve");
    expect(stdout).toContain("tools");
    expect(stdout).toContain("config");
  });

  it("tools --json prints the merged registry with plugin, access and schema size", async () => {
    const { code, stdout } = await cli(["tools", "--config", good, "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as {
      tools: Array<Record<string, unknown>>;
      plugins: Array<Record<string, unknown>>;
    };
    expect(parsed.tools).toEqual([
      {
        name: "fixture_echo",
        plugin: "@fixtures/plugin-echo",
        namespace: "fixture",
        access: "read",
        schemaBytes: expect.any(Number),
        served: true,
      },
      {
        name: "fixture_write_note",
        plugin: "@fixtures/plugin-echo",
        namespace: "fixture",
        access: "write",
        schemaBytes: 46,
        served: true,
      },
    ]);
    expect(parsed.plugins[0]).toMatchObject({ name: "@fixtures/plugin-echo", state: "stopped", tools: 2 });
  });

  it("tools --read-only marks write tools as not served", async () => {
    const { code, stdout } = await cli(["tools", "--config", good, "--json", "--read-only"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { tools: Array<{ name: string; served: boolean }> };
    expect(parsed.tools.map((t) => [t.name, t.served])).toEqual([
      ["fixture_echo", true],
      ["fixture_write_note", false],
    ]);
  });

  it("tools exits non-zero with the aggregated error when a tool is invalid", async () => {
    const { code, stderr } = await cli(["tools", "--config", badSchema]);
    expect(code).toBe(1);
    expect(stderr).toContain("1 plugin failed to start");
    expect(stderr).toContain(
      'Plugin "@fixtures/plugin-bad-schema" tool "badschema_get": /inputSchema/properties/id: rule "property-description"',
    );
  });

  it("config validate: exit 0 for a valid file, 1 listing every problem otherwise", async () => {
    const ok = await cli(["config", "validate", "--config", good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("is valid: 1 plugin(s) enabled");
    const bad = await cli(["config", "validate", "--config", badConfig]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("/lifecycle/startTimeoutMz");
    expect(bad.stderr).toContain("/tenants/default/octopus/apiKey");
    expect(bad.stderr).not.toContain("API-ABCDEFGHIJKLMNOPQRSTUVWXYZ12");
  });

  it("serve refuses HTTP-only flags without --transport http", async () => {
    const { code, stderr } = await cli(["serve", "--config", good, "--port", "3000"]);
    expect(code).toBe(1);
    expect(stderr).toContain("--host and --port apply to --transport http only.");
  });

  it("without --config, ./octopus-mcp.yaml or OCTOPUS_MCP_CONFIG it says how to pass one", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "octopus-mcp-cli-empty-"));
    try {
      const { code, stderr } = await cli(["tools"], empty);
      expect(code).toBe(1);
      expect(stderr).toContain("No config file given. Pass one with --config <file>");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("octopus-mcp serve (stdio, end to end)", { timeout: 60_000 }, () => {
  async function connect(args: string[]): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "serve", ...args],
      cwd: dir,
      stderr: "pipe",
    });
    const client = new Client({ name: "e2e", version: "0.0.0" });
    await client.connect(transport);
    return client;
  }

  it("lists and calls tools over stdio", async () => {
    const client = await connect(["--config", good]);
    try {
      expect(client.getInstructions()).toBe("Fixture tools echo text.");
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(["fixture_echo", "fixture_write_note"]);
      const result = await client.callTool({ name: "fixture_echo", arguments: { text: "stdio" } });
      expect(result.structuredContent).toEqual({ text: "hi stdio", tenant: "default" });
      const invalid = await client.callTool({ name: "fixture_echo", arguments: {} });
      expect(invalid.isError).toBe(true);
      expect(invalid.structuredContent).toMatchObject({ error: "invalid_arguments" });
    } finally {
      await client.close();
    }
  });

  it("--read-only removes write tools", async () => {
    const client = await connect(["--config", good, "--read-only"]);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["fixture_echo"]);
    } finally {
      await client.close();
    }
  });
});

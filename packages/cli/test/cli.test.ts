import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/octopus-mcp.js");
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

/** A folder without octopus-mcp.yaml, so the embedded default applies. */
function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-cli-"));
  dirs.push(dir);
  return dir;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env, OCTOPUS_MCP_CONFIG: "" };
  return env;
}

function waitForExit(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("octopus-mcp (distribution)", () => {
  it("--help lists the distribution's commands", async () => {
    const child = spawn(process.execPath, [bin, "--help"], { cwd: emptyDir(), env: cleanEnv() });
    children.push(child);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    expect(await waitForExit(child)).toBe(0);
    for (const command of ["serve", "tools", "config", "call", "sandbox", "demo", "create-plugin"])
      expect(out).toContain(command);
  });

  it("serve --transport http without a config serves the embedded default and stops on SIGINT", async () => {
    const child = spawn(process.execPath, [bin, "serve", "--transport", "http", "--port", "0"], {
      cwd: emptyDir(),
      env: cleanEnv(),
    });
    children.push(child);
    let out = "";
    child.stderr.resume();
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(out);
        if (match && /Tools: +\d+/.test(out)) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    expect(out).toContain("embedded sandbox");
    expect(out).toMatch(/Plugin: +@octopus-mcp\/plugin-octopus-deployments started/);
    const client = new Client({ name: "cli-http-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const listed = await client.listTools();
    expect(listed.tools.some((t) => t.name === "tasks_grep_log")).toBe(true);
    const spaces = await client.callTool({ name: "deployments_list_spaces", arguments: {} });
    expect(spaces.isError).not.toBe(true);
    await client.close();
    child.kill("SIGINT");
    expect(await waitForExit(child)).toBe(0);
  });

  it("serve over stdio without a config uses the same default and keeps stdout for the protocol", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "serve"],
      cwd: emptyDir(),
      env: cleanEnv() as Record<string, string>,
      stderr: "pipe",
    });
    const client = new Client({ name: "cli-stdio-test", version: "1.0.0" });
    await client.connect(transport);
    const result = await client.callTool({
      name: "argocd_find_applications",
      arguments: { project: "checkout", environment: "production" },
    });
    expect(result.isError).not.toBe(true);
    await client.close();
  });
});

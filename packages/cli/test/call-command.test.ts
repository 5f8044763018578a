import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CALL_EXIT, embeddedSetup, parseToolArgs, runCallCommand } from "../src/index.js";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/octopus-mcp.js");

/** Captures stdout/stderr lines and the (non-TTY) progress stream of one `call`. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  return {
    out,
    err,
    progress,
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
    stream: { write: (chunk: string) => progress.push(chunk.trimEnd()) > 0, isTTY: false },
  };
}

async function call(tool: string, args: string | undefined) {
  const c = capture();
  const code = await runCallCommand(tool, args === undefined ? {} : { args }, c.io, embeddedSetup, c.stream);
  return { code, ...c };
}

describe("octopus-mcp call", () => {
  it("deploys a release with waitSeconds: progress lines on stderr, the final state as JSON on stdout", async () => {
    const found = await call("deployments_find_releases", '{"project":"checkout","limit":1}');
    expect(found.code).toBe(CALL_EXIT.ok);
    expect(found.progress).toEqual([]);
    const release = (JSON.parse(found.out.join("\n")) as { items: { version: string }[] }).items[0]?.version;
    expect(release).toMatch(/^\d+\.\d+\.\d+/);

    const deployed = await call(
      "deployments_deploy_release",
      JSON.stringify({ project: "checkout", release, environments: ["Dev"], waitSeconds: 30, confirm: true }),
    );
    expect(deployed.err).toEqual([]);
    expect(deployed.code).toBe(CALL_EXIT.ok);
    const result = JSON.parse(deployed.out.join("\n")) as {
      completed: boolean;
      release: string;
      deployments: { environment: string; state: string; taskId: string }[];
    };
    expect(result.completed).toBe(true);
    expect(result.release).toBe(release);
    expect(result.deployments).toHaveLength(1);
    const deployment = result.deployments[0];
    expect(deployment?.environment).toBe("Dev");
    expect(["Success", "Failed"]).toContain(deployment?.state);

    expect(deployed.progress[0]).toMatch(
      /^deployments_deploy_release: progress 0 Created Deployments-\d+ \(ServerTasks-\d+\)$/,
    );
    expect(deployed.progress.at(-1)).toBe(
      `deployments_deploy_release: progress ${deployed.progress.length - 1} Dev: ${deployment?.state} (${deployment?.taskId}); 1/1 finished`,
    );
    const values = deployed.progress.map((l) => Number(/ progress (\d+) /.exec(l)?.[1]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it("exits 1 and prints the tool's error body when the tool returns isError", async () => {
    const r = await call(
      "deployments_deploy_release",
      '{"project":"checkout","release":"0.0.0-missing","environments":["Dev"],"confirm":true}',
    );
    expect(r.code).toBe(CALL_EXIT.toolError);
    const body = JSON.parse(r.out.join("\n")) as { error: string; message: string };
    expect(body.error).toBe("not_found");
    expect(body.message).toContain('No release "0.0.0-missing" in project "Checkout"');
    expect(r.err).toEqual(["deployments_deploy_release returned an error (see the result above)."]);
    expect(r.progress).toEqual([]);
  });

  it("exits 2 for an unknown tool and names the command that lists them", async () => {
    const r = await call("deploy_release", "{}");
    expect(r.code).toBe(CALL_EXIT.usage);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(/^Unknown tool "deploy_release"\. Did you mean: deployments_deploy_release/);
    expect(r.err[0]).toContain("octopus-mcp tools");
  });

  it("rejects invalid or non-object --args before starting anything", async () => {
    expect(() => parseToolArgs("{bad")).toThrow(/^--args is not valid JSON \(.+\)\. Pass a JSON object/);
    expect(() => parseToolArgs("[1]")).toThrow(
      "--args must be a JSON object of tool arguments, got an array",
    );
    expect(() => parseToolArgs("null")).toThrow("--args must be a JSON object of tool arguments, got null");
    expect(parseToolArgs(undefined)).toEqual({});
    expect(parseToolArgs('{"a":1}')).toEqual({ a: 1 });

    const dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-call-"));
    const run = async (args: string[]) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd: dir,
        env: { ...process.env, OCTOPUS_MCP_CONFIG: "" },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      return { code, out, err };
    };
    try {
      const invalid = await run(["call", "deployments_list_spaces", "--args", "{bad"]);
      expect(invalid.code).toBe(2);
      expect(invalid.out).toBe("");
      expect(invalid.err).toMatch(/^--args is not valid JSON \(.+\)\. Pass a JSON object in single quotes/);
      const missing = await run(["call"]);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain("missing required argument 'tool'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers.js";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/octopus-plugin-lint.js");

function runBin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("bin/octopus-plugin-lint.js (built CLI)", () => {
  it("exits 1 with findings on stdout for a non-compliant plugin and 2 for a bad option", async () => {
    const bad = await runBin(path.join(FIXTURES, "no-credential"), "--format", "json");
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).findings[0].ruleId).toBe("L-TENANT-1");
    const usage = await runBin("--format", "xml");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("is not one of text, json, sarif");
  });
});

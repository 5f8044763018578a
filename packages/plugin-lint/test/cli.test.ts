import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { FIXTURES } from "./helpers.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("octopus-plugin-lint CLI", () => {
  it("exits 0 for a clean plugin and prints the five principles and a summary", async () => {
    const r = await run(path.join(FIXTURES, "compliant"));
    expect(r.code).toBe(0);
    for (const p of [
      "Credential safety: ok",
      "Tenant isolation: ok",
      "Schema standards: ok",
      "Lifecycle contract: ok",
      "Graceful degradation: ok",
    ]) {
      expect(r.stdout).toContain(p);
    }
    expect(r.stdout).toMatch(/✓ clean 0 errors, 0 warnings, 0 info/);
  });

  it("exits 1 on errors and groups findings by principle with the fix", async () => {
    const r = await run(path.join(FIXTURES, "annotations"));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Schema standards: 2 errors, 2 warnings, 0 info/);
    expect(r.stdout).toContain("error L-ACCESS-1  tool demo_list_hinted /annotations/readOnlyHint");
    expect(r.stdout).toContain("fix: Remove the explicit hint");
  });

  it("exits 0 on warnings only, 1 with --strict", async () => {
    const target = path.join(FIXTURES, "unscoped-logs");
    expect((await run(target)).code).toBe(0);
    expect((await run(target, "--strict")).code).toBe(1);
  });

  it("exits 2 on usage, target and config errors", async () => {
    expect((await run("--format", "xml", path.join(FIXTURES, "compliant"))).code).toBe(2);
    const missing = await run(path.join(FIXTURES, "does-not-exist"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("neither a folder nor an installed package");
    const badRc = await run(
      path.join(FIXTURES, "compliant"),
      "--config",
      path.join(FIXTURES, "../rc/no-reason.yaml"),
    );
    expect(badRc.code).toBe(2);
    expect(badRc.stderr).toContain('"reason" is required');
  });

  it("--format json lists findings with rule, severity, principle, location, message and fix", async () => {
    const r = await run(path.join(FIXTURES, "no-retry"), "--format", "json");
    const json = JSON.parse(r.stdout) as {
      summary: Record<string, number>;
      findings: Record<string, unknown>[];
    };
    expect(json.summary).toEqual({ error: 1, warning: 0, info: 0 });
    expect(json.findings[0]).toMatchObject({
      ruleId: "L-DEGRADE-2",
      severity: "error",
      principle: "graceful-degradation",
      location: { tool: "demo_list_spaces" },
    });
    expect(json.findings[0]?.fix).toEqual(expect.stringContaining("context.http"));
  });

  it("--format sarif writes SARIF 2.1.0 with the rule catalogue and located results", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "plugin-lint-"));
    try {
      const out = path.join(dir, "lint.sarif");
      const r = await run(path.join(FIXTURES, "secrets-in-source"), "--format", "sarif", "--output", out);
      expect(r.code).toBe(1);
      const log = JSON.parse(readFileSync(out, "utf8")) as Log;
      expect(log.version).toBe("2.1.0");
      const run0 = log.runs[0]!;
      expect(run0.tool.driver.name).toBe("octopus-plugin-lint");
      expect(run0.tool.driver.rules?.map((x) => x.id)).toContain("L-SECRET-2");
      const secret = run0.results?.find(
        (x) => x.ruleId === "L-SECRET-2" && x.locations?.[0]?.physicalLocation?.region?.startLine === 2,
      );
      expect(secret?.level).toBe("error");
      expect(secret?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toMatch(
        /secrets-in-source\/src\/defaults\.js$/,
      );
      expect(run0.tool.driver.rules?.[secret!.ruleIndex!]?.id).toBe("L-SECRET-2");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

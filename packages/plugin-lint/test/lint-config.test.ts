import path from "node:path";
import { describe, expect, it } from "vitest";
import { LintConfigError, loadLintConfig, parseLintConfig } from "../src/lint-config.js";
import { lintPlugin } from "../src/lint.js";
import { FIXTURES, ids, RC } from "./helpers.js";

describe(".pluginlintrc", () => {
  it("changes severities, disables rules and exempts a tool", async () => {
    const report = await lintPlugin(path.join(FIXTURES, "poisoned"), {
      configPath: path.join(RC, "poison-relaxed.yaml"),
    });
    const found = ids(report.findings);
    expect(found).not.toContain("L-POISON-4@demo_emphasis");
    expect(found).not.toContain("L-POISON-1@demo_tag");
    expect(found).toContain("L-POISON-1@demo_property_poison");
    expect(report.findings.find((f) => f.ruleId === "L-EXFIL-1")?.severity).toBe("error");
    expect(report.findings.find((f) => f.ruleId === "L-POISON-7")?.severity).toBe("info");
  });

  it("exempts a path glob for the listed rules only", async () => {
    const report = await lintPlugin(path.join(FIXTURES, "secrets-in-source"), {
      configPath: path.join(RC, "exempt-path.json"),
    });
    expect(ids(report.findings)).toEqual(["L-CRED-2", "L-CRED-3"]);
  });

  it("requires a reason for every exemption", () => {
    expect(() => loadLintConfig(FIXTURES, path.join(RC, "no-reason.yaml"))).toThrow(
      /exempt\[0\]: "reason" is required/,
    );
  });

  it("rejects unknown rules, severities and keys with the fix", () => {
    expect(() => loadLintConfig(FIXTURES, path.join(RC, "unknown-rule.yaml"))).toThrow(LintConfigError);
    expect(() => parseLintConfig({ rules: { "L-NAME-1": "fatal" } }, "x")).toThrow(
      /not one of error, warning, info, off/,
    );
    expect(() => parseLintConfig({ rulez: {} }, "x")).toThrow(/unknown key "rulez"/);
    expect(parseLintConfig({ rules: { "L-NAME-1": "warn" } }, "x").rules).toEqual({ "L-NAME-1": "warning" });
  });

  it("reads the plugin folder's .pluginlintrc when no path is given, and none is fine", () => {
    expect(loadLintConfig(path.join(FIXTURES, "compliant")).file).toBeUndefined();
  });
});

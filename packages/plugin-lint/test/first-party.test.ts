/** The three first-party plugins, as built (`dist`), lint clean including the dynamic checks. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintPlugin } from "../src/lint.js";
import { REPO } from "./helpers.js";

describe("first-party plugins lint clean", () => {
  for (const plugin of ["octopus-deployments", "octopus-tasks", "octopus-argocd"]) {
    it(plugin, async () => {
      const report = await lintPlugin(path.join(REPO, "plugins", plugin));
      expect(
        report.findings.map((f) => `${f.ruleId} ${f.location.tool ?? f.location.file ?? ""} ${f.message}`),
      ).toEqual([]);
      expect(report.toolCount).toBeGreaterThan(5);
      // Every served tool was really called under each of the six fault scenarios, and reached the upstream.
      expect(report.calls.made).toBeGreaterThanOrEqual(report.toolCount * 6 - 12);
      expect(report.calls.upstreamRequests).toBeGreaterThan(report.toolCount);
    });
  }

  it("the plugin template (examples/plugin-template)", async () => {
    const report = await lintPlugin(path.join(REPO, "examples", "plugin-template"));
    expect(
      report.findings.map((f) => `${f.ruleId} ${f.location.tool ?? f.location.file ?? ""} ${f.message}`),
    ).toEqual([]);
    expect(report.toolCount).toBeGreaterThan(0);
  });

  it("resolves an installed package name", async () => {
    const report = await lintPlugin("@octopus-mcp/plugin-octopus-tasks", {
      cwd: path.join(REPO, "packages/plugin-lint"),
      callTools: false,
    });
    expect(report.plugin.namespace).toBe("tasks");
    expect(report.findings).toEqual([]);
  });
});

import type { ITenantContext } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, gitSettingsFor, resolveConfig } from "../../src/plugin-config.js";
import { createArgoCdPlugin } from "../../src/index.js";

describe("plugin config", () => {
  it("merges the section over the defaults", () => {
    const config = resolveConfig({ git: { mode: "pull-request" }, limits: { maxLogLines: 50 } });
    expect(config.git).toEqual({ ...DEFAULT_CONFIG.git, mode: "pull-request" });
    expect(config.limits.maxLogLines).toBe(50);
    expect(config.limits.defaultLogLines).toBe(DEFAULT_CONFIG.limits.defaultLogLines);
  });

  it("lets a caller tenant override git settings under plugins.argocd.git, ignoring invalid values", () => {
    const tenant = (git: unknown) =>
      ({ settings: { plugins: { argocd: { git } } } }) as unknown as ITenantContext;
    expect(
      gitSettingsFor(DEFAULT_CONFIG, tenant({ mode: "pull-request", authorName: "Team A" })),
    ).toMatchObject({
      mode: "pull-request",
      authorName: "Team A",
      authorEmail: DEFAULT_CONFIG.git.authorEmail,
    });
    expect(gitSettingsFor(DEFAULT_CONFIG, tenant({ mode: "yolo" })).mode).toBe("direct");
    expect(gitSettingsFor(DEFAULT_CONFIG, { settings: {} } as ITenantContext)).toBe(DEFAULT_CONFIG.git);
  });

  it("the manifest declares namespace, host range and a closed config schema", () => {
    const plugin = createArgoCdPlugin();
    expect(plugin.manifest).toMatchObject({
      namespace: "argocd",
      hostVersion: "^0.1.0",
      name: "@octopus-mcp/plugin-octopus-argocd",
    });
    expect(plugin.manifest.configSchema?.["additionalProperties"]).toBe(false);
    expect(createArgoCdPlugin()).not.toBe(plugin);
  });
});

import { describe, expect, it } from "vitest";
import { PluginNameError, pluginNames } from "../src/index.js";

describe("pluginNames", () => {
  it("derives package, namespace and identifiers from a short name", () => {
    expect(pluginNames("deploy-notifier")).toEqual({
      slug: "deploy-notifier",
      packageName: "octopus-mcp-plugin-deploy-notifier",
      namespace: "deploy_notifier",
      pascal: "DeployNotifier",
      constant: "DEPLOY_NOTIFIER",
    });
  });

  it("accepts the full package name and scoped names", () => {
    expect(pluginNames("octopus-mcp-plugin-jira").packageName).toBe("octopus-mcp-plugin-jira");
    expect(pluginNames("octopus-mcp-plugin-jira").namespace).toBe("jira");
    const scoped = pluginNames("@acme/ticket-lookup");
    expect(scoped.packageName).toBe("@acme/ticket-lookup");
    expect(scoped.namespace).toBe("ticket_lookup");
  });

  it("takes an explicit namespace", () => {
    expect(pluginNames("deploy-notifier", "notify").namespace).toBe("notify");
  });

  it("refuses names that cannot become a package or namespace, saying how to fix them", () => {
    expect(() => pluginNames("Deploy Notifier")).toThrow(PluginNameError);
    expect(() => pluginNames("2fast")).toThrow(/starting with a letter/);
    expect(() => pluginNames("ok", "Bad-NS")).toThrow(/snake_case/);
    expect(() => pluginNames("ok", "a".repeat(40))).toThrow(/at most 32/);
  });
});

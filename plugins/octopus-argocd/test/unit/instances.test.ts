import { describe, expect, it } from "vitest";
import { instanceServesScope } from "../../src/argocd/instances.js";
import { parseApplicationName } from "../../src/argocd/application-locator.js";
import { displayRepoUrl } from "../../src/shaping/application-shaping.js";

describe("instance scoping (like an Octopus gateway registration)", () => {
  const base = { name: "edge", baseUrl: "http://127.0.0.1:1", credentialId: "c" };
  it("an instance without environments or tenants serves every scope", () => {
    expect(instanceServesScope(base, { project: "p", environment: "production", tenant: "acme" })).toBe(true);
  });
  it("environments restrict by slug, case-insensitively", () => {
    const scoped = { ...base, environments: ["Production"] };
    expect(instanceServesScope(scoped, { project: "p", environment: "production" })).toBe(true);
    expect(instanceServesScope(scoped, { project: "p", environment: "staging" })).toBe(false);
  });
  it("octopusTenants restrict tenanted deployments only", () => {
    const scoped = { ...base, octopusTenants: ["acme"] };
    expect(instanceServesScope(scoped, { project: "p", environment: "e", tenant: "ACME" })).toBe(true);
    expect(instanceServesScope(scoped, { project: "p", environment: "e", tenant: "globex" })).toBe(false);
    expect(instanceServesScope(scoped, { project: "p", environment: "e" })).toBe(true);
  });
});

describe("application names", () => {
  it("accepts namespace/name like the Argo CD CLI", () => {
    expect(parseApplicationName("team-a/checkout")).toEqual({ name: "checkout", appNamespace: "team-a" });
    expect(parseApplicationName(" checkout ")).toEqual({ name: "checkout", appNamespace: undefined });
    expect(parseApplicationName("/checkout")).toEqual({ name: "/checkout", appNamespace: undefined });
  });
});

describe("repository URLs in output", () => {
  it("drop user info", () => {
    expect(displayRepoUrl("https://bot:tok3n@github.com/octo/gitops.git")).toBe(
      "https://github.com/octo/gitops.git",
    );
    expect(displayRepoUrl("file:///tmp/repo.git")).toBe("file:///tmp/repo.git");
    expect(displayRepoUrl("git@github.com:octo/gitops.git")).toBe("git@github.com:octo/gitops.git");
  });
});

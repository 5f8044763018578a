import { describe, expect, it } from "vitest";
import { instanceServesScope } from "../../src/argocd/instances.js";
import { parseApplicationName } from "../../src/argocd/application-locator.js";

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

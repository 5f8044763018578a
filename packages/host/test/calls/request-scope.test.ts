import { describe, expect, it } from "vitest";
import { defaultHostConfig } from "../../src/config/load-config.js";
import { newScopeData, tenantSettings } from "../../src/host/request-scope.js";

describe("request scope", () => {
  const config = defaultHostConfig({
    credentials: { env: false },
    tenants: { acme: { plugins: { tasks: { pageSize: 5 } }, policy: { readOnly: true } } },
  });

  it("gives plugins a tenant's settings without its policy, frozen and built once", () => {
    const settings = tenantSettings(config, "acme");
    expect(settings).toEqual({ plugins: { tasks: { pageSize: 5 } } });
    expect(settings).not.toHaveProperty("policy");
    expect(Object.isFrozen(settings)).toBe(true);
    expect(tenantSettings(config, "acme")).toBe(settings);
    expect(tenantSettings(config, "nobody")).toEqual({});
  });

  it("gives every request a fresh correlation id and its own plugin/tool", () => {
    const a = newScopeData(config, { tenantId: "acme", subject: "alice" }, "p", "t");
    const b = newScopeData(config, { tenantId: "acme" });
    expect(a.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.correlationId).not.toBe(a.correlationId);
    expect(a).toMatchObject({ tenantId: "acme", subject: "alice", plugin: "p", tool: "t" });
    expect(b).not.toHaveProperty("plugin");
    expect(b).not.toHaveProperty("tool");
    expect(typeof a.startedAt).toBe("number");
  });
});

import { describe, expect, it } from "vitest";
import { defaultHostConfig } from "../../src/config/load-config.js";
import { UpstreamPolicyRegistry } from "../../src/http/upstream-policies.js";

class Failure extends Error {}

describe("UpstreamPolicyRegistry", () => {
  const settings = {
    ...defaultHostConfig().http,
    breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
  };

  it("keys by caller tenant (or host) and origin", () => {
    expect(UpstreamPolicyRegistry.key("acme", "https://o.example.com")).toBe("acme https://o.example.com");
    expect(UpstreamPolicyRegistry.key(undefined, "https://o.example.com")).toBe("host https://o.example.com");
  });

  it("forgets the least recently used idle keys beyond its cap, never an open breaker", async () => {
    const registry = new UpstreamPolicyRegistry(
      settings,
      (error) => error instanceof Failure,
      () => undefined,
      3,
    );
    const broken = registry.get("t1 o");
    await broken.breaker.execute(() => Promise.reject(new Failure())).catch(() => undefined);
    expect(registry.state("t1 o")).toBe("open");
    const t2 = registry.get("t2 o");
    const t3 = registry.get("t3 o");
    registry.get("t2 o"); // t2 is now more recent than t3
    registry.get("t4 o"); // over the cap: t1 is open, so t3 (least recently used idle) goes
    expect(registry.size).toBe(3);
    expect(registry.get("t2 o")).toBe(t2);
    expect(registry.get("t1 o")).toBe(broken);
    expect(registry.state("t1 o")).toBe("open");
    expect(registry.get("t3 o")).not.toBe(t3);
  });
});

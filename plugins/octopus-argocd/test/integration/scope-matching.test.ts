/**
 * Octopus's matching rules (argocd.md §8.1) against the sandbox's seeded applications
 * (packages/sandbox/src/argocd/application-seed.ts): one test per rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArgoSandboxHost, type ArgoSandboxHost } from "../helpers/sandbox-host.js";

interface FindResult {
  count: number;
  instances: {
    instance: string;
    applications: { name: string; sync: string; health: string; sources?: string[]; images: string[] }[];
  }[];
  outOfScope?: string[];
}

let env: ArgoSandboxHost;
beforeAll(async () => {
  env = await startArgoSandboxHost();
});
afterAll(async () => {
  await env?.stop();
});

async function find(args: Record<string, unknown>): Promise<FindResult> {
  const r = await env.host.callTool<FindResult>("argocd_find_applications", args);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data;
}
const names = (r: FindResult) =>
  r.instances.flatMap((i) => i.applications.map((a) => `${i.instance}/${a.name}`));

describe("find applications: Octopus matching rules on the sandbox", () => {
  it("unnamed single source: unsuffixed keys", async () => {
    const r = await find({ project: "web-frontend", environment: "dev" });
    expect(names(r)).toEqual(["argocd-main/web-frontend-dev"]);
    expect(r.instances[0]?.applications[0]).toMatchObject({ sync: "OutOfSync", health: "Healthy" });
    expect(r.instances[0]?.applications[0]?.images[0]).toMatch(/^ghcr\.io\/octo-shop\/web-frontend:/);
  });

  it("named single source: suffixed keys (checkout-production-eu has duplicate names but still matches)", async () => {
    const r = await find({ project: "checkout", environment: "production" });
    expect(names(r)).toEqual(["argocd-main/checkout-production", "argocd-main/checkout-production-eu"]);
    const [plain, eu] = r.instances[0]!.applications as { invalid?: string }[];
    expect(plain?.invalid).toBeUndefined();
    expect(eu?.invalid).toMatch(/Source name "checkout" is used by more than one source/);
  });

  it("multi-source: only the annotated named source matches (Helm values ref source)", async () => {
    const r = await find({ project: "payments", environment: "production" });
    expect(names(r)).toEqual(["argocd-main/payments-production"]);
    expect(r.instances[0]?.applications[0]?.sources).toEqual(["payments-values"]);
  });

  it("multi-source: several named sources of one app may map to the same scope", async () => {
    const r = await find({ project: "inventory", environment: "dev" });
    expect(r.instances[0]?.applications[0]?.sources).toEqual(["inventory-app", "inventory-migrations"]);
  });

  it("multi-source with unsuffixed keys never matches (payments-staging-canary)", async () => {
    const r = await find({ project: "payments", environment: "staging" });
    expect(names(r)).toEqual(["argocd-main/payments-staging"]);
  });

  it("slugs are case-insensitive and trimmed", async () => {
    const r = await find({ project: "  Checkout ", environment: "PRODUCTION" });
    expect(r.count).toBe(2);
  });

  it("a tenanted deployment matches only its tenant's application, on the edge instance", async () => {
    const r = await find({ project: "customer-portal", environment: "production", tenant: "globex" });
    expect(names(r)).toEqual(["argocd-edge/customer-portal-globex-production"]);
  });

  it("an untenanted deployment does not match tenant-annotated applications", async () => {
    expect((await find({ project: "customer-portal", environment: "production" })).count).toBe(0);
  });

  it("a tenanted deployment does not match untenanted applications", async () => {
    expect(
      (await find({ project: "checkout", environment: "production", tenant: "acme-retail" })).count,
    ).toBe(0);
  });

  it("an unknown slug matches nothing (cart-qa is annotated shopping-cart)", async () => {
    expect(
      (await find({ project: "cart", environment: "test" })).instances.flatMap((i) =>
        i.applications.map((a) => a.name),
      ),
    ).toEqual(["cart-test"]);
    expect(names(await find({ project: "shopping-cart", environment: "test" }))).toEqual([
      "argocd-main/cart-qa",
    ]);
  });

  it("searches one instance when asked, and rejects an unknown instance", async () => {
    expect(
      (
        await find({
          project: "customer-portal",
          environment: "production",
          tenant: "globex",
          instance: "argocd-main",
        })
      ).count,
    ).toBe(0);
    const r = await env.host.callTool("argocd_find_applications", {
      project: "cart",
      environment: "test",
      instance: "nope",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ error: "invalid_arguments" });
  });
});

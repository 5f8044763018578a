import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArgoHarness, startArgoHarness } from "./argocd-harness.js";

type App = {
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: { project: string; source?: { name?: string }; sources?: { name?: string; ref?: string }[] };
  status?: {
    sync?: { status: string; revision?: string };
    health?: { status: string };
    summary?: { images: string[] };
    history?: unknown[];
  };
};
type List = { items: App[] };

let h: ArgoHarness;
beforeAll(async () => {
  h = await startArgoHarness({ syncStepMs: 60_000 });
});
afterAll(async () => {
  await h.stop();
});

const names = (body: unknown) => (body as List).items.map((a) => a.metadata.name);

describe("bearer-token authentication", () => {
  it("rejects a missing token with 401 code 16 'no session information'", async () => {
    const r = await h.call(h.main, "/api/v1/applications", { token: null });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: "no session information", code: 16, message: "no session information" });
  });

  it("rejects a malformed and a wrongly signed token", async () => {
    const malformed = await h.call(h.main, "/api/v1/applications", { token: "not-a-jwt" });
    expect(malformed.status).toBe(401);
    expect((malformed.body as { message: string }).message).toBe(
      "invalid session: token contains an invalid number of segments",
    );
    const [header, payload] = h.main.token.split(".");
    const forged = await h.call(h.main, "/api/v1/applications", { token: `${header}.${payload}.AAAA` });
    expect(forged.status).toBe(401);
    expect((forged.body as { code: number; message: string }).code).toBe(16);
    expect((forged.body as { message: string }).message).toBe("invalid session: token signature is invalid");
  });

  it("keeps instances apart: one instance's token is rejected by the other", async () => {
    expect(h.main.token).not.toBe(h.edge.token);
    const r = await h.call(h.edge, "/api/v1/applications", { token: h.main.token });
    expect(r.status).toBe(401);
  });

  it("serves version and settings without a token, userinfo with one", async () => {
    const version = await h.call(h.main, "/api/version", { token: null });
    expect(version.status).toBe(200);
    expect((version.body as { Version: string }).Version).toMatch(/^v3\./);
    const settings = await h.call(h.main, "/api/v1/settings", { token: null });
    expect((settings.body as { url: string }).url).toBe(h.main.baseUrl);
    const me = await h.call(h.main, "/api/v1/session/userinfo");
    expect(me.body).toEqual({ loggedIn: true, username: "octopus", iss: "argocd", groups: [] });
  });

  it("answers unknown routes under an instance with Argo's error body", async () => {
    const r = await h.call(h.main, "/api/v1/nothing-here");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 5, message: "Not Found: GET /argocd/main/api/v1/nothing-here" });
  });

  it("answers 403 PermissionDenied for a missing app, and 404 only when the project is named", async () => {
    const denied = await h.call(h.main, "/api/v1/applications/does-not-exist");
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: "permission denied", code: 7, message: "permission denied" });
    const missing = await h.call(h.main, "/api/v1/applications/does-not-exist?project=storefront");
    expect(missing.status).toBe(404);
    expect((missing.body as { code: number; message: string }).message).toBe(
      'applications.argoproj.io "does-not-exist" not found',
    );
  });

  it("limits the viewer token to the storefront AppProject and forbids sync", async () => {
    const list = await h.call(h.main, "/api/v1/applications", { token: h.main.viewerToken });
    expect(list.status).toBe(200);
    const projects = new Set((list.body as List).items.map((a) => a.spec?.project));
    expect([...projects]).toEqual(["storefront"]);
    const payments = await h.call(h.main, "/api/v1/applications/payments-dev", { token: h.main.viewerToken });
    expect(payments.status).toBe(403);
    const cart = await h.call(h.main, "/api/v1/applications/cart-dev", { token: h.main.viewerToken });
    expect(cart.status).toBe(200);
    const sync = await h.call(h.main, "/api/v1/applications/cart-dev/sync", {
      method: "POST",
      body: {},
      token: h.main.viewerToken,
    });
    expect(sync.status).toBe(403);
    expect((sync.body as { code: number }).code).toBe(7);
    const canI = await h.call(h.main, "/api/v1/account/can-i/applications/sync/storefront/cart-dev", {
      token: h.main.viewerToken,
    });
    expect(canI.body).toEqual({ value: "no" });
  });
});

describe("GET /api/v1/applications", () => {
  it("lists each instance's own applications only", async () => {
    const main = names((await h.call(h.main, "/api/v1/applications")).body);
    const edge = names((await h.call(h.edge, "/api/v1/applications")).body);
    expect(main).toContain("web-frontend-production");
    expect(main).not.toContain("customer-portal-acme-retail-production");
    expect(edge).toContain("customer-portal-acme-retail-production");
    expect(edge).toHaveLength(18);
    expect(edge.every((n) => n.startsWith("customer-portal-"))).toBe(true);
    const fromEdge = await h.call(h.edge, "/api/v1/applications/web-frontend-dev");
    expect(fromEdge.status).toBe(403);
  });

  it("filters by repeated projects (and the legacy project) parameter", async () => {
    const both = (await h.call(h.main, "/api/v1/applications?projects=payments&projects=platform"))
      .body as List;
    expect(new Set(both.items.map((a) => a.spec?.project))).toEqual(new Set(["payments", "platform"]));
    expect(names(both)).toContain("payments-dev");
    expect(names(both)).toContain("cluster-addons-prod");
    const legacy = (await h.call(h.main, "/api/v1/applications?project=fulfilment")).body as List;
    expect(names(legacy)).toEqual([
      "inventory-dev",
      "inventory-production",
      "inventory-staging",
      "inventory-test",
    ]);
  });

  it("filters by label selector (equality, set and existence forms)", async () => {
    const eq = names(
      (
        await h.call(
          h.main,
          `/api/v1/applications?selector=${encodeURIComponent("octo-shop.io/environment=production,octo-shop.io/team=storefront")}`,
        )
      ).body,
    );
    expect(eq).toEqual([
      "cart-production",
      "checkout-production",
      "checkout-production-eu",
      "web-frontend-production",
    ]);
    const setForm = names(
      (
        await h.call(
          h.edge,
          `/api/v1/applications?selector=${encodeURIComponent("octo-shop.io/tenant in (globex),octo-shop.io/environment!=test")}`,
        )
      ).body,
    );
    expect(setForm).toEqual(["customer-portal-globex-customer-preview", "customer-portal-globex-production"]);
    const notExists = names(
      (await h.call(h.edge, `/api/v1/applications?selector=${encodeURIComponent("!octo-shop.io/tenant")}`))
        .body,
    );
    expect(notExists).toEqual([]);
    const bad = await h.call(h.main, `/api/v1/applications?selector=${encodeURIComponent("a in (b")}`);
    expect(bad.status).toBe(400);
    expect((bad.body as { code: number }).code).toBe(3);
  });

  it("filters by repo URL (normalised) and appNamespace", async () => {
    const all = names((await h.call(h.main, "/api/v1/applications")).body);
    const byRepo = names(
      (
        await h.call(
          h.main,
          `/api/v1/applications?repo=${encodeURIComponent(h.argo.git.url.toUpperCase().replace(/\.GIT$/, ""))}`,
        )
      ).body,
    );
    expect(byRepo).toEqual(all);
    const other = names(
      (
        await h.call(
          h.main,
          `/api/v1/applications?repo=${encodeURIComponent("https://github.com/octo-shop/other.git")}`,
        )
      ).body,
    );
    expect(other).toEqual([]);
    expect(names((await h.call(h.main, "/api/v1/applications?appNamespace=argocd")).body)).toEqual(all);
    expect(names((await h.call(h.main, "/api/v1/applications?appNamespace=team-a")).body)).toEqual([]);
  });

  it("prunes items to the requested fields", async () => {
    const r = await h.call(
      h.main,
      "/api/v1/applications?fields=items.metadata.name,items.metadata.annotations,items.status.sync.status",
    );
    const app = (r.body as List).items.find((a) => a.metadata.name === "web-frontend-dev");
    expect(app).toEqual({
      metadata: {
        name: "web-frontend-dev",
        annotations: { "argo.octopus.com/project": "web-frontend", "argo.octopus.com/environment": "dev" },
      },
      status: { sync: { status: "OutOfSync" } },
    });
  });

  it("excludes fields with a leading '-' and ignores unknown paths", async () => {
    // status.history is not in Argo CD's selectable field map, so excluding it has no effect.
    const r = await h.call(
      h.main,
      "/api/v1/applications?fields=-items.status.resources,items.spec,items.status.history,items.bogus.path",
    );
    const app = (r.body as List & { items: { status?: { resources?: unknown } }[] }).items.find(
      (a) => a.metadata.name === "cart-dev",
    ) as (App & { status?: { resources?: unknown } }) | undefined;
    expect(app?.spec).toBeUndefined();
    expect(app?.status?.resources).toBeUndefined();
    expect(app?.status?.history).toHaveLength(2);
    expect(app?.status?.sync?.status).toBe("Synced");
    expect(app?.metadata.annotations).toEqual({
      "argo.octopus.com/project": "cart",
      "argo.octopus.com/environment": "dev",
    });
  });
});

describe("seeded annotations", () => {
  const get = async (name: string, edge = false) =>
    (await h.call(edge ? h.edge : h.main, `/api/v1/applications/${name}`)).body as App;

  it("uses source-name-suffixed keys on named and multi-source apps", async () => {
    const checkout = await get("checkout-production");
    expect(checkout.spec?.source?.name).toBe("checkout");
    expect(checkout.metadata.annotations).toEqual({
      "argo.octopus.com/project.checkout": "checkout",
      "argo.octopus.com/environment.checkout": "production",
      "argo.octopus.com/image-replace-paths.checkout":
        "{{ .Values.image.repository }}:{{ .Values.image.tag }}",
    });
    const payments = await get("payments-staging");
    expect(payments.spec?.sources?.map((s) => s.name)).toEqual(["payments-chart", "payments-values"]);
    expect(payments.metadata.annotations?.["argo.octopus.com/project.payments-values"]).toBe("payments");
    expect(payments.metadata.annotations?.["argo.octopus.com/image-replace-paths.payments-chart"]).toContain(
      ".Values.worker.image.tag",
    );
    expect(payments.status?.summary?.images).toEqual([
      "ghcr.io/octo-shop/payments-worker:5.5.1",
      "ghcr.io/octo-shop/payments:5.5.1",
    ]);
  });

  it("annotates tenanted apps with the Octopus tenant slug", async () => {
    const portal = await get("customer-portal-umbrella-health-production", true);
    expect(portal.metadata.annotations).toMatchObject({
      "argo.octopus.com/project": "customer-portal",
      "argo.octopus.com/environment": "production",
      "argo.octopus.com/tenant": "umbrella-health",
    });
  });

  it("includes the deliberately mis-annotated apps", async () => {
    const canary = await get("payments-staging-canary");
    expect(canary.spec?.sources?.length).toBe(2);
    expect(canary.metadata.annotations?.["argo.octopus.com/project"]).toBe("payments");
    const dup = await get("checkout-production-eu");
    expect(dup.spec?.sources?.map((s) => s.name)).toEqual(["checkout", "checkout"]);
    const unknown = await get("cart-qa");
    expect(unknown.metadata.annotations?.["argo.octopus.com/project"]).toBe("shopping-cart");
  });

  it("reports the seeded states: one OutOfSync and one Degraded app", async () => {
    const all = (await h.call(h.main, "/api/v1/applications")).body as List;
    const outOfSync = all.items
      .filter((a) => a.status?.sync?.status === "OutOfSync")
      .map((a) => a.metadata.name);
    const degraded = all.items
      .filter((a) => a.status?.health?.status === "Degraded")
      .map((a) => a.metadata.name);
    expect(outOfSync).toEqual(["web-frontend-dev"]);
    expect(degraded).toEqual(["checkout-staging"]);
  });
});

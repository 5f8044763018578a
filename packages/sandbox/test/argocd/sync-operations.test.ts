// Sync request validation, the "another operation is already in progress" conflict and terminate.
// Sync steps last a minute here, so an operation stays Running until the test terminates it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArgoHarness, eventually, startArgoHarness } from "./argocd-harness.js";

type App = {
  operation?: { sync: Record<string, unknown> };
  status: { operationState?: { phase: string; message: string }; health: { status: string } };
};

let h: ArgoHarness;
beforeAll(async () => {
  h = await startArgoHarness({ syncStepMs: 60_000 });
});
afterAll(async () => {
  await h.stop();
});

const sync = (name: string, body: unknown) =>
  h.call(h.main, `/api/v1/applications/${name}/sync`, { method: "POST", body });

describe("POST /api/v1/applications/{name}/sync", () => {
  it("rejects a second sync while the first runs with FailedPrecondition (HTTP 400, gRPC 9)", async () => {
    const first = await sync("cart-staging", { syncOptions: { items: ["CreateNamespace=true"] } });
    expect(first.status).toBe(200);
    expect((first.body as App).status.operationState?.phase).toBe("Running");
    const second = await sync("cart-staging", {});
    expect(second.status).toBe(400);
    expect(second.body).toEqual({
      error: "another operation is already in progress",
      code: 9,
      message: "another operation is already in progress",
    });
    // Other applications are unaffected.
    const other = await sync("cart-production", {});
    expect(other.status).toBe(200);
  });

  it("terminates the running operation, after which a new sync is accepted", async () => {
    const term = await h.call(h.main, "/api/v1/applications/cart-staging/operation", { method: "DELETE" });
    expect(term.status).toBe(200);
    expect(term.body).toEqual({});
    const failed = await eventually(async () => {
      const app = (await h.call(h.main, "/api/v1/applications/cart-staging")).body as App;
      return app.status.operationState?.phase === "Failed" ? app : undefined;
    });
    expect(failed.status.operationState?.message).toBe("Operation terminated");
    expect(failed.operation).toBeUndefined();
    const again = await sync("cart-staging", {});
    expect(again.status).toBe(200);
  });

  it("refuses to terminate when no operation is in progress", async () => {
    const r = await h.call(h.main, "/api/v1/applications/cart-dev/operation", { method: "DELETE" });
    expect(r.status).toBe(400);
    expect((r.body as { code: number; message: string }).message).toBe(
      "Unable to terminate operation. No operation is in progress",
    );
  });

  it("rejects syncOptions sent as a bare array, as grpc-gateway's decoder does", async () => {
    const r = await sync("web-frontend-test", { syncOptions: ["Prune=true"] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 3 });
    expect((r.body as { message: string }).message).toContain(
      "cannot unmarshal array into Go struct field ApplicationSyncRequest.syncOptions",
    );
    const app = (await h.call(h.main, "/api/v1/applications/web-frontend-test")).body as App;
    expect(app.operation).toBeUndefined();
  });

  it("validates field types, revisions and source positions", async () => {
    expect((await sync("web-frontend-test", { prune: "yes" })).status).toBe(400);
    expect((await sync("web-frontend-test", "[]")).status).toBe(400);
    const unknownRev = await sync("web-frontend-test", { revision: "no-such-branch" });
    expect(unknownRev.status).toBe(500);
    expect((unknownRev.body as { message: string }).message).toContain(
      "unable to resolve 'no-such-branch' to a commit SHA",
    );
    const badPos = await sync("payments-dev", { revisions: ["main"], sourcePositions: [3] });
    expect(badPos.status).toBe(400);
    expect((badPos.body as { message: string }).message).toContain("source position is out of range: 3");
    const invalidJson = await h.call(h.main, "/api/v1/applications/web-frontend-test/sync", {
      method: "POST",
      body: "{not json",
    });
    expect(invalidJson.status).toBe(400);
    expect((invalidJson.body as { code: number }).code).toBe(3);
  });

  it("accepts an empty body and records the resolved revision, prune and dryRun", async () => {
    const r = await h.call(h.main, "/api/v1/applications/inventory-test/sync", { method: "POST", body: "" });
    expect(r.status).toBe(200);
    const app = r.body as App & { operation: { sync: { revisions: string[] } } };
    expect(app.operation.sync.revisions).toHaveLength(2);
    expect(app.operation.sync.revisions[0]).toMatch(/^[0-9a-f]{40}$/);
    const dry = await sync("web-frontend-production", { dryRun: true, prune: true, revision: "main" });
    expect((dry.body as App).operation?.sync).toMatchObject({ dryRun: true, prune: true });
  });

  it("hides apps of other instances and missing apps behind 403", async () => {
    const r = await h.call(h.edge, "/api/v1/applications/cart-dev/sync", { method: "POST", body: {} });
    expect(r.status).toBe(403);
    expect((r.body as { code: number }).code).toBe(7);
  });
});

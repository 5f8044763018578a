// The GitOps loop: a commit lands on main -> the affected applications go OutOfSync -> a sync moves
// them through an operation (Running -> Succeeded) to Synced/Healthy with the new images.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGit } from "../../src/git/git-cli.js";
import { type ArgoHarness, eventually, startArgoHarness } from "./argocd-harness.js";

type App = {
  metadata: { name: string; resourceVersion: string };
  operation?: {
    sync: { revision?: string; syncOptions?: string[] };
    initiatedBy: { username?: string; automated?: boolean };
  };
  status: {
    sync: { status: string; revision?: string; revisions?: string[] };
    health: { status: string };
    summary: { images: string[] };
    history: { id: number; revision?: string }[];
    reconciledAt: string;
    operationState?: {
      phase: string;
      message: string;
      syncResult?: { revision?: string; revisions?: string[] };
      operation: { initiatedBy: { automated?: boolean; username?: string } };
    };
  };
};

let h: ArgoHarness;
let clone: string;

/** Edits a file in the test's clone, commits and pushes to main with the git CLI; returns the new SHA. */
async function commitAndPush(file: string, edit: (text: string) => string, message: string): Promise<string> {
  const full = path.join(clone, file);
  const before = await readFile(full, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
  await runGit(["commit", "-q", "-am", message], { cwd: clone });
  await runGit(["push", "-q", "origin", "HEAD:main"], { cwd: clone });
  return (await runGit(["rev-parse", "HEAD"], { cwd: clone })).trim();
}

async function getApp(name: string): Promise<App> {
  const r = await h.call(h.main, `/api/v1/applications/${name}`);
  expect(r.status).toBe(200);
  return r.body as App;
}

beforeAll(async () => {
  h = await startArgoHarness({ syncStepMs: 5 });
  const dir = await mkdtemp(path.join(tmpdir(), "argocd-clone-"));
  clone = path.join(dir, "gitops");
  await runGit(["clone", "-q", h.argo.git.url, clone], { cwd: dir });
});
afterAll(async () => {
  await h.stop();
  await rm(path.dirname(clone), { recursive: true, force: true });
});

describe("git commit -> OutOfSync -> sync -> Synced/Healthy", () => {
  it("serves the bare repository's head as the compared revision", async () => {
    const head = (await runGit(["rev-parse", "HEAD"], { cwd: clone })).trim();
    const app = await getApp("web-frontend-production");
    expect(app.status.sync.revision).toBe(head);
    expect(app.status.sync.status).toBe("Synced");
    expect(app.status.summary.images).toEqual(["ghcr.io/octo-shop/web-frontend:4.13.1"]);
  });

  it("detects a Kustomize image bump, then syncs it", async () => {
    const sha = await commitAndPush(
      "web-frontend/overlays/staging/kustomization.yaml",
      (t) => t.replace('newTag: "4.13.3"', 'newTag: "4.14.0"'),
      "web-frontend: deploy 4.14.0 to staging",
    );
    const outOfSync = await getApp("web-frontend-staging");
    expect(outOfSync.status.sync).toMatchObject({ status: "OutOfSync", revision: sha });
    expect(outOfSync.status.summary.images).toEqual(["ghcr.io/octo-shop/web-frontend:4.13.3"]);
    const untouched = await getApp("web-frontend-test");
    expect(untouched.status.sync.status).toBe("Synced");

    const diff = await h.call(
      h.main,
      "/api/v1/applications/web-frontend-staging/managed-resources?kind=Deployment",
    );
    const item = (
      diff.body as { items: { name: string; modified: boolean; targetState: string; liveState: string }[] }
    ).items[0];
    expect(item?.modified).toBe(true);
    expect(item?.targetState).toContain("ghcr.io/octo-shop/web-frontend:4.14.0");
    expect(item?.liveState).toContain("ghcr.io/octo-shop/web-frontend:4.13.3");

    const sync = await h.call(h.main, "/api/v1/applications/web-frontend-staging/sync", {
      method: "POST",
      body: { name: "web-frontend-staging", prune: false, syncOptions: { items: ["ServerSideApply=true"] } },
    });
    expect(sync.status).toBe(200);
    const started = sync.body as App;
    expect(started.operation?.sync).toEqual({
      revision: sha,
      prune: false,
      syncOptions: ["ServerSideApply=true"],
    });
    expect(started.operation?.initiatedBy).toEqual({ username: "octopus" });
    expect(started.status.operationState?.phase).toBe("Running");

    const done = await eventually(async () => {
      const app = await getApp("web-frontend-staging");
      return app.status.operationState?.phase === "Succeeded" ? app : undefined;
    });
    expect(done.status.sync).toMatchObject({ status: "Synced", revision: sha });
    expect(done.status.health.status).toBe("Healthy");
    expect(done.status.summary.images).toEqual(["ghcr.io/octo-shop/web-frontend:4.14.0"]);
    expect(done.status.operationState?.syncResult?.revision).toBe(sha);
    expect(done.operation).toBeUndefined();
    expect(done.status.history.map((x) => x.id)).toEqual([0, 1, 2]);
    expect(done.status.history[2]?.revision).toBe(sha);

    const events = (await h.call(h.main, "/api/v1/applications/web-frontend-staging/events")).body as {
      items: { reason: string; message: string }[];
    };
    const messages = events.items.map((e) => `${e.reason}: ${e.message}`);
    expect(messages).toContain("ResourceUpdated: Updated sync status: Synced -> OutOfSync");
    expect(messages).toContain(`OperationCompleted: Sync operation to ${sha} succeeded`);
    expect(messages).toContain("ResourceUpdated: Updated sync status: OutOfSync -> Synced");

    const tree = (await h.call(h.main, "/api/v1/applications/web-frontend-staging/resource-tree")).body as {
      nodes: { kind: string; images?: string[] }[];
    };
    const pods = tree.nodes.filter((n) => n.kind === "Pod");
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.images?.[0] === "ghcr.io/octo-shop/web-frontend:4.14.0")).toBe(true);
  });

  it("rolls back to a history entry (then OutOfSync against the head); refused with auto-sync on", async () => {
    const rollback = await h.call(h.main, "/api/v1/applications/web-frontend-staging/rollback", {
      method: "POST",
      body: { name: "web-frontend-staging", id: 1 },
    });
    expect(rollback.status).toBe(200);
    const done = await eventually(async () => {
      const app = await getApp("web-frontend-staging");
      return app.status.operationState?.phase === "Succeeded" && app.status.history.length === 4
        ? app
        : undefined;
    });
    expect(done.status.summary.images).toEqual(["ghcr.io/octo-shop/web-frontend:4.13.3"]);
    expect(done.status.sync.status).toBe("OutOfSync");
    const missing = await h.call(h.main, "/api/v1/applications/web-frontend-staging/rollback", {
      method: "POST",
      body: { id: 99 },
    });
    expect(missing.status).toBe(400);
    expect((missing.body as { message: string }).message).toBe(
      "application web-frontend-staging does not have deployment with id 99",
    );
    const auto = await h.call(h.main, "/api/v1/applications/cluster-addons-prod/rollback", {
      method: "POST",
      body: { id: 0 },
    });
    expect(auto.status).toBe(400);
    expect(auto.body).toMatchObject({
      code: 9,
      message: "rollback cannot be initiated when auto-sync is enabled",
    });
  });

  it("syncs a multi-source Helm app whose values file changed, with both images", async () => {
    const sha = await commitAndPush(
      "environments/payments/test/values.yaml",
      (t) => t.replaceAll('"5.5.2"', '"5.6.0"'),
      "payments: deploy 5.6.0 to test",
    );
    const before = await getApp("payments-test");
    expect(before.status.sync).toMatchObject({ status: "OutOfSync", revisions: [sha, sha] });
    const sync = await h.call(h.main, "/api/v1/applications/payments-test/sync", {
      method: "POST",
      body: { revisions: [sha, sha], sourcePositions: ["1", "2"] },
    });
    expect(sync.status).toBe(200);
    const done = await eventually(async () => {
      const app = await getApp("payments-test");
      return app.status.operationState?.phase === "Succeeded" && app.status.sync.status === "Synced"
        ? app
        : undefined;
    });
    expect(done.status.summary.images).toEqual([
      "ghcr.io/octo-shop/payments-worker:5.6.0",
      "ghcr.io/octo-shop/payments:5.6.0",
    ]);
    expect(done.status.operationState?.syncResult?.revisions).toEqual([sha, sha]);
  });

  it("heals the Degraded app when a sync rolls out a different image", async () => {
    const crashing = await getApp("checkout-staging");
    expect(crashing.status.health.status).toBe("Degraded");
    const pod = (
      (await h.call(h.main, "/api/v1/applications/checkout-staging/resource-tree")).body as {
        nodes: { kind: string; name: string }[];
      }
    ).nodes.find((n) => n.kind === "Pod");
    const logs = await h.call(
      h.main,
      `/api/v1/applications/checkout-staging/logs?podName=${pod?.name ?? ""}&filter=panic`,
    );
    expect(logs.text).toContain("dial tcp 10.42.3.17:5432: connect: connection refused");

    await commitAndPush(
      "checkout/chart/values-staging.yaml",
      (t) => t.replace('tag: "2.6.3"', 'tag: "2.6.4"'),
      "checkout: 2.6.4 to staging (db fix)",
    );
    expect((await getApp("checkout-staging")).status.sync.status).toBe("OutOfSync");
    await h.call(h.main, "/api/v1/applications/checkout-staging/sync", { method: "POST", body: {} });
    const healed = await eventually(async () => {
      const app = await getApp("checkout-staging");
      return app.status.operationState?.phase === "Succeeded" ? app : undefined;
    });
    expect(healed.status.health.status).toBe("Healthy");
    expect(healed.status.sync.status).toBe("Synced");
    expect(healed.status.summary.images).toEqual(["ghcr.io/octo-shop/checkout:2.6.4"]);
  });

  it("auto-syncs an app with syncPolicy.automated", async () => {
    const sha = await commitAndPush(
      "platform/cluster-addons/non-prod/kustomization.yaml",
      (t) => t.replace('newTag: "1.31.3"', 'newTag: "1.32.0"'),
      "cluster-addons: 1.32.0 to non-prod",
    );
    const synced = await eventually(async () => {
      const app = await getApp("cluster-addons-non-prod");
      return app.status.operationState?.phase === "Succeeded" &&
        app.status.sync.status === "Synced" &&
        app.status.sync.revision === sha
        ? app
        : undefined;
    });
    expect(synced.status.operationState?.operation.initiatedBy).toEqual({ automated: true });
    expect(synced.status.summary.images).toEqual(["ghcr.io/octo-platform/cluster-addons:1.32.0"]);
  });

  it("reports a manifest error as sync status Unknown with a ComparisonError condition", async () => {
    await commitAndPush(
      "cart/dev/deployment.yaml",
      (t) => t.replace("kind: Deployment", "kind: Deployment\n  bad: [unclosed"),
      "cart: broken YAML",
    );
    const app = (await getApp("cart-dev")) as App & {
      status: { conditions?: { type: string; message: string }[] };
    };
    expect(app.status.sync.status).toBe("Unknown");
    expect(app.status.conditions?.[0]?.type).toBe("ComparisonError");
    expect(app.status.conditions?.[0]?.message).toContain("cart/dev/deployment.yaml");
  });

  it("streams ADDED then MODIFIED watch events when a commit makes the app OutOfSync", async () => {
    const controller = new AbortController();
    const res = await fetch(`${h.main.baseUrl}/api/v1/stream/applications?name=web-frontend-test`, {
      headers: { authorization: `Bearer ${h.main.token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const events: { type: string; application: App }[] = [];
    const next = async (): Promise<{ type: string; application: App }> => {
      while (!buffer.includes("\n")) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
      const line = buffer.slice(0, buffer.indexOf("\n"));
      buffer = buffer.slice(buffer.indexOf("\n") + 1);
      const event = (JSON.parse(line) as { result: { type: string; application: App } }).result;
      events.push(event);
      return event;
    };
    const added = await next();
    expect(added.type).toBe("ADDED");
    expect(added.application.metadata.name).toBe("web-frontend-test");
    expect(added.application.status.sync.status).toBe("Synced");
    await commitAndPush(
      "web-frontend/overlays/test/kustomization.yaml",
      (t) => t.replace('newTag: "4.13.4"', 'newTag: "4.14.1"'),
      "web-frontend: 4.14.1 to test",
    );
    let modified = await next();
    while (modified.application.status.sync.status !== "OutOfSync") modified = await next();
    expect(modified.type).toBe("MODIFIED");
    expect(events.every((e) => e.application.metadata.name === "web-frontend-test")).toBe(true);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it("refresh=normal|hard re-compares; other values are rejected", async () => {
    const before = await getApp("inventory-dev");
    const normal = await h.call(h.main, "/api/v1/applications/inventory-dev?refresh=normal");
    expect(normal.status).toBe(200);
    const after = normal.body as App;
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(Date.parse(after.status.reconciledAt)).toBeGreaterThanOrEqual(
      Date.parse(before.status.reconciledAt),
    );
    const hard = await h.call(h.main, "/api/v1/applications/inventory-dev?refresh=hard");
    expect(hard.status).toBe(200);
    const bad = await h.call(h.main, "/api/v1/applications/inventory-dev?refresh=soft");
    expect(bad.status).toBe(400);
  });
});

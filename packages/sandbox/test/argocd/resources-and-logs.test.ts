import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArgoHarness, startArgoHarness } from "./argocd-harness.js";

type Node = {
  kind: string;
  name: string;
  namespace: string;
  uid: string;
  parentRefs?: { kind: string; name: string; uid: string }[];
  images?: string[];
  health?: { status: string; message?: string };
  info?: { name: string; value: string }[];
};
type LogLine = {
  result?: { content: string; podName: string; last: boolean; timeStamp: string; timeStampStr: string };
  error?: { grpc_code: number; http_code: number; message: string };
};

let h: ArgoHarness;
beforeAll(async () => {
  h = await startArgoHarness({ syncStepMs: 60_000 });
});
afterAll(async () => {
  await h.stop();
});

async function tree(app: string): Promise<Node[]> {
  const r = await h.call(h.main, `/api/v1/applications/${app}/resource-tree`);
  expect(r.status).toBe(200);
  return (r.body as { nodes: Node[] }).nodes;
}

function lines(text: string): LogLine[] {
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as LogLine);
}

describe("resource tree", () => {
  it("links Deployment -> ReplicaSet -> Pods with images and health", async () => {
    const nodes = await tree("checkout-production");
    const deployment = nodes.find((n) => n.kind === "Deployment" && n.name === "checkout");
    expect(deployment?.health).toEqual({ status: "Healthy" });
    expect(deployment?.images).toEqual(["ghcr.io/octo-shop/checkout:2.6.1"]);
    const rs = nodes.filter((n) => n.kind === "ReplicaSet");
    expect(rs).toHaveLength(1);
    expect(rs[0]?.parentRefs?.[0]?.uid).toBe(deployment?.uid);
    const pods = nodes.filter((n) => n.kind === "Pod");
    expect(pods).toHaveLength(3); // production: 3 replicas
    expect(
      pods.every((p) => p.parentRefs?.[0]?.uid === rs[0]?.uid && p.name.startsWith(`${rs[0]?.name ?? "?"}-`)),
    ).toBe(true);
    expect(nodes.some((n) => n.kind === "Service" && n.name === "checkout")).toBe(true);
  });

  it("shows crash-looping pods of the Degraded app and filters by kind", async () => {
    const r = await h.call(h.main, "/api/v1/applications/checkout-staging/resource-tree?kind=Pod");
    const pods = (r.body as { nodes: Node[] }).nodes;
    expect(pods.length).toBe(2);
    expect(pods.every((p) => p.kind === "Pod" && p.health?.status === "Degraded")).toBe(true);
    expect(pods[0]?.info).toContainEqual({ name: "Status Reason", value: "CrashLoopBackOff" });
  });

  it("includes the migration Job of a multi-source app", async () => {
    const nodes = await tree("inventory-production");
    expect(nodes.find((n) => n.kind === "Job")?.name).toBe("inventory-db-migrate-3-3-7");
    expect(nodes.filter((n) => n.kind === "Deployment").map((n) => n.name)).toEqual(["inventory"]);
  });

  it("returns a live manifest for …/resource and 404 for an unknown one", async () => {
    const r = await h.call(
      h.main,
      "/api/v1/applications/cart-dev/resource?kind=ConfigMap&resourceName=cart-config&namespace=octo-shop-cart-dev&version=v1",
    );
    expect(r.status).toBe(200);
    const manifest = JSON.parse((r.body as { manifest: string }).manifest) as {
      data: Record<string, string>;
    };
    expect(manifest.data["REDIS_URL"]).toBe("redis://cart-redis.dev.svc:6379");
    const missing = await h.call(
      h.main,
      "/api/v1/applications/cart-dev/resource?kind=ConfigMap&resourceName=nope",
    );
    expect(missing.status).toBe(404);
  });
});

describe("pod logs", () => {
  it("streams NDJSON {result: LogEntry} lines ending with last=true, honouring tailLines", async () => {
    const pod = (await tree("cart-dev")).find((n) => n.kind === "Pod")?.name ?? "";
    const r = await h.call(
      h.main,
      `/api/v1/applications/cart-dev/pods/${pod}/logs?container=cart&tailLines=10`,
    );
    expect(r.status).toBe(200);
    expect(r.contentType).toContain("application/json");
    const all = lines(r.text);
    expect(all).toHaveLength(11);
    expect(all.slice(0, 10).every((l) => l.result?.podName === pod && l.result.last === false)).toBe(true);
    expect(all[10]?.result?.last).toBe(true);
    expect(all[0]?.result?.timeStampStr).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  });

  it("filters with filter/matchCase and negated filters", async () => {
    const pod = (await tree("cart-dev")).find((n) => n.kind === "Pod")?.name ?? "";
    const only503 = lines(
      (await h.call(h.main, `/api/v1/applications/cart-dev/logs?podName=${pod}&filter=%22status%22:503`))
        .text,
    );
    expect(only503.filter((l) => !l.result?.last).map((l) => l.result?.content)).toHaveLength(1);
    const caseMiss = lines(
      (
        await h.call(
          h.main,
          `/api/v1/applications/cart-dev/logs?podName=${pod}&filter=STARTING&matchCase=true`,
        )
      ).text,
    );
    expect(caseMiss.filter((l) => !l.result?.last)).toHaveLength(0);
    const all = lines(
      (await h.call(h.main, `/api/v1/applications/cart-dev/logs?podName=${pod}`)).text,
    ).length;
    const negated = lines(
      (await h.call(h.main, `/api/v1/applications/cart-dev/logs?podName=${pod}&filter=!healthz`)).text,
    );
    expect(negated.length).toBeLessThan(all);
    expect(negated.some((l) => l.result?.content.includes("/healthz"))).toBe(false);
  });

  it("keeps a running pod's request lines recent: sinceSeconds returns them without the start-up lines", async () => {
    const pod = (await tree("cart-dev")).find((n) => n.kind === "Pod")?.name ?? "";
    const recent = lines(
      (await h.call(h.main, `/api/v1/applications/cart-dev/logs?podName=${pod}&sinceSeconds=900`)).text,
    )
      .filter((l) => !l.result?.last)
      .map((l) => l.result?.content ?? "");
    expect(recent.length).toBeGreaterThan(10);
    expect(recent.every((c) => c.includes('"msg":"request"'))).toBe(true);
  });

  it("merges the logs of all pods of a Deployment (kind + resourceName)", async () => {
    const r = await h.call(
      h.main,
      "/api/v1/applications/checkout-production/logs?kind=Deployment&resourceName=checkout&tailLines=2",
    );
    const pods = new Set(
      lines(r.text)
        .filter((l) => !l.result?.last)
        .map((l) => l.result?.podName),
    );
    expect(pods.size).toBe(3);
  });

  it("shows the crash of the Degraded app", async () => {
    const r = await h.call(
      h.main,
      "/api/v1/applications/checkout-staging/logs?kind=Deployment&resourceName=checkout&filter=panic",
    );
    const contents = lines(r.text)
      .filter((l) => !l.result?.last)
      .map((l) => l.result?.content);
    expect(contents.length).toBe(2);
    expect(contents[0]).toBe(
      "panic: failed to connect to database: dial tcp 10.42.3.17:5432: connect: connection refused",
    );
  });

  it("answers an unknown pod or container with a stream error body", async () => {
    const unknown = await h.call(h.main, "/api/v1/applications/cart-dev/pods/nope-123/logs");
    expect(unknown.status).toBe(404);
    expect(lines(unknown.text)[0]?.error).toMatchObject({
      grpc_code: 5,
      http_code: 404,
      message: 'pods "nope-123" not found',
    });
    const pod = (await tree("cart-dev")).find((n) => n.kind === "Pod")?.name ?? "";
    const badContainer = await h.call(
      h.main,
      `/api/v1/applications/cart-dev/pods/${pod}/logs?container=sidecar`,
    );
    expect(badContainer.status).toBe(400);
    const viewer = await h.call(h.main, `/api/v1/applications/payments-dev/logs`, {
      token: h.main.viewerToken,
    });
    expect(viewer.status).toBe(403);
  });
});

describe("events, manifests, revision metadata, clusters", () => {
  it("lists the application's own events and a pod's kubelet events", async () => {
    const app = (await h.call(h.main, "/api/v1/applications/checkout-staging/events")).body as {
      items: {
        reason: string;
        message: string;
        type: string;
        involvedObject: { kind: string; name: string };
      }[];
    };
    expect(
      app.items.every(
        (e) => e.involvedObject.kind === "Application" && e.involvedObject.name === "checkout-staging",
      ),
    ).toBe(true);
    expect(app.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(["OperationStarted", "OperationCompleted", "ResourceUpdated"]),
    );
    expect(app.items.find((e) => e.message === "Updated health status: Healthy -> Degraded")?.type).toBe(
      "Warning",
    );
    const pod = (await tree("checkout-staging")).find((n) => n.kind === "Pod");
    const podEvents = (
      await h.call(
        h.main,
        `/api/v1/applications/checkout-staging/events?resourceUID=${pod?.uid ?? ""}&resourceName=${pod?.name ?? ""}&resourceNamespace=${pod?.namespace ?? ""}`,
      )
    ).body as {
      items: { reason: string; type: string; involvedObject: { kind: string; name: string } }[];
    };
    expect(podEvents.items.map((e) => e.reason)).toEqual([
      "Scheduled",
      "Pulling",
      "Pulled",
      "Created",
      "Started",
      "BackOff",
    ]);
    expect(podEvents.items[0]?.involvedObject).toMatchObject({ kind: "Pod", name: pod?.name });
  });

  it("renders desired manifests at HEAD or at a given revision", async () => {
    const head = (await h.call(h.main, "/api/v1/applications/web-frontend-dev/manifests")).body as {
      manifests: string[];
      revision: string;
      sourceType: string;
      namespace: string;
    };
    expect(head.sourceType).toBe("Kustomize");
    expect(head.namespace).toBe("octo-shop-web-frontend-dev");
    const deployment = head.manifests
      .map((m) => JSON.parse(m) as { kind: string; spec: { replicas: number } })
      .find((m) => m.kind === "Deployment");
    expect(deployment?.spec.replicas).toBe(3); // the un-synced scale-up commit
    const app = (await h.call(h.main, "/api/v1/applications/web-frontend-dev")).body as {
      status: { history: { revision: string }[] };
    };
    const deployedRev = app.status.history[1]?.revision ?? "";
    const old = (
      await h.call(h.main, `/api/v1/applications/web-frontend-dev/manifests?revision=${deployedRev}`)
    ).body as { manifests: string[]; revision: string };
    expect(old.revision).toBe(deployedRev);
    expect(
      old.manifests
        .map((m) => JSON.parse(m) as { kind: string; spec: { replicas: number } })
        .find((m) => m.kind === "Deployment")?.spec.replicas,
    ).toBe(1);
    const helm = (await h.call(h.main, "/api/v1/applications/payments-dev/manifests")).body as {
      manifests: string[];
      sourceType: string;
    };
    expect(helm.sourceType).toBe("Helm");
    expect(
      helm.manifests.map((m) => (JSON.parse(m) as { metadata: { name: string } }).metadata.name).sort(),
    ).toEqual(["payments", "payments", "payments-worker"]);
  });

  it("returns commit metadata for a revision", async () => {
    const r = await h.call(h.main, "/api/v1/applications/web-frontend-dev/revisions/main/metadata");
    expect(r.body).toEqual({
      author: "Octo Shop GitOps <gitops@octo-shop.example>",
      date: "2026-11-27T15:30:00Z",
      message: "web-frontend: scale dev to 3 replicas for load testing",
      tags: [],
    });
  });

  it("lists AppProjects (the viewer may not)", async () => {
    const r = (await h.call(h.main, "/api/v1/projects")).body as {
      items: { metadata: { name: string }; spec: { sourceRepos: string[] } }[];
    };
    expect(r.items.map((p) => p.metadata.name)).toEqual(["fulfilment", "payments", "platform", "storefront"]);
    expect(r.items[0]?.spec.sourceRepos).toEqual([h.argo.git.url]);
    expect((await h.call(h.main, "/api/v1/projects/nope")).status).toBe(404);
    expect(
      ((await h.call(h.main, "/api/v1/projects", { token: h.main.viewerToken })).body as { items: unknown[] })
        .items,
    ).toEqual([]);
  });

  it("lists clusters, one carrying argo.octopus.com/default-container-registry", async () => {
    const r = (await h.call(h.main, "/api/v1/clusters")).body as {
      items: { name: string; server: string; annotations: Record<string, string> }[];
    };
    expect(r.items.map((c) => c.name).sort()).toEqual(["in-cluster", "prod-eu", "staging"]);
    expect(r.items.find((c) => c.name === "prod-eu")?.annotations).toEqual({
      "argo.octopus.com/default-container-registry": "ghcr.io",
    });
    const viewer = (await h.call(h.main, "/api/v1/clusters", { token: h.main.viewerToken })).body as {
      items: unknown[];
    };
    expect(viewer.items).toEqual([]);
  });
});

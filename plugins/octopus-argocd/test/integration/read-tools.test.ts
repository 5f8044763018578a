import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArgoSandboxHost, type ArgoSandboxHost } from "../helpers/sandbox-host.js";

let env: ArgoSandboxHost;
beforeAll(async () => {
  env = await startArgoSandboxHost();
});
afterAll(async () => {
  await env?.stop();
});

async function call<T>(tool: string, args: Record<string, unknown>): Promise<T> {
  const r = await env.host.callTool<T>(tool, args);
  if (!r.ok) throw new Error(`${tool}: ${JSON.stringify(r.error)}`);
  return r.data;
}

describe("read tools against the sandbox", () => {
  it("serves 11 argocd tools within the 10,000-character tools/list budget", async () => {
    const tools = (await env.host.listTools()).filter((t) => t.name.startsWith("argocd_"));
    expect(tools.map((t) => t.name).sort()).toEqual([
      "argocd_find_applications",
      "argocd_get_application",
      "argocd_get_logs",
      "argocd_get_resource_tree",
      "argocd_list_events",
      "argocd_list_instances",
      "argocd_preview_deployment",
      "argocd_refresh_application",
      "argocd_sync_application",
      "argocd_update_image_tags",
      "argocd_validate_annotations",
    ]);
    expect(JSON.stringify(tools).length).toBeLessThan(10_000);
    expect(tools.find((t) => t.name === "argocd_sync_application")?.annotations?.readOnlyHint).toBe(false);
  });

  it("lists both instances as reachable with their version", async () => {
    const r = await call<{ instances: { name: string; reachable: boolean; version?: string }[] }>(
      "argocd_list_instances",
      {},
    );
    expect(r.instances.map((i) => [i.name, i.reachable])).toEqual([
      ["argocd-main", true],
      ["argocd-edge", true],
    ]);
    expect(r.instances[0]?.version).toMatch(/^v\d+\.\d+/);
  });

  it("gets an application summary without history or inline values, locating its instance", async () => {
    const app = await call<Record<string, unknown> & { sources: Record<string, unknown>[] }>(
      "argocd_get_application",
      {
        name: "checkout-staging",
      },
    );
    expect(app).toMatchObject({
      instance: "argocd-main",
      name: "checkout-staging",
      sync: { status: "Synced" },
      health: { status: "Degraded" },
      lastOperation: { phase: "Succeeded" },
    });
    expect(app.sources[0]).toMatchObject({
      name: "checkout",
      path: "checkout/chart",
      targetRevision: "main",
      helmValueFiles: ["values-staging.yaml"],
      octopus: { project: "checkout", environment: "staging" },
    });
    expect(JSON.stringify(app)).not.toMatch(/history|comparedTo/);
    const edge = await call<{ instance: string }>("argocd_get_application", {
      name: "customer-portal-globex-production",
    });
    expect(edge.instance).toBe("argocd-edge");
  });

  it("a missing application is not_found on every instance", async () => {
    const r = await env.host.callTool("argocd_get_application", { name: "no-such-app" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.error).toBe("not_found");
  });

  it("summarises the resource tree with degraded resources first", async () => {
    const tree = await call<{
      total: number;
      health: Record<string, number>;
      resources: { kind: string; health?: string }[];
    }>("argocd_get_resource_tree", { name: "checkout-staging", limit: 3 });
    expect(tree.resources).toHaveLength(3);
    expect(tree.resources.every((r) => r.health === "Degraded")).toBe(true);
    expect(tree.health["Degraded"]).toBeGreaterThanOrEqual(3);
    expect(tree.total).toBeGreaterThan(3);
  });

  it("lists recent events newest first", async () => {
    const r = await call<{ events: { time: string; reason: string }[] }>("argocd_list_events", {
      name: "checkout-staging",
      limit: 5,
    });
    expect(r.events.length).toBeGreaterThan(0);
    const times = r.events.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("reads bounded pod logs of a workload", async () => {
    const r = await call<{ count: number; lines: string[] }>("argocd_get_logs", {
      name: "checkout-staging",
      kind: "Deployment",
      resourceName: "checkout",
      tailLines: 4,
    });
    expect(r.count).toBeLessThanOrEqual(4);
    expect(r.lines.join("\n")).toMatch(/database/);
    const tree = await call<{ resources: { kind: string; name: string }[] }>("argocd_get_resource_tree", {
      name: "checkout-staging",
    });
    const pod = tree.resources.find((res) => res.kind === "Pod")!;
    const single = await call<{ count: number; lines: string[] }>("argocd_get_logs", {
      name: "checkout-staging",
      podName: pod.name,
      tailLines: 2,
    });
    expect(single.count).toBeGreaterThan(0);
    expect(single.count).toBeLessThanOrEqual(2);
    const bad = await env.host.callTool("argocd_get_logs", { name: "checkout-staging" });
    expect(bad.ok).toBe(false);
  });

  it("validates annotations: each mis-annotated application with its rule and fix", async () => {
    const r = await call<{
      checked: number;
      slugCheck: string;
      applications: { name: string; findings: { severity: string; rule: string; fix: string }[] }[];
    }>("argocd_validate_annotations", {});
    const byName = Object.fromEntries(
      r.applications.map((a) => [a.name, a.findings.map((f) => `${f.severity}:${f.rule}`)]),
    );
    expect(byName).toEqual({
      "cart-qa": ["error:unknown-project"],
      "checkout-production-eu": ["error:duplicate-source-name"],
      "payments-staging-canary": ["warning:unsuffixed-keys-on-multi-source"],
    });
    expect(r.slugCheck).toMatch(/checked against Octopus space\(s\) Default, Platform/);
    expect(r.checked).toBeGreaterThan(30);
  });

  it("previews a deployment: the values source, its files and image paths", async () => {
    const r = await call<{
      count: number;
      applications: {
        name: string;
        sources: { name?: string; kind: string; files?: string[]; imagePaths?: unknown }[];
        images: string[];
      }[];
    }>("argocd_preview_deployment", { project: "payments", environment: "production" });
    expect(r.count).toBe(1);
    const app = r.applications[0]!;
    expect(app.images.some((i) => i.startsWith("ghcr.io/octo-shop/payments-worker:"))).toBe(true);
    expect(app.sources).toEqual([
      expect.objectContaining({
        name: "payments-values",
        kind: "helm-values",
        files: ["$values/environments/payments/production/values.yaml"],
        imagePaths: [
          "{{ .Values.image.repository }}:{{ .Values.image.tag }}",
          "{{ .Values.worker.image.repository }}:{{ .Values.worker.image.tag }}",
        ],
      }),
    ]);
  });
});

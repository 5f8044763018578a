import type { FastifyInstance } from "fastify";
import { authenticate, can } from "./accounts.js";
import { ArgoApiError, GrpcCode, invalidArgument, permissionDenied } from "./api-error.js";
import { clusterFor } from "./application-seed.js";
import { type InstanceRuntime, begin, pathParam } from "./instance-runtime.js";
import { uidFor } from "./live-resources.js";

const PROJECT_DESCRIPTIONS: Record<string, string> = {
  storefront: "Customer-facing web shop services",
  payments: "Payment processing (PCI scope)",
  fulfilment: "Stock, shipping and notifications",
  platform: "Shared cluster services",
  "customer-portals": "Per-customer portals on the edge cluster",
};

/** The Argo CD version the sandbox reports (`GET /api/version`). */
export const ARGOCD_VERSION = "v3.2.1+8c4ab63";

/**
 * Instance-level routes: version and settings (public, as in Argo CD), session user info, the RBAC probe
 * `account/can-i`, AppProjects, and clusters (one carries `argo.octopus.com/default-container-registry`, argocd.md §8.3).
 */
export function registerInstanceRoutes(scope: FastifyInstance, rt: InstanceRuntime): void {
  scope.get("/api/version", async () => ({
    Version: ARGOCD_VERSION,
    BuildDate: "2025-11-20T14:12:05Z",
    GitCommit: "8c4ab63a9c3b0e8e7f3f9d1c2e5b6a7d8e9f0a1b",
    GitTag: "v3.2.1",
    GitTreeState: "clean",
    GoVersion: "go1.24.9",
    Compiler: "gc",
    Platform: "linux/amd64",
    KustomizeVersion: "v5.7.1 2025-07-23T12:45:29Z",
    HelmVersion: "v3.18.4+gd80839c",
    KubectlVersion: "v0.34.0",
    JsonnetVersion: "v0.21.0",
  }));

  scope.get("/api/v1/settings", async () => ({
    url: rt.baseUrl(),
    appLabelKey: "app.kubernetes.io/instance",
    controllerNamespace: "argocd",
    trackingMethod: "label",
    statusBadgeEnabled: false,
    userLoginsDisabled: true,
    execEnabled: false,
    appsInAnyNamespaceEnabled: false,
    hydratorEnabled: false,
    impersonationEnabled: false,
    installationID: rt.name,
    kustomizeOptions: { buildOptions: "" },
    kustomizeVersions: [],
    resourceOverrides: {},
    uiBannerContent: "",
    passwordPattern: "^.{8,32}$",
  }));

  scope.get("/api/v1/session/userinfo", async (req) => {
    const account = authenticate(rt.accounts, req.headers.authorization);
    return { loggedIn: true, username: account.name, iss: "argocd", groups: [] };
  });

  // `subresource` is `<project>/<app>` or `*`; grpc-gateway matches it with `**`, so it may contain a slash.
  scope.get("/api/v1/account/can-i/:resource/:action/*", async (req) => {
    const account = await begin(rt, req);
    const resource = pathParam(req, "resource");
    const action = pathParam(req, "action");
    const object = pathParam(req, "*");
    const known = ["applications", "clusters", "logs", "projects"];
    if (!known.includes(resource))
      throw invalidArgument(`unknown resource '${resource}': use one of ${known.join(", ")}`);
    const project = object === "*" ? "*" : (object.split("/")[0] ?? "");
    const allowed =
      project === "*"
        ? account.grants.some(
            (g) => g.resource === resource && g.action === action && g.projects.includes("*"),
          )
        : can(account, resource as "applications", action as "get", project);
    return { value: allowed ? "yes" : "no" };
  });

  const projectJson = (name: string) => {
    const apps = [...rt.store.apps.values()].filter((a) => a.bp.spec.project === name);
    const servers = [...new Set(apps.map((a) => a.bp.spec.destination.server ?? ""))]
      .filter((s) => s !== "")
      .sort();
    return {
      metadata: {
        name,
        namespace: "argocd",
        uid: uidFor(`${rt.seed}:appproject:${rt.name}:${name}`),
        resourceVersion: "4711",
        creationTimestamp: "2026-03-02T09:00:00Z",
      },
      spec: {
        description: PROJECT_DESCRIPTIONS[name] ?? `${name} applications`,
        sourceRepos: [rt.repo.url],
        destinations: servers.map((server) => ({ server, namespace: "*" })),
        clusterResourceWhitelist: [{ group: "", kind: "Namespace" }],
        orphanedResources: { warn: false },
      },
      status: {},
    };
  };
  const projectNames = () => [...new Set([...rt.store.apps.values()].map((a) => a.bp.spec.project))].sort();

  scope.get("/api/v1/projects", async (req) => {
    const account = await begin(rt, req);
    return {
      metadata: {},
      items: projectNames()
        .filter((p) => can(account, "projects", "get", p))
        .map(projectJson),
    };
  });

  scope.get("/api/v1/projects/:name", async (req) => {
    const account = await begin(rt, req);
    const name = pathParam(req, "name");
    if (!projectNames().includes(name)) {
      throw new ArgoApiError(GrpcCode.NotFound, `appprojects.argoproj.io "${name}" not found`);
    }
    if (!can(account, "projects", "get", name)) throw permissionDenied();
    return projectJson(name);
  });

  scope.get("/api/v1/clusters", async (req) => {
    const account = await begin(rt, req);
    if (!can(account, "clusters", "get", "*")) return { metadata: {}, items: [] };
    const names = new Map<string, string>();
    for (const app of rt.store.apps.values()) {
      const dest = app.bp.spec.destination;
      const env = app.bp.labels["octo-shop.io/environment"] ?? "dev";
      const c = clusterFor(rt.name, env);
      if (dest.server === c.server) names.set(c.server, c.name);
      else if (dest.server)
        names.set(dest.server, dest.server === "https://kubernetes.default.svc" ? "in-cluster" : dest.server);
    }
    const items = [...names.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([server, name]) => {
        const appsCount = [...rt.store.apps.values()].filter(
          (a) => a.bp.spec.destination.server === server,
        ).length;
        const connectionState = { status: "Successful", message: "", attemptedAt: "2026-11-29T08:00:00Z" };
        return {
          server,
          name,
          config: { tlsClientConfig: { insecure: false } },
          connectionState,
          serverVersion: "1.31",
          info: {
            connectionState,
            serverVersion: "1.31",
            cacheInfo: {
              resourcesCount: 180 + appsCount * 9,
              apisCount: 74,
              lastCacheSyncTime: "2026-11-29T08:00:00Z",
            },
            applicationsCount: appsCount,
            apiVersions: ["v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "argoproj.io/v1alpha1"],
          },
          labels: { "octo-shop.io/region": "eu-west-1" },
          annotations:
            name === "prod-eu" || name === "edge-eu"
              ? { "argo.octopus.com/default-container-registry": "ghcr.io" }
              : {},
        };
      });
    return { metadata: {}, items };
  });
}

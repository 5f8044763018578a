import { TENANTS } from "../seed/catalog.js";
import type { ApplicationSource, ApplicationSpec } from "./types.js";

/** Names of the seeded Argo CD instances (each served under `/argocd/<path>`). */
export const INSTANCE_PATHS = { "argocd-main": "main", "argocd-edge": "edge" } as const;
export type InstanceName = keyof typeof INSTANCE_PATHS;

/** The Octopus annotation keys (argocd.md §8; Calamari `ArgoCDConstants.cs`). */
export const OCTOPUS_KEYS = {
  project: "argo.octopus.com/project",
  environment: "argo.octopus.com/environment",
  tenant: "argo.octopus.com/tenant",
  imageReplacePaths: "argo.octopus.com/image-replace-paths",
} as const;

/** A seeded application before it gets live state. */
export interface ApplicationBlueprint {
  instance: InstanceName;
  name: string;
  /** `metadata.namespace` (the app namespace; `argocd` unless apps-in-any-namespace). */
  appNamespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: ApplicationSpec;
  /** ISO 8601 creation time (fixed). */
  createdAt: string;
  /** Set when the app's pods crash-loop while it runs the seeded images: the reason shown in health and logs. */
  crashReason?: string;
  /** Why the annotations are deliberately wrong (documented in SEED.md), when they are. */
  misannotation?: string;
}

const SHOP_ENVS = ["dev", "test", "staging", "production"];
const PORTAL_ENVS = ["test", "customer-preview", "production"];
const IMAGE_PATH = "{{ .Values.image.repository }}:{{ .Values.image.tag }}";
const WORKER_IMAGE_PATH = "{{ .Values.worker.image.repository }}:{{ .Values.worker.image.tag }}";

/** Cluster an environment's workloads run on (per instance). */
export function clusterFor(instance: InstanceName, env: string): { server: string; name: string } {
  if (instance === "argocd-edge")
    return { server: "https://edge-eu.k8s.octo-shop.internal", name: "edge-eu" };
  if (env === "production" || env === "prod")
    return { server: "https://prod-eu.k8s.octo-shop.internal", name: "prod-eu" };
  if (env === "staging") return { server: "https://staging.k8s.octo-shop.internal", name: "staging" };
  return { server: "https://kubernetes.default.svc", name: "in-cluster" };
}

function scope(project: string, env: string, suffix?: string, tenant?: string): Record<string, string> {
  const s = suffix ? `.${suffix}` : "";
  return {
    [`${OCTOPUS_KEYS.project}${s}`]: project,
    [`${OCTOPUS_KEYS.environment}${s}`]: env,
    ...(tenant ? { [`${OCTOPUS_KEYS.tenant}${s}`]: tenant } : {}),
  };
}

function created(index: number): string {
  return new Date(Date.parse("2026-03-02T10:00:00Z") + index * 3_600_000 * 7)
    .toISOString()
    .replace(".000Z", "Z");
}

/**
 * Every seeded application (both instances), in a fixed order. `repoURL` is the bare repository's URL.
 * `scale` > 1 adds `20 × (scale − 1)` (at most 2,000) un-annotated preview apps to `argocd-main`.
 */
export function applicationBlueprints(repoURL: string, scale: number): ApplicationBlueprint[] {
  const apps: ApplicationBlueprint[] = [];
  const src = (s: Omit<ApplicationSource, "repoURL" | "targetRevision">): ApplicationSource => ({
    repoURL,
    targetRevision: "main",
    ...s,
  });
  const add = (
    b: Omit<ApplicationBlueprint, "createdAt" | "appNamespace" | "labels"> & {
      labels?: Record<string, string>;
    },
    env: string,
    team: string,
  ): void => {
    apps.push({
      appNamespace: "argocd",
      createdAt: created(apps.length),
      ...b,
      labels: { "octo-shop.io/team": team, "octo-shop.io/environment": env, ...b.labels },
    });
  };
  const dest = (instance: InstanceName, env: string, namespace: string) => ({
    ...pick(clusterFor(instance, env)),
    namespace,
  });
  const policy = { syncOptions: ["CreateNamespace=true", "ServerSideApply=true"] };

  for (const env of SHOP_ENVS) {
    // Unnamed single source: unsuffixed keys.
    add(
      {
        instance: "argocd-main",
        name: `web-frontend-${env}`,
        annotations: scope("web-frontend", env),
        spec: {
          project: "storefront",
          destination: dest("argocd-main", env, `octo-shop-web-frontend-${env}`),
          source: src({ path: `web-frontend/overlays/${env}` }),
          syncPolicy: policy,
        },
      },
      env,
      "storefront",
    );
    // Named single-source Helm app: suffixed keys only, including image-replace-paths.
    add(
      {
        instance: "argocd-main",
        name: `checkout-${env}`,
        annotations: {
          ...scope("checkout", env, "checkout"),
          [`${OCTOPUS_KEYS.imageReplacePaths}.checkout`]: IMAGE_PATH,
        },
        spec: {
          project: "storefront",
          destination: dest("argocd-main", env, `octo-shop-checkout-${env}`),
          source: src({
            name: "checkout",
            path: "checkout/chart",
            helm: { releaseName: "checkout", valueFiles: [`values-${env}.yaml`] },
          }),
          syncPolicy: policy,
        },
        ...(env === "staging"
          ? {
              crashReason:
                "panic: failed to connect to database: dial tcp 10.42.3.17:5432: connect: connection refused",
            }
          : {}),
      },
      env,
      "storefront",
    );
    // Plain manifests.
    add(
      {
        instance: "argocd-main",
        name: `cart-${env}`,
        annotations: scope("cart", env),
        spec: {
          project: "storefront",
          destination: dest("argocd-main", env, `octo-shop-cart-${env}`),
          source: src({ path: `cart/${env}` }),
          syncPolicy: policy,
        },
      },
      env,
      "storefront",
    );
    // Multi-source Helm chart + `$values` ref source: project/env keys on the values source, image paths on the chart.
    add(
      {
        instance: "argocd-main",
        name: `payments-${env}`,
        annotations: {
          ...scope("payments", env, "payments-values"),
          [`${OCTOPUS_KEYS.imageReplacePaths}.payments-chart`]: `${IMAGE_PATH}, ${WORKER_IMAGE_PATH}`,
        },
        spec: {
          project: "payments",
          destination: dest("argocd-main", env, `octo-shop-payments-${env}`),
          sources: paymentsSources(src, env, "payments-chart", "payments-values"),
          syncPolicy: policy,
        },
      },
      env,
      "payments",
    );
    // Multi-source Kustomize + plain Job, both sources scoped to the same Octopus project.
    add(
      {
        instance: "argocd-main",
        name: `inventory-${env}`,
        annotations: {
          ...scope("inventory", env, "inventory-app"),
          ...scope("inventory", env, "inventory-migrations"),
        },
        spec: {
          project: "fulfilment",
          destination: dest("argocd-main", env, `octo-shop-inventory-${env}`),
          sources: [
            src({ name: "inventory-app", path: `inventory/overlays/${env}` }),
            src({ name: "inventory-migrations", path: `inventory/db-migrations/${env}` }),
          ],
          syncPolicy: policy,
        },
      },
      env,
      "fulfilment",
    );
  }
  for (const env of ["non-prod", "prod"]) {
    add(
      {
        instance: "argocd-main",
        name: `cluster-addons-${env}`,
        annotations: scope("cluster-addons", env, "addons"),
        spec: {
          project: "platform",
          destination: dest("argocd-main", env === "prod" ? "production" : "dev", "platform-addons"),
          source: src({ name: "addons", path: `platform/cluster-addons/${env}` }),
          syncPolicy: { automated: { enabled: true, prune: true, selfHeal: true }, ...policy },
        },
      },
      env,
      "platform",
    );
  }
  add(
    {
      instance: "argocd-main",
      name: "sealed-secrets",
      annotations: {},
      spec: {
        project: "platform",
        destination: { server: "https://kubernetes.default.svc", namespace: "kube-system" },
        source: src({ path: "platform/sealed-secrets" }),
      },
    },
    "shared",
    "platform",
  );
  // Deliberately mis-annotated applications (SEED.md lists why).
  add(
    {
      instance: "argocd-main",
      name: "payments-staging-canary",
      annotations: {
        ...scope("payments", "staging"),
        [`${OCTOPUS_KEYS.imageReplacePaths}.payments-chart`]: IMAGE_PATH,
      },
      spec: {
        project: "payments",
        destination: dest("argocd-main", "staging", "octo-shop-payments-canary"),
        sources: paymentsSources(src, "staging", "payments-chart", "payments-values"),
        syncPolicy: policy,
      },
      misannotation:
        "multi-source app with unsuffixed argo.octopus.com/project and /environment keys: Calamari warns that every key must be qualified by source name, and no source is in scope",
    },
    "staging",
    "payments",
  );
  add(
    {
      instance: "argocd-main",
      name: "checkout-production-eu",
      annotations: {
        ...scope("checkout", "production", "checkout"),
        [`${OCTOPUS_KEYS.imageReplacePaths}.checkout`]: IMAGE_PATH,
      },
      spec: {
        project: "storefront",
        destination: dest("argocd-main", "production", "octo-shop-checkout-eu"),
        sources: [
          src({
            name: "checkout",
            path: "checkout/chart",
            helm: { releaseName: "checkout", valueFiles: ["$values/checkout/chart/values-production.yaml"] },
          }),
          src({ name: "checkout", ref: "values" }),
        ],
        syncPolicy: policy,
      },
      misannotation:
        "two sources share the name `checkout`: ApplicationValidator reports duplicate source names as an error",
    },
    "production",
    "storefront",
  );
  add(
    {
      instance: "argocd-main",
      name: "cart-qa",
      annotations: scope("shopping-cart", "test"),
      spec: {
        project: "storefront",
        destination: dest("argocd-main", "test", "octo-shop-cart-qa"),
        source: src({ path: "cart/test" }),
        syncPolicy: policy,
      },
      misannotation:
        "argo.octopus.com/project is `shopping-cart`, which is no Octopus project slug (the project is `cart`)",
    },
    "test",
    "storefront",
  );
  // Tenanted customer portals on the edge instance: unnamed single Helm source, tenant key set.
  for (const tenant of TENANTS) {
    for (const env of PORTAL_ENVS) {
      add(
        {
          instance: "argocd-edge",
          name: `customer-portal-${tenant.slug}-${env}`,
          labels: { "octo-shop.io/tenant": tenant.slug },
          annotations: {
            ...scope("customer-portal", env, undefined, tenant.slug),
            [OCTOPUS_KEYS.imageReplacePaths]: IMAGE_PATH,
          },
          spec: {
            project: "customer-portals",
            destination: dest("argocd-edge", env, `portal-${tenant.slug}-${env}`),
            source: src({
              path: "customer-portal/chart",
              helm: { releaseName: "customer-portal", valueFiles: [`tenants/${tenant.slug}/${env}.yaml`] },
            }),
            syncPolicy: policy,
          },
        },
        env,
        "customer-portals",
      );
    }
  }
  const previews = Math.min(2000, Math.max(0, Math.round(20 * (scale - 1))));
  for (let i = 1; i <= previews; i++) {
    add(
      {
        instance: "argocd-main",
        name: `web-frontend-preview-${i}`,
        labels: { "octo-shop.io/preview": "true" },
        annotations: {},
        spec: {
          project: "storefront",
          destination: { server: "https://kubernetes.default.svc", namespace: `preview-${i}` },
          source: src({ path: "web-frontend/overlays/test" }),
        },
      },
      "preview",
      "storefront",
    );
  }
  return apps;
}

function paymentsSources(
  src: (s: Omit<ApplicationSource, "repoURL" | "targetRevision">) => ApplicationSource,
  env: string,
  chartName: string,
  valuesName: string,
): ApplicationSource[] {
  return [
    src({
      name: chartName,
      path: "charts/octo-service",
      helm: { releaseName: "payments", valueFiles: [`$values/environments/payments/${env}/values.yaml`] },
    }),
    src({ name: valuesName, ref: "values" }),
  ];
}

function pick(c: { server: string }): { server: string } {
  return { server: c.server };
}

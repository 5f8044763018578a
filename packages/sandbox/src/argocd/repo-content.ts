import { currentVersion, projectBySlug, releaseVersions, TENANTS } from "../seed/catalog.js";
import type { SeedCommit } from "../git/manifest-repository.js";

/**
 * The seeded history of the GitOps repository Argo CD applications point at (layout in SEED.md, "Argo CD").
 * Three commits on `main`, dated on fixed days so their SHAs only depend on `scale`:
 *  0. previous releases rolled out (each app's history entry 0),
 *  1. current releases (`currentVersion()` of the catalogue, i.e. what Octopus last deployed),
 *  2. web-frontend dev scaled to 3 replicas (left un-synced: `web-frontend-dev` is OutOfSync).
 */
export function seedCommits(scale: number): SeedCommit[] {
  return [
    {
      message: "Roll out previous releases to all environments",
      date: "2026-11-20T09:00:00Z",
      files: repoFiles(scale, 1),
    },
    {
      message: "Roll out current releases to all environments",
      date: "2026-11-24T09:00:00Z",
      files: repoFiles(scale, 0),
    },
    {
      message: "web-frontend: scale dev to 3 replicas for load testing",
      date: "2026-11-27T15:30:00Z",
      files: {
        "web-frontend/overlays/dev/kustomization.yaml": webFrontendOverlay(
          "dev",
          version("web-frontend", "dev", scale, 0),
          3,
        ),
      },
    },
  ];
}

/** Index (0-based) of the seed commit every application was last synced to. */
export const DEPLOYED_SEED_COMMIT = 1;

/** Environments of the Argo CD projects in the Default space and on the platform. */
const SHOP_ENVS = ["dev", "test", "staging", "production"];
const PORTAL_ENVS = ["test", "customer-preview", "production"];
const PLATFORM_ENVS = ["non-prod", "prod"];

/** The version of a project's image in an environment, `back` releases before the current one. */
export function version(project: string, env: string, scale: number, back: number, tenant?: string): string {
  const p = projectBySlug(project);
  const current = currentVersion(project, env, scale, tenant);
  if (!p || current === undefined) throw new Error(`catalogue has no ${project} in ${env}`);
  const all = releaseVersions(p, scale);
  return all[Math.max(0, all.indexOf(current) - back)] ?? current;
}

function replicasFor(env: string): number {
  return env === "production" || env === "prod" ? 3 : env === "staging" ? 2 : 1;
}

function repoFiles(scale: number, back: number): Record<string, string> {
  const files: Record<string, string> = {
    "README.md":
      "# octo-shop-gitops\n\nDesired state of the Octo Shop Kubernetes workloads, reconciled by Argo CD.\n" +
      'Image tags are written by Octopus Deploy ("Update Argo CD Application Image Tags").\n',
  };
  // web-frontend: Kustomize base + one overlay per environment (images: newTag).
  files["web-frontend/base/kustomization.yaml"] = kustomization(["deployment.yaml", "service.yaml"]);
  files["web-frontend/base/deployment.yaml"] = deployment(
    "web-frontend",
    "ghcr.io/octo-shop/web-frontend:latest",
    3000,
    1,
  );
  files["web-frontend/base/service.yaml"] = service("web-frontend", 3000);
  for (const env of SHOP_ENVS) {
    files[`web-frontend/overlays/${env}/kustomization.yaml`] = webFrontendOverlay(
      env,
      version("web-frontend", env, scale, back),
      replicasFor(env),
    );
  }
  // checkout: its own Helm chart, one values file per environment.
  files["checkout/chart/Chart.yaml"] = chartYaml("checkout", "Checkout API");
  files["checkout/chart/values.yaml"] = helmValues("ghcr.io/octo-shop/checkout", "latest", 1, 8080);
  files["checkout/chart/templates/deployment.yaml"] = HELM_DEPLOYMENT;
  files["checkout/chart/templates/service.yaml"] = HELM_SERVICE;
  for (const env of SHOP_ENVS) {
    files[`checkout/chart/values-${env}.yaml`] = helmValues(
      "ghcr.io/octo-shop/checkout",
      version("checkout", env, scale, back),
      replicasFor(env),
      8080,
    );
  }
  // cart: plain manifests per environment.
  for (const env of SHOP_ENVS) {
    files[`cart/${env}/deployment.yaml`] = deployment(
      "cart",
      `ghcr.io/octo-shop/cart:${version("cart", env, scale, back)}`,
      8080,
      replicasFor(env),
    );
    files[`cart/${env}/service.yaml`] = service("cart", 8080);
    files[`cart/${env}/configmap.yaml`] = configMap("cart-config", {
      REDIS_URL: `redis://cart-redis.${env}.svc:6379`,
      CART_TTL_HOURS: "72",
    });
  }
  // payments: shared chart + values-only ($values ref) source per environment, two images.
  files["charts/octo-service/Chart.yaml"] = chartYaml("octo-service", "Generic Octo Shop service chart");
  files["charts/octo-service/values.yaml"] =
    helmValues("ghcr.io/octo-shop/unset", "latest", 1, 8080) +
    "worker:\n  enabled: false\n  image:\n    repository: ghcr.io/octo-shop/unset\n    tag: latest\n";
  files["charts/octo-service/templates/deployment.yaml"] = HELM_DEPLOYMENT;
  files["charts/octo-service/templates/worker-deployment.yaml"] = HELM_WORKER;
  files["charts/octo-service/templates/service.yaml"] = HELM_SERVICE;
  for (const env of SHOP_ENVS) {
    const v = version("payments", env, scale, back);
    files[`environments/payments/${env}/values.yaml`] =
      helmValues("ghcr.io/octo-shop/payments", v, replicasFor(env), 8443) +
      `worker:\n  enabled: true\n  image:\n    repository: ghcr.io/octo-shop/payments-worker\n    tag: "${v}"\n`;
  }
  // inventory: Kustomize app + plain-manifest migration Job, two sources.
  files["inventory/base/kustomization.yaml"] = kustomization(["deployment.yaml", "service.yaml"]);
  files["inventory/base/deployment.yaml"] = deployment(
    "inventory",
    "ghcr.io/octo-shop/inventory:latest",
    8080,
    1,
  );
  files["inventory/base/service.yaml"] = service("inventory", 8080);
  for (const env of SHOP_ENVS) {
    const v = version("inventory", env, scale, back);
    files[`inventory/overlays/${env}/kustomization.yaml`] =
      kustomization(["../../base"]) +
      images([{ name: "ghcr.io/octo-shop/inventory", newTag: v }]) +
      replicas("inventory", replicasFor(env));
    files[`inventory/db-migrations/${env}/job.yaml`] = migrationJob(v);
  }
  // customer-portal: per-tenant values of one chart (edge instance).
  files["customer-portal/chart/Chart.yaml"] = chartYaml("customer-portal", "White-labelled customer portal");
  files["customer-portal/chart/values.yaml"] = helmValues(
    "ghcr.io/octo-shop/customer-portal",
    "latest",
    1,
    8080,
  );
  files["customer-portal/chart/templates/deployment.yaml"] = HELM_DEPLOYMENT;
  files["customer-portal/chart/templates/service.yaml"] = HELM_SERVICE;
  for (const tenant of TENANTS) {
    for (const env of PORTAL_ENVS) {
      const v = version("customer-portal", env, scale, back, tenant.slug);
      files[`customer-portal/chart/tenants/${tenant.slug}/${env}.yaml`] =
        helmValues("ghcr.io/octo-shop/customer-portal", v, env === "production" ? 2 : 1, 8080) +
        `branding:\n  tenant: ${tenant.slug}\n`;
    }
  }
  // platform: cluster add-ons (Kustomize) and an un-annotated sealed-secrets controller.
  files["platform/cluster-addons/base/kustomization.yaml"] = kustomization(["deployment.yaml"]);
  files["platform/cluster-addons/base/deployment.yaml"] = deployment(
    "cluster-addons",
    "ghcr.io/octo-platform/cluster-addons:latest",
    9090,
    1,
  );
  for (const env of PLATFORM_ENVS) {
    files[`platform/cluster-addons/${env}/kustomization.yaml`] =
      kustomization(["../base"]) +
      images([
        { name: "ghcr.io/octo-platform/cluster-addons", newTag: version("cluster-addons", env, scale, back) },
      ]);
  }
  files["platform/sealed-secrets/controller.yaml"] = deployment(
    "sealed-secrets-controller",
    "docker.io/bitnami/sealed-secrets-controller:0.27.1",
    8080,
    1,
  );
  return files;
}

function webFrontendOverlay(env: string, tag: string, count: number): string {
  return (
    kustomization(["../../base"]) +
    images([{ name: "ghcr.io/octo-shop/web-frontend", newTag: tag }]) +
    replicas("web-frontend", count)
  );
}

function kustomization(resources: string[]): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join("")}`;
}

function images(list: { name: string; newTag: string }[]): string {
  return `images:\n${list.map((i) => `  - name: ${i.name}\n    newTag: "${i.newTag}"\n`).join("")}`;
}

function replicas(name: string, count: number): string {
  return `replicas:\n  - name: ${name}\n    count: ${count}\n`;
}

function deployment(name: string, image: string, port: number, count: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  replicas: ${count}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          ports:
            - containerPort: ${port}
          readinessProbe:
            httpGet:
              path: /healthz
              port: ${port}
`;
}

function service(name: string, port: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - port: 80
      targetPort: ${port}
`;
}

function configMap(name: string, data: Record<string, string>): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: "${v}"\n`)
    .join("")}`;
}

function migrationJob(tag: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: inventory-db-migrate-${tag.replace(/\./g, "-")}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/octo-shop/inventory:${tag}
          args: ["migrate", "--to", "latest"]
`;
}

function chartYaml(name: string, description: string): string {
  return `apiVersion: v2\nname: ${name}\ndescription: ${description}\ntype: application\nversion: 1.4.0\nappVersion: "1.0.0"\n`;
}

function helmValues(repository: string, tag: string, count: number, port: number): string {
  return `replicaCount: ${count}\nimage:\n  repository: ${repository}\n  tag: "${tag}"\nservice:\n  port: ${port}\n`;
}

const HELM_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels:
    app.kubernetes.io/name: {{ .Release.Name }}
    helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .Release.Name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ .Release.Name }}
    spec:
      containers:
        - name: {{ .Release.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - containerPort: {{ .Values.service.port }}
`;

const HELM_WORKER = `{{- if .Values.worker.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-worker
  labels:
    app.kubernetes.io/name: {{ .Release.Name }}-worker
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .Release.Name }}-worker
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ .Release.Name }}-worker
    spec:
      containers:
        - name: worker
          image: "{{ .Values.worker.image.repository }}:{{ .Values.worker.image.tag }}"
{{- end }}
`;

const HELM_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector:
    app.kubernetes.io/name: {{ .Release.Name }}
  ports:
    - port: 80
      targetPort: {{ .Values.service.port }}
`;

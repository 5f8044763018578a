/**
 * The fixed, deterministic catalogue of the sandbox seed: every name, slug and ID that does not depend
 * on the PRNG seed. The Octopus side builds its store from it; the Argo CD side imports it to annotate
 * applications with `argo.octopus.com/project|environment|tenant` (slugs, per octopus-api.md §12 and
 * argocd.md §8) and to write image tags into the bare git repository.
 *
 * Contract: names, slugs and IDs here never change with `seed`; release versions depend only on `scale`.
 * `currentVersion()` is the version whose deployment most recently succeeded in an environment (and
 * tenant); the seed guarantees it, so the images the Argo CD side reports match Octopus's dashboard.
 */

/** How a project's deployments reach their targets; decides its live-status source (octopus-api.md §12.2). */
export type DeploymentStyle = "argocd" | "kubernetes" | "tentacle";

export type TenantedDeploymentMode = "Untenanted" | "TenantedOrUntenanted" | "Tenanted";

export interface CatalogSpace {
  id: string;
  name: string;
  slug: string;
  description: string;
  isDefault: boolean;
}

export interface CatalogProjectGroup {
  id: string;
  spaceId: string;
  name: string;
  description: string;
}

export interface CatalogEnvironment {
  id: string;
  spaceId: string;
  name: string;
  slug: string;
  description: string;
  sortOrder: number;
  useGuidedFailure: boolean;
}

export interface CatalogPhase {
  name: string;
  /** Environment slugs deployed automatically or optionally in this phase. */
  environmentSlugs: string[];
  isOptionalPhase: boolean;
}

export interface CatalogLifecycle {
  id: string;
  spaceId: string;
  name: string;
  slug: string;
  description: string;
  phases: CatalogPhase[];
}

export interface CatalogTagSet {
  id: string;
  spaceId: string;
  name: string;
  tags: string[];
}

export interface CatalogTenant {
  id: string;
  spaceId: string;
  name: string;
  slug: string;
  description: string;
  /** Canonical tag names, `TagSet/Tag`. */
  tags: string[];
  /** How many releases this tenant's production lags behind the newest release (0 = current). */
  productionLag: number;
}

export interface CatalogProject {
  id: string;
  spaceId: string;
  name: string;
  slug: string;
  description: string;
  projectGroupId: string;
  lifecycleId: string;
  tenantedDeploymentMode: TenantedDeploymentMode;
  style: DeploymentStyle;
  /** Container images the project ships (tag = release version); empty for Tentacle projects. */
  images: string[];
  /** Kubernetes namespace the project's workloads live in (also the Argo CD destination namespace). */
  namespace: string;
  /** Environment slugs the project deploys to, in lifecycle order. */
  environmentSlugs: string[];
  /** Tenant slugs connected to the project (tenanted projects only). */
  tenantSlugs: string[];
  /** Releases at scale 1. */
  releases: number;
  /** Version numbering: `${major}.${minorStart + floor(i / 8)}.${i % 8}` for release index i (oldest 0). */
  versionMajor: number;
  versionMinorStart: number;
}

export const SPACES: readonly CatalogSpace[] = [
  {
    id: "Spaces-1",
    name: "Default",
    slug: "default",
    description: "Octo Shop product teams: storefront, payments and fulfilment services.",
    isDefault: true,
  },
  {
    id: "Spaces-2",
    name: "Platform",
    slug: "platform",
    description: "Platform engineering: cluster add-ons, observability and internal tooling.",
    isDefault: false,
  },
];

export const PROJECT_GROUPS: readonly CatalogProjectGroup[] = [
  {
    id: "ProjectGroups-1",
    spaceId: "Spaces-1",
    name: "Storefront",
    description: "Customer-facing web shop.",
  },
  {
    id: "ProjectGroups-2",
    spaceId: "Spaces-1",
    name: "Payments",
    description: "Payment processing and fraud checks.",
  },
  {
    id: "ProjectGroups-3",
    spaceId: "Spaces-1",
    name: "Fulfilment",
    description: "Stock, shipping and notifications.",
  },
  {
    id: "ProjectGroups-4",
    spaceId: "Spaces-1",
    name: "Customer Portals",
    description: "Per-customer (tenanted) portals.",
  },
  {
    id: "ProjectGroups-5",
    spaceId: "Spaces-1",
    name: "Back Office",
    description: "Internal systems on Windows servers.",
  },
  {
    id: "ProjectGroups-6",
    spaceId: "Spaces-2",
    name: "Cluster Services",
    description: "Shared Kubernetes services.",
  },
];

export const ENVIRONMENTS: readonly CatalogEnvironment[] = [
  {
    id: "Environments-1",
    spaceId: "Spaces-1",
    name: "Dev",
    slug: "dev",
    description: "Integration of every merge to main.",
    sortOrder: 0,
    useGuidedFailure: false,
  },
  {
    id: "Environments-2",
    spaceId: "Spaces-1",
    name: "Test",
    slug: "test",
    description: "Automated and exploratory testing.",
    sortOrder: 1,
    useGuidedFailure: false,
  },
  {
    id: "Environments-3",
    spaceId: "Spaces-1",
    name: "Staging",
    slug: "staging",
    description: "Production-like pre-release checks.",
    sortOrder: 2,
    useGuidedFailure: false,
  },
  {
    id: "Environments-4",
    spaceId: "Spaces-1",
    name: "Production",
    slug: "production",
    description: "Live customer traffic.",
    sortOrder: 3,
    useGuidedFailure: true,
  },
  {
    id: "Environments-5",
    spaceId: "Spaces-1",
    name: "Customer Preview",
    slug: "customer-preview",
    description: "Per-customer preview before their production.",
    sortOrder: 4,
    useGuidedFailure: false,
  },
  {
    id: "Environments-6",
    spaceId: "Spaces-2",
    name: "Non-Prod",
    slug: "non-prod",
    description: "Non-production clusters.",
    sortOrder: 0,
    useGuidedFailure: false,
  },
  {
    id: "Environments-7",
    spaceId: "Spaces-2",
    name: "Prod",
    slug: "prod",
    description: "Production clusters.",
    sortOrder: 1,
    useGuidedFailure: true,
  },
];

export const LIFECYCLES: readonly CatalogLifecycle[] = [
  {
    id: "Lifecycles-1",
    spaceId: "Spaces-1",
    name: "Default Lifecycle",
    slug: "default-lifecycle",
    description: "Dev, then Test, then Staging, then Production.",
    phases: [
      { name: "Dev", environmentSlugs: ["dev"], isOptionalPhase: false },
      { name: "Test", environmentSlugs: ["test"], isOptionalPhase: false },
      { name: "Staging", environmentSlugs: ["staging"], isOptionalPhase: false },
      { name: "Production", environmentSlugs: ["production"], isOptionalPhase: false },
    ],
  },
  {
    id: "Lifecycles-2",
    spaceId: "Spaces-1",
    name: "Tenant Rollout",
    slug: "tenant-rollout",
    description: "Tenanted: Test, then each customer's preview, then each customer's production.",
    phases: [
      { name: "Test", environmentSlugs: ["test"], isOptionalPhase: false },
      { name: "Customer Preview", environmentSlugs: ["customer-preview"], isOptionalPhase: false },
      { name: "Production", environmentSlugs: ["production"], isOptionalPhase: false },
    ],
  },
  {
    id: "Lifecycles-3",
    spaceId: "Spaces-1",
    name: "Hotfix",
    slug: "hotfix",
    description: "Straight to Staging, then Production.",
    phases: [
      { name: "Staging", environmentSlugs: ["staging"], isOptionalPhase: false },
      { name: "Production", environmentSlugs: ["production"], isOptionalPhase: false },
    ],
  },
  {
    id: "Lifecycles-4",
    spaceId: "Spaces-2",
    name: "Platform Lifecycle",
    slug: "platform-lifecycle",
    description: "Non-Prod, then Prod.",
    phases: [
      { name: "Non-Prod", environmentSlugs: ["non-prod"], isOptionalPhase: false },
      { name: "Prod", environmentSlugs: ["prod"], isOptionalPhase: false },
    ],
  },
];

export const TAG_SETS: readonly CatalogTagSet[] = [
  { id: "TagSets-1", spaceId: "Spaces-1", name: "Region", tags: ["EU", "US", "APAC"] },
  { id: "TagSets-2", spaceId: "Spaces-1", name: "Tier", tags: ["Gold", "Silver", "Bronze"] },
];

export const TENANTS: readonly CatalogTenant[] = [
  {
    id: "Tenants-1",
    spaceId: "Spaces-1",
    name: "Acme Retail",
    slug: "acme-retail",
    description: "Largest customer; EU and US stores.",
    tags: ["Region/EU", "Tier/Gold"],
    productionLag: 0,
  },
  {
    id: "Tenants-2",
    spaceId: "Spaces-1",
    name: "Globex",
    slug: "globex",
    description: "US wholesale.",
    tags: ["Region/US", "Tier/Gold"],
    productionLag: 1,
  },
  {
    id: "Tenants-3",
    spaceId: "Spaces-1",
    name: "Initech",
    slug: "initech",
    description: "US office supplies.",
    tags: ["Region/US", "Tier/Silver"],
    productionLag: 2,
  },
  {
    id: "Tenants-4",
    spaceId: "Spaces-1",
    name: "Umbrella Health",
    slug: "umbrella-health",
    description: "EU pharmacy chain; strict change windows.",
    tags: ["Region/EU", "Tier/Silver"],
    productionLag: 3,
  },
  {
    id: "Tenants-5",
    spaceId: "Spaces-1",
    name: "Stark Industries",
    slug: "stark-industries",
    description: "APAC pilot.",
    tags: ["Region/APAC", "Tier/Bronze"],
    productionLag: 1,
  },
  {
    id: "Tenants-6",
    spaceId: "Spaces-1",
    name: "Wayne Enterprises",
    slug: "wayne-enterprises",
    description: "US, onboarded last quarter.",
    tags: ["Region/US", "Tier/Bronze"],
    productionLag: 0,
  },
];

const STANDARD_ENVS = ["dev", "test", "staging", "production"];
const TENANT_ENVS = ["test", "customer-preview", "production"];
const ALL_TENANTS = TENANTS.map((t) => t.slug);

function project(
  n: number,
  slug: string,
  name: string,
  group: number,
  style: DeploymentStyle,
  description: string,
  extra: Partial<CatalogProject> = {},
): CatalogProject {
  return {
    id: `Projects-${n}`,
    spaceId: "Spaces-1",
    name,
    slug,
    description,
    projectGroupId: `ProjectGroups-${group}`,
    lifecycleId: "Lifecycles-1",
    tenantedDeploymentMode: "Untenanted",
    style,
    images: style === "tentacle" ? [] : [`ghcr.io/octo-shop/${slug}`],
    namespace: style === "tentacle" ? "" : `octo-shop-${slug}`,
    environmentSlugs: STANDARD_ENVS,
    tenantSlugs: [],
    releases: 25,
    versionMajor: 1,
    versionMinorStart: 0,
    ...extra,
  };
}

export const PROJECTS: readonly CatalogProject[] = [
  project(
    1,
    "web-frontend",
    "Web Frontend",
    1,
    "argocd",
    "Next.js storefront served from the edge clusters.",
    { versionMajor: 4, versionMinorStart: 10, releases: 30 },
  ),
  project(2, "checkout", "Checkout", 1, "argocd", "Checkout API: baskets to orders.", {
    versionMajor: 2,
    versionMinorStart: 3,
    releases: 30,
  }),
  project(3, "cart", "Cart", 1, "argocd", "Shopping cart service backed by Redis.", {
    versionMajor: 1,
    versionMinorStart: 7,
  }),
  project(4, "product-catalog", "Product Catalog", 1, "kubernetes", "Product data and search indexing.", {
    versionMajor: 3,
    versionMinorStart: 0,
  }),
  project(5, "payments", "Payments", 2, "argocd", "Card and wallet payments via PSP adapters.", {
    versionMajor: 5,
    versionMinorStart: 2,
    releases: 28,
    images: ["ghcr.io/octo-shop/payments", "ghcr.io/octo-shop/payments-worker"],
  }),
  project(6, "fraud-detection", "Fraud Detection", 2, "kubernetes", "Scores orders for fraud risk.", {
    versionMajor: 0,
    versionMinorStart: 14,
    releases: 20,
  }),
  project(7, "inventory", "Inventory", 3, "argocd", "Stock levels and reservations (PostgreSQL).", {
    versionMajor: 3,
    versionMinorStart: 1,
    releases: 28,
  }),
  project(8, "shipping", "Shipping", 3, "kubernetes", "Carrier integrations and label printing.", {
    versionMajor: 2,
    versionMinorStart: 0,
    releases: 22,
  }),
  project(9, "notifications", "Notifications", 3, "kubernetes", "E-mail, SMS and push notifications.", {
    versionMajor: 1,
    versionMinorStart: 20,
    releases: 20,
  }),
  project(
    10,
    "customer-portal",
    "Customer Portal",
    4,
    "argocd",
    "White-labelled portal deployed per customer.",
    {
      versionMajor: 6,
      versionMinorStart: 0,
      releases: 22,
      lifecycleId: "Lifecycles-2",
      tenantedDeploymentMode: "Tenanted",
      environmentSlugs: TENANT_ENVS,
      tenantSlugs: ALL_TENANTS,
    },
  ),
  project(
    11,
    "reporting-api",
    "Reporting API",
    4,
    "kubernetes",
    "Customer reports; shared or per-customer instances.",
    {
      versionMajor: 2,
      versionMinorStart: 5,
      releases: 20,
      lifecycleId: "Lifecycles-2",
      tenantedDeploymentMode: "TenantedOrUntenanted",
      environmentSlugs: TENANT_ENVS,
      tenantSlugs: ["acme-retail", "globex", "umbrella-health"],
    },
  ),
  project(12, "erp-sync", "ERP Sync", 5, "tentacle", "Nightly order export to the ERP (Windows service).", {
    versionMajor: 2024,
    versionMinorStart: 1,
    releases: 15,
  }),
  {
    ...project(
      13,
      "cluster-addons",
      "Cluster Add-ons",
      6,
      "argocd",
      "Ingress, cert-manager and external-dns.",
      { versionMajor: 1, versionMinorStart: 30, releases: 12 },
    ),
    spaceId: "Spaces-2",
    lifecycleId: "Lifecycles-4",
    environmentSlugs: ["non-prod", "prod"],
    images: ["ghcr.io/octo-platform/cluster-addons"],
    namespace: "platform-addons",
  },
  {
    ...project(
      14,
      "observability-stack",
      "Observability Stack",
      6,
      "kubernetes",
      "Prometheus, Loki and Grafana.",
      { versionMajor: 8, versionMinorStart: 2, releases: 12 },
    ),
    spaceId: "Spaces-2",
    lifecycleId: "Lifecycles-4",
    environmentSlugs: ["non-prod", "prod"],
    images: ["ghcr.io/octo-platform/observability-stack"],
    namespace: "platform-observability",
  },
];

/** Default API key accepted by the sandbox (X-Octopus-ApiKey or Authorization: Bearer). Not a secret. */
export const DEFAULT_API_KEY = "API-SANDBOX0000000000000000000000";

/** Number of releases of a project at a scale (>= 1). */
export function releaseCount(p: CatalogProject, scale = 1): number {
  return Math.max(1, Math.round(p.releases * Math.max(scale, 0.01)));
}

/** Version of release index `i` (0 = oldest). */
export function releaseVersion(p: CatalogProject, i: number): string {
  return `${p.versionMajor}.${p.versionMinorStart + Math.floor(i / 8)}.${i % 8}`;
}

/** All release versions of a project at a scale, oldest first. */
export function releaseVersions(p: CatalogProject, scale = 1): string[] {
  return Array.from({ length: releaseCount(p, scale) }, (_, i) => releaseVersion(p, i));
}

/** Releases an environment lags behind the newest release (the last successful deployment there). */
export function environmentLag(envSlug: string): number {
  switch (envSlug) {
    case "dev":
    case "non-prod":
      return 0;
    case "test":
      return 1;
    case "staging":
    case "customer-preview":
      return 2;
    default:
      return 4; // production, prod
  }
}

/**
 * Version whose deployment last succeeded in an environment (and Octopus tenant), or undefined when the
 * project never deploys there. Tenanted production lags by 4 + the tenant's `productionLag`.
 */
export function currentVersion(
  projectSlug: string,
  envSlug: string,
  scale = 1,
  tenantSlug?: string,
): string | undefined {
  const p = PROJECTS.find((x) => x.slug === projectSlug);
  if (!p || !p.environmentSlugs.includes(envSlug)) return undefined;
  if (tenantSlug !== undefined && !p.tenantSlugs.includes(tenantSlug)) return undefined;
  const n = releaseCount(p, scale);
  let lag = environmentLag(envSlug);
  const tenant = TENANTS.find((t) => t.slug === tenantSlug);
  if (tenant && envSlug === "production") lag += tenant.productionLag;
  return releaseVersion(p, Math.max(0, n - 1 - lag));
}

/** Index (0 = oldest) of the release `currentVersion()` names, or -1 when the project never deploys there. */
export function currentReleaseIndex(
  p: CatalogProject,
  envSlug: string,
  scale = 1,
  tenantSlug?: string,
): number {
  if (!p.environmentSlugs.includes(envSlug)) return -1;
  let lag = environmentLag(envSlug);
  const tenant = TENANTS.find((t) => t.slug === tenantSlug);
  if (tenant && envSlug === "production") lag += tenant.productionLag;
  return Math.max(0, releaseCount(p, scale) - 1 - lag);
}

export function projectBySlug(slug: string): CatalogProject | undefined {
  return PROJECTS.find((p) => p.slug === slug);
}

export function environmentBySlug(spaceId: string, slug: string): CatalogEnvironment | undefined {
  return ENVIRONMENTS.find((e) => e.spaceId === spaceId && e.slug === slug);
}

/** Projects whose live status comes from Argo CD (annotated Argo CD applications). */
export function argoCdProjects(): CatalogProject[] {
  return PROJECTS.filter((p) => p.style === "argocd");
}

import { type CatalogProject } from "./catalog.js";

/** What a deployment step does; drives its log lines and which failures it can produce. */
export type StepKind =
  | "migration"
  | "helm"
  | "k8s-yaml"
  | "argo-update"
  | "argo-wait"
  | "verify"
  | "smoke"
  | "manual"
  | "notify"
  | "package"
  | "service"
  | "script";

/** One step of a project's deployment process (one action per step, as most real processes have). */
export interface StepDef {
  name: string;
  kind: StepKind;
  /** Octopus action type, e.g. `Octopus.HelmChartUpgrade` (deploymentprocesses resource). */
  actionType: string;
  /** Target tags (roles) the step runs on; empty = runs on the Octopus Server / a worker. */
  roles: string[];
  /** Environment slugs the step is scoped to; empty = every environment. */
  environmentSlugs: string[];
}

const DB_PROJECTS = new Set([
  "checkout",
  "payments",
  "inventory",
  "product-catalog",
  "shipping",
  "customer-portal",
  "reporting-api",
  "erp-sync",
]);
const APPROVAL_PROJECTS = new Set(["checkout", "payments", "inventory", "customer-portal", "erp-sync"]);

/** ERP modules synced by the ERP Sync project: gives it a ~50-step process (token-budget tests). */
export const ERP_MODULES = [
  "General Ledger",
  "Accounts Payable",
  "Accounts Receivable",
  "Invoices",
  "Credit Notes",
  "Purchase Orders",
  "Sales Orders",
  "Returns",
  "Stock Movements",
  "Warehouses",
  "Suppliers",
  "Customers",
  "Price Lists",
  "Discounts",
  "Tax Codes",
  "Currencies",
  "Exchange Rates",
  "Cost Centres",
  "Projects",
  "Timesheets",
  "Payroll Export",
  "Fixed Assets",
  "Depreciation",
  "Budgets",
  "Bank Statements",
  "Payments Run",
  "Direct Debits",
  "Dunning",
  "Shipments",
  "Carriers",
  "Product Master",
  "Bills of Materials",
  "Production Orders",
  "Quality Inspections",
  "Service Contracts",
  "Warranty Claims",
  "Gift Cards",
  "Loyalty Points",
  "Store Cash-up",
  "Intercompany",
  "Consolidation",
  "Audit Trail",
];

function step(
  name: string,
  kind: StepKind,
  actionType: string,
  roles: string[] = [],
  environmentSlugs: string[] = [],
): StepDef {
  return { name, kind, actionType, roles, environmentSlugs };
}

/**
 * The deployment process of a project, derived from its catalogue entry. Deterministic; the same list feeds
 * the `deploymentprocesses` resource, the ActivityLogs tree and the raw log.
 */
export function deploymentSteps(p: CatalogProject): readonly StepDef[] {
  const cached = processCache.get(p);
  if (cached) return cached;
  const steps = buildSteps(p);
  processCache.set(p, steps);
  return steps;
}

const processCache = new WeakMap<CatalogProject, readonly StepDef[]>();
const envStepsCache = new WeakMap<CatalogProject, Map<string, readonly StepDef[]>>();

function buildSteps(p: CatalogProject): StepDef[] {
  const steps: StepDef[] = [];
  const hasDb = DB_PROJECTS.has(p.slug);
  const prodEnv = p.spaceId === "Spaces-2" ? "prod" : "production";
  if (APPROVAL_PROJECTS.has(p.slug)) {
    steps.push(step("Approve production deployment", "manual", "Octopus.Manual", [], [prodEnv]));
  }
  if (p.style === "tentacle") {
    steps.push(step("Acquire packages", "package", "Octopus.TentaclePackage", ["erp-sync"]));
    steps.push(step("Stop ERP Sync service", "service", "Octopus.WindowsService", ["erp-sync"]));
    steps.push(step("Run database migrations", "migration", "Octopus.Script", ["erp-sync"]));
    for (const m of ERP_MODULES) {
      steps.push(step(`Deploy connector: ${m}`, "package", "Octopus.TentaclePackage", ["erp-sync"]));
    }
    steps.push(step("Start ERP Sync service", "service", "Octopus.WindowsService", ["erp-sync"]));
    steps.push(step("Health check", "smoke", "Octopus.Script", ["erp-sync"]));
    steps.push(step("Notify #erp-ops", "notify", "Octopus.Script"));
    return steps;
  }
  if (hasDb) steps.push(step("Run database migrations", "migration", "Octopus.KubernetesRunScript", ["k8s"]));
  if (p.style === "argocd") {
    steps.push(step("Update Argo CD application image tags", "argo-update", "Octopus.ArgoCDUpdateImageTags"));
    steps.push(step("Wait for Argo CD application sync", "argo-wait", "Octopus.ArgoCDWaitForSync"));
  } else {
    steps.push(step("Deploy config maps", "k8s-yaml", "Octopus.KubernetesDeployRawYaml", ["k8s"]));
    steps.push(step(`Upgrade Helm release ${p.slug}`, "helm", "Octopus.HelmChartUpgrade", ["k8s"]));
    steps.push(step("Verify Kubernetes resources", "verify", "Octopus.KubernetesDeployRawYaml", ["k8s"]));
  }
  steps.push(step("Smoke test", "smoke", "Octopus.Script"));
  steps.push(step("Notify Slack", "notify", "Octopus.Script"));
  return steps;
}

/** Steps that run in an environment (scoped steps removed); cached, callers must not mutate it. */
export function stepsForEnvironment(p: CatalogProject, envSlug: string): readonly StepDef[] {
  let byEnv = envStepsCache.get(p);
  if (!byEnv) {
    byEnv = new Map();
    envStepsCache.set(p, byEnv);
  }
  let steps = byEnv.get(envSlug);
  if (!steps) {
    steps = deploymentSteps(p).filter(
      (s) => s.environmentSlugs.length === 0 || s.environmentSlugs.includes(envSlug),
    );
    byEnv.set(envSlug, steps);
  }
  return steps;
}

/** Runbooks per project: name and what its single step does. */
export function runbookNames(p: CatalogProject): string[] {
  if (p.style === "tentacle") return ["Restart ERP Sync service", "Re-run nightly export"];
  const names = ["Restart pods"];
  if (DB_PROJECTS.has(p.slug)) names.push("Back up database", "Rotate database credentials");
  if (p.slug === "web-frontend" || p.slug === "product-catalog") names.push("Purge CDN cache");
  return names;
}

export function hasDatabase(p: CatalogProject): boolean {
  return DB_PROJECTS.has(p.slug);
}

import { Prng } from "../prng.js";
import { failureLines } from "./failures.js";
import { type StepPlan, type TaskPlan } from "./plan.js";

/** Log element categories (octopus-api.md §10.7). */
export type LogCategory = "Verbose" | "Info" | "Highlight" | "Wait" | "Warning" | "Error" | "Fatal";

export interface LogText {
  category: LogCategory;
  text: string;
}

/** Outcome of a manual-intervention step, from its interruption record. */
export interface ManualOutcome {
  interruptionId: string;
  pending: boolean;
  result: string | null;
  by: string;
  notes: string;
}

function appName(plan: TaskPlan): string {
  return `${plan.project.slug}-${plan.tenant ? plan.tenant.slug + "-" : ""}${plan.environment.slug}`;
}

function* normalLines(plan: TaskPlan, step: StepPlan, target: string, rng: Prng): Generator<LogText> {
  const p = plan.project;
  const env = plan.environment;
  const ns = p.namespace || p.slug;
  switch (step.kind) {
    case "migration":
      yield {
        category: "Info",
        text: `Running database migrations for ${p.slug.replace(/-/g, "_")} against pg-${env.slug}.octo-shop.internal (PostgreSQL 15.6)`,
      };
      yield {
        category: "Verbose",
        text: `Connection: Host=pg-${env.slug}.octo-shop.internal;Database=${p.slug.replace(/-/g, "_")};Password=******`,
      };
      for (let i = 0, n = rng.int(0, 2); i < n; i++) {
        yield {
          category: "Info",
          text: `Applying 2026${String(rng.int(1, 11)).padStart(2, "0")}${String(rng.int(10, 28))}_${rng.int(1000, 2359)}_Migration${rng.int(100, 999)} ... done in ${rng.int(40, 900)} ms`,
        };
      }
      yield { category: "Info", text: "Database is up to date" };
      return;
    case "helm":
      yield {
        category: "Verbose",
        text: `helm upgrade --install ${p.slug} oci://ghcr.io/octo-shop/charts/${p.slug} --version ${plan.version} --namespace ${ns} --values values-${env.slug}.yaml --set image.tag=${plan.version} --wait --timeout 10m0s`,
      };
      yield { category: "Info", text: `Release "${p.slug}" has been upgraded. Happy Helming!` };
      yield { category: "Info", text: `NAME: ${p.slug}` };
      yield { category: "Info", text: `NAMESPACE: ${ns}` };
      yield { category: "Info", text: `STATUS: deployed` };
      yield { category: "Info", text: `REVISION: ${rng.int(20, 140)}` };
      return;
    case "k8s-yaml":
      yield { category: "Info", text: `Applying 2 manifests to namespace ${ns}` };
      yield { category: "Info", text: `configmap/${p.slug}-config configured` };
      yield { category: "Info", text: `configmap/${p.slug}-feature-flags unchanged` };
      return;
    case "verify":
      yield { category: "Info", text: `Waiting for resources to become ready in ${ns}` };
      yield {
        category: "Verbose",
        text: `deployment.apps/${p.slug}: 3/3 replicas ready, image ${p.images[0] ?? p.slug}:${plan.version}`,
      };
      yield { category: "Info", text: "All 5 resources are healthy" };
      return;
    case "argo-update":
      yield {
        category: "Info",
        text: `Updating image tags in Argo CD application ${appName(plan)} (instance argocd-main)`,
      };
      for (const image of p.images) {
        yield {
          category: "Info",
          text: `Updated ${image}: ${plan.previousVersion} -> ${plan.version} in apps/${p.slug}/overlays/${env.slug}/kustomization.yaml`,
        };
      }
      yield {
        category: "Info",
        text: `Committed ${rng.hex(7)} to main: "Octopus: deploy ${p.name} ${plan.version} to ${env.name}"`,
      };
      yield { category: "Verbose", text: "Pushed to origin/main" };
      return;
    case "argo-wait":
      yield {
        category: "Info",
        text: `Waiting for Argo CD application ${appName(plan)} to sync and become healthy (timeout 10m)`,
      };
      yield {
        category: "Verbose",
        text: `Application ${appName(plan)}: sync status OutOfSync, health Healthy`,
      };
      yield {
        category: "Verbose",
        text: `Application ${appName(plan)}: sync status Synced, health Progressing`,
      };
      yield { category: "Info", text: `Application ${appName(plan)} is Synced and Healthy` };
      return;
    case "smoke": {
      const url = `https://${p.slug}.${plan.tenant ? plan.tenant.slug + "." : ""}${env.slug}.octo-shop.internal`;
      yield { category: "Info", text: `GET ${url}/healthz -> 200 OK in ${rng.int(20, 180)} ms` };
      yield { category: "Info", text: `GET ${url}/version -> 200 OK: {"version":"${plan.version}"}` };
      return;
    }
    case "notify":
      yield {
        category: "Info",
        text: `Posted to #deployments: ${p.name} ${plan.version} deployed to ${env.name}${plan.tenant ? ` for ${plan.tenant.name}` : ""}`,
      };
      return;
    case "package":
      yield {
        category: "Verbose",
        text: `Package ${step.name.replace(/^Deploy connector: /, "ERP.Sync.Connectors.").replace(/ /g, "")} version ${plan.version} found in cache`,
      };
      yield {
        category: "Info",
        text: `Extracting package to C:\\Octopus\\Applications\\${env.name}\\ERP.Sync\\${plan.version} on ${target}`,
      };
      return;
    case "service":
      yield {
        category: "Info",
        text: `${step.name.startsWith("Stop") ? "Stopping" : "Starting"} service OctoShop.ErpSync on ${target}`,
      };
      yield {
        category: "Info",
        text: `Service OctoShop.ErpSync is ${step.name.startsWith("Stop") ? "Stopped" : "Running"}`,
      };
      return;
    case "script":
      yield {
        category: "Info",
        text: `Running runbook "${plan.runbookName ?? step.name}" for ${p.name} in ${env.name}`,
      };
      yield { category: "Verbose", text: `kubectl --namespace ${ns} get deployments -o name` };
      yield { category: "Info", text: `${step.name} completed` };
      return;
    case "manual":
      return;
  }
}

function* manualLines(step: StepPlan, outcome: ManualOutcome | undefined): Generator<LogText> {
  yield {
    category: "Wait",
    text: `Deployment is paused until someone responds to the manual intervention "${step.name}"`,
  };
  if (!outcome) return;
  yield { category: "Info", text: `Interruption ${outcome.interruptionId} raised` };
  if (outcome.pending) return;
  if (outcome.result === "Abort") {
    yield {
      category: "Error",
      text: `Manual intervention aborted by ${outcome.by}${outcome.notes ? `: ${outcome.notes}` : ""}`,
    };
    return;
  }
  yield {
    category: "Info",
    text: `Manual intervention approved by ${outcome.by}${outcome.notes ? `: ${outcome.notes}` : ""}`,
  };
}

/**
 * Log lines of one step on one target, deterministic per task/step. Running steps show their first lines;
 * failed steps end with the error (see failures.ts).
 */
export function* stepLines(
  plan: TaskPlan,
  step: StepPlan,
  target: string,
  manual?: ManualOutcome,
): Generator<LogText> {
  if (step.status === "Pending" || step.status === "Skipped") return;
  if (step.kind === "manual") {
    yield* manualLines(step, manual);
    return;
  }
  const rng = Prng.derive(plan.seed, plan.task.n, step.index, target.length);
  if (step.failure && (step.status === "Failed" || step.status === "Running")) {
    yield* failureLines(plan, step);
    return;
  }
  let i = 0;
  for (const line of normalLines(plan, step, target, rng)) {
    if (step.status === "Running" && i++ >= 2) return;
    yield line;
  }
  if (step.status === "Canceled") yield { category: "Warning", text: "Step canceled" };
}

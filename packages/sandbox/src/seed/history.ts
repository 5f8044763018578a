import {
  type CatalogProject,
  currentReleaseIndex,
  environmentBySlug,
  releaseCount,
  releaseVersion,
} from "./catalog.js";
import { stepsForEnvironment, type StepKind } from "./processes.js";
import { type FailureKind, type TaskRec, type TaskState } from "../octopus/model.js";
import { type OctopusStore, idNum } from "../octopus/store.js";
import { stepDurations, taskSteps } from "../logs/plan.js";
import { Prng } from "../prng.js";

/** End of the seeded history (the "now" of the seed): 2026-11-27 16:00 UTC. Fixed, so data is reproducible. */
export const SEED_ANCHOR = Date.UTC(2026, 10, 27, 16, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ENV_OFFSET: Record<string, number> = {
  dev: 25 * 60_000,
  test: DAY,
  staging: 2 * DAY,
  "customer-preview": 2 * DAY,
  production: 3 * DAY,
  "non-prod": 30 * 60_000,
  prod: 2 * DAY,
};
const DEPLOY_P: Record<string, number> = {
  dev: 1,
  test: 0.97,
  staging: 0.9,
  "customer-preview": 0.85,
  production: 0.75,
  "non-prod": 1,
  prod: 0.85,
};
/** Expected extra redeployments of the same release (variable changes, CI re-runs). */
const REDEPLOY: Record<string, number> = {
  dev: 1.3,
  test: 0.5,
  staging: 0.25,
  "customer-preview": 0.15,
  production: 0.15,
  "non-prod": 1,
  prod: 0.2,
};

export const FAILURE_STEP: Record<FailureKind, StepKind> = {
  "db-migration": "migration",
  "helm-timeout": "helm",
  "health-check": "smoke",
  "argo-sync-timeout": "argo-wait",
  "package-checksum": "package",
  aborted: "manual",
};

export const FAILURE_MESSAGE: Record<FailureKind, string> = {
  "db-migration":
    "The step failed: Activity Run database migrations failed with error 'The remote script failed with exit code 1'. Npgsql.PostgresException 23505: could not create unique index \"ix_stock_reservations_order_id\"",
  "helm-timeout":
    "The step failed: Activity Upgrade Helm release failed with error 'Error: UPGRADE FAILED: timed out waiting for the condition'.",
  "health-check":
    "The step failed: Activity Smoke test failed with error 'Health check failed: /healthz returned 503 Service Unavailable after 10 attempts'.",
  "argo-sync-timeout":
    "The step failed: Activity Wait for Argo CD application sync failed with error 'Timed out after 10m waiting for the Argo CD application to become Healthy'.",
  "package-checksum":
    "The step failed: Activity Deploy connector failed with error 'The package hash did not match'.",
  aborted: "The deployment was aborted at a manual intervention.",
};

/** What the seed makes happen to one deployment attempt. */
export interface Attempt {
  project: CatalogProject;
  releaseIndex: number;
  envSlug: string;
  tenantSlug: string | null;
  time: number;
  state: TaskState;
  failure: FailureKind | null;
  bigLogBytes: number;
  /** Executing tasks: the step they are on. */
  progress: number;
  /** Forced scenario label, documented in SEED.md. */
  note: string;
}

/** Deliberate scenarios on the release just after the current one (see SEED.md "Notable"). */
const FORCED: Record<string, Partial<Attempt> & { state: TaskState }> = {
  "checkout/production/": {
    state: "Executing",
    progress: 0,
    note: "waiting for manual intervention (production approval)",
  },
  "payments/production/": {
    state: "Executing",
    progress: 0,
    note: "waiting for manual intervention (production approval)",
  },
  "customer-portal/production/acme-retail": {
    state: "Executing",
    progress: 0,
    note: "tenanted, waiting for manual intervention",
  },
  "inventory/staging/": {
    state: "Failed",
    failure: "db-migration",
    bigLogBytes: 3_200_000,
    note: "failed database migration, ~3.2 MB log",
  },
  "product-catalog/production/": {
    state: "Failed",
    failure: "helm-timeout",
    bigLogBytes: 2_400_000,
    note: "Helm upgrade timed out, ~2.4 MB log",
  },
  "checkout/staging/": {
    state: "Failed",
    failure: "health-check",
    bigLogBytes: 1_600_000,
    note: "health check failed, ~1.6 MB log",
  },
  "erp-sync/production/": {
    state: "Failed",
    failure: "package-checksum",
    bigLogBytes: 0,
    note: "50-step deployment, fails at step 'Deploy connector: Payroll Export'",
  },
  "cluster-addons/prod/": {
    state: "Failed",
    failure: "argo-sync-timeout",
    bigLogBytes: 400_000,
    note: "Argo CD application never became Healthy",
  },
  "web-frontend/test/": { state: "Executing", progress: 1, note: "executing mid-step" },
  "cart/test/": { state: "Queued", note: "queued" },
  "shipping/staging/": { state: "Canceled", progress: 1, note: "canceled by a user" },
  "notifications/production/": { state: "TimedOut", note: "timed out in the queue" },
  "fraud-detection/staging/": { state: "Cancelling", progress: 1, note: "cancelling" },
};

function failureFor(p: CatalogProject, envSlug: string, rng: Prng): FailureKind | null {
  const kinds = new Set(stepsForEnvironment(p, envSlug).map((s) => s.kind));
  const options = (Object.keys(FAILURE_STEP) as FailureKind[]).filter(
    (f) => f !== "aborted" && kinds.has(FAILURE_STEP[f]),
  );
  return options.length > 0 ? rng.pick(options) : null;
}

/** Index of the step that a failure happens at (the ERP Sync scenario picks the Payroll Export connector). */
export function failStepIndex(p: CatalogProject, envSlug: string, failure: FailureKind): number {
  const steps = stepsForEnvironment(p, envSlug);
  if (failure === "package-checksum") {
    const payroll = steps.findIndex((s) => s.name === "Deploy connector: Payroll Export");
    if (payroll >= 0) return payroll;
  }
  return Math.max(
    0,
    steps.findIndex((s) => s.kind === FAILURE_STEP[failure]),
  );
}

interface Chain {
  envSlug: string;
  tenantSlug: string | null;
  prev: number; // index in chain list of the previous phase, -1 = none
}

function chains(p: CatalogProject): Chain[] {
  const out: Chain[] = [];
  const tenants = p.tenantedDeploymentMode === "Untenanted" ? [null] : p.tenantSlugs;
  for (const t of tenants) {
    p.environmentSlugs.forEach((env, k) => {
      const untenantedHere = p.tenantedDeploymentMode === "TenantedOrUntenanted" && k === 0;
      if (untenantedHere && t !== tenants[0]) return; // one untenanted chain start shared by tenants
      const tenantSlug = untenantedHere ? null : t;
      let prev = -1;
      if (k > 0) {
        const prevEnv = p.environmentSlugs[k - 1];
        const prevTenant = p.tenantedDeploymentMode === "TenantedOrUntenanted" && k - 1 === 0 ? null : t;
        prev = out.findIndex((c) => c.envSlug === prevEnv && c.tenantSlug === prevTenant);
      }
      out.push({ envSlug: env, tenantSlug, prev });
    });
  }
  return out;
}

/** Decides every deployment attempt of one project (deterministic for seed + scale). */
export function projectAttempts(
  p: CatalogProject,
  releaseTimes: number[],
  seed: number,
  scale: number,
): Attempt[] {
  const rng = Prng.derive(seed, idNum(p.id), 3);
  const n = releaseCount(p, scale);
  const list = chains(p);
  const targets = list.map((c) => currentReleaseIndex(p, c.envSlug, scale, c.tenantSlug ?? undefined));
  // A release must succeed in a phase when a later phase of the same chain deploys it as current or next.
  const must = list.map(() => new Set<number>());
  for (let k = list.length - 1; k >= 0; k--) {
    const t = targets[k] ?? 0;
    let prev = list[k]?.prev ?? -1;
    const own = must[k];
    while (prev >= 0) {
      const m = must[prev];
      m?.add(t);
      m?.add(t + 1);
      for (const x of own ?? []) m?.add(x);
      prev = list[prev]?.prev ?? -1;
    }
  }
  const ok = list.map(() => new Set<number>());
  const attempts: Attempt[] = [];
  const tenantIdx = (slug: string | null) => (slug ? p.tenantSlugs.indexOf(slug) + 1 : 0);
  for (let i = 0; i < n; i++) {
    list.forEach((c, k) => {
      const T = targets[k] ?? 0;
      const prevOk = c.prev < 0 || (ok[c.prev]?.has(i) ?? false);
      if (!prevOk) return;
      const base =
        (releaseTimes[i] ?? SEED_ANCHOR) +
        (ENV_OFFSET[c.envSlug] ?? DAY) +
        tenantIdx(c.tenantSlug) * 9 * 60_000;
      const at = (extra: number) =>
        Math.min(base + extra + rng.int(0, 600_000), SEED_ANCHOR - 10 * 60_000 - rng.int(0, 3_600_000));
      const mk = (state: TaskState, extra: number, over: Partial<Attempt> = {}): Attempt => {
        const failure = state === "Failed" ? failureFor(p, c.envSlug, rng) : null;
        return {
          project: p,
          releaseIndex: i,
          envSlug: c.envSlug,
          tenantSlug: c.tenantSlug,
          time: at(extra),
          state: failure === null && state === "Failed" ? "Canceled" : state,
          failure,
          bigLogBytes: failure && rng.chance(0.12) ? rng.int(300_000, 1_500_000) : 0,
          progress: 0,
          note: "",
          ...over,
        };
      };
      if (i > T) {
        if (i !== T + 1) return;
        const forced = FORCED[`${p.slug}/${c.envSlug}/${c.tenantSlug ?? ""}`];
        if (forced) {
          attempts.push(mk(forced.state, 0, forced));
          return;
        }
        const r = rng.next();
        const state: TaskState | null =
          r < 0.3
            ? "Failed"
            : r < 0.4
              ? "Executing"
              : r < 0.5
                ? "Queued"
                : r < 0.58
                  ? "Canceled"
                  : r < 0.62
                    ? "TimedOut"
                    : null;
        if (state)
          attempts.push(mk(state, 0, { progress: state === "Executing" || state === "Canceled" ? 1 : 0 }));
        return;
      }
      const forcedOk = i === T || (must[k]?.has(i) ?? false);
      if (!forcedOk && !rng.chance(DEPLOY_P[c.envSlug] ?? 0.7)) return;
      let extra = 0;
      if (rng.chance(forcedOk ? 0.12 : 0.1)) {
        attempts.push(mk("Failed", 0));
        extra = 50 * 60_000;
        if (!forcedOk && rng.chance(0.4)) return;
      } else if (!forcedOk && rng.chance(0.05)) {
        attempts.push(mk(rng.chance(0.6) ? "Canceled" : "TimedOut", 0, { progress: 1 }));
        return;
      }
      attempts.push(mk("Success", extra));
      ok[k]?.add(i);
      let redeploys = REDEPLOY[c.envSlug] ?? 0;
      for (let k = 1; redeploys > 0 && k <= 3; k++, redeploys--) {
        if (rng.chance(Math.min(1, redeploys))) attempts.push(mk("Success", extra + k * 2 * HOUR));
      }
    });
  }
  return attempts;
}

/** Release times of a project: one every 120 days / releases-at-scale-1, the newest 1.5 days before the anchor. */
export function releaseTimes(p: CatalogProject, seed: number, scale: number): number[] {
  const rng = Prng.derive(seed, idNum(p.id), 1);
  const n = releaseCount(p, scale);
  const gap = (120 * DAY) / p.releases;
  return Array.from(
    { length: n },
    (_, i) => SEED_ANCHOR - 1.5 * DAY - (n - 1 - i) * gap + rng.int(0, Math.floor(gap / 3)),
  );
}

/** Fills a task record's times and progress from its attempt, using the same step durations as its log. */
export function finishTaskTimes(store: OctopusStore, task: TaskRec, queueDelayMs: number): void {
  const steps = taskSteps(store, task);
  const durs = stepDurations(store.seed, task, steps);
  const sum = (k: number) => durs.slice(0, k).reduce((a, b) => a + b, 0);
  if (task.state === "Queued" || task.state === "TimedOut") {
    task.started = null;
    task.completed = task.state === "TimedOut" ? task.queued + HOUR : null;
    task.progress = 0;
    return;
  }
  task.started = task.queued + queueDelayMs;
  switch (task.state) {
    case "Success":
      task.progress = steps.length;
      task.completed = task.started + sum(steps.length);
      break;
    case "Failed":
      task.progress = task.failStep;
      task.completed = task.started + sum(task.failStep + 1);
      break;
    case "Canceled":
      task.progress = Math.min(task.progress, Math.max(0, steps.length - 1));
      task.completed = task.started + sum(task.progress) + Math.floor((durs[task.progress] ?? 0) / 2);
      break;
    default:
      task.progress = Math.min(task.progress, Math.max(0, steps.length - 1));
      task.completed = null;
  }
}

export { environmentBySlug, releaseVersion };

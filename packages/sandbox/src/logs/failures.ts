import { Prng } from "../prng.js";
import { type LogText } from "./lines.js";
import { type StepPlan, type TaskPlan } from "./plan.js";

/**
 * Real-looking failure output: a failed database migration, a Helm upgrade timeout, a failed health check,
 * an Argo CD sync timeout and a package checksum mismatch. `bigLogBytes` of verbose output (driver traces,
 * Helm debug polling, pod logs) precede the error, generated lazily so multi-megabyte logs never sit in memory.
 */

function host(plan: TaskPlan): string {
  const env = plan.environment.slug;
  const tenant = plan.tenant ? `${plan.tenant.slug}.` : "";
  return `${plan.project.slug}.${tenant}${env}.octo-shop.internal`;
}

const MIGRATION = "20261127_1402_AddUniqueOrderReservationIndex";

function* filler(rng: Prng, bytes: number, make: (i: number) => string): Generator<LogText> {
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const text = make(i);
    written += text.length + 24;
    yield { category: "Verbose", text };
  }
  void rng;
}

function* dbMigration(plan: TaskPlan, step: StepPlan, rng: Prng): Generator<LogText> {
  const db = `${plan.project.slug.replace(/-/g, "_")}`;
  yield {
    category: "Info",
    text: `Running database migrations for ${db} against pg-${plan.environment.slug}.octo-shop.internal (PostgreSQL 15.6)`,
  };
  yield {
    category: "Verbose",
    text: `Connection: Host=pg-${plan.environment.slug}.octo-shop.internal;Database=${db};Username=${db}_migrator;Password=******`,
  };
  yield {
    category: "Info",
    text: "Found 2 pending migrations: 20261120_0911_AddReservationExpiry, " + MIGRATION,
  };
  yield { category: "Info", text: "Applying 20261120_0911_AddReservationExpiry ... done in 412 ms" };
  yield { category: "Info", text: `Applying ${MIGRATION} ...` };
  yield { category: "Verbose", text: "BEGIN; SET lock_timeout = '30s';" };
  yield {
    category: "Verbose",
    text: "DELETE FROM stock_reservations WHERE expires_at < now() - interval '30 days';",
  };
  let row = 0;
  yield* filler(rng, step.bigLogBytes, (i) => {
    if (i % 40 === 39)
      return `Npgsql: Command took ${rng.int(900, 4000)} ms: SELECT order_id, count(*) FROM stock_reservations WHERE order_id BETWEEN ${row} AND ${row + 5000} GROUP BY order_id HAVING count(*) > 1`;
    row += rng.int(800, 1200);
    return `[migrator] Backfilling stock_reservations.reservation_key: rows ${row - 1000}-${row} updated (${rng.int(180, 320)} ms, batch ${i + 1})`;
  });
  yield {
    category: "Verbose",
    text: "CREATE UNIQUE INDEX CONCURRENTLY ix_stock_reservations_order_id ON stock_reservations (order_id);",
  };
  yield {
    category: "Error",
    text: `Npgsql.PostgresException (0x80004005): 23505: could not create unique index "ix_stock_reservations_order_id"`,
  };
  yield {
    category: "Error",
    text: `   DETAIL: Key (order_id)=(ORD-2026-${rng.int(100000, 999999)}) is duplicated.`,
  };
  yield {
    category: "Error",
    text: "   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)",
  };
  yield {
    category: "Error",
    text: "   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)",
  };
  yield {
    category: "Error",
    text: "   at OctoShop.Migrations.MigrationRunner.ApplyAsync(Migration migration, CancellationToken ct) in /src/OctoShop.Migrations/MigrationRunner.cs:line 118",
  };
  yield {
    category: "Error",
    text: `Migration ${MIGRATION} failed; transaction rolled back. Schema version remains 20261120_0911.`,
  };
  yield { category: "Error", text: "The remote script failed with exit code 1" };
}

function* helmTimeout(plan: TaskPlan, step: StepPlan, rng: Prng): Generator<LogText> {
  const ns = plan.project.namespace || plan.project.slug;
  const name = plan.project.slug;
  yield {
    category: "Verbose",
    text: `helm upgrade --install ${name} oci://ghcr.io/octo-shop/charts/${name} --version ${plan.version} --namespace ${ns} --values values-${plan.environment.slug}.yaml --set image.tag=${plan.version} --wait --timeout 10m0s`,
  };
  yield { category: "Verbose", text: `upgrade.go:150: [debug] preparing upgrade for ${name}` };
  yield {
    category: "Verbose",
    text: `wait.go:48: [debug] beginning wait for 14 resources with timeout of 10m0s`,
  };
  const pod = `${name}-${rng.hex(9)}-${rng.hex(5)}`;
  yield* filler(rng, step.bigLogBytes, (i) => {
    switch (i % 5) {
      case 0:
        return `ready.go:287: [debug] Deployment is not ready: ${ns}/${name}. ${i % 3} out of 3 expected pods are ready`;
      case 1:
        return `${pod}   0/1   CrashLoopBackOff   ${Math.floor(i / 5) + 1}   ${Math.floor(i / 10) + 1}m`;
      case 2:
        return `{"level":"error","ts":"2026-11-27T14:${String(i % 60).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}Z","msg":"failed to connect to elasticsearch","error":"dial tcp 10.42.${rng.int(0, 9)}.${rng.int(2, 250)}:9200: connect: connection refused","service":"${name}"}`;
      case 3:
        return `Warning  BackOff  pod/${pod}  Back-off restarting failed container ${name} in pod ${pod}_${ns}(${rng.hex(8)})`;
      default:
        return `{"level":"info","ts":"2026-11-27T14:00:00Z","msg":"starting ${name}","version":"${plan.version}","commit":"${rng.hex(7)}"}`;
    }
  });
  yield { category: "Error", text: `Error: UPGRADE FAILED: timed out waiting for the condition` };
  yield {
    category: "Error",
    text: `Pod ${pod} is in CrashLoopBackOff: failed to connect to elasticsearch at es-${plan.environment.slug}:9200`,
  };
  yield {
    category: "Warning",
    text: `helm rollback ${name} 0 --namespace ${ns} --wait: Rollback was a success! Happy Helming!`,
  };
  yield { category: "Error", text: "The remote script failed with exit code 1" };
}

function* healthCheck(plan: TaskPlan, step: StepPlan, rng: Prng): Generator<LogText> {
  const url = `https://${host(plan)}/healthz`;
  let attempt = 0;
  yield { category: "Info", text: `Checking ${url} (10 attempts, 30 s apart)` };
  yield* filler(rng, step.bigLogBytes, (i) => {
    if (i % 25 === 0) {
      attempt = Math.min(10, attempt + 1);
      return `Attempt ${attempt}/10: GET ${url} -> 503 Service Unavailable in ${rng.int(4900, 5100)} ms`;
    }
    return `  ${plan.project.slug}-${rng.hex(9)}: {"ts":"2026-11-27T09:${String(i % 60).padStart(2, "0")}:00Z","level":"warn","msg":"dependency check failed","dependency":"payments-api","error":"context deadline exceeded (Client.Timeout exceeded while awaiting headers)","trace_id":"${rng.hex(32)}"}`;
  });
  yield {
    category: "Warning",
    text: `Response body: {"status":"unhealthy","checks":{"postgres":"ok","redis":"ok","payments-api":"timeout after 5000 ms"}}`,
  };
  yield {
    category: "Error",
    text: `Health check failed: GET ${url} returned 503 Service Unavailable after 10 attempts over 300 s`,
  };
  yield { category: "Error", text: "Dependency 'payments-api' reported: timeout after 5000 ms" };
  yield { category: "Error", text: "The remote script failed with exit code 1" };
}

function* argoSyncTimeout(plan: TaskPlan, step: StepPlan, rng: Prng): Generator<LogText> {
  const app = `${plan.project.slug}-${plan.tenant ? plan.tenant.slug + "-" : ""}${plan.environment.slug}`;
  yield {
    category: "Info",
    text: `Waiting for Argo CD application ${app} to sync and become healthy (timeout 10m)`,
  };
  yield* filler(
    rng,
    step.bigLogBytes,
    (i) =>
      `Application ${app}: sync status Synced, health Progressing (Deployment/${plan.project.slug}: ${i % 3}/3 replicas ready; pod ${plan.project.slug}-${rng.hex(9)}: ImagePullBackOff)`,
  );
  yield {
    category: "Error",
    text: `Application ${app} health is Degraded: Deployment ${plan.project.slug} has 0/3 ready replicas (ImagePullBackOff: ghcr.io/octo-shop/${plan.project.slug}:${plan.version}: manifest unknown)`,
  };
  yield {
    category: "Error",
    text: `Timed out after 10m waiting for Argo CD application ${app} to become Healthy`,
  };
}

function* packageChecksum(plan: TaskPlan, step: StepPlan, rng: Prng): Generator<LogText> {
  const pkg = `ERP.Sync.Connectors.${step.name.replace(/^Deploy connector: /, "").replace(/[^A-Za-z]/g, "")}`;
  yield { category: "Info", text: `Downloading ${pkg}.${plan.version}.nupkg from the built-in feed` };
  yield* filler(rng, step.bigLogBytes, (i) => `Download progress: ${(i * 64) % 100000} KB transferred`);
  yield {
    category: "Error",
    text: `The package hash of ${pkg}.${plan.version}.nupkg did not match: expected sha1 ${rng.hex(40)}, got ${rng.hex(40)}`,
  };
  yield {
    category: "Error",
    text: "The package may have been modified after it was pushed to the feed; re-push it and create a new release.",
  };
}

/** Lines of a failed step, ending with the error that made it fail. */
export function* failureLines(plan: TaskPlan, step: StepPlan): Generator<LogText> {
  const rng = Prng.derive(plan.seed, plan.task.n, step.index, 99);
  switch (step.failure) {
    case "db-migration":
      yield* dbMigration(plan, step, rng);
      break;
    case "helm-timeout":
      yield* helmTimeout(plan, step, rng);
      break;
    case "health-check":
      yield* healthCheck(plan, step, rng);
      break;
    case "argo-sync-timeout":
      yield* argoSyncTimeout(plan, step, rng);
      break;
    case "package-checksum":
      yield* packageChecksum(plan, step, rng);
      break;
    case "aborted":
    case null:
      yield { category: "Error", text: "The deployment was aborted at the manual intervention step." };
      break;
  }
}

/**
 * Assembles what governs every tool call of a host, whatever the transport: the confirmation gate
 * (write/delete), the audit log and the metrics, as call-pipeline hooks, plus the hooks that feed
 * upstream metrics from the outbound HTTP client. Build it before `createHost` and pass `hooks`
 * and `httpClient(...)` in.
 */
import type { Logger } from "@octopus-mcp/core";
import { AuditHook } from "../audit/audit-hook.js";
import { AuditLog, fileAuditSink, streamAuditSink, type AuditSink } from "../audit/audit-log.js";
import { ConfirmationGate } from "../confirmation/confirmation-gate.js";
import { ConfirmationHook } from "../confirmation/confirmation-hook.js";
import { readSkipConfirmation, warnSkipConfirmation } from "../confirmation/skip-confirmation.js";
import type { HostConfig } from "../config/types.js";
import type { ToolCallHook } from "../host/call-hooks.js";
import { HostHttpClient } from "../http/host-http-client.js";
import type { SecretRedactor } from "../logging/secret-redactor.js";
import { HostMetrics } from "../metrics/host-metrics.js";
import { httpClientMetricsHooks } from "../metrics/http-client-metrics.js";
import { MetricsHook } from "../metrics/metrics-hook.js";
import type { TenantScope } from "../tenancy/tenant-scope.js";

/** `audit` in the host config: where audit lines go. */
export interface AuditSettings {
  /** Append JSON lines to this file (created 0600). */
  readonly file?: string;
  /** Or write them to a process stream. `stdout` is refused in stdio mode by the caller. */
  readonly stream?: "stderr" | "stdout";
}

export interface CallGovernanceOptions {
  /** Process environment (for `OCTOPUS_MCP_SKIP_CONFIRMATION`). */
  readonly env: NodeJS.ProcessEnv;
  /** Receives audit-file write errors. */
  readonly logger?: Logger;
  /** Where audit lines go; no audit log when absent or empty. */
  readonly audit?: AuditSettings;
  /** The transport served; `audit.stream: stdout` is refused for stdio (stdout carries the protocol). Default `http`. */
  readonly transport?: "stdio" | "http";
  /** Write to this sink instead (tests). Takes precedence over `audit`. */
  readonly auditSink?: AuditSink;
  /** Let `confirm: true` replace elicitation for clients that declare it. Default false. */
  readonly trustConfirmArgument?: boolean;
  /** How long a user has to answer a confirmation prompt, in ms. Default 300000. */
  readonly elicitationTimeoutMs?: number;
  /** Collect process metrics too. Default true. */
  readonly processMetrics?: boolean;
  /**
   * Record Prometheus metrics (tool calls, upstream requests, ...). Default true. Stdio `serve`
   * turns them off: it has no `/metrics` to serve them, and prom-client is not loaded at all then.
   */
  readonly metrics?: boolean;
}

/** The assembled services. */
export interface CallGovernance {
  readonly gate: ConfirmationGate;
  /** `undefined` when created with `metrics: false`. */
  readonly metrics: HostMetrics | undefined;
  readonly audit: AuditLog | undefined;
  /** For `createHost({ hooks })`: confirmation first, then audit and metrics. */
  readonly hooks: readonly ToolCallHook[];
  /** For `createHost({ http })`: the host's HttpClient with metrics hooks. */
  httpClient(
    config: HostConfig,
    deps: { scope: TenantScope; redactor: SecretRedactor; logger: Logger },
    fetchImpl?: typeof fetch,
  ): HostHttpClient;
  /** Connects readiness facts of the host to the metrics (`octopus_mcp_ready`, plugin states). */
  observeHost(facts: {
    states: () => readonly { name: string; state: string }[];
    ready: () => boolean;
  }): void;
  /** Logs the startup facts operators must see: confirmation skipped (warn), no audit log (warn in HTTP mode). */
  logStartup(logger: Logger, transport: "stdio" | "http"): void;
  /** Flushes and closes the audit sink. */
  close(): Promise<void>;
}

/**
 * Builds the services.
 * @throws SkipConfirmationSettingError for an unreadable OCTOPUS_MCP_SKIP_CONFIRMATION; an fs
 *   error when the audit file cannot be opened; Error for `audit.stream: stdout` in stdio mode.
 */
export function createCallGovernance(options: CallGovernanceOptions): CallGovernance {
  if (options.transport === "stdio" && options.audit?.stream === "stdout" && !options.auditSink) {
    throw new Error(
      "audit.stream is stdout, but in stdio mode stdout carries the MCP protocol; use audit.file or audit.stream: stderr.",
    );
  }
  const skipConfirmation = readSkipConfirmation(options.env);
  const gate = new ConfirmationGate({
    skipConfirmation,
    ...(options.trustConfirmArgument !== undefined
      ? { trustConfirmArgument: options.trustConfirmArgument }
      : {}),
    ...(options.elicitationTimeoutMs !== undefined
      ? { elicitationTimeoutMs: options.elicitationTimeoutMs }
      : {}),
  });
  let facts: Parameters<CallGovernance["observeHost"]>[0] | undefined;
  const metrics =
    options.metrics === false
      ? undefined
      : new HostMetrics({
          pluginStates: () => facts?.states() ?? [],
          ready: () => facts?.ready() ?? false,
          ...(options.processMetrics !== undefined ? { processMetrics: options.processMetrics } : {}),
        });
  const sink =
    options.auditSink ??
    (options.audit?.file !== undefined
      ? fileAuditSink(options.audit.file, options.logger)
      : options.audit?.stream !== undefined
        ? streamAuditSink(options.audit.stream === "stdout" ? process.stdout : process.stderr)
        : undefined);
  const audit = sink ? new AuditLog({ sink }) : undefined;
  const confirmation = new ConfirmationHook(gate);
  const hooks: ToolCallHook[] = [confirmation];
  if (metrics) hooks.push(new MetricsHook(metrics));
  if (audit) hooks.push(new AuditHook(audit, confirmation));
  const clientHooks = metrics ? httpClientMetricsHooks(metrics) : undefined;
  return {
    gate,
    metrics,
    audit,
    hooks,
    httpClient: (config, deps, fetchImpl) =>
      new HostHttpClient({
        settings: config.http,
        scope: deps.scope,
        logger: deps.logger,
        redactor: deps.redactor,
        ...(clientHooks ? { hooks: clientHooks } : {}),
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      }),
    observeHost: (hostFacts) => {
      facts = hostFacts;
    },
    logStartup: (logger, transport) => {
      if (skipConfirmation) warnSkipConfirmation(logger);
      if (!audit && transport === "http") {
        logger.warn("No audit log configured (audit.file or audit.stream): tool calls are not audited.");
      }
      logger.info(
        { confirmation: skipConfirmation ? "skipped" : "on", audit: audit !== undefined },
        "call governance",
      );
    },
    close: () => audit?.close() ?? Promise.resolve(),
  };
}

/**
 * The host config as the host uses it after loading: defaults applied, `${ENV}` interpolated,
 * validated against `schema/host-config.schema.json` (the published JSON Schema, see
 * docs/operators.md). Times are in milliseconds.
 */
import type { CallerTenantSettings } from "@octopus-mcp/core";
import type { AuditSettings } from "../transport/call-governance.js";
import type { AuthSettings, HttpServerSettings } from "../transport/http-host.js";

/** What happens when a plugin fails to start: stop the host, or serve without that plugin. */
export type StartFailurePolicy = "abort" | "continue";

/** Allow/deny lists of tool names (exact names or `namespace_*` globs). Deny wins. */
export interface ToolFilter {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

/** Access policy, host-wide or per caller tenant (a tenant can only tighten the host's). */
export interface AccessPolicy {
  /** Hide and block `write` and `delete` tools. */
  readonly readOnly?: boolean;
  /** `delete` tools are served only when true (and not read-only). */
  readonly allowDeletes?: boolean;
  /** Plugin namespaces the tenant may use; all when absent. */
  readonly plugins?: readonly string[];
  readonly tools?: ToolFilter;
}

/** One enabled plugin. Exactly one of `package` and `path` is set. */
export interface PluginEntry {
  /** npm package name, resolved from the config file's folder, then the host's. */
  readonly package?: string;
  /** Path to a module or package folder, relative to the config file. */
  readonly path?: string;
  /** Default true. */
  readonly enabled: boolean;
  /** Overrides `lifecycle.onStartFailure` for this plugin. */
  readonly onStartFailure?: StartFailurePolicy;
  /** The plugin's own section, validated against its `manifest.configSchema`. */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface CallerTenantConfig extends CallerTenantSettings {
  readonly policy?: AccessPolicy;
}

export interface HostConfig {
  /** Absolute path of the file this came from; `undefined` for the built-in default. */
  readonly sourceFile: string | undefined;
  /** Caller tenant used in stdio mode. Default `"default"`. */
  readonly localTenant: string;
  readonly server: {
    /** Name served in `initialize`. Default `octopus-mcp`. */
    readonly name: string;
    /** Streamable HTTP endpoint (`serve --transport http`), see docs/remote-http.md. */
    readonly http?: HttpServerSettings;
  };
  /** Authentication of HTTP callers (JWT caller tenants, RFC 9728 metadata). */
  readonly auth?: AuthSettings;
  /** Audit log of tool calls (one JSON line per call). */
  readonly audit?: AuditSettings;
  readonly logging: {
    /** pino level. Default `info`. */
    readonly level: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
    /** `auto` pretty-prints when stderr is a TTY. Default `auto`. */
    readonly pretty: boolean | "auto";
    /** Log to this file instead of stderr. */
    readonly file?: string;
  };
  readonly lifecycle: {
    /** Per-plugin `onStartAsync` bound. Default 10000. */
    readonly startTimeoutMs: number;
    /** Per-plugin `onStopAsync` bound. Default 10000. */
    readonly pluginStopTimeoutMs: number;
    /** Whole shutdown bound. Default 30000. */
    readonly stopTimeoutMs: number;
    /** Default `abort`. */
    readonly onStartFailure: StartFailurePolicy;
  };
  readonly calls: {
    /** Per tool call. Default 60000. */
    readonly timeoutMs: number;
  };
  readonly http: {
    /** Per attempt. Default 30000. */
    readonly timeoutMs: number;
    /** Retries after the first attempt for idempotent requests. Default 3. */
    readonly maxRetries: number;
    /** First backoff delay; doubles with jitter. Default 200. */
    readonly initialBackoffMs: number;
    /** Upper bound for one backoff or `Retry-After` wait. Default 10000. */
    readonly maxBackoffMs: number;
    /** Concurrent requests per (caller tenant, upstream origin). Default 8. */
    readonly maxConcurrencyPerUpstream: number;
    /**
     * Largest body `HttpClient.request` reads into memory, in bytes (`stream` is not limited).
     * Default 33554432 (32 MiB); optional so hand-built settings stay valid.
     */
    readonly maxResponseBytes?: number;
    readonly breaker: {
      /** Consecutive failures that open the breaker. Default 5. */
      readonly consecutiveFailures: number;
      /** Time the breaker stays open before a trial request. Default 30000. */
      readonly halfOpenAfterMs: number;
    };
  };
  readonly credentials: {
    /** Read `OCTOPUS_MCP_CREDENTIAL_*` variables. Default true. */
    readonly env: boolean;
    /** A YAML/JSON credentials file (must not be group/world readable). */
    readonly file?: string;
  };
  readonly policy: AccessPolicy;
  /** Caller tenants by ID. In stdio mode only `localTenant` is used. */
  readonly tenants: Readonly<Record<string, CallerTenantConfig>>;
  readonly plugins: readonly PluginEntry[];
}

/** Deeply optional version of `T` (arrays keep their element type, made deeply optional too). */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { -readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * What a config file (or a programmatic override) may contain: every key optional, defaults filled
 * in by the loader. `$schema` is accepted for editors and ignored.
 */
export type HostConfigInput = DeepPartial<Omit<HostConfig, "sourceFile">> & { $schema?: string };

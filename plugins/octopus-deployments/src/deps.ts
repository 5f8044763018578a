/**
 * What every handler of this plugin needs: the host's HTTP client and credential resolver (from
 * `onStartAsync`), the plugin config, and a per-plugin-instance space cache.
 */
import type { HttpClient, ICredentialResolver } from "@octopus-mcp/core";
import { OctopusClient, SpaceCache, type OctopusCallContext } from "@octopus-mcp/octopus-api";

/** The plugin's config section (`plugins[].config`). */
export interface DeploymentsConfig {
  /** How often `deployments_deploy_release` polls task state while waiting, in ms. Default 2000. */
  readonly pollIntervalMs?: number;
  /**
   * Upper bound for `waitSeconds`, in seconds; larger requests are clamped. Default 45, below the
   * host's default call timeout (60 s): raise both together (`calls.timeoutMs`).
   */
  readonly maxWaitSeconds?: number;
  /** Space cache TTL in ms. Default 300000. */
  readonly spaceCacheTtlMs?: number;
}

/** JSON Schema of {@link DeploymentsConfig}. */
export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    pollIntervalMs: {
      type: "integer",
      minimum: 10,
      maximum: 60000,
      description: "Task poll interval (ms) while waiting for a deployment.",
    },
    maxWaitSeconds: {
      type: "integer",
      minimum: 1,
      maximum: 86400,
      description: "Upper bound (s) of waitSeconds for deploy_release; keep below calls.timeoutMs.",
    },
    spaceCacheTtlMs: {
      type: "integer",
      minimum: 0,
      maximum: 86400000,
      description: "Space lookup cache lifetime (ms).",
    },
  },
} as const;

export class DeploymentsDeps {
  readonly spaceCache: SpaceCache;
  constructor(
    readonly http: HttpClient,
    readonly credentials: ICredentialResolver,
    readonly config: DeploymentsConfig,
  ) {
    this.spaceCache = new SpaceCache({ ttlMs: config.spaceCacheTtlMs ?? 300_000 });
  }

  /** An Octopus client for the caller tenant of `context`. */
  client(context: OctopusCallContext): OctopusClient {
    return OctopusClient.forCall(context, this.http, this.credentials, { spaceCache: this.spaceCache });
  }

  get pollIntervalMs(): number {
    return this.config.pollIntervalMs ?? 2000;
  }

  get maxWaitSeconds(): number {
    return this.config.maxWaitSeconds ?? 45;
  }
}

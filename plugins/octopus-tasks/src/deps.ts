/**
 * What every handler of this plugin needs: the host's HTTP client and credential resolver (handed
 * to `onStartAsync`), the plugin config, and a per-plugin-instance space cache.
 */
import type { HttpClient, ICredentialResolver } from "@octopus-mcp/core";
import { OctopusClient, SpaceCache, type OctopusCallContext } from "@octopus-mcp/octopus-api";

/** The plugin's config section (`plugins[].config`). */
export interface TasksConfig {
  /** Space cache TTL in ms. Default 300000. */
  readonly spaceCacheTtlMs?: number;
  /** Longest log line kept for matching and output, in characters. Default 65536. */
  readonly maxLineLength?: number;
}

/** JSON Schema of {@link TasksConfig}. */
export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    spaceCacheTtlMs: {
      type: "integer",
      minimum: 0,
      maximum: 86_400_000,
      description: "Space lookup cache lifetime (ms).",
    },
    maxLineLength: {
      type: "integer",
      minimum: 256,
      maximum: 1_048_576,
      description: "Longest task-log line kept for matching and output (characters); longer lines are cut.",
    },
  },
} as const;

/** Services shared by the handlers of one plugin instance. */
export class TasksDeps {
  readonly spaceCache: SpaceCache;

  constructor(
    readonly http: HttpClient,
    readonly credentials: ICredentialResolver,
    readonly config: TasksConfig,
  ) {
    this.spaceCache = new SpaceCache({ ttlMs: config.spaceCacheTtlMs ?? 300_000 });
  }

  /** An Octopus client for the caller tenant of `context`. */
  client(context: OctopusCallContext): OctopusClient {
    return OctopusClient.forCall(context, this.http, this.credentials, { spaceCache: this.spaceCache });
  }

  get maxLineLength(): number {
    return this.config.maxLineLength ?? 65_536;
  }
}

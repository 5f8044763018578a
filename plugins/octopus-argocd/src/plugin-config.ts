/**
 * The plugin's config section (`plugins[].config` in the host config), validated by the host
 * against {@link ARGOCD_CONFIG_SCHEMA}. A caller tenant may override `git` under
 * `tenants.<id>.plugins.argocd.git`. Instances and credentials are per caller tenant (core's
 * `ArgoCdInstanceSettings`, `git.credentials`), never here.
 */
import type { ITenantContext, JsonSchema } from "@octopus-mcp/core";

export interface GitSettings {
  /** `direct`: commit to the source's target branch; `pull-request`: push a new branch for review. */
  readonly mode: "direct" | "pull-request";
  /** Prefix of pull-request branches, e.g. `octopus-mcp/` -> `octopus-mcp/checkout-production-1a2b3c`. */
  readonly branchPrefix: string;
  readonly authorName: string;
  readonly authorEmail: string;
  /** Bound for one git command (clone, push), ms. */
  readonly timeoutMs: number;
}

export interface ArgoCdPluginConfig {
  readonly git: GitSettings;
  readonly limits: {
    /** Default and maximum log lines per call. */
    readonly defaultLogLines: number;
    readonly maxLogLines: number;
    /** Log bytes read at most per call. */
    readonly maxLogBytes: number;
    /** Characters of unified diff returned by a dry run before it is cut. */
    readonly maxDiffChars: number;
  };
}

export const DEFAULT_CONFIG: ArgoCdPluginConfig = {
  git: {
    mode: "direct",
    branchPrefix: "octopus-mcp/",
    authorName: "Octopus MCP",
    authorEmail: "octopus-mcp@localhost",
    timeoutMs: 120_000,
  },
  limits: { defaultLogLines: 100, maxLogLines: 1000, maxLogBytes: 1_048_576, maxDiffChars: 20_000 },
};

const gitSchema = {
  type: "object",
  additionalProperties: false,
  description: "How image updates are committed.",
  properties: {
    mode: {
      type: "string",
      enum: ["direct", "pull-request"],
      description: "Commit to the target branch, or push a branch for a pull request.",
    },
    branchPrefix: {
      type: "string",
      minLength: 1,
      maxLength: 100,
      description: "Prefix of pull-request branch names.",
    },
    authorName: { type: "string", minLength: 1, maxLength: 200, description: "Commit author name." },
    authorEmail: { type: "string", minLength: 3, maxLength: 200, description: "Commit author email." },
    timeoutMs: {
      type: "integer",
      minimum: 1000,
      maximum: 600000,
      description: "Bound for one git command in ms.",
    },
  },
} as const;

/** JSON Schema of the plugin's config section. */
export const ARGOCD_CONFIG_SCHEMA: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    git: gitSchema,
    limits: {
      type: "object",
      additionalProperties: false,
      description: "Output bounds.",
      properties: {
        defaultLogLines: {
          type: "integer",
          minimum: 1,
          maximum: 10000,
          description: "Log lines returned when the call names none.",
        },
        maxLogLines: {
          type: "integer",
          minimum: 1,
          maximum: 10000,
          description: "Most log lines one call may return.",
        },
        maxLogBytes: {
          type: "integer",
          minimum: 1024,
          maximum: 67108864,
          description: "Most log bytes read per call.",
        },
        maxDiffChars: {
          type: "integer",
          minimum: 1000,
          maximum: 1000000,
          description: "Dry-run diff characters returned before cutting.",
        },
      },
    },
  },
};

type Partial2<T> = { readonly [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** Defaults merged with the validated section. */
export function resolveConfig(raw: Readonly<Record<string, unknown>> | undefined): ArgoCdPluginConfig {
  const section = (raw ?? {}) as Partial2<ArgoCdPluginConfig>;
  return {
    git: { ...DEFAULT_CONFIG.git, ...section.git },
    limits: { ...DEFAULT_CONFIG.limits, ...section.limits },
  };
}

/** Git settings for the current caller tenant (`tenants.<id>.plugins.argocd.git` overrides). */
export function gitSettingsFor(config: ArgoCdPluginConfig, tenant: ITenantContext): GitSettings {
  const override = tenant.settings.plugins?.["argocd"]?.["git"];
  if (typeof override !== "object" || override === null) return config.git;
  const o = override as Partial<GitSettings>;
  return {
    ...config.git,
    ...(o.mode === "direct" || o.mode === "pull-request" ? { mode: o.mode } : {}),
    ...(typeof o.branchPrefix === "string" && o.branchPrefix ? { branchPrefix: o.branchPrefix } : {}),
    ...(typeof o.authorName === "string" && o.authorName ? { authorName: o.authorName } : {}),
    ...(typeof o.authorEmail === "string" && o.authorEmail ? { authorEmail: o.authorEmail } : {}),
  };
}

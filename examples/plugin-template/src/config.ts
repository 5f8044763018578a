/**
 * This plugin's config section (`plugins[].config` in the operator's host config). The host
 * validates it against {@link TEMPLATE_CONFIG_SCHEMA} (defaults applied) before `onRegister`.
 */

/** The validated config section. */
export interface TemplateConfig {
  /** Per-attempt timeout of requests to the Octopus Server, in ms. Default 10000. */
  readonly requestTimeoutMs: number;
}

/** JSON Schema of {@link TemplateConfig}: every property described, no unknown keys. */
export const TEMPLATE_CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    requestTimeoutMs: {
      type: "integer",
      minimum: 100,
      maximum: 60000,
      default: 10000,
      description: "Per-attempt timeout of requests to the Octopus Server (ms).",
    },
  },
} as const;

/** DI token of {@link TemplateConfig} in this plugin's child container. */
export const TEMPLATE_CONFIG = Symbol.for("octopus-mcp-plugin-template.Config");

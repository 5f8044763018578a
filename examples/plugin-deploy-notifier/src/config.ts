/**
 * This plugin's config section (`plugins[].config` in the operator's host config), validated by
 * the host against {@link DEPLOY_NOTIFIER_CONFIG_SCHEMA} (defaults applied) before `onRegister`.
 * It holds credential IDs only: the webhook URL (which embeds a secret in Slack-style webhooks) and
 * the optional bearer token are resolved per call in the caller tenant's credential namespace.
 */

/** The validated config section. */
export interface DeployNotifierConfig {
  /** Credential ID whose secret is the webhook URL. Default `chat-webhook-url`. */
  readonly webhookUrlCredentialId: string;
  /** Credential ID of a bearer token sent as `Authorization: Bearer ...`; none when absent. */
  readonly tokenCredentialId?: string;
  /** Channel sent with each message unless the caller tenant or the call names another. */
  readonly defaultChannel?: string;
  /** Per-attempt timeout of the webhook request, in ms. Default 10000. */
  readonly requestTimeoutMs: number;
}

/** Per-caller-tenant overrides: `tenants.<id>.plugins.deploy_notifier` in the host config. */
export interface DeployNotifierTenantSettings {
  /** Channel for this caller tenant's messages. */
  readonly channel?: string;
}

/** JSON Schema of {@link DeployNotifierConfig}: every property described, no unknown keys. */
export const DEPLOY_NOTIFIER_CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    webhookUrlCredentialId: {
      type: "string",
      minLength: 1,
      default: "chat-webhook-url",
      description: "Credential ID of the chat webhook URL (the URL itself is a secret).",
    },
    tokenCredentialId: {
      type: "string",
      minLength: 1,
      description: "Credential ID of a bearer token for the webhook, when it needs one.",
    },
    defaultChannel: {
      type: "string",
      minLength: 1,
      maxLength: 80,
      description: "Channel for messages when neither the caller tenant nor the call names one.",
    },
    requestTimeoutMs: {
      type: "integer",
      minimum: 100,
      maximum: 60000,
      default: 10000,
      description: "Per-attempt timeout of the webhook request (ms).",
    },
  },
} as const;

/** DI token of {@link DeployNotifierConfig} in this plugin's child container. */
export const DEPLOY_NOTIFIER_CONFIG = Symbol.for("octopus-mcp-plugin-deploy-notifier.Config");

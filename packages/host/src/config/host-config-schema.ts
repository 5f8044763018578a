/**
 * JSON Schema (2020-12) of the host config file, published verbatim as
 * `schema/host-config.schema.json` (a test keeps the two equal; run the config tests with
 * `UPDATE_SCHEMA=1` to rewrite the file). Defaults are documented with `default` and applied by
 * the loader (Ajv `useDefaults`), and `additionalProperties: false` catches typos everywhere except
 * inside plugin-defined sections, which their plugins' own `configSchema` validates.
 *
 * Times are in milliseconds. Secrets never appear here: credentials are referenced by ID.
 */

import {
  auditSettingsSchema,
  authSettingsSchema,
  httpServerSettingsSchema,
} from "../transport/remote-config-schema.js";

const NAMESPACE_PATTERN = "^[a-z][a-z0-9_]*$";
/** Caller tenant IDs: JWT `tid` values such as GUIDs or slugs. */
const TENANT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$";
const CREDENTIAL_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

const credentialId = {
  type: "string",
  pattern: CREDENTIAL_ID_PATTERN,
  description:
    "ID of a credential (never the secret itself). Resolved per caller tenant from the environment " +
    "variable OCTOPUS_MCP_CREDENTIAL_<TENANT>__<ID> (or OCTOPUS_MCP_CREDENTIAL_<ID> for the local tenant) " +
    "or from the credentials file; <ID> is upper-cased with non-alphanumerics as '_'.",
} as const;

const httpUrl = (description: string) =>
  ({ type: "string", format: "uri", pattern: "^https?://", description }) as const;

const stringList = (description: string) =>
  ({ type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true, description }) as const;

const positiveMs = (description: string, defaultValue: number) =>
  ({ type: "integer", minimum: 1, maximum: 86_400_000, default: defaultValue, description }) as const;

const startFailure = {
  type: "string",
  enum: ["abort", "continue"],
  description:
    "What happens when a plugin fails to start: 'abort' stops the host, 'continue' serves without it.",
} as const;

export const hostConfigSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Octopus MCP Host configuration",
  description:
    "Config file of the Octopus MCP Host (YAML or JSON). String values may use ${ENV_VAR} interpolation " +
    "($${ escapes it; scalars are coerced to the expected type); secrets are never allowed, reference credential IDs instead.",
  type: "object",
  additionalProperties: false,
  patternProperties: {
    "^x-": {
      description: "Ignored by the host: a place for YAML anchors that other sections reuse (<<: *anchor).",
    },
  },
  properties: {
    $schema: { type: "string", description: "URI of this schema, for editors. Ignored by the host." },
    localTenant: {
      type: "string",
      pattern: TENANT_ID_PATTERN,
      default: "default",
      description: "Caller tenant used in stdio mode (its settings come from tenants.<localTenant>).",
    },
    server: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "MCP server identity and the Streamable HTTP endpoint.",
      properties: {
        name: {
          type: "string",
          minLength: 1,
          default: "octopus-mcp",
          description: "Server name reported in the MCP initialize response.",
        },
        http: httpServerSettingsSchema,
      },
    },
    auth: authSettingsSchema,
    audit: auditSettingsSchema,
    logging: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Logs are JSON lines on stderr (stdout is the MCP channel in stdio mode) or in a file.",
      properties: {
        level: {
          type: "string",
          enum: ["trace", "debug", "info", "warn", "error", "fatal", "silent"],
          default: "info",
          description: "Minimum pino log level.",
        },
        pretty: {
          enum: [true, false, "auto"],
          default: "auto",
          description: "Human-readable logs (pino-pretty); 'auto' when stderr is a TTY.",
        },
        file: {
          type: "string",
          minLength: 1,
          description: "Write logs to this file instead of stderr (relative to the config file).",
        },
      },
    },
    lifecycle: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Plugin start and stop bounds.",
      properties: {
        startTimeoutMs: positiveMs("Bound of each plugin's onStartAsync, in ms.", 10_000),
        pluginStopTimeoutMs: positiveMs("Bound of each plugin's onStopAsync, in ms.", 10_000),
        stopTimeoutMs: positiveMs("Bound of the whole shutdown, in ms.", 30_000),
        onStartFailure: { ...startFailure, default: "abort" },
      },
    },
    calls: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Tool call limits.",
      properties: {
        timeoutMs: positiveMs(
          "Bound of one tool call, in ms (the handler's AbortSignal fires then).",
          60_000,
        ),
      },
    },
    http: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Outbound HTTP to Octopus, Argo CD and other upstreams.",
      properties: {
        timeoutMs: positiveMs("Bound of one request attempt, in ms.", 30_000),
        maxRetries: {
          type: "integer",
          minimum: 0,
          maximum: 10,
          default: 3,
          description:
            "Retries after the first attempt, for idempotent requests on 429/502/503/504 and network errors.",
        },
        initialBackoffMs: positiveMs("First retry delay in ms; grows exponentially with jitter.", 200),
        maxBackoffMs: positiveMs(
          "Upper bound of one retry delay or Retry-After wait, in ms; a longer Retry-After fails the request.",
          10_000,
        ),
        maxConcurrencyPerUpstream: {
          type: "integer",
          minimum: 1,
          maximum: 1024,
          default: 8,
          description: "Concurrent requests per (caller tenant, upstream origin); more wait in a queue.",
        },
        maxResponseBytes: {
          type: "integer",
          minimum: 1024,
          default: 33_554_432,
          description:
            "Largest response body read into memory, in bytes (streamed task logs are not limited); larger responses fail.",
        },
        breaker: {
          type: "object",
          additionalProperties: false,
          default: {},
          description: "Circuit breaker per (caller tenant, upstream origin).",
          properties: {
            consecutiveFailures: {
              type: "integer",
              minimum: 1,
              maximum: 1000,
              default: 5,
              description: "Consecutive failed requests that open the breaker.",
            },
            halfOpenAfterMs: positiveMs("Time the breaker stays open before a trial request, in ms.", 30_000),
          },
        },
      },
    },
    credentials: {
      type: "object",
      additionalProperties: false,
      default: {},
      description: "Where credential IDs are resolved to secrets.",
      properties: {
        env: {
          type: "boolean",
          default: true,
          description: "Read OCTOPUS_MCP_CREDENTIAL_* environment variables.",
        },
        file: {
          type: "string",
          minLength: 1,
          description:
            "YAML/JSON credentials file { tenants: { <tenantId>: { <credentialId>: secret } } } " +
            "(relative to the config file; must not be group/world readable: chmod 600).",
        },
      },
    },
    policy: {
      $ref: "#/$defs/accessPolicy",
      default: {},
      description: "Host-wide access policy (absent flags mean: not read-only, no deletes).",
    },
    tenants: {
      type: "object",
      default: {},
      description: "Caller tenants by ID (JWT tid in HTTP mode). In stdio mode only localTenant is used.",
      propertyNames: { pattern: TENANT_ID_PATTERN },
      additionalProperties: { $ref: "#/$defs/callerTenant" },
    },
    plugins: {
      type: "array",
      default: [],
      description: "Enabled plugins, started in this order and stopped in reverse.",
      items: { $ref: "#/$defs/pluginEntry" },
    },
  },
  $defs: {
    accessPolicy: {
      type: "object",
      additionalProperties: false,
      description: "Access policy. A caller tenant's policy can only tighten the host's.",
      properties: {
        readOnly: { type: "boolean", description: "Hide and block write and delete tools." },
        allowDeletes: {
          type: "boolean",
          description: "Serve delete tools (only when not read-only). Default false.",
        },
        plugins: {
          type: "array",
          items: { type: "string", pattern: NAMESPACE_PATTERN },
          uniqueItems: true,
          description: "Plugin namespaces that may be used; all when absent.",
        },
        tools: {
          type: "object",
          additionalProperties: false,
          description: "Tool allow/deny lists: exact names or 'namespace_*' globs. Deny wins.",
          properties: {
            allow: {
              type: "array",
              items: { type: "string", pattern: "^[a-z][a-z0-9_]*\\*?$" },
              description: "Only these tools are served.",
            },
            deny: {
              type: "array",
              items: { type: "string", pattern: "^[a-z][a-z0-9_]*\\*?$" },
              description: "These tools are never served.",
            },
          },
        },
      },
    },
    callerTenant: {
      type: "object",
      additionalProperties: false,
      description: "Settings of one caller tenant, as plugins see them through ITenantContext.settings.",
      properties: {
        octopus: {
          type: "object",
          additionalProperties: false,
          required: ["serverUrl", "credentialId"],
          description: "The Octopus Server this caller tenant talks to.",
          properties: {
            serverUrl: httpUrl("Base URL of the Octopus Server, without /api."),
            credentialId: credentialId,
            credentialType: {
              type: "string",
              enum: ["apiKey", "bearer"],
              description:
                "How the credential is sent: apiKey -> X-Octopus-ApiKey, bearer -> Authorization: Bearer. Default apiKey.",
            },
            spaces: stringList("Space names or IDs this tenant may use; all when absent."),
            defaultSpace: {
              type: "string",
              minLength: 1,
              description: "Space used when a tool call names none (name or ID).",
            },
          },
        },
        argocd: {
          type: "object",
          additionalProperties: false,
          required: ["instances"],
          description: "Argo CD instances this caller tenant may reach.",
          properties: {
            instances: {
              type: "array",
              description: "One entry per Argo CD instance.",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["name", "baseUrl", "credentialId"],
                properties: {
                  name: {
                    type: "string",
                    pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                    description: "Instance name used by tools.",
                  },
                  baseUrl: httpUrl("Base URL of Argo CD (the API is under /api/v1)."),
                  credentialId: credentialId,
                  environments: stringList(
                    "Octopus environment slugs this instance serves; all when absent.",
                  ),
                  octopusTenants: stringList("Octopus tenant slugs this instance serves; all when absent."),
                },
              },
            },
          },
        },
        git: {
          type: "object",
          additionalProperties: false,
          description: "Git access.",
          properties: {
            credentials: {
              type: "object",
              description: "Repository URL prefix -> credential ID.",
              additionalProperties: credentialId,
            },
          },
        },
        plugins: {
          type: "object",
          description: "Per-plugin overrides for this tenant, keyed by plugin namespace.",
          propertyNames: { pattern: NAMESPACE_PATTERN },
          additionalProperties: { type: "object" },
        },
        policy: {
          $ref: "#/$defs/accessPolicy",
          description: "This caller tenant's policy; it can only tighten the host-wide policy.",
        },
      },
    },
    pluginEntry: {
      type: "object",
      additionalProperties: false,
      description: "One plugin: exactly one of 'package' and 'path'.",
      oneOf: [{ required: ["package"] }, { required: ["path"] }],
      properties: {
        package: {
          type: "string",
          minLength: 1,
          description: "npm package name, resolved from the config file's folder, then the host's.",
        },
        path: {
          type: "string",
          minLength: 1,
          description: "Path to a module or package folder, relative to the config file.",
        },
        enabled: {
          type: "boolean",
          default: true,
          description: "Set false to keep the entry but not load it.",
        },
        onStartFailure: {
          ...startFailure,
          description: `${startFailure.description} Overrides lifecycle.onStartFailure.`,
        },
        config: {
          type: "object",
          default: {},
          description: "The plugin's own section, validated against its manifest.configSchema.",
        },
      },
    },
  },
} as const;

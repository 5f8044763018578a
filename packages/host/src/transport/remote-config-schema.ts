/**
 * JSON Schema (2020-12) fragments of the host-config sections read by the remote transport:
 * `server.http` ({@link HttpServerSettings}), `auth` ({@link AuthSettings}) and `audit`
 * ({@link AuditSettings}). Plugged into the host config schema (config/host-config-schema.ts), so
 * config files are validated, typo-checked and documented in one place. Times in ms, sizes in bytes.
 */
import { DEFAULT_JWT_ALGORITHMS } from "../auth/jwt-settings.js";

const uri = (description: string) =>
  ({ type: "string", format: "uri", pattern: "^https?://", description }) as const;

const nonEmptyStrings = (description: string) =>
  ({
    type: "array",
    minItems: 1,
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    description,
  }) as const;

const oneOrMany = (description: string) =>
  ({
    description,
    anyOf: [
      { type: "string", minLength: 1 },
      { type: "array", minItems: 1, items: { type: "string", minLength: 1 }, uniqueItems: true },
    ],
  }) as const;

/** `server.http` */
export const httpServerSettingsSchema = {
  type: "object",
  additionalProperties: false,
  description:
    "Streamable HTTP endpoint of `octopus-mcp serve --transport http` (MCP at `path`, plus /healthz, /readyz, /metrics).",
  properties: {
    host: {
      type: "string",
      minLength: 1,
      description:
        "Bind address. Default 127.0.0.1. Any non-loopback address needs `auth` and `allowedHosts`.",
    },
    port: {
      type: "integer",
      minimum: 0,
      maximum: 65535,
      description: "TCP port. Default 3000; 0 picks a free one.",
    },
    path: {
      type: "string",
      pattern: "^/[A-Za-z0-9._~/-]*$",
      description: "Path of the MCP endpoint. Default /mcp.",
    },
    mode: {
      type: "string",
      enum: ["stateless", "stateful"],
      description:
        "stateless (default): a new MCP server per request, any replica serves any request; write/delete " +
        "confirmation uses `confirm: true`. stateful: Mcp-Session-Id sessions bound to the caller; elicitation works.",
    },
    allowedHosts: nonEmptyStrings(
      "Host header values accepted (DNS-rebinding protection): `name` (any port) or `name:port`. Default: loopback " +
        'names. ["*"] turns the check off (only behind a proxy that validates Host).',
    ),
    allowedOrigins: nonEmptyStrings(
      "Origin header values accepted, exact. Default: origins whose host is in allowedHosts.",
    ),
    maxBodyBytes: {
      type: "integer",
      minimum: 1024,
      maximum: 67_108_864,
      description: "Largest request body. Default 1048576.",
    },
    drainTimeoutMs: {
      type: "integer",
      minimum: 0,
      maximum: 600_000,
      description: "How long shutdown waits for in-flight requests. Default 10000.",
    },
    sessionIdleTimeoutMs: {
      type: "integer",
      minimum: 1000,
      maximum: 86_400_000,
      description: "Stateful mode: idle time before a session is closed. Default 1800000.",
    },
    maxSessions: {
      type: "integer",
      minimum: 1,
      maximum: 1_000_000,
      description: "Stateful mode: most open sessions. Default 1000.",
    },
  },
} as const;

/** `auth` */
export const authSettingsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["jwt"],
  description:
    "Authentication of HTTP callers: `Authorization: Bearer <JWT>`; the caller tenant is the token's tid claim and " +
    "must be a key of `tenants`. Published to clients as RFC 9728 protected-resource metadata.",
  properties: {
    jwt: {
      type: "object",
      additionalProperties: false,
      required: ["issuer", "audience"],
      description: "How tokens are verified. Set exactly one of jwksUrl, publicKey, publicKeyJwk.",
      properties: {
        jwksUrl: uri("JWKS endpoint of the authorization server (https; http only on loopback)."),
        publicKey: {
          type: "string",
          minLength: 1,
          description: "PEM public key (-----BEGIN PUBLIC KEY-----). Never a private key.",
        },
        publicKeyJwk: {
          type: "object",
          required: ["kty"],
          properties: {
            kty: { type: "string", enum: ["RSA", "EC", "OKP"], description: "Key type (public keys only)." },
          },
          // The other members (n, e, crv, x, y, kid, alg, use) depend on kty; createPublicKey checks them.
          additionalProperties: true,
          description: "Public JWK (kty RSA, EC or OKP).",
        },
        issuer: oneOrMany("Accepted iss value(s)."),
        audience: oneOrMany("Accepted aud value(s), usually the endpoint's public URL."),
        algorithms: {
          type: "array",
          minItems: 1,
          uniqueItems: true,
          items: { type: "string", enum: [...DEFAULT_JWT_ALGORITHMS] },
          description:
            "Allowed JWS algorithms (asymmetric only; none and HS* are never accepted). Default: all listed here.",
        },
        clockToleranceSeconds: {
          type: "number",
          minimum: 0,
          maximum: 300,
          description: "Clock skew tolerated on exp/nbf, in seconds. Default 30.",
        },
        tenantClaim: {
          type: "string",
          minLength: 1,
          description: "Claim holding the caller tenant ID. Default tid.",
        },
        jwksTimeoutMs: {
          type: "integer",
          minimum: 1,
          maximum: 60_000,
          description: "Timeout of one JWKS fetch. Default 5000.",
        },
      },
    },
    resource: uri("The endpoint's public URL (RFC 8707 resource). Default: the listening URL."),
    authorizationServers: {
      type: "array",
      minItems: 1,
      items: uri("Issuer URL of an authorization server."),
      description: "Authorization servers announced in the metadata. Default: jwt.issuer.",
    },
    scopesSupported: nonEmptyStrings("Scopes clients may request."),
    resourceName: { type: "string", minLength: 1, description: "Name shown by clients." },
    resourceDocumentation: uri("URL of operator documentation."),
  },
} as const;

/** `audit` */
export const auditSettingsSchema = {
  type: "object",
  additionalProperties: false,
  description:
    "Audit log: one JSON line per tool call (time, caller tenant, subject, tool, access, confirmed how, outcome, " +
    "durationMs, argumentsSha256), never argument values. Off when neither file nor stream is set.",
  properties: {
    file: {
      type: "string",
      minLength: 1,
      description: "Append lines to this file (created with mode 0600).",
    },
    stream: {
      type: "string",
      enum: ["stderr", "stdout"],
      description:
        "Or write lines to a process stream (stdout only in HTTP mode: in stdio mode it carries the protocol).",
    },
  },
} as const;

/**
 * Authenticates the caller of an HTTP request from its `Authorization: Bearer <JWT>` header and
 * resolves the caller tenant (JWT `tid` claim by default). Verification uses jose (`jwtVerify`)
 * against a configured public key or a remote JWKS, checking signature, `iss`, `aud`, `exp`, `nbf`
 * and the allowed-algorithm list. Failures are {@link AuthenticationError}s carrying the HTTP
 * status and the RFC 6750 §3.1 error code; their descriptions never contain the token.
 */
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from "jose";
import type { KeyObject } from "node:crypto";
import {
  resolveJwtAuthSettings,
  type JwtAuthSettings,
  type ResolvedJwtAuthSettings,
} from "./jwt-settings.js";

/** The authenticated caller of one HTTP request. */
export interface AuthenticatedCaller {
  /** Caller tenant ID (the `tid` claim), a key of `tenants` in the host config. */
  readonly tenantId: string;
  /** JWT `sub`, when present. */
  readonly subject: string | undefined;
  /** OAuth client: `azp` or `client_id` claim, when present. */
  readonly clientId: string | undefined;
  /** `scope` (space separated) or `scp` claim. */
  readonly scopes: readonly string[];
  /** `exp`, in seconds since the epoch. */
  readonly expiresAt: number | undefined;
}

/**
 * Why a request was refused. `status` 401 (no/invalid token), 403 (valid token, caller tenant not
 * allowed) or 503 (keys could not be fetched). `oauthError` is the RFC 6750 error code for
 * `WWW-Authenticate`, absent when no credentials were sent (RFC 6750 §3.1).
 */
export class AuthenticationError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly oauthError: "invalid_token" | "invalid_request" | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AuthenticationError";
  }
}

/** Authenticates a request's `Authorization` header value. */
export interface CallerAuthenticator {
  /** @throws AuthenticationError */
  authenticate(authorization: string | undefined): Promise<AuthenticatedCaller>;
}

export interface JwtCallerAuthenticatorOptions {
  readonly settings: JwtAuthSettings;
  /** True when `tenantId` is declared in the host config (`tenants`); other tenants are refused (403). */
  readonly isKnownTenant: (tenantId: string) => boolean;
}

/** Longest accepted token, in bytes; bigger headers are refused before any parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/** jose-backed {@link CallerAuthenticator}. Construct once per host (the JWKS cache lives in it). */
export class JwtCallerAuthenticator implements CallerAuthenticator {
  readonly #settings: ResolvedJwtAuthSettings;
  readonly #key: KeyObject | ReturnType<typeof createRemoteJWKSet>;
  readonly #isKnownTenant: (tenantId: string) => boolean;

  /** @throws JwtSettingsError when the settings are invalid. */
  constructor(options: JwtCallerAuthenticatorOptions) {
    this.#settings = resolveJwtAuthSettings(options.settings);
    const source = this.#settings.keySource;
    this.#key =
      source.kind === "publicKey"
        ? source.key
        : createRemoteJWKSet(source.url, { timeoutDuration: this.#settings.jwksTimeoutMs });
    this.#isKnownTenant = options.isKnownTenant;
  }

  async authenticate(authorization: string | undefined): Promise<AuthenticatedCaller> {
    const token = bearerToken(authorization);
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      throw new AuthenticationError(401, "invalid_token", "The bearer token is not a well-formed JWT.", {
        cause: error,
      });
    }
    if (typeof header.alg !== "string" || header.alg.toLowerCase() === "none") {
      throw new AuthenticationError(401, "invalid_token", "Unsigned tokens (alg none) are not accepted.");
    }
    if (!this.#settings.algorithms.includes(header.alg)) {
      throw new AuthenticationError(
        401,
        "invalid_token",
        `The token's algorithm ${safe(header.alg)} is not allowed.`,
      );
    }

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#key as KeyObject, {
        issuer: this.#settings.issuer,
        audience: this.#settings.audience,
        algorithms: this.#settings.algorithms,
        clockTolerance: this.#settings.clockToleranceSeconds,
        requiredClaims: ["exp"],
      }));
    } catch (error) {
      throw mapVerificationError(error);
    }

    const tenantId = payload[this.#settings.tenantClaim];
    if (
      typeof tenantId !== "string" ||
      tenantId.length === 0 ||
      tenantId.length > 128 ||
      hasControlCharacter(tenantId)
    ) {
      throw new AuthenticationError(
        401,
        "invalid_token",
        `The token has no usable "${this.#settings.tenantClaim}" claim (the caller tenant).`,
      );
    }
    if (!this.#isKnownTenant(tenantId)) {
      throw new AuthenticationError(
        403,
        undefined,
        `Caller tenant ${safe(tenantId)} is not served by this host.`,
      );
    }
    return {
      tenantId,
      subject: typeof payload.sub === "string" ? payload.sub : undefined,
      clientId: stringClaim(payload, "azp") ?? stringClaim(payload, "client_id"),
      scopes: scopesOf(payload),
      expiresAt: payload.exp,
    };
  }
}

function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === "") {
    throw new AuthenticationError(
      401,
      undefined,
      "This endpoint needs an Authorization: Bearer <JWT> header.",
    );
  }
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(authorization);
  if (!match?.[1]) {
    throw new AuthenticationError(401, "invalid_request", "The Authorization header must be: Bearer <JWT>.");
  }
  if (match[1].length > MAX_TOKEN_LENGTH) {
    throw new AuthenticationError(401, "invalid_token", "The bearer token is too long.");
  }
  return match[1];
}

function mapVerificationError(error: unknown): AuthenticationError {
  if (error instanceof joseErrors.JWTExpired) {
    return new AuthenticationError(401, "invalid_token", "The token has expired.", { cause: error });
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const what =
      error.claim === "nbf"
        ? "The token is not valid yet (nbf is in the future)."
        : error.claim === "iss"
          ? "The token's issuer (iss) is not accepted."
          : error.claim === "aud"
            ? "The token's audience (aud) is not this server."
            : `The token's ${safe(error.claim)} claim is not accepted.`;
    return new AuthenticationError(401, "invalid_token", what, { cause: error });
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AuthenticationError(401, "invalid_token", "The token's algorithm is not allowed.", {
      cause: error,
    });
  }
  if (error instanceof joseErrors.JWKSTimeout) {
    return new AuthenticationError(
      503,
      undefined,
      "The authorization server's keys could not be fetched in time; retry later.",
      {
        cause: error,
      },
    );
  }
  if (error instanceof joseErrors.JOSEError) {
    // Signature failures, unknown key IDs, malformed tokens, key/algorithm mismatch (HS/RS confusion).
    return new AuthenticationError(401, "invalid_token", "The token could not be verified.", {
      cause: error,
    });
  }
  return new AuthenticationError(
    503,
    undefined,
    "The token could not be verified now (key retrieval failed); retry later.",
    {
      cause: error,
    },
  );
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" ? value : undefined;
}

function scopesOf(payload: JWTPayload): string[] {
  const scope = payload["scope"];
  if (typeof scope === "string") return scope.split(" ").filter((s) => s.length > 0);
  const scp = payload["scp"];
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === "string");
  return [];
}

/** Token-controlled text is cut and stripped of quotes so it is safe in a header and a log line. */
function safe(text: string): string {
  return JSON.stringify(
    [...text]
      .filter((c) => c !== '"' && c !== "\\" && c.charCodeAt(0) >= 0x20)
      .join("")
      .slice(0, 64),
  );
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

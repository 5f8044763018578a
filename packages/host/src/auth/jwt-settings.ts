/**
 * Settings of JWT caller-tenant authentication (`auth.jwt` in the host config) and their
 * validation. Only asymmetric algorithms are accepted: a symmetric (HS*) key would be a shared
 * secret, which never belongs in a config file, and allowing HS256 next to RS256 or ES256 opens the classic
 * "HS256 signed with the public key" confusion attack. `none` is never accepted.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";

/** Asymmetric JWS algorithms (RFC 7518 §3.1, RFC 8037) accepted when `algorithms` is not configured. */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
];

/** Claim carrying the caller tenant ID unless configured otherwise. */
export const DEFAULT_TENANT_CLAIM = "tid";

/** `auth.jwt` as written by the operator. Exactly one of `jwksUrl`, `publicKey`, `publicKeyJwk`. */
export interface JwtAuthSettings {
  /** JWKS endpoint of the authorization server, e.g. `https://login.example.com/.well-known/jwks.json`. */
  readonly jwksUrl?: string;
  /** A PEM public key (`-----BEGIN PUBLIC KEY-----`, SPKI). Never a private key. */
  readonly publicKey?: string;
  /** A public JWK (kty RSA, EC or OKP). */
  readonly publicKeyJwk?: Readonly<Record<string, unknown>>;
  /** Accepted `iss` value(s). Required. */
  readonly issuer: string | readonly string[];
  /** Accepted `aud` value(s), usually the MCP endpoint's public URL. Required. */
  readonly audience: string | readonly string[];
  /** Allowed JWS algorithms; asymmetric only. Default {@link DEFAULT_JWT_ALGORITHMS}. */
  readonly algorithms?: readonly string[];
  /** Clock skew tolerated on `exp`/`nbf`/`iat`, in seconds. Default 30. */
  readonly clockToleranceSeconds?: number;
  /** Claim holding the caller tenant ID. Default `tid`. */
  readonly tenantClaim?: string;
  /** Timeout of one JWKS fetch, in ms. Default 5000. */
  readonly jwksTimeoutMs?: number;
}

/** The verification key: a fixed public key, or a remote JWKS URL. */
export type JwtKeySource =
  { readonly kind: "publicKey"; readonly key: KeyObject } | { readonly kind: "jwks"; readonly url: URL };

/** Settings after validation, with defaults applied. */
export interface ResolvedJwtAuthSettings {
  readonly keySource: JwtKeySource;
  readonly issuer: string | string[];
  readonly audience: string | string[];
  readonly algorithms: string[];
  readonly clockToleranceSeconds: number;
  readonly tenantClaim: string;
  readonly jwksTimeoutMs: number;
}

/** Invalid `auth.jwt` settings. `problems` lists each one with its fix. */
export class JwtSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid auth.jwt settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "JwtSettingsError";
  }
}

/**
 * Validates `auth.jwt` and applies defaults.
 * @throws JwtSettingsError listing every problem (missing key source, private or symmetric key,
 *   `none`/HS* algorithms, missing issuer/audience, bad numbers).
 */
export function resolveJwtAuthSettings(settings: JwtAuthSettings): ResolvedJwtAuthSettings {
  const problems: string[] = [];
  const sources = [settings.jwksUrl, settings.publicKey, settings.publicKeyJwk].filter(
    (s) => s !== undefined,
  );
  if (sources.length !== 1) {
    problems.push(
      "set exactly one of jwksUrl, publicKey (PEM) or publicKeyJwk to say how tokens are verified",
    );
  }
  let keySource: JwtKeySource | undefined;
  if (settings.jwksUrl !== undefined) keySource = jwksSource(settings.jwksUrl, problems);
  else if (settings.publicKey !== undefined) keySource = pemSource(settings.publicKey, problems);
  else if (settings.publicKeyJwk !== undefined) keySource = jwkSource(settings.publicKeyJwk, problems);

  const issuer = nonEmptyList(settings.issuer, "issuer", problems);
  const audience = nonEmptyList(settings.audience, "audience", problems);
  const algorithms = [...(settings.algorithms ?? DEFAULT_JWT_ALGORITHMS)];
  if (algorithms.length === 0)
    problems.push("algorithms is empty; list at least one asymmetric algorithm, e.g. RS256");
  for (const alg of algorithms) {
    if (alg.toLowerCase() === "none") {
      problems.push('algorithm "none" is never accepted (unsigned tokens); remove it from algorithms');
    } else if (/^HS\d+$/i.test(alg)) {
      problems.push(
        `algorithm "${alg}" is symmetric: its key would be a shared secret and it enables HS/RS confusion; ` +
          "use an asymmetric algorithm (RS256, PS256, ES256, EdDSA)",
      );
    } else if (!DEFAULT_JWT_ALGORITHMS.includes(alg)) {
      problems.push(`algorithm "${alg}" is not supported; use one of ${DEFAULT_JWT_ALGORITHMS.join(", ")}`);
    }
  }
  const clockToleranceSeconds = settings.clockToleranceSeconds ?? 30;
  if (!Number.isFinite(clockToleranceSeconds) || clockToleranceSeconds < 0 || clockToleranceSeconds > 300) {
    problems.push("clockToleranceSeconds must be a number of seconds between 0 and 300");
  }
  const tenantClaim = settings.tenantClaim ?? DEFAULT_TENANT_CLAIM;
  if (!/^[A-Za-z0-9_:.\-/]{1,128}$/.test(tenantClaim))
    problems.push(`tenantClaim "${tenantClaim}" is not a claim name`);
  const jwksTimeoutMs = settings.jwksTimeoutMs ?? 5000;
  if (!Number.isInteger(jwksTimeoutMs) || jwksTimeoutMs <= 0)
    problems.push("jwksTimeoutMs must be a positive integer (ms)");

  if (problems.length > 0 || keySource === undefined || issuer === undefined || audience === undefined) {
    throw new JwtSettingsError(problems);
  }
  return { keySource, issuer, audience, algorithms, clockToleranceSeconds, tenantClaim, jwksTimeoutMs };
}

function jwksSource(value: string, problems: string[]): JwtKeySource | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`jwksUrl "${value}" is not a URL; give the authorization server's JWKS endpoint`);
    return undefined;
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    problems.push(`jwksUrl must use https (plain http is accepted for loopback only), got ${url.protocol}`);
    return undefined;
  }
  return { kind: "jwks", url };
}

function pemSource(pem: string, problems: string[]): JwtKeySource | undefined {
  if (/PRIVATE KEY/.test(pem)) {
    problems.push(
      "publicKey holds a PRIVATE key; configure only the public key (-----BEGIN PUBLIC KEY-----)",
    );
    return undefined;
  }
  try {
    const key = createPublicKey(pem);
    return { kind: "publicKey", key };
  } catch {
    problems.push(
      "publicKey is not a readable PEM public key; expected -----BEGIN PUBLIC KEY----- ... (SPKI)",
    );
    return undefined;
  }
}

function jwkSource(jwk: Readonly<Record<string, unknown>>, problems: string[]): JwtKeySource | undefined {
  if (jwk["kty"] === "oct") {
    problems.push("publicKeyJwk is a symmetric (kty oct) key; configure an RSA, EC or OKP public key");
    return undefined;
  }
  if ("d" in jwk || "p" in jwk || "q" in jwk) {
    problems.push("publicKeyJwk contains private key members (d/p/q); configure only the public JWK");
    return undefined;
  }
  try {
    // The cast is the documented input shape of createPublicKey({ format: "jwk" }).
    const key = createPublicKey({ key: jwk as unknown as JsonWebKey, format: "jwk" });
    return { kind: "publicKey", key };
  } catch {
    problems.push(
      "publicKeyJwk is not a valid public JWK (need kty and its public members, e.g. n/e or crv/x/y)",
    );
    return undefined;
  }
}

function nonEmptyList(
  value: string | readonly string[] | undefined,
  name: string,
  problems: string[],
): string | string[] | undefined {
  const list = typeof value === "string" ? [value] : value ? [...value] : [];
  if (list.length === 0 || list.some((v) => typeof v !== "string" || v.trim() === "")) {
    problems.push(`${name} is required: the ${name === "issuer" ? "iss" : "aud"} value(s) tokens must carry`);
    return undefined;
  }
  return typeof value === "string" ? value : list;
}

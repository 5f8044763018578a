/** Real keys and signed JWTs for auth tests (generated per test run with jose; nothing checked in). */
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

export const ISSUER = "https://login.example.test/";
export const AUDIENCE = "https://mcp.example.test/mcp";

export interface KeyFixture {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicPem: string;
  readonly publicJwk: Record<string, unknown>;
}

export async function rsaKeys(): Promise<KeyFixture> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    privateKey,
    publicKey,
    publicPem: await exportSPKI(publicKey),
    publicJwk: { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" },
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A valid RS256 token for `tid` unless `overrides` say otherwise (`undefined` removes a claim). */
export async function signToken(
  keys: KeyFixture,
  claims: Partial<Record<"tid" | "sub" | "iss" | "aud" | "exp" | "nbf", string | number | undefined>> = {},
  header: { alg?: string; kid?: string } = {},
): Promise<string> {
  const payload: JWTPayload = {
    tid: "acme",
    sub: "user-1",
    iss: ISSUER,
    aud: AUDIENCE,
    exp: nowSeconds() + 600,
    iat: nowSeconds(),
  };
  for (const [key, value] of Object.entries(claims)) {
    if (value === undefined) delete payload[key];
    else payload[key] = value;
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: header.alg ?? "RS256", kid: header.kid ?? "test-key" })
    .sign(keys.privateKey);
}

/** The classic confusion attack: HS256 with the server's public key PEM as the HMAC secret. */
export async function hs256WithPublicKey(keys: KeyFixture): Promise<string> {
  return new SignJWT({ tid: "acme", sub: "attacker", iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 600 })
    .setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode(keys.publicPem));
}

/** An unsigned token (`alg: none`, empty signature). */
export function unsignedToken(): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64({ tid: "acme", sub: "attacker", iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 600 })}.`;
}

export const secondsFromNow = (s: number) => nowSeconds() + s;

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, JwtCallerAuthenticator } from "../../src/auth/jwt-caller-authenticator.js";
import { JwtSettingsError, resolveJwtAuthSettings } from "../../src/auth/jwt-settings.js";
import {
  AUDIENCE,
  ISSUER,
  hs256WithPublicKey,
  rsaKeys,
  secondsFromNow,
  signToken,
  unsignedToken,
  type KeyFixture,
} from "./jwt-fixtures.js";

let keys: KeyFixture;
let otherKeys: KeyFixture;
let authenticator: JwtCallerAuthenticator;

beforeAll(async () => {
  keys = await rsaKeys();
  otherKeys = await rsaKeys();
  authenticator = new JwtCallerAuthenticator({
    settings: { publicKey: keys.publicPem, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 0 },
    isKnownTenant: (tid) => tid === "acme" || tid === "globex",
  });
});

async function refusal(authorization: string | undefined): Promise<AuthenticationError> {
  const error = await authenticator.authenticate(authorization).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

describe("JwtCallerAuthenticator", () => {
  it("accepts a valid RS256 token and returns the caller tenant and subject", async () => {
    const caller = await authenticator.authenticate(
      `Bearer ${await signToken(keys, { tid: "globex", sub: "alice" })}`,
    );
    expect(caller).toMatchObject({ tenantId: "globex", subject: "alice", scopes: [] });
    expect(caller.expiresAt).toBeGreaterThan(secondsFromNow(500));
  });

  it("refuses a missing header without an OAuth error code (RFC 6750 §3.1)", async () => {
    const error = await refusal(undefined);
    expect([error.status, error.oauthError]).toEqual([401, undefined]);
  });

  it("refuses a non-Bearer header", async () => {
    const error = await refusal("Basic dXNlcjpwYXNz");
    expect([error.status, error.oauthError]).toEqual([401, "invalid_request"]);
  });

  const attacks: [string, () => Promise<string>, RegExp][] = [
    ["alg none", () => Promise.resolve(unsignedToken()), /alg none/],
    [
      "HS256 signed with the public key (HS/RS confusion)",
      () => hs256WithPublicKey(keys),
      /algorithm "HS256" is not allowed/,
    ],
    ["a token signed by another key", () => signToken(otherKeys), /could not be verified/],
    ["wrong issuer", () => signToken(keys, { iss: "https://evil.example/" }), /issuer/],
    ["wrong audience", () => signToken(keys, { aud: "https://other.example/mcp" }), /audience/],
    ["expired", () => signToken(keys, { exp: secondsFromNow(-60) }), /expired/],
    [
      "not yet valid (nbf in the future)",
      () => signToken(keys, { nbf: secondsFromNow(300) }),
      /not valid yet/,
    ],
    ["no exp claim", () => signToken(keys, { exp: undefined }), /exp/],
    ["missing tid", () => signToken(keys, { tid: undefined }), /"tid" claim/],
    ["garbage", () => Promise.resolve("not.a.jwt"), /well-formed/],
  ];
  for (const [name, make, message] of attacks) {
    it(`refuses ${name} with 401 invalid_token`, async () => {
      const error = await refusal(`Bearer ${await make()}`);
      expect(error.status).toBe(401);
      expect(error.oauthError).toBe("invalid_token");
      expect(error.message).toMatch(message);
    });
  }

  it("refuses a caller tenant that is not configured with 403", async () => {
    const error = await refusal(`Bearer ${await signToken(keys, { tid: "initech" })}`);
    expect(error.status).toBe(403);
    expect(error.message).toContain('"initech"');
  });

  it("never puts the token into the error message", async () => {
    const token = await signToken(keys, { exp: secondsFromNow(-60) });
    const error = await refusal(`Bearer ${token}`);
    expect(error.message).not.toContain(token.split(".")[2]);
  });
});

describe("JwtCallerAuthenticator with a JWKS URL", () => {
  let jwks: Server;
  let jwksUrl: string;
  beforeAll(async () => {
    jwks = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ keys: [keys.publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

  it("verifies tokens against keys fetched from the JWKS", async () => {
    const auth = new JwtCallerAuthenticator({
      settings: { jwksUrl, issuer: ISSUER, audience: AUDIENCE },
      isKnownTenant: () => true,
    });
    await expect(auth.authenticate(`Bearer ${await signToken(keys)}`)).resolves.toMatchObject({
      tenantId: "acme",
    });
    const error = await auth
      .authenticate(`Bearer ${await signToken(otherKeys, {}, { kid: "unknown" })}`)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, oauthError: "invalid_token" });
  });
});

describe("JwtCallerAuthenticator with an unreachable JWKS", () => {
  it("answers 503 (retry later), not 401, when the keys cannot be fetched", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const auth = new JwtCallerAuthenticator({
      settings: { jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: ISSUER, audience: AUDIENCE },
      isKnownTenant: () => true,
    });
    const error = await auth.authenticate(`Bearer ${await signToken(keys)}`).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
  });
});

describe("resolveJwtAuthSettings", () => {
  const base = { issuer: ISSUER, audience: AUDIENCE };
  const problemsOf = (settings: Parameters<typeof resolveJwtAuthSettings>[0]): string => {
    try {
      resolveJwtAuthSettings(settings);
    } catch (error) {
      expect(error).toBeInstanceOf(JwtSettingsError);
      return (error as JwtSettingsError).message;
    }
    throw new Error("expected JwtSettingsError");
  };

  it("applies defaults: asymmetric algorithms only, tid claim, 30 s tolerance", () => {
    const resolved = resolveJwtAuthSettings({ ...base, publicKey: keys.publicPem });
    expect(resolved.algorithms).toContain("RS256");
    expect(resolved.algorithms.some((a) => a.startsWith("HS") || a === "none")).toBe(false);
    expect([resolved.tenantClaim, resolved.clockToleranceSeconds]).toEqual(["tid", 30]);
  });

  it("refuses none and HS algorithms", () => {
    const text = problemsOf({ ...base, publicKey: keys.publicPem, algorithms: ["none", "HS256", "RS256"] });
    expect(text).toContain('"none" is never accepted');
    expect(text).toContain('"HS256" is symmetric');
  });

  it("refuses private keys, symmetric JWKs and missing key sources", async () => {
    const { privateKey } = await rsaKeys();
    const { exportPKCS8 } = await import("jose");
    expect(problemsOf({ ...base, publicKey: await exportPKCS8(privateKey) })).toContain("PRIVATE key");
    expect(problemsOf({ ...base, publicKeyJwk: { kty: "oct", k: "c2VjcmV0" } })).toContain("symmetric");
    expect(problemsOf({ ...base })).toContain("exactly one of jwksUrl");
    expect(problemsOf({ ...base, jwksUrl: "http://idp.example.com/jwks" })).toContain("https");
  });

  it("requires issuer and audience", () => {
    const text = problemsOf({ publicKey: keys.publicPem, issuer: "", audience: [] });
    expect(text).toContain("issuer is required");
    expect(text).toContain("audience is required");
  });

  it("accepts a public JWK", () => {
    expect(resolveJwtAuthSettings({ ...base, publicKeyJwk: keys.publicJwk }).keySource.kind).toBe(
      "publicKey",
    );
  });
});

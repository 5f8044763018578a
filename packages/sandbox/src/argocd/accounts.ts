import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ArgoApiError, GrpcCode, permissionDenied } from "./api-error.js";

/** RBAC grant of an account: `(resource, action)` on AppProjects (`*` = all), like a `policy.csv` line. */
export interface Grant {
  resource: "applications" | "clusters" | "logs" | "projects";
  action: "get" | "sync" | "action" | "override";
  /** AppProject names; `*` matches every project. */
  projects: string[];
}

/** A local Argo CD account with an API key (argocd.md §1). */
export interface Account {
  name: string;
  /** Bearer token (a HS256 JWT signed with the instance's key, as `argocd account generate-token` makes). */
  token: string;
  /** Issue time of the token, seconds since the epoch (shown in permission-denied messages). */
  iat: number;
  grants: Grant[];
}

/** Fixed issue time of sandbox tokens (2026-11-01T00:00:00Z). */
const ISSUED_AT = 1_793_491_200;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** Deterministic HS256 JWT for an account of an instance; the key only depends on instance name and seed. */
function mintToken(instance: string, account: string, seed: number): string {
  const key = createHash("sha256").update(`octopus-mcp-sandbox:${instance}:${seed}`).digest();
  const jti = createHash("sha256").update(`${instance}:${account}:${seed}`).digest("hex").slice(0, 32);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: "argocd",
      sub: `${account}:apiKey`,
      nbf: ISSUED_AT,
      iat: ISSUED_AT,
      jti: jti.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
    }),
  );
  const signature = createHmac("sha256", key).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/**
 * The accounts of one instance:
 * - `octopus`: the grants Octopus recommends (applications get+sync, clusters get, logs get on `*`);
 * - `viewer`: applications and logs `get` on the `storefront` AppProject only, no sync (for 403 cases).
 */
export function instanceAccounts(instance: string, seed: number): Account[] {
  return [
    {
      name: "octopus",
      token: mintToken(instance, "octopus", seed),
      iat: ISSUED_AT,
      grants: [
        { resource: "applications", action: "get", projects: ["*"] },
        { resource: "applications", action: "sync", projects: ["*"] },
        { resource: "clusters", action: "get", projects: ["*"] },
        { resource: "logs", action: "get", projects: ["*"] },
        { resource: "projects", action: "get", projects: ["*"] },
      ],
    },
    {
      name: "viewer",
      token: mintToken(instance, "viewer", seed),
      iat: ISSUED_AT,
      grants: [
        { resource: "applications", action: "get", projects: ["storefront"] },
        { resource: "logs", action: "get", projects: ["storefront"] },
      ],
    },
  ];
}

/**
 * Resolves the account of an `Authorization` header value.
 *
 * @throws ArgoApiError code 16 (HTTP 401) with Argo's messages: "no session information" without a
 *   token, "invalid session: …" for a malformed or unknown token.
 */
export function authenticate(accounts: readonly Account[], authorization: string | undefined): Account {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (!token) throw new ArgoApiError(GrpcCode.Unauthenticated, "no session information");
  if (token.split(".").length !== 3) {
    throw new ArgoApiError(
      GrpcCode.Unauthenticated,
      "invalid session: token contains an invalid number of segments",
    );
  }
  const given = Buffer.from(token);
  for (const account of accounts) {
    const expected = Buffer.from(account.token);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return account;
  }
  throw new ArgoApiError(GrpcCode.Unauthenticated, "invalid session: token signature is invalid");
}

/** Whether `account` may do `action` on `resource` in AppProject `project`. */
export function can(
  account: Account,
  resource: Grant["resource"],
  action: Grant["action"],
  project: string,
): boolean {
  return account.grants.some(
    (g) =>
      g.resource === resource &&
      g.action === action &&
      (g.projects.includes("*") || g.projects.includes(project)),
  );
}

/**
 * Throws Argo's RBAC error, e.g. `permission denied: applications, sync, storefront/cart-dev, sub: viewer, iat: …`.
 *
 * @throws ArgoApiError code 7 (HTTP 403) when the account lacks the grant.
 */
export function enforce(
  account: Account,
  resource: Grant["resource"],
  action: Grant["action"],
  project: string,
  object: string,
): void {
  if (can(account, resource, action, project)) return;
  const iat = new Date(account.iat * 1000).toISOString().replace(".000Z", "Z");
  throw permissionDenied(`${resource}, ${action}, ${project}/${object}, sub: ${account.name}, iat: ${iat}`);
}

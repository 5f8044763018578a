import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArgoCdClient } from "../../src/argocd/argocd-client.js";
import { mapArgoCdResponse } from "../../src/argocd/error-mapping.js";
import { FetchHttpClient, MapCredentials } from "../helpers/fetch-http-client.js";

let server: Server;
let baseUrl: string;

// A local stand-in answering like Argo CD (and like an SSO proxy) per application name.
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== "Bearer good")
      return json(401, {
        code: 16,
        error: "invalid session: token is expired",
        message: "invalid session: token is expired",
      });
    if (url.pathname === "/login") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end("<!DOCTYPE html><html><body>Sign in with SSO</body></html>");
    }
    if (url.pathname.startsWith("/api/v1/applications/secret"))
      return json(403, { code: 7, error: "permission denied", message: "permission denied" });
    if (url.pathname === "/api/v1/applications/busy/sync") {
      return json(400, {
        code: 9,
        error: "another operation is already in progress",
        message: "another operation is already in progress",
      });
    }
    if (url.pathname === "/api/v1/applications/sso") {
      res.writeHead(302, { location: "/login?state=abc123" });
      return res.end();
    }
    if (url.pathname === "/api/v1/applications/boom") return json(500, { code: 13, message: "internal" });
    if (url.pathname === "/api/v1/applications/ok") return json(200, { metadata: { name: "ok" } });
    json(404, { code: 5, message: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function client(token = "good") {
  return new ArgoCdClient(
    { name: "main", baseUrl, credentialId: "argocd-main" },
    new FetchHttpClient(),
    new MapCredentials({ "argocd-main": token }),
    new AbortController().signal,
  );
}

describe("Argo CD error mapping against a local server", () => {
  it("401: token invalid or expired, naming the credential ID to rotate", async () => {
    const error = await client("expired")
      .getApplication({ name: "ok" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unauthorized" });
    expect((error as Error).message).toMatch(/invalid or expired.*credential "argocd-main"/);
    expect((error as Error).message).not.toContain('expired"');
  });

  it("403 on get: missing or no permission, saying Argo CD hides which", async () => {
    const error = await client()
      .getApplication({ name: "secret" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found" });
    expect((error as Error).message).toMatch(
      /does not exist, or the token has no permission.*does not say which/,
    );
  });

  it("403 on sync: forbidden, with the RBAC hint", async () => {
    const error = await client()
      .sync({ name: "secret" }, {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "forbidden" });
    expect((error as Error).message).toMatch(/does not say which/);
  });

  it("FailedPrecondition 'another operation is already in progress' is a retryable conflict", async () => {
    const error = await client()
      .sync({ name: "busy" }, {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict", retryAfterSeconds: 10 });
    expect((error as { toBody(): unknown }).toBody()).toMatchObject({ error: "conflict", retry_after: 10 });
  });

  it("a redirect to an HTML login page is reported as an SSO proxy, never parsed as JSON", async () => {
    const error = await client()
      .getApplication({ name: "sso" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unauthorized" });
    expect((error as Error).message).toMatch(/HTML page instead of JSON.*SSO or identity-aware proxy/);
  });

  it("5xx is upstream_unavailable; success returns the body", async () => {
    await expect(client().getApplication({ name: "boom" })).rejects.toMatchObject({
      code: "upstream_unavailable",
    });
    await expect(client().getApplication({ name: "ok" })).resolves.toEqual({ metadata: { name: "ok" } });
  });
});

describe("mapArgoCdResponse", () => {
  const subject = { instance: "main", credentialId: "c", action: "get", application: "a" };
  it("reports a raw 302 with its target's path but not its query", () => {
    const error = mapArgoCdResponse(
      { status: 302, headers: new Headers({ location: "https://sso.example.com/auth?token=xyz" }), body: "" },
      subject,
    );
    expect(error?.code).toBe("unauthorized");
    expect(error?.message).toContain("https://sso.example.com/auth");
    expect(error?.message).not.toContain("xyz");
  });
  it("treats 503 with gRPC PermissionDenied like 403", () => {
    const error = mapArgoCdResponse(
      { status: 503, headers: new Headers(), body: { code: 7, message: "permission denied" } },
      subject,
    );
    expect(error?.code).toBe("not_found");
  });
  it("maps an HTML body served as 200 without content type", () => {
    const error = mapArgoCdResponse(
      { status: 200, headers: new Headers(), body: "<html><body>login</body></html>" },
      subject,
    );
    expect(error?.code).toBe("unauthorized");
  });
});

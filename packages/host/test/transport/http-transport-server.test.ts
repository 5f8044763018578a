import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JwtCallerAuthenticator } from "../../src/auth/jwt-caller-authenticator.js";
import { ConfirmationGate } from "../../src/confirmation/confirmation-gate.js";
import { HostMetrics } from "../../src/metrics/host-metrics.js";
import {
  HttpTransportServer,
  type HttpTransportServerOptions,
} from "../../src/transport/http-transport-server.js";
import {
  AUDIENCE,
  ISSUER,
  hs256WithPublicKey,
  rsaKeys,
  secondsFromNow,
  signToken,
  unsignedToken,
  type KeyFixture,
} from "../auth/jwt-fixtures.js";
import { INITIALIZE_BODY, rawRequest } from "./raw-http.js";
import { testMcpServerFactory, type TestServerControls } from "./test-mcp-server.js";

let keys: KeyFixture;
let authenticator: JwtCallerAuthenticator;
const servers: HttpTransportServer[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  keys = await rsaKeys();
  authenticator = new JwtCallerAuthenticator({
    settings: { publicKey: keys.publicPem, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 0 },
    isKnownTenant: (tid) => tid === "acme" || tid === "globex",
  });
});

afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await Promise.allSettled(servers.splice(0).map((s) => s.close()));
});

async function start(
  overrides: Partial<HttpTransportServerOptions> = {},
): Promise<{ server: HttpTransportServer; url: string; controls: TestServerControls }> {
  const { factory, controls } = testMcpServerFactory(new ConfirmationGate());
  const server = new HttpTransportServer({
    createMcpServer: factory,
    port: 0,
    authenticator,
    protectedResource: {
      resource: AUDIENCE,
      authorizationServers: [ISSUER],
      resourceName: "Octopus MCP (test)",
    },
    drainTimeoutMs: 2000,
    ...overrides,
  });
  servers.push(server);
  const url = await server.listen();
  return { server, url, controls };
}

async function connect(url: string, token: string, elicit?: () => ElicitResult): Promise<Client> {
  const client = new Client(
    { name: "test", version: "1.0.0" },
    { capabilities: elicit ? { elicitation: {} } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, () => elicit());
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const structured = (result: unknown) =>
  (result as CallToolResult).structuredContent as Record<string, unknown>;
const deployArgs = { version: "1.4.2", project: "Checkout", environment: "Production" };

describe("Streamable HTTP endpoint (stateless)", () => {
  it("binds 127.0.0.1 and serves tools to the authenticated caller tenant", async () => {
    const { url, controls } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connect(url, await signToken(keys, { tid: "globex", sub: "alice" }));
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(["test_whoami", "test_deploy", "test_slow"]);
    const result = await client.callTool({ name: "test_whoami", arguments: {} });
    expect(structured(result)).toEqual({
      tenantId: "globex",
      subject: "alice",
      fromAuthInfo: { tenantId: "globex", subject: "alice" },
    });
    // Stateless: one Server per POST (initialize, initialized notification, tools/list, tools/call).
    expect(controls.callers.length).toBeGreaterThanOrEqual(3);
    expect(controls.callers.every((c) => c.tenantId === "globex")).toBe(true);
  });

  it("answers GET and DELETE with 405", async () => {
    const { url } = await start();
    const token = await signToken(keys);
    for (const method of ["GET", "DELETE"]) {
      const res = await rawRequest(url, { method, headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(405);
      expect(res.headers["allow"]).toBe("POST");
    }
  });

  it("falls back to confirm: true for write tools (client capabilities are unknown without a session)", async () => {
    const { url } = await start();
    const client = await connect(url, await signToken(keys), () => ({
      action: "accept",
      content: { approve: true },
    }));
    const refused = await client.callTool({ name: "test_deploy", arguments: deployArgs });
    expect(refused.isError).toBe(true);
    expect(structured(refused)).toMatchObject({
      error: "confirmation_required",
      details: {
        summary: "Deploy Release 1.4.2 of Checkout to Production",
        reason: "confirm_argument_missing",
      },
    });
    const accepted = await client.callTool({
      name: "test_deploy",
      arguments: { ...deployArgs, confirm: true },
    });
    expect(structured(accepted)).toEqual({ deployed: true, confirmedHow: "confirm_argument" });
  });
});

describe("JWT caller authentication over HTTP", () => {
  const metadataUrl = "https://mcp.example.test/.well-known/oauth-protected-resource/mcp";

  it("refuses a request without a token with 401 and a resource_metadata challenge", async () => {
    const { url } = await start();
    const res = await rawRequest(url, { body: INITIALIZE_BODY });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe(`Bearer resource_metadata="${metadataUrl}"`);
  });

  const attacks: [string, () => Promise<string>][] = [
    ["alg none", () => Promise.resolve(unsignedToken())],
    ["HS256 signed with the public key", () => hs256WithPublicKey(keys)],
    ["wrong issuer", () => signToken(keys, { iss: "https://evil.example/" })],
    ["wrong audience", () => signToken(keys, { aud: "https://evil.example/mcp" })],
    ["expired", () => signToken(keys, { exp: secondsFromNow(-120) })],
    ["nbf in the future", () => signToken(keys, { nbf: secondsFromNow(600) })],
    ["missing tid", () => signToken(keys, { tid: undefined })],
  ];
  for (const [name, make] of attacks) {
    it(`refuses ${name} with 401 invalid_token`, async () => {
      const { url } = await start();
      const token = await make();
      const res = await rawRequest(url, {
        body: INITIALIZE_BODY,
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(
        new RegExp(
          `^Bearer resource_metadata="${metadataUrl.replace(/[.]/g, "\\.")}", error="invalid_token", error_description="[^"]+"$`,
        ),
      );
      expect(res.json<{ error: { code: number } }>().error.code).toBe(-32000);
      expect(res.text).not.toContain(token);
    });
  }

  it("refuses a caller tenant that is not configured with 403", async () => {
    const { url } = await start();
    const res = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { Authorization: `Bearer ${await signToken(keys, { tid: "initech" })}` },
    });
    expect(res.status).toBe(403);
    expect(res.json<{ error: { message: string } }>().error.message).toContain("initech");
  });

  it("serves RFC 9728 protected-resource metadata at both well-known paths", async () => {
    const { url } = await start();
    for (const path of [
      "/.well-known/oauth-protected-resource/mcp",
      "/.well-known/oauth-protected-resource",
    ]) {
      const res = await rawRequest(url, { method: "GET", path });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({
        resource: AUDIENCE,
        authorization_servers: [ISSUER],
        bearer_methods_supported: ["header"],
        resource_name: "Octopus MCP (test)",
      });
    }
  });
});

describe("request hygiene", () => {
  it("refuses a foreign Host or Origin (DNS rebinding) with 403 and accepts loopback names", async () => {
    const { url } = await start();
    const port = new URL(url).port;
    const auth = { Authorization: `Bearer ${await signToken(keys)}` };
    const evilHost = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { ...auth, Host: "evil.example.com" },
    });
    expect(evilHost.status).toBe(403);
    expect(evilHost.text).toContain("Host header");
    const evilOrigin = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { ...auth, Host: `localhost:${port}`, Origin: "http://evil.example.com" },
    });
    expect(evilOrigin.status).toBe(403);
    const local = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { ...auth, Host: `localhost:${port}`, Origin: `http://localhost:${port}` },
    });
    expect(local.status).toBe(200);
  });

  it("refuses bodies over the limit with 413 and malformed JSON with 400", async () => {
    const { url } = await start({ maxBodyBytes: 16 * 1024 });
    const auth = { Authorization: `Bearer ${await signToken(keys)}` };
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "test_whoami", arguments: { pad: "x".repeat(32 * 1024) } },
    });
    const tooBig = await rawRequest(url, { body: big, headers: auth });
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain("16384 bytes");
    const chunked = await rawRequest(url, {
      body: big,
      headers: { ...auth, "Transfer-Encoding": "chunked" },
    });
    expect(chunked.status).toBe(413);
    const garbage = await rawRequest(url, { body: "{not json", headers: auth });
    expect(garbage.status).toBe(400);
    expect(garbage.json<{ error: { code: number } }>().error.code).toBe(-32700);
  });

  it("refuses unsafe setups: non-loopback without allowed hosts, or without authentication", () => {
    const { factory } = testMcpServerFactory(new ConfirmationGate());
    expect(
      () => new HttpTransportServer({ createMcpServer: factory, host: "0.0.0.0", authenticator }),
    ).toThrow(/allowedHosts/);
    expect(
      () =>
        new HttpTransportServer({
          createMcpServer: factory,
          host: "0.0.0.0",
          allowedHosts: ["mcp.example.com"],
        }),
    ).toThrow(/auth/);
    expect(
      () =>
        new HttpTransportServer({
          createMcpServer: factory,
          host: "10.0.0.5",
          anonymousTenant: "default",
          allowedHosts: ["x"],
        }),
    ).toThrow(/without authentication/);
  });
});

describe("health, readiness and metrics", () => {
  it("moves /readyz from 503 (starting) to 200 (every required plugin started) to 503 (shutting down)", async () => {
    const state = { started: false, tasks: "starting", argocd: "starting" };
    const { server, url } = await start({
      readiness: {
        started: () => state.started,
        states: () => [
          { name: "tasks", state: state.tasks },
          {
            name: "argocd",
            state: state.argocd,
            ...(state.argocd === "failed" ? { error: "no Argo CD" } : {}),
          },
        ],
        isRequired: (p) => p.name === "tasks",
      },
    });
    const readyz = () => rawRequest(url, { method: "GET", path: "/readyz" });
    expect((await rawRequest(url, { method: "GET", path: "/healthz" })).status).toBe(200);
    let res = await readyz();
    expect([res.status, res.json()["status"]]).toEqual([503, "starting"]);
    state.started = true;
    res = await readyz();
    expect([res.status, res.json()["status"]]).toEqual([503, "not_ready"]);
    state.tasks = "started";
    state.argocd = "failed";
    res = await readyz();
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      ready: true,
      status: "ready",
      plugins: [
        { name: "tasks", state: "started", required: true },
        { name: "argocd", state: "failed", required: false, error: "no Argo CD" },
      ],
    });
    server.beginShutdown();
    res = await readyz();
    expect([res.status, res.json()["status"]]).toEqual([503, "shutting_down"]);
    const mcp = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { Authorization: `Bearer ${await signToken(keys)}` },
    });
    expect(mcp.status).toBe(503);
  });

  it("serves Prometheus text at /metrics with request counts", async () => {
    const metrics = new HostMetrics({
      processMetrics: false,
      pluginStates: () => [{ name: "tasks", state: "started" }],
    });
    const { url } = await start({ metrics });
    await rawRequest(url, { body: INITIALIZE_BODY });
    const client = await connect(url, await signToken(keys));
    await client.callTool({ name: "test_whoami", arguments: {} });
    const res = await rawRequest(url, { method: "GET", path: "/metrics" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.text).toContain('octopus_mcp_http_requests_total{route="mcp",status="401"} 1');
    expect(res.text).toMatch(/octopus_mcp_http_requests_total\{route="mcp",status="200"\} [1-9]/);
    expect(res.text).toContain('octopus_mcp_plugin_state{plugin="tasks",state="started"} 1');
  });
});

describe("/metrics with a token", () => {
  const token = "0123456789abcdef-metrics";

  it("answers 401 without or with a wrong bearer token and 200 with the right one", async () => {
    const metrics = new HostMetrics({ processMetrics: false });
    const { url } = await start({ metrics, metricsToken: token });
    const scrape = (headers: Record<string, string> = {}) =>
      rawRequest(url, { method: "GET", path: "/metrics", headers });
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
    expect(missing.text).not.toContain("octopus_mcp_");
    expect((await scrape({ Authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await scrape({ Authorization: token })).status).toBe(401);
    const ok = await scrape({ Authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    // The refused scrapes were counted, under their own status.
    expect(ok.text).toContain('octopus_mcp_http_requests_total{route="metrics",status="401"} 3');
  });

  it("leaves /healthz and /readyz open", async () => {
    const { url } = await start({ metrics: new HostMetrics({ processMetrics: false }), metricsToken: token });
    expect((await rawRequest(url, { method: "GET", path: "/healthz" })).status).toBe(200);
  });
});

describe("graceful drain", () => {
  it("lets an in-flight call finish, refuses new work, then closes", async () => {
    const { server, url, controls } = await start();
    const client = await connect(url, await signToken(keys));
    const slow = client.callTool({ name: "test_slow", arguments: {} });
    await controls.slowStarted;
    const closing = server.close();
    expect(server.isShuttingDown).toBe(true);
    const refused = await rawRequest(url, { body: INITIALIZE_BODY }).then(
      (r) => r.status,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect([503, "ECONNREFUSED", "ECONNRESET"]).toContain(refused);
    controls.releaseSlow();
    const result = (await slow) as CallToolResult;
    expect(result.content).toEqual([{ type: "text", text: "done" }]);
    await expect(closing).resolves.toEqual({ drained: true });
  });
});

afterAll(async () => {
  await Promise.allSettled(servers.map((s) => s.close()));
});

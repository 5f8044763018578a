/**
 * Two caller tenants served concurrently over HTTP by one host, each mapped to its own sandbox
 * Octopus Server with its own API key: no response, log line, credential or circuit breaker of
 * one reaches the other. The plugin is a small real one that talks to Octopus through the host's
 * HttpClient and credential resolver, as first-party plugins do.
 */
import "reflect-metadata";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ICredentialResolver, HttpClient, ToolCallContext } from "@octopus-mcp/core";
import { startSandbox, type Sandbox } from "@octopus-mcp/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../src/audit/audit-log.js";
import { defaultHostConfig } from "../../src/config/load-config.js";
import { StaticCredentialResolver } from "../../src/credentials/static-credential-resolver.js";
import { createCallGovernance } from "../../src/transport/call-governance.js";
import { startHttpHost, type HttpHost } from "../../src/transport/http-host.js";
import { AUDIENCE, ISSUER, rsaKeys, signToken, type KeyFixture } from "../auth/jwt-fixtures.js";
import { fixturePlugin } from "../fixtures/fixture-plugins.js";
import { rawRequest } from "./raw-http.js";

const KEY_A = "API-TENANTAAAAAAAAAAAAAAAAAAAAAA";
const KEY_B = "API-TENANTBBBBBBBBBBBBBBBBBBBBBB";

let keys: KeyFixture;
let sandboxA: Sandbox;
let sandboxB: Sandbox;
let http: HttpHost;
const logText: string[] = [];
const clients: Client[] = [];

function spacesPlugin() {
  let credentials!: ICredentialResolver;
  let client!: HttpClient;
  return fixturePlugin({
    namespace: "iso",
    onStart: async (context) => {
      credentials = context.credentials;
      client = context.http;
    },
    tools: [
      {
        name: "iso_list_spaces",
        description: "Lists the spaces of the caller tenant's Octopus Server.",
        access: "read",
        inputSchema: { type: "object", additionalProperties: false },
        handler: async (_args: Record<string, never>, ctx: ToolCallContext) => {
          const octopus = ctx.tenant.settings.octopus!;
          const apiKey = await credentials.getPasswordAsync(octopus.credentialId);
          const response = await client.request<{ Items: { Name: string }[] }>({
            url: `${octopus.serverUrl}/api/spaces`,
            headers: { "X-Octopus-ApiKey": apiKey },
            signal: ctx.signal,
            upstreamName: "Octopus",
          });
          ctx.logger.info({ spaces: response.body.Items.length }, "listed spaces");
          return {
            tenantId: ctx.tenant.tenantId,
            serverUrl: octopus.serverUrl,
            spaces: response.body.Items.map((s) => s.Name),
          };
        },
      },
    ],
  });
}

beforeAll(async () => {
  keys = await rsaKeys();
  [sandboxA, sandboxB] = await Promise.all([
    startSandbox({ seed: 1, apiKey: KEY_A }),
    startSandbox({ seed: 2, apiKey: KEY_B }),
  ]);
  const config = defaultHostConfig({
    logging: { level: "debug", pretty: false },
    credentials: { env: false },
    http: {
      maxRetries: 1,
      initialBackoffMs: 1,
      maxBackoffMs: 2,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 600_000 },
    },
    tenants: {
      acme: { octopus: { serverUrl: sandboxA.octopusUrl, credentialId: "octopus" } },
      globex: { octopus: { serverUrl: sandboxB.octopusUrl, credentialId: "octopus" } },
    },
  });
  http = await startHttpHost({
    config,
    http: { port: 0 },
    auth: { jwt: { publicKey: keys.publicPem, issuer: ISSUER, audience: AUDIENCE } },
    governance: createCallGovernance({ env: {}, auditSink: new MemoryAuditSink(), processMetrics: false }),
    hostOptions: {
      plugins: [{ plugin: spacesPlugin() }],
      credentials: (deps) =>
        new StaticCredentialResolver({ acme: { octopus: KEY_A }, globex: { octopus: KEY_B } }, deps),
      logDestination: { write: (chunk: string) => (logText.push(chunk), true) },
    },
  });
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await http?.stop();
  await Promise.allSettled([sandboxA?.stop(), sandboxB?.stop()]);
});

async function connect(tid: string): Promise<Client> {
  const client = new Client({ name: tid, version: "1.0.0" });
  const token = await signToken(keys, { tid, sub: `${tid}-user` });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(http.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const data = (r: unknown) => (r as CallToolResult).structuredContent as Record<string, unknown>;

describe("two caller tenants against two sandboxes", () => {
  it("keeps responses, credentials, log lines and circuit breakers apart under concurrency", async () => {
    const [acme, globex] = await Promise.all([connect("acme"), connect("globex")]);
    const calls = Array.from({ length: 12 }, (_, i): { tid: string; client: Client } =>
      i % 2 === 0 ? { tid: "acme", client: acme } : { tid: "globex", client: globex },
    );
    const results = await Promise.all(
      calls.map(async ({ tid, client }) => ({
        tid,
        result: await client.callTool({ name: "iso_list_spaces", arguments: {} }),
      })),
    );
    for (const { tid, result } of results) {
      expect(result.isError).toBeFalsy();
      expect(data(result)).toMatchObject({
        tenantId: tid,
        serverUrl: tid === "acme" ? sandboxA.octopusUrl : sandboxB.octopusUrl,
      });
      expect((data(result)["spaces"] as string[]).length).toBeGreaterThan(0);
    }

    // Log lines: each call's lines carry its own tenant and never the other tenant's server; no key appears.
    const lines = logText
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const ofTenant = (tid: string) =>
      lines.filter((l) => l["tenantId"] === tid).map((l) => JSON.stringify(l));
    expect(ofTenant("acme").length).toBeGreaterThan(0);
    expect(ofTenant("globex").length).toBeGreaterThan(0);
    expect(ofTenant("acme").some((l) => l.includes(sandboxB.octopusUrl))).toBe(false);
    expect(ofTenant("globex").some((l) => l.includes(sandboxA.octopusUrl))).toBe(false);
    expect(logText.join("")).not.toContain(KEY_A);
    expect(logText.join("")).not.toContain(KEY_B);

    // Globex's upstream goes down: its breaker opens; Acme's calls are unaffected.
    await sandboxB.stop();
    for (let i = 0; i < 3; i++) {
      const failed = await globex.callTool({ name: "iso_list_spaces", arguments: {} });
      expect(data(failed)).toMatchObject({ error: "upstream_unavailable" });
    }
    const stillFine = await acme.callTool({ name: "iso_list_spaces", arguments: {} });
    expect(data(stillFine)).toMatchObject({ tenantId: "acme", serverUrl: sandboxA.octopusUrl });
    const metrics = (await rawRequest(http.url, { method: "GET", path: "/metrics" })).text;
    expect(metrics).toContain(
      `octopus_mcp_upstream_breaker_state{caller_tenant="globex",upstream="${sandboxB.octopusUrl}"} 2`,
    );
    expect(metrics).not.toContain(
      `octopus_mcp_upstream_breaker_state{caller_tenant="acme",upstream="${sandboxA.octopusUrl}"} 2`,
    );
  });
});

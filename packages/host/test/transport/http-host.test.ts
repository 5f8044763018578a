import "reflect-metadata";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { ToolCallContext } from "@octopus-mcp/core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../src/audit/audit-log.js";
import { defaultHostConfig } from "../../src/config/load-config.js";
import type { HostConfigInput } from "../../src/config/types.js";
import { StaticCredentialResolver } from "../../src/credentials/static-credential-resolver.js";
import { createCallGovernance } from "../../src/transport/call-governance.js";
import { startHttpHost, type HttpHost, type HttpServerSettings } from "../../src/transport/http-host.js";
import { AUDIENCE, ISSUER, rsaKeys, signToken, type KeyFixture } from "../auth/jwt-fixtures.js";
import { fixturePlugin, type AnyTool } from "../fixtures/fixture-plugins.js";
import { INITIALIZE_BODY, rawRequest } from "./raw-http.js";

const SECRET = "API-TOPSECRET0123456789";
let keys: KeyFixture;
const running: HttpHost[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  keys = await rsaKeys();
});
afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await Promise.allSettled(running.splice(0).map((h) => h.stop()));
});

const objectSchema = (properties: Record<string, unknown> = {}) => ({
  type: "object",
  properties,
  additionalProperties: false,
});

/** Tools of every tier; each returns what it saw so tests can check tenant scope and arguments. */
function tools(seen: Record<string, unknown>[]): AnyTool[] {
  const record = (name: string) => (args: Record<string, unknown>, ctx: ToolCallContext) => {
    const entry = { tool: name, args, tenantId: ctx.tenant.tenantId, subject: ctx.tenant.subject ?? null };
    seen.push(entry);
    return entry;
  };
  return [
    {
      name: "demo_whoami",
      description: "Who is calling.",
      access: "read",
      inputSchema: objectSchema(),
      handler: record("demo_whoami"),
    },
    {
      name: "demo_deploy",
      description: "Deploy a release.",
      access: "write",
      inputSchema: objectSchema({
        version: { type: "string", description: "Release version" },
        note: { type: "string", description: "Free text" },
      }),
      confirmationMessage: (a: { version?: string }) =>
        `Deploy Release ${a.version ?? "?"} of Checkout to Production`,
      handler: record("demo_deploy"),
    },
    {
      name: "demo_delete",
      description: "Delete a thing.",
      access: "delete",
      inputSchema: objectSchema(),
      handler: record("demo_delete"),
    },
  ];
}

async function start(
  options: {
    config?: HostConfigInput;
    http?: HttpServerSettings;
    env?: NodeJS.ProcessEnv;
    onStart?: () => Promise<void>;
    onListening?: (url: string) => void;
  } = {},
): Promise<{ http: HttpHost; seen: Record<string, unknown>[]; audit: MemoryAuditSink }> {
  const seen: Record<string, unknown>[] = [];
  const audit = new MemoryAuditSink();
  const config = defaultHostConfig({
    logging: { level: "warn", pretty: false },
    credentials: { env: false },
    policy: { allowDeletes: true },
    tenants: {
      acme: {},
      globex: { policy: { readOnly: true } },
      initech: { policy: { allowDeletes: false } },
    },
    ...options.config,
  });
  const governance = createCallGovernance({
    env: options.env ?? {},
    auditSink: audit,
    processMetrics: false,
  });
  const http = await startHttpHost({
    config,
    http: { port: 0, ...options.http },
    auth: { jwt: { publicKey: keys.publicPem, issuer: ISSUER, audience: AUDIENCE }, resource: AUDIENCE },
    governance,
    ...(options.onListening ? { onListening: options.onListening } : {}),
    hostOptions: {
      plugins: [
        {
          plugin: fixturePlugin({
            namespace: "demo",
            tools: tools(seen),
            ...(options.onStart ? { onStart: options.onStart } : {}),
          }),
        },
      ],
      credentials: (deps) => new StaticCredentialResolver({ acme: { octopus: SECRET } }, deps),
      logDestination: { write: () => true },
    },
  });
  running.push(http);
  return { http, seen, audit };
}

async function connect(
  url: string,
  claims: { tid: string; sub?: string },
  elicit?: () => ElicitResult,
): Promise<Client> {
  const client = new Client(
    { name: "test", version: "1.0.0" },
    { capabilities: elicit ? { elicitation: {} } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, () => elicit());
  const token = await signToken(keys, claims);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const body = (result: unknown): Record<string, unknown> => {
  const r = result as CallToolResult;
  return (r.structuredContent ?? JSON.parse((r.content[0] as { text: string }).text)) as Record<
    string,
    unknown
  >;
};

describe("host served over Streamable HTTP", () => {
  it("runs each call in the caller tenant of its JWT", async () => {
    const { http } = await start();
    const acme = await connect(http.url, { tid: "acme", sub: "alice" });
    const globex = await connect(http.url, { tid: "globex", sub: "bob" });
    const [a, g] = await Promise.all([
      acme.callTool({ name: "demo_whoami", arguments: {} }),
      globex.callTool({ name: "demo_whoami", arguments: {} }),
    ]);
    expect(body(a)).toMatchObject({ tenantId: "acme", subject: "alice" });
    expect(body(g)).toMatchObject({ tenantId: "globex", subject: "bob" });
  });

  it("hides and blocks write and delete tools for a read-only tenant, and delete without allow-deletes", async () => {
    const { http, seen } = await start();
    const listed = async (tid: string) =>
      (await (await connect(http.url, { tid })).listTools()).tools.map((t) => t.name);
    expect(await listed("acme")).toEqual(["demo_delete", "demo_deploy", "demo_whoami"]);
    expect(await listed("globex")).toEqual(["demo_whoami"]);
    expect(await listed("initech")).toEqual(["demo_deploy", "demo_whoami"]);

    const globex = await connect(http.url, { tid: "globex" });
    for (const name of ["demo_deploy", "demo_delete"]) {
      const result = await globex.callTool({ name, arguments: { confirm: true } });
      expect([result.isError, body(result)["error"]]).toEqual([true, "read_only"]);
    }
    const initech = await connect(http.url, { tid: "initech" });
    const del = await initech.callTool({ name: "demo_delete", arguments: { confirm: true } });
    expect([del.isError, body(del)["error"]]).toEqual([true, "read_only"]);
    expect(seen).toEqual([]);
  });

  it("requires confirm: true for write calls over stateless HTTP and strips it before the handler", async () => {
    const { http, seen, audit } = await start();
    const client = await connect(http.url, { tid: "acme", sub: "alice" });
    const deploy = (await client.listTools()).tools.find((t) => t.name === "demo_deploy");
    expect(deploy?.inputSchema.properties).toHaveProperty("confirm.type", "boolean");

    const refused = await client.callTool({
      name: "demo_deploy",
      arguments: { version: "1.4.2", note: SECRET },
    });
    expect(body(refused)).toMatchObject({
      error: "confirmation_required",
      details: { summary: "Deploy Release 1.4.2 of Checkout to Production" },
    });
    expect(seen).toEqual([]);

    const done = await client.callTool({
      name: "demo_deploy",
      arguments: { version: "1.4.2", note: SECRET, confirm: true },
    });
    expect(done.isError).toBeFalsy();
    expect(seen).toEqual([
      { tool: "demo_deploy", args: { version: "1.4.2", note: SECRET }, tenantId: "acme", subject: "alice" },
    ]);

    const records = audit.records();
    expect(
      records.map((r) => [r.tool, r.callerTenantId, r.subject, r.access, r.confirmedHow, r.outcome]),
    ).toEqual([
      ["demo_deploy", "acme", "alice", "write", null, "confirmation_required"],
      ["demo_deploy", "acme", "alice", "write", "confirm_argument", "success"],
    ]);
    expect(audit.lines.join("")).not.toContain(SECRET);
    expect(records[1]?.argumentsSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("confirms write calls through elicitation in stateful mode", async () => {
    const { http, seen, audit } = await start({ http: { mode: "stateful" } });
    const accepting = await connect(http.url, { tid: "acme" }, () => ({
      action: "accept",
      content: { approve: true },
    }));
    expect(
      body(await accepting.callTool({ name: "demo_deploy", arguments: { version: "2.0.0" } })),
    ).toMatchObject({ tool: "demo_deploy" });
    const declining = await connect(http.url, { tid: "acme" }, () => ({ action: "decline" }));
    expect(
      body(await declining.callTool({ name: "demo_deploy", arguments: { version: "2.0.1" } })),
    ).toMatchObject({
      error: "confirmation_required",
      details: { reason: "declined" },
    });
    expect(seen.map((s) => s["args"])).toEqual([{ version: "2.0.0" }]);
    expect(audit.records().map((r) => [r.confirmedHow, r.outcome])).toEqual([
      ["elicitation", "success"],
      [null, "confirmation_required"],
    ]);
  });

  it("skips confirmation with OCTOPUS_MCP_SKIP_CONFIRMATION=true", async () => {
    const { http, audit } = await start({ env: { OCTOPUS_MCP_SKIP_CONFIRMATION: "true" } });
    const client = await connect(http.url, { tid: "acme" });
    expect((await client.callTool({ name: "demo_deploy", arguments: { version: "3" } })).isError).toBeFalsy();
    expect(audit.records()[0]).toMatchObject({ confirmedHow: "skipped", outcome: "success" });
  });

  it("is not ready and refuses MCP requests until the plugins started, and counts calls in /metrics", async () => {
    let release!: () => void;
    const pluginGate = new Promise<void>((resolve) => (release = resolve));
    let listening!: (url: string) => void;
    const urlPromise = new Promise<string>((resolve) => (listening = resolve));
    const starting = start({ onStart: () => pluginGate, onListening: listening });
    const url = await urlPromise;
    const early = await rawRequest(url, { method: "GET", path: "/readyz" });
    expect([early.status, early.json()["status"]]).toEqual([503, "starting"]);
    expect((await rawRequest(url, { method: "GET", path: "/healthz" })).status).toBe(200);
    const mcp = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { Authorization: `Bearer ${await signToken(keys)}` },
    });
    expect(mcp.status).toBe(503);
    release();
    const http = (await starting).http;
    expect((await rawRequest(http.url, { method: "GET", path: "/readyz" })).status).toBe(200);
    const client = await connect(http.url, { tid: "acme" });
    await client.callTool({ name: "demo_whoami", arguments: {} });
    const metrics = await rawRequest(http.url, { method: "GET", path: "/metrics" });
    expect(metrics.text).toContain(
      'octopus_mcp_tool_calls_total{tool="demo_whoami",plugin="demo",outcome="success"} 1',
    );
    expect(metrics.text).toContain(
      'octopus_mcp_plugin_state{plugin="@fixtures/plugin-demo",state="started"} 1',
    );
    expect(metrics.text).toContain("octopus_mcp_ready 1");
    const stopping = http.stop();
    expect((await stopping).report.clean).toBe(true);
    expect(
      await rawRequest(http.url, { body: INITIALIZE_BODY }).catch((e: NodeJS.ErrnoException) => e.code),
    ).toBe("ECONNREFUSED");
  });
});

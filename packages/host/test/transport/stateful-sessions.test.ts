import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { JwtCallerAuthenticator } from "../../src/auth/jwt-caller-authenticator.js";
import { ConfirmationGate } from "../../src/confirmation/confirmation-gate.js";
import { HttpTransportServer } from "../../src/transport/http-transport-server.js";
import { AUDIENCE, ISSUER, rsaKeys, signToken, type KeyFixture } from "../auth/jwt-fixtures.js";
import { INITIALIZE_BODY, rawRequest } from "./raw-http.js";
import { testMcpServerFactory } from "./test-mcp-server.js";

let keys: KeyFixture;
let server: HttpTransportServer | undefined;
const clients: Client[] = [];

beforeAll(async () => {
  keys = await rsaKeys();
});

afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
});

async function start(): Promise<string> {
  const { factory } = testMcpServerFactory(new ConfirmationGate());
  server = new HttpTransportServer({
    createMcpServer: factory,
    port: 0,
    mode: "stateful",
    authenticator: new JwtCallerAuthenticator({
      settings: { publicKey: keys.publicPem, issuer: ISSUER, audience: AUDIENCE },
      isKnownTenant: (tid) => tid === "acme" || tid === "globex",
    }),
  });
  return server.listen();
}

async function connect(
  url: string,
  token: string,
  elicit?: (request: ElicitRequest) => ElicitResult,
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client(
    { name: "test", version: "1.0.0" },
    { capabilities: elicit ? { elicitation: {} } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request));
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

const structured = (result: unknown) =>
  (result as CallToolResult).structuredContent as Record<string, unknown>;
const deployArgs = { version: "1.4.2", project: "Checkout", environment: "Production" };

describe("stateful Streamable HTTP sessions", () => {
  it("issues a session id and confirms write calls through elicitation: accepted", async () => {
    const url = await start();
    const asked: ElicitRequest[] = [];
    const { client, transport } = await connect(url, await signToken(keys), (request) => {
      asked.push(request);
      return { action: "accept", content: { approve: true } };
    });
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const result = await client.callTool({ name: "test_deploy", arguments: deployArgs });
    expect(structured(result)).toEqual({ deployed: true, confirmedHow: "elicitation" });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.params.message).toBe("Deploy Release 1.4.2 of Checkout to Production. Do you approve?");
  });

  for (const [answer, reason] of [
    [{ action: "decline" }, "declined"],
    [{ action: "cancel" }, "cancelled"],
  ] as const) {
    it(`returns confirmation_required when the user answers ${answer.action}`, async () => {
      const url = await start();
      const { client } = await connect(url, await signToken(keys), () => answer);
      const result = await client.callTool({
        name: "test_deploy",
        arguments: { ...deployArgs, confirm: true },
      });
      expect(result.isError).toBe(true);
      expect(structured(result)).toMatchObject({ error: "confirmation_required", details: { reason } });
    });
  }

  it("uses the confirm: true fallback for a session whose client declared no elicitation", async () => {
    const url = await start();
    const { client } = await connect(url, await signToken(keys));
    expect(structured(await client.callTool({ name: "test_deploy", arguments: deployArgs }))).toMatchObject({
      error: "confirmation_required",
    });
    expect(
      structured(await client.callTool({ name: "test_deploy", arguments: { ...deployArgs, confirm: true } })),
    ).toEqual({
      deployed: true,
      confirmedHow: "confirm_argument",
    });
  });

  it("does not let another caller tenant (or subject) use a session", async () => {
    const url = await start();
    const { transport } = await connect(url, await signToken(keys, { tid: "acme", sub: "alice" }));
    const sessionId = transport.sessionId!;
    const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} });
    const headers = (token: string) => ({
      Authorization: `Bearer ${token}`,
      "Mcp-Session-Id": sessionId,
      "MCP-Protocol-Version": "2025-11-25",
    });
    const otherTenant = await rawRequest(url, {
      body: list,
      headers: headers(await signToken(keys, { tid: "globex", sub: "alice" })),
    });
    expect(otherTenant.status).toBe(404);
    const otherSubject = await rawRequest(url, {
      body: list,
      headers: headers(await signToken(keys, { tid: "acme", sub: "mallory" })),
    });
    expect(otherSubject.status).toBe(404);
    const owner = await rawRequest(url, {
      body: list,
      headers: headers(await signToken(keys, { tid: "acme", sub: "alice" })),
    });
    expect(owner.status).toBe(200);
    expect(owner.text).toContain("test_whoami");
  });

  it("requires a session id after initialize and ends sessions on DELETE", async () => {
    const url = await start();
    const token = await signToken(keys);
    const noSession = await rawRequest(url, {
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} }),
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(noSession.status).toBe(400);
    const init = await rawRequest(url, {
      body: INITIALIZE_BODY,
      headers: { Authorization: `Bearer ${token}` },
    });
    const sessionId = init.headers["mcp-session-id"] as string;
    expect(sessionId).toBeTruthy();
    const headers = {
      Authorization: `Bearer ${token}`,
      "Mcp-Session-Id": sessionId,
      "MCP-Protocol-Version": "2025-11-25",
    };
    const del = await rawRequest(url, { method: "DELETE", headers });
    expect(del.text).toBe("");
    expect(del.status).toBe(200);
    const after = await rawRequest(url, {
      body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list", params: {} }),
      headers,
    });
    expect(after.status).toBe(404);
  });
});

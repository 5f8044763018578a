import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ElicitRequestSchema,
  ListToolsRequestSchema,
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { HostServer, LazyJsonSchemaValidator, isPlainJsonRpcRequest } from "../../src/mcp/host-server.js";

const request = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "t", arguments: { a: 1 } },
  ...extra,
});

/** Requests the fast path must take (the common shapes clients send). */
const plainRequests: unknown[] = [
  request(),
  request({ id: "abc" }),
  request({ id: 0 }),
  request({ id: -7 }),
  { jsonrpc: "2.0", id: 2, method: "ping" },
  { jsonrpc: "2.0", id: 3, method: "tools/list", params: {} },
  request({ params: { name: "t", _meta: { progressToken: "p-1" } } }),
  request({ params: { name: "t", _meta: { progressToken: 9, other: true } } }),
  Object.assign(Object.create(null) as object, request()),
];

/** Messages the fast path must leave to the SDK (not requests, or requests it is unsure of). */
const otherMessages: unknown[] = [
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", id: 1, result: {} },
  { jsonrpc: "2.0", id: 1, error: { code: -32601, message: "Method not found" } },
  { jsonrpc: "2.0", id: 1, method: "x", result: {} },
  request({ id: 1.5 }),
  request({ id: Number.MAX_SAFE_INTEGER + 1 }),
  request({ id: null }),
  request({ jsonrpc: "1.0" }),
  request({ method: 5 }),
  request({ params: [1, 2] }),
  request({ params: null }),
  request({ params: "x" }),
  request({ extra: true }),
  request({ params: { _meta: { progressToken: 1.5 } } }),
  request({ params: { _meta: { progressToken: {} } } }),
  request({ params: { _meta: "x" } }),
  request({ params: { _meta: { "io.modelcontextprotocol/related-task": { taskId: "t1" } } } }),
  request({ params: new Map() }),
  Object.assign(new (class Message {})(), request()),
  [request()],
  null,
  "request",
  42,
];

describe("isPlainJsonRpcRequest", () => {
  it("takes the common request shapes", () => {
    for (const message of plainRequests)
      expect(isPlainJsonRpcRequest(message), JSON.stringify(message)).toBe(true);
  });

  it("leaves responses, notifications and doubtful requests to the SDK", () => {
    for (const message of otherMessages) expect(isPlainJsonRpcRequest(message), String(message)).toBe(false);
  });

  it("accepts only what the SDK's own guards classify as a request and as no response", () => {
    // Pins the subset against the installed SDK: an SDK upgrade that narrows its schemas fails here.
    for (const message of [...plainRequests, ...otherMessages]) {
      if (!isPlainJsonRpcRequest(message)) continue;
      expect(isJSONRPCRequest(message), JSON.stringify(message)).toBe(true);
      expect(isJSONRPCResultResponse(message)).toBe(false);
      expect(isJSONRPCErrorResponse(message)).toBe(false);
    }
  });
});

/** A server with a tool that echoes its arguments, and one handler that always throws. */
function serve<T extends Server>(server: T): T {
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
  server.setRequestHandler(CallToolRequestSchema, (req) => ({
    content: [{ type: "text", text: JSON.stringify(req.params.arguments ?? null) }],
  }));
  return server;
}

/** Sends raw messages to a connected server and collects what it answers. */
async function exchange(server: Server, messages: readonly unknown[]): Promise<JSONRPCMessage[]> {
  const [client, serverSide] = InMemoryTransport.createLinkedPair();
  const answers: JSONRPCMessage[] = [];
  client.onmessage = (message) => void answers.push(message);
  await server.connect(serverSide);
  await client.start();
  for (const message of messages) await client.send(message as JSONRPCMessage);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await server.close();
  return answers;
}

describe("HostServer", () => {
  it("answers every message exactly as the SDK's Server does", async () => {
    const info = { name: "s", version: "1.0.0" };
    const options = { capabilities: { tools: {} } };
    const messages = [
      {
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } },
      },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      request({ id: 1 }),
      request({ id: "two", params: { name: "t", arguments: { b: [1] }, _meta: { progressToken: 3 } } }),
      { jsonrpc: "2.0", id: 3, method: "tools/list" },
      { jsonrpc: "2.0", id: 4, method: "no/such/method" },
      request({ id: 5, params: { arguments: {} } }),
      request({ id: 6.5 }),
      { jsonrpc: "2.0", id: 7, method: "ping" },
    ];
    const expected = await exchange(serve(new Server(info, options)), messages);
    const actual = await exchange(serve(new HostServer(info, options)), messages);
    expect(actual).toEqual(expected);
    // Every request answered once (the one with a fractional id is not a request: no answer).
    const byId = new Map(actual.map((m) => ["id" in m ? m.id : undefined, m]));
    expect([...byId.keys()].sort()).toEqual([0, 1, 3, 4, 5, 7, "two"]);
    expect(byId.get(1)).toMatchObject({ result: { content: [{ type: "text", text: '{"a":1}' }] } });
    expect(byId.get(4)).toMatchObject({ error: { code: -32601 } });
    expect(byId.get(5)).toMatchObject({ error: { code: -32603 } });
  });

  it("still calls a handler the transport had before connecting, for requests too", async () => {
    const [client, serverSide] = InMemoryTransport.createLinkedPair();
    const seen: unknown[] = [];
    serverSide.onmessage = (message) => void seen.push(message);
    const server = serve(new HostServer({ name: "s", version: "1.0.0" }, { capabilities: { tools: {} } }));
    await server.connect(serverSide);
    await client.start();
    await client.send({ jsonrpc: "2.0", id: 1, method: "ping" });
    await client.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    expect(seen).toEqual([
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
    ]);
    await server.close();
  });
});

describe("LazyJsonSchemaValidator", () => {
  const schema = {
    type: "object" as const,
    properties: { ok: { type: "boolean" as const } },
    required: ["ok"],
  };

  it("creates the Ajv validator on the first getValidator call, and validates as the SDK's does", () => {
    const lazy = new LazyJsonSchemaValidator();
    expect(lazy.isCreated).toBe(false);
    const validate = lazy.getValidator<{ ok: boolean }>(schema);
    expect(lazy.isCreated).toBe(true);
    expect(validate({ ok: true })).toEqual({ valid: true, data: { ok: true }, errorMessage: undefined });
    expect(validate({ ok: "yes" })).toMatchObject({ valid: false, data: undefined });
    expect(validate({}).errorMessage).toMatch(/ok/);
  });

  it("is what a HostServer validates elicitation answers with: none built until a server elicits", async () => {
    const lazy = new LazyJsonSchemaValidator();
    const server = new HostServer(
      { name: "h", version: "1" },
      { capabilities: {}, jsonSchemaValidator: lazy },
    );
    const client = new Client({ name: "c", version: "1" }, { capabilities: { elicitation: { form: {} } } });
    let answer: Record<string, unknown> = { ok: true };
    client.setRequestHandler(ElicitRequestSchema, () => ({ action: "accept", content: answer }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    await client.connect(clientSide);
    expect(lazy.isCreated).toBe(false);

    const request = { mode: "form" as const, message: "Sure?", requestedSchema: schema };
    await expect(server.elicitInput(request)).resolves.toMatchObject({
      action: "accept",
      content: { ok: true },
    });
    expect(lazy.isCreated).toBe(true);
    answer = { ok: "yes" };
    await expect(server.elicitInput(request)).rejects.toThrow(/does not match requested schema: .*ok/);
    await client.close();
  });

  it("is the default of a HostServer, which then builds no Ajv to start", async () => {
    const server = new HostServer({ name: "h", version: "1" }, { capabilities: { tools: {} } });
    const validator = (server as unknown as { _jsonSchemaValidator: unknown })._jsonSchemaValidator;
    expect(validator).toBeInstanceOf(LazyJsonSchemaValidator);
    expect((validator as LazyJsonSchemaValidator).isCreated).toBe(false);
  });
});

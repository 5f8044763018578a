import "reflect-metadata";
import {
  NotFoundError,
  RateLimitError,
  TOKENS,
  TenantContextUnavailableError,
  type ITenantContext,
  type IToolHandler,
  type ToolCallContext,
} from "@octopus-mcp/core";
import { ErrorCode, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { inject, injectable } from "tsyringe";
import { describe, expect, it } from "vitest";
import { echoTool, fixturePlugin, forever, untilAborted } from "../fixtures/fixture-plugins.js";
import { startHost } from "../fixtures/test-host.js";

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

function body(result: Result): Record<string, unknown> {
  const text = result.content[0]?.type === "text" ? result.content[0].text : "";
  return JSON.parse(text) as Record<string, unknown>;
}

const searchTool = echoTool("t", {
  name: "t_search",
  inputSchema: {
    type: "object",
    properties: {
      query: { type: "string", minLength: 2, description: "Search text" },
      limit: { type: "integer", minimum: 1, maximum: 50, default: 10, description: "Max results" },
      kind: { enum: ["release", "deployment"], description: "What to search" },
    },
    required: ["query", "kind"],
    additionalProperties: false,
  },
  handler: (args: Record<string, unknown>) => ({ received: args }),
});

describe("tools/call pipeline", () => {
  it("validates arguments: each violation as JSON pointer + rule + message, handler not called", async () => {
    let called = false;
    const tool = { ...searchTool, handler: () => ((called = true), {}) };
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const result = (await client.callTool({
      name: "t_search",
      arguments: { query: "x", limit: 99, extra: 1 },
    })) as Result;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ success: false, error: "invalid_arguments" });
    expect(result.structuredContent?.violations).toEqual(
      expect.arrayContaining([
        { path: "/kind", rule: "required", message: 'argument "kind" is required' },
        expect.objectContaining({ path: "/extra", rule: "additionalProperties" }),
        expect.objectContaining({ path: "/query", rule: "minLength" }),
        expect.objectContaining({ path: "/limit", rule: "maximum" }),
      ]),
    );
    expect(result.structuredContent?.message).toMatch(/^Invalid arguments for tool "t_search": /);
    expect(body(result)).toEqual(result.structuredContent);
    expect(called).toBe(false);
  });

  it("applies schema defaults before the handler runs", async () => {
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [searchTool] })] });
    const result = (await client.callTool({
      name: "t_search",
      arguments: { query: "abc", kind: "release" },
    })) as Result;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ received: { query: "abc", kind: "release", limit: 10 } });
    expect(body(result)).toEqual(result.structuredContent);
  });

  it("unknown tool is JSON-RPC error -32602", async () => {
    const { client } = await startHost({
      plugins: [fixturePlugin({ namespace: "t", tools: [echoTool("t")] })],
    });
    const error = await client.callTool({ name: "t_nope", arguments: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((error as McpError).message).toContain("Unknown tool: t_nope");
  });

  it("maps typed errors to the structured body", async () => {
    const tools = [
      echoTool("t", {
        name: "t_missing",
        handler: () => Promise.reject(new NotFoundError('Release "9.9.9" not found')),
      }),
      echoTool("t", {
        name: "t_throttled",
        handler: () => Promise.reject(new RateLimitError("Octopus rate limit reached", 60)),
      }),
    ];
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools })] });
    const missing = (await client.callTool({ name: "t_missing", arguments: { text: "x" } })) as Result;
    expect(missing.structuredContent).toEqual({
      success: false,
      error: "not_found",
      message: 'Release "9.9.9" not found',
    });
    const throttled = (await client.callTool({ name: "t_throttled", arguments: { text: "x" } })) as Result;
    expect(throttled.structuredContent).toEqual({
      success: false,
      error: "rate_limit",
      message: "Octopus rate limit reached",
      retry_after: 60,
    });
    expect(body(throttled)).toEqual(throttled.structuredContent);
  });

  it("anything else becomes internal_error with a generic message; the stack goes only to the log", async () => {
    const tool = echoTool("t", {
      handler: () => {
        throw new Error("db password is hunter2 at /srv/internal.js");
      },
    });
    const { client, log } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const result = (await client.callTool({ name: "t_echo", arguments: { text: "x" } })) as Result;
    expect(result.structuredContent).toMatchObject({ success: false, error: "internal_error" });
    const text = JSON.stringify(result);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("internal.js");
    const line = log.lines.find((l) => l.msg === "tool handler threw an unexpected error");
    expect((line?.err as { stack?: string } | undefined)?.stack).toContain("hunter2");
    expect(line).toMatchObject({ plugin: "@fixtures/plugin-t", tool: "t_echo", tenantId: "default" });
  });

  it("a handler exceeding calls.timeoutMs yields a timeout error and sees its signal abort", async () => {
    let signal: AbortSignal | undefined;
    const tool = echoTool("t", {
      handler: (_a: unknown, ctx: ToolCallContext) => {
        signal = ctx.signal;
        return forever();
      },
    });
    const { client } = await startHost({
      config: { calls: { timeoutMs: 50 } },
      plugins: [fixturePlugin({ namespace: "t", tools: [tool] })],
    });
    const result = (await client.callTool({ name: "t_echo", arguments: { text: "x" } })) as Result;
    expect(result.structuredContent).toMatchObject({ success: false, error: "timeout" });
    expect(result.structuredContent?.message).toContain("did not finish within 50 ms");
    expect(signal?.aborted).toBe(true);
  });

  it("client cancellation reaches the handler's signal", async () => {
    let reachedHandler: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (reachedHandler = resolve));
    let abortedInHandler: () => void = () => undefined;
    const sawAbort = new Promise<void>((resolve) => (abortedInHandler = resolve));
    const tool = echoTool("t", {
      handler: async (_a: unknown, ctx: ToolCallContext) => {
        reachedHandler();
        await untilAborted(ctx.signal);
        abortedInHandler();
        return {};
      },
    });
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const controller = new AbortController();
    const call = client.callTool({ name: "t_echo", arguments: { text: "x" } }, undefined, {
      signal: controller.signal,
    });
    await inHandler;
    controller.abort("user pressed stop");
    await expect(call).rejects.toThrow();
    await sawAbort;
  });

  it("keeps the caller-tenant context of concurrent calls apart", async () => {
    const gates: Array<() => void> = [];
    const tool = echoTool("t", {
      name: "t_whoami",
      handler: async (_a: unknown, ctx: ToolCallContext) => {
        const before = { tenant: ctx.tenant.tenantId, correlation: ctx.tenant.correlationId };
        await new Promise<void>((resolve) => gates.push(resolve));
        return {
          ...before,
          after: ctx.tenant.tenantId,
          afterCorrelation: ctx.tenant.correlationId,
          octopus: ctx.tenant.settings.octopus?.serverUrl,
        };
      },
    });
    const { host, client } = await startHost({
      config: {
        tenants: {
          default: { octopus: { serverUrl: "https://default.example", credentialId: "octopus" } },
          acme: { octopus: { serverUrl: "https://acme.example", credentialId: "octopus" } },
        },
      },
      plugins: [fixturePlugin({ namespace: "t", tools: [tool] })],
    });
    const { connectClient } = await import("../fixtures/test-host.js");
    const acme = await connectClient(host, "acme");
    const calls = [client, acme, client, acme].map((c) =>
      c.callTool({ name: "t_whoami", arguments: { text: "x" } }),
    );
    while (gates.length < 4) await new Promise((r) => setTimeout(r, 1));
    for (const release of gates.reverse()) release();
    const results = (await Promise.all(calls)) as Result[];
    const data = results.map((r) => r.structuredContent as Record<string, string>);
    expect(data.map((d) => [d.tenant, d.after, d.octopus])).toEqual([
      ["default", "default", "https://default.example"],
      ["acme", "acme", "https://acme.example"],
      ["default", "default", "https://default.example"],
      ["acme", "acme", "https://acme.example"],
    ]);
    for (const d of data) expect(d.afterCorrelation).toBe(d.correlation);
    expect(new Set(data.map((d) => d.correlation)).size).toBe(4);
  });

  it("ITenantContext read outside a call throws a clear error", async () => {
    let tenant: ITenantContext | undefined;
    await startHost({
      plugins: [
        fixturePlugin({
          namespace: "t",
          onStart: async (ctx) => {
            tenant = ctx.tenant;
          },
        }),
      ],
    });
    expect(() => tenant?.tenantId).toThrow(TenantContextUnavailableError);
    expect(() => tenant?.tenantId).toThrow(/outside a tool call/);
  });

  it("resolves class handlers from the plugin's container once per call, with explicit @inject", async () => {
    const GREETING = Symbol("greeting");
    let instances = 0;
    @injectable()
    class GreetHandler implements IToolHandler<{ text: string }, { greeting: string; tenant: string }> {
      constructor(
        @inject(GREETING) private readonly greeting: string,
        @inject(TOKENS.TenantContext) private readonly tenant: ITenantContext,
      ) {
        instances += 1;
      }
      handle(args: { text: string }) {
        return { greeting: `${this.greeting} ${args.text}`, tenant: this.tenant.tenantId };
      }
    }
    const { client } = await startHost({
      plugins: [
        fixturePlugin({
          namespace: "t",
          tools: [echoTool("t", { name: "t_greet", handler: GreetHandler })],
          onRegister: (container) => container.register(GREETING, { useValue: "hello" }),
        }),
      ],
    });
    const first = (await client.callTool({ name: "t_greet", arguments: { text: "world" } })) as Result;
    await client.callTool({ name: "t_greet", arguments: { text: "again" } });
    expect(first.structuredContent).toEqual({ greeting: "hello world", tenant: "default" });
    expect(instances).toBe(2);
  });

  it("sends progress notifications when the client asked for them", async () => {
    const tool = echoTool("t", {
      handler: async (_a: unknown, ctx: ToolCallContext) => {
        await ctx.progress({ progress: 1, total: 3, message: "one" });
        await ctx.progress({ progress: 1, total: 3, message: "not increasing: dropped" });
        await ctx.progress({ progress: 3, total: 3 });
        return { done: true };
      },
    });
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const seen: unknown[] = [];
    await client.callTool({ name: "t_echo", arguments: { text: "x" } }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    expect(seen).toEqual([
      { progress: 1, total: 3, message: "one" },
      { progress: 3, total: 3 },
    ]);
  });

  it("checks structuredContent against outputSchema: a mismatch is internal_error (body only in text, so SDK clients accept it)", async () => {
    const tool = echoTool("t", {
      outputSchema: { type: "object", properties: { count: { type: "integer" } }, required: ["count"] },
      handler: () => ({ count: "three" }),
    });
    const { client, log } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    await client.listTools(); // the SDK client now validates structuredContent against outputSchema
    const result = (await client.callTool({ name: "t_echo", arguments: { text: "x" } })) as Result;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(body(result)).toMatchObject({ success: false, error: "internal_error" });
    expect(log.lines.some((l) => l.msg === "tool result does not match its outputSchema (plugin bug)")).toBe(
      true,
    );
  });

  it("logs one line per call with tenantId, correlationId, plugin, tool, durationMs, outcome", async () => {
    const { client, log } = await startHost({
      plugins: [fixturePlugin({ namespace: "t", tools: [echoTool("t")] })],
    });
    await client.callTool({ name: "t_echo", arguments: { text: "x" } });
    await client.callTool({ name: "t_echo", arguments: {} });
    const lines = log.lines.filter((l) => l.msg === "tool call");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      tenantId: "default",
      plugin: "@fixtures/plugin-t",
      tool: "t_echo",
      outcome: "ok",
    });
    expect(lines[1]).toMatchObject({ outcome: "invalid_arguments" });
    expect(typeof lines[0]?.durationMs).toBe("number");
    expect(lines[0]?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("host shutdown interrupts a call in flight: upstream_unavailable, and the handler's signal aborts", async () => {
    let signal: AbortSignal | undefined;
    let reachedHandler: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (reachedHandler = resolve));
    const tool = echoTool("t", {
      handler: (_a: unknown, ctx: ToolCallContext) => {
        signal = ctx.signal;
        reachedHandler();
        return forever();
      },
    });
    const { host } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const call = host.pipeline.call({
      name: "t_echo",
      arguments: { text: "x" },
      identity: { tenantId: "default" },
      signal: new AbortController().signal,
    });
    await inHandler;
    const stopping = host.stop();
    const result = (await call) as Result;
    await stopping;
    expect(result.structuredContent).toMatchObject({ success: false, error: "upstream_unavailable" });
    expect(result.structuredContent?.message).toContain("shutting down");
    expect(signal?.aborted).toBe(true);
  });

  it("synchronous and asynchronous handlers answer alike; the signal is live in both", async () => {
    const seen: boolean[] = [];
    const syncTool = echoTool("t", {
      name: "t_sync",
      handler: (args: Record<string, unknown>, ctx: ToolCallContext) => {
        seen.push(ctx.signal.aborted);
        return { echoed: args["text"] };
      },
    });
    const asyncTool = echoTool("t", {
      name: "t_async",
      handler: async (args: Record<string, unknown>, ctx: ToolCallContext) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(ctx.signal.aborted);
        return { echoed: args["text"] };
      },
    });
    const { client } = await startHost({
      plugins: [fixturePlugin({ namespace: "t", tools: [syncTool, asyncTool] })],
    });
    for (const name of ["t_sync", "t_async"]) {
      const result = (await client.callTool({ name, arguments: { text: "hi" } })) as Result;
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ echoed: "hi" });
    }
    expect(seen).toEqual([false, false]);
  });

  it("a handler throwing synchronously is mapped like one that rejects", async () => {
    const tool = echoTool("t", {
      handler: () => {
        throw new NotFoundError("no such release");
      },
    });
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const result = (await client.callTool({ name: "t_echo", arguments: { text: "x" } })) as Result;
    expect(result.structuredContent).toMatchObject({
      success: false,
      error: "not_found",
      message: "no such release",
    });
  });

  it("does not let the handler change the caller's arguments object (it gets a copy)", async () => {
    const tool = echoTool("t", {
      handler: (args: Record<string, unknown>) => {
        args["text"] = "mutated";
        return {};
      },
    });
    const { host } = await startHost({ plugins: [fixturePlugin({ namespace: "t", tools: [tool] })] });
    const args = { text: "original" };
    await host.pipeline.call({
      name: "t_echo",
      arguments: args,
      identity: { tenantId: "default" },
      signal: new AbortController().signal,
    });
    expect(args).toEqual({ text: "original" });
  });
});

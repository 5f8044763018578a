/**
 * Access tiers across every first-party write/delete tool, over HTTP with real JWTs: the three
 * first-party plugins are loaded by path (their built `dist`, as an operator's config would), a
 * read-only caller tenant sees none of them and is refused at call time, deletes need
 * allow-deletes, and a writer without elicitation must send `confirm: true`. No tool reaches an
 * upstream here: every call is stopped by the host before the handler.
 */
import "reflect-metadata";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultHostConfig } from "../../src/config/load-config.js";
import { StaticCredentialResolver } from "../../src/credentials/static-credential-resolver.js";
import { createCallGovernance } from "../../src/transport/call-governance.js";
import { startHttpHost, type HttpHost } from "../../src/transport/http-host.js";
import { AUDIENCE, ISSUER, rsaKeys, signToken, type KeyFixture } from "../auth/jwt-fixtures.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
let keys: KeyFixture;
let http: HttpHost;
const clients: Client[] = [];

/** The smallest arguments a schema accepts, so calls pass validation and reach the access check. */
function minimalArguments(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema["properties"] ?? {}) as Record<string, Record<string, unknown>>;
  const args: Record<string, unknown> = {};
  for (const name of (schema["required"] ?? []) as string[]) args[name] = sample(properties[name] ?? {});
  return args;
}

function sample(schema: Record<string, unknown>): unknown {
  if (Array.isArray(schema["enum"])) return schema["enum"][0];
  if (schema["const"] !== undefined) return schema["const"];
  const variants = (schema["anyOf"] ?? schema["oneOf"]) as Record<string, unknown>[] | undefined;
  if (variants?.[0]) return sample(variants[0]);
  const type = Array.isArray(schema["type"]) ? schema["type"][0] : schema["type"];
  switch (type) {
    case "integer":
    case "number":
      return typeof schema["minimum"] === "number" ? schema["minimum"] : 1;
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: Number(schema["minItems"] ?? 0) }, () =>
        sample((schema["items"] ?? {}) as Record<string, unknown>),
      );
    case "object":
      return minimalArguments(schema);
    default:
      return schema["format"] === "uri" ? "https://example.com/" : "Name-1";
  }
}

beforeAll(async () => {
  keys = await rsaKeys();
  const octopus = { serverUrl: "http://127.0.0.1:9", credentialId: "octopus" };
  http = await startHttpHost({
    config: defaultHostConfig({
      logging: { level: "silent", pretty: false },
      credentials: { env: false },
      plugins: ["octopus-deployments", "octopus-tasks", "octopus-argocd"].map((p) => ({
        path: path.join(repo, "plugins", p),
      })),
      tenants: { writer: { octopus }, reader: { octopus, policy: { readOnly: true } } },
    }),
    http: { port: 0 },
    auth: { jwt: { publicKey: keys.publicPem, issuer: ISSUER, audience: AUDIENCE } },
    governance: createCallGovernance({ env: {}, processMetrics: false }),
    hostOptions: {
      credentials: (deps) =>
        new StaticCredentialResolver({ writer: { octopus: "API-WRITER0000000000000000" } }, deps),
      baseDir: repo,
    },
  });
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await http?.stop();
});

async function connect(tid: string): Promise<Client> {
  const client = new Client({ name: tid, version: "1.0.0" });
  const token = await signToken(keys, { tid });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(http.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const errorOf = (r: unknown) =>
  JSON.parse(((r as CallToolResult).content[0] as { text: string }).text) as { error?: string };

describe("first-party write tools over HTTP", () => {
  it("are all served by started plugins", () => {
    expect(http.host.states().map((s) => s.state)).toEqual(["started", "started", "started"]);
    const writes = http.host.registry.tools.filter((t) => t.definition.access !== "read");
    expect(writes.length).toBeGreaterThanOrEqual(8);
  });

  it("are hidden from and refused for a read-only caller tenant", async () => {
    const reader = await connect("reader");
    const listed = new Set((await reader.listTools()).tools.map((t) => t.name));
    const writes = http.host.registry.tools.filter((t) => t.definition.access !== "read");
    for (const tool of writes) {
      expect(listed.has(tool.definition.name)).toBe(false);
      const args = { ...minimalArguments(tool.definition.inputSchema), confirm: true };
      const result = await reader.callTool({ name: tool.definition.name, arguments: args });
      expect([tool.definition.name, result.isError, errorOf(result).error]).toEqual([
        tool.definition.name,
        true,
        "read_only",
      ]);
    }
    expect(listed.size).toBe(http.host.registry.tools.length - writes.length);
  });

  it("need confirm: true from a writer whose client cannot be asked (stateless HTTP); deletes need allow-deletes", async () => {
    const writer = await connect("writer");
    const listed = new Map((await writer.listTools()).tools.map((t) => [t.name, t]));
    for (const tool of http.host.registry.tools.filter((t) => t.definition.access !== "read")) {
      const name = tool.definition.name;
      if (tool.definition.access === "delete") {
        expect(listed.has(name)).toBe(false);
        continue;
      }
      expect(listed.get(name)?.inputSchema.properties).toHaveProperty("confirm");
      const result = await writer.callTool({
        name,
        arguments: minimalArguments(tool.definition.inputSchema),
      });
      expect([name, errorOf(result).error]).toEqual([name, "confirmation_required"]);
    }
  });
});

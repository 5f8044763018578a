import "reflect-metadata";
import { definePlugin, defineTool, NotFoundError, type IOctopusPlugin } from "@octopus-mcp/core";
import { PluginStartupError } from "@octopus-mcp/host";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestHost, type TestHost } from "../src/index.js";

/** A small plugin as a third-party author would write it. */
function createNotesPlugin(): IOctopusPlugin {
  const notes = new Map<string, string>([["n1", "first note"]]);
  return definePlugin({
    manifest: {
      name: "@example/plugin-notes",
      version: "1.0.0",
      namespace: "notes",
      description: "Notes for tests",
      hostVersion: "^0.1.0",
      configSchema: {
        type: "object",
        properties: { prefix: { type: "string", default: "" } },
        additionalProperties: false,
      },
    },
    onRegister() {},
    async onStartAsync(context) {
      const prefix = String(context.config.prefix ?? "");
      context.registry.addTool(
        defineTool({
          name: "notes_get",
          description: "Get a note by ID.",
          access: "read",
          inputSchema: z.object({ id: z.string().describe("Note ID") }).strict(),
          handler: async ({ id }, ctx) => {
            const text = notes.get(id);
            if (text === undefined) throw new NotFoundError(`Note "${id}" not found`);
            const credentialId = ctx.tenant.settings.octopus?.credentialId;
            return {
              id,
              text: `${prefix}${text}`,
              tenant: ctx.tenant.tenantId,
              credentialId: credentialId ?? null,
            };
          },
        }),
      );
      context.registry.addTool(
        defineTool({
          name: "notes_secret_length",
          description: "Length of the caller tenant's Octopus credential (proves credential resolution).",
          access: "read",
          inputSchema: { type: "object", additionalProperties: false },
          handler: async () => {
            const secret = await context.credentials.getPasswordAsync("octopus");
            context.logger.info({ secret }, "resolved credential");
            return { length: secret.length };
          },
        }),
      );
    },
    async onStopAsync() {},
  });
}

describe("startTestHost", () => {
  it("runs a plugin in a real host and returns parsed results and errors", async () => {
    const host = await startTestHost({
      plugins: [{ plugin: createNotesPlugin(), config: { prefix: "> " } }],
      tenants: { default: { octopus: { serverUrl: "http://127.0.0.1:1", credentialId: "octopus" } } },
    });
    const ok = await host.callTool<{ text: string; tenant: string }>("notes_get", { id: "n1" });
    expect(ok).toMatchObject({
      ok: true,
      data: { id: "n1", text: "> first note", tenant: "default", credentialId: "octopus" },
    });
    const missing = await host.callTool("notes_get", { id: "zz" });
    expect(missing).toMatchObject({
      ok: false,
      error: { success: false, error: "not_found", message: 'Note "zz" not found' },
    });
    const invalid = await host.callTool("notes_get", {});
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.error.violations?.[0]).toMatchObject({ path: "/id", rule: "required" });
    expect((await host.listTools()).map((t) => t.name)).toEqual(["notes_get", "notes_secret_length"]);
    expect(
      host.logs.some((l) => l.msg === "tool call" && l.tool === "notes_get" && l.tenantId === "default"),
    ).toBe(true);
  });

  it("switches caller tenants and resolves per-tenant credentials; secrets never reach the log", async () => {
    const host = await startTestHost({
      plugins: [createNotesPlugin],
      credentials: {
        default: { octopus: "API-DEFAULTSECRET0000" },
        acme: { octopus: "API-ACMESECRET000000000" },
      },
    });
    expect(await host.callTool("notes_secret_length")).toMatchObject({
      ok: true,
      data: { length: "API-DEFAULTSECRET0000".length },
    });
    const acme = host.asTenant("acme");
    expect(acme.tenant).toBe("acme");
    expect(await acme.callTool("notes_secret_length")).toMatchObject({
      ok: true,
      data: { length: "API-ACMESECRET000000000".length },
    });
    expect(await host.asTenant("nobody").callTool("notes_secret_length")).toMatchObject({
      ok: false,
      error: { error: "unauthorized" },
    });
    expect(host.logText()).not.toContain("API-DEFAULTSECRET0000");
    expect(host.logText()).not.toContain("API-ACMESECRET000000000");
    expect(
      host.logs.filter((l) => l.msg === "resolved credential").map((l) => [l.tenantId, l.secret]),
    ).toEqual([
      ["default", "[REDACTED]"],
      ["acme", "[REDACTED]"],
    ]);
  });

  it("rejects with the host's aggregated startup error", async () => {
    const broken = definePlugin({
      ...createNotesPlugin(),
      manifest: { ...createNotesPlugin().manifest, hostVersion: "^9.0.0" },
    });
    const error = await startTestHost({ plugins: [broken] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginStartupError);
    expect((error as Error).message).toContain("needs host version ^9.0.0");
  });

  describe("automatic cleanup", () => {
    let leaked: TestHost | undefined;
    it("registers stop() with the running test", async () => {
      leaked = await startTestHost({ plugins: [createNotesPlugin()] });
      expect(leaked.host.state).toBe("started");
    });
    it("stopped the previous test's host", () => {
      expect(leaked?.host.state).toBe("stopped");
    });
  });
});

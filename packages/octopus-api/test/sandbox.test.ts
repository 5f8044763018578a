/**
 * octopus-api against the sandbox through the real host: a tiny inline plugin exposes the client's
 * functions as tools, so requests go through HostHttpClient, the caller-tenant scope and the
 * credential resolver exactly as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineTool, type IOctopusPlugin, type ToolCallContext } from "@octopus-mcp/core";
import { startSandbox, type Sandbox } from "@octopus-mcp/sandbox";
import { startTestHost, type TestHost } from "@octopus-mcp/testkit";
import {
  OctopusClient,
  SpaceCache,
  loadEnvironments,
  parsePortalUrl,
  resolveProject,
  resolveRelease,
} from "../src/index.js";

const cache = new SpaceCache();

function probePlugin(): IOctopusPlugin {
  return {
    manifest: {
      name: "octopus-api-probe",
      version: "0.0.0",
      namespace: "probe",
      description: "test",
      hostVersion: "*",
    },
    onRegister: () => undefined,
    onStopAsync: async () => undefined,
    onStartAsync: async (context) => {
      const client = (ctx: ToolCallContext) =>
        OctopusClient.forCall(ctx, context.http, context.credentials, { spaceCache: cache });
      context.registry.addTool(
        defineTool({
          name: "probe_run_checks",
          description: "Runs octopus-api calls against the tenant's server.",
          access: "read",
          inputSchema: {
            type: "object",
            properties: { space: { type: "string", description: "Space" } },
            additionalProperties: false,
          },
          handler: async (args: { space?: string }, ctx: ToolCallContext) => {
            const c = client(ctx);
            const space = await c.resolveSpace(args.space);
            const project = await resolveProject(c, space.Id, "checkout");
            const newest = (
              await c.page<{ Id: string; Version: string }>(
                c.spacePath(space.Id, `projects/${project.Id}/releases`),
                {},
                { take: 1 },
              )
            ).Items[0];
            const byVersion = await resolveRelease(c, space.Id, project, newest?.Version ?? "");
            const byId = await resolveRelease(c, space.Id, project, newest?.Id ?? "");
            const envs = await loadEnvironments(c, space.Id);
            const all = await c.listAll<{ Id: string }>(
              c.spacePath(space.Id, "releases"),
              {},
              { pageSize: 7, max: 20 },
            );
            let lines = 0;
            for await (const _line of c.lines(c.spacePath(space.Id, "tasks/ServerTasks-1/raw"))) lines++;
            const link = parsePortalUrl(c.webUrl(`${space.Id}/tasks/ServerTasks-1`), c.serverUrl);
            return {
              space: space.Name,
              project: project.Id,
              releases3: [newest?.Id, byVersion.Id, byId.Version === newest?.Version],
              environments: envs.items.map((e) => e.Name),
              releases: all.items.length,
              truncated: all.truncated,
              logLines: lines,
              link,
            };
          },
        }),
      );
    },
  };
}

let sb: Sandbox;
let host: TestHost;

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  host = await startTestHost({
    plugins: [probePlugin],
    tenants: {
      default: { octopus: { serverUrl: `${sb.octopusUrl}/api`, credentialId: "octopus" } },
      bearer: {
        octopus: {
          serverUrl: sb.octopusUrl,
          credentialId: "token",
          credentialType: "bearer",
          defaultSpace: "Platform",
        },
      },
      wrongkey: { octopus: { serverUrl: sb.octopusUrl, credentialId: "octopus" } },
      unconfigured: {},
    },
    credentials: {
      default: { octopus: sb.apiKey },
      bearer: { token: sb.apiKey },
      wrongkey: { octopus: "API-WRONG000000000000000000000000" },
    },
    autoStop: false,
  } as never);
});

afterAll(async () => {
  await host?.stop();
  await sb?.stop();
});

describe("octopus-api on the sandbox via the host", () => {
  it("resolves, pages, streams and parses with an API key", async () => {
    const r = await host.callTool<Record<string, unknown>>("probe_run_checks", {});
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.data).toMatchObject({
      space: "Default",
      project: "Projects-2",
      environments: ["Dev", "Test", "Staging", "Production", "Customer Preview"],
      releases: 20,
      truncated: true,
      link: { kind: "task", spaceId: "Spaces-1", id: "ServerTasks-1" },
    });
    expect(r.data.logLines).toBeGreaterThan(0);
    const [newestId, byVersionId, sameVersion] = r.data.releases3 as [string, string, boolean];
    expect(newestId).toMatch(/^Releases-\d+$/);
    expect(byVersionId).toBe(newestId);
    expect(sameVersion).toBe(true);
  });

  it("sends a bearer token and uses the tenant's default space", async () => {
    const r = await host
      .asTenant("bearer")
      .callTool<Record<string, unknown>>("probe_run_checks", { space: undefined });
    // Platform has no "checkout" project: the did-you-mean error proves the space came from defaultSpace.
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.error).toBe("not_found");
    expect(!r.ok && r.error.message).toContain("Spaces-2");
  });

  it("maps a wrong key to unauthorized and a missing section to a configuration hint", async () => {
    const wrong = await host.asTenant("wrongkey").callTool("probe_run_checks", {});
    expect(!wrong.ok && wrong.error.error).toBe("unauthorized");
    const none = await host.asTenant("unconfigured").callTool("probe_run_checks", {});
    expect(!none.ok && none.error.error).toBe("unauthorized");
    expect(!none.ok && none.error.message).toContain("tenants.unconfigured.octopus");
  });

  it("keeps space cache entries per caller tenant", () => {
    expect(cache.get("default", sb.octopusUrl)?.map((s) => s.Name)).toEqual(["Default", "Platform"]);
    expect(cache.get("bearer", sb.octopusUrl)?.map((s) => s.Name)).toEqual(["Default", "Platform"]);
    expect(cache.get("wrongkey", sb.octopusUrl)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { InvalidArgumentsError, NotFoundError } from "@octopus-mcp/core";
import {
  OctopusClient,
  SpaceCache,
  loadEnvironments,
  loadOctopusTenants,
  resolveProject,
  resolveRelease,
} from "../src/index.js";
import { FakeHttp, collection, credentials, tenant } from "../src/testing/index.js";

const projects = [
  { Id: "Projects-1", Name: "Checkout", Slug: "checkout-svc" },
  { Id: "Projects-2", Name: "Checkout Worker", Slug: "checkout-worker" },
];
const releases = [
  { Id: "Releases-3", ProjectId: "Projects-1", Version: "1.2.0" },
  { Id: "Releases-2", ProjectId: "Projects-1", Version: "1.1.0" },
];

function setup() {
  const http = new FakeHttp()
    .on("GET", "/api/Spaces-1/projects", (r: { query: Record<string, unknown> }) => {
      const partial = typeof r.query.partialName === "string" ? r.query.partialName.toLowerCase() : undefined;
      return collection(
        partial ? projects.filter((p) => p.Name.toLowerCase().includes(partial)) : projects,
        r.query,
      );
    })
    .on("GET", "/api/Spaces-1/projects/Projects-1", projects[0])
    .on("GET", "/api/Spaces-1/environments", (r: { query: Record<string, unknown> }) =>
      collection(
        [
          { Id: "Environments-3", Name: "Production", SortOrder: 3 },
          { Id: "Environments-1", Name: "Development", SortOrder: 1 },
        ],
        r.query,
      ),
    )
    .on("GET", "/api/Spaces-1/tenants", (r: { query: Record<string, unknown> }) =>
      collection(
        [
          { Id: "Tenants-1", Name: "Acme Corp" },
          { Id: "Tenants-2", Name: "Globex" },
        ].filter((t) => !r.query.ids || String(r.query.ids).split(",").includes(t.Id)),
        r.query,
      ),
    )
    .on("GET", "/api/Spaces-1/projects/Projects-1/releases", (r: { query: Record<string, unknown> }) =>
      collection(
        r.query.searchByVersion
          ? releases.filter((x) => x.Version.includes(String(r.query.searchByVersion)))
          : releases,
        r.query,
      ),
    )
    .on("GET", "/api/Spaces-1/releases/Releases-3", releases[0]);
  const client = OctopusClient.forCall(
    {
      signal: new AbortController().signal,
      tenant: tenant("t", { octopus: { serverUrl: "http://o.test", credentialId: "c" } }),
    },
    http,
    credentials({ c: "k" }),
    { spaceCache: new SpaceCache() },
  );
  return { http, client };
}

describe("resolveProject", () => {
  it("resolves by exact name via partialName in one request", async () => {
    const { http, client } = setup();
    expect((await resolveProject(client, "Spaces-1", "Checkout")).Id).toBe("Projects-1");
    expect(http.requests).toHaveLength(1);
  });

  it("resolves by ID and by slug", async () => {
    const { client } = setup();
    expect((await resolveProject(client, "Spaces-1", "Projects-1")).Name).toBe("Checkout");
    expect((await resolveProject(client, "Spaces-1", "checkout-worker")).Id).toBe("Projects-2");
  });

  it("suggests close names", async () => {
    const { client } = setup();
    const e = await resolveProject(client, "Spaces-1", "Chekout").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect((e as Error).message).toContain('Did you mean "Checkout" (Projects-1)');
  });

  it("maps a 404 on an ID to a clear NotFoundError", async () => {
    const { client } = setup();
    await expect(resolveProject(client, "Spaces-1", "Projects-99")).rejects.toThrow(
      "No project Projects-99 in space Spaces-1.",
    );
  });
});

describe("environments and Octopus tenants", () => {
  it("indexes environments sorted by SortOrder", async () => {
    const { client } = setup();
    const envs = await loadEnvironments(client, "Spaces-1");
    expect(envs.items.map((e) => e.Name)).toEqual(["Development", "Production"]);
    expect(envs.nameOf("Environments-3")).toBe("Production");
    expect(envs.resolveAll(["production", "Environments-1", "Production"]).map((e) => e.Id)).toEqual([
      "Environments-3",
      "Environments-1",
    ]);
    expect(() => envs.resolve("Prod")).toThrow(/Did you mean "Production"/);
  });

  it("fetches tenants by ids in one request when all inputs are IDs", async () => {
    const { http, client } = setup();
    const t = await loadOctopusTenants(client, "Spaces-1", ["Tenants-2"]);
    expect(t.items.map((x) => x.Name)).toEqual(["Globex"]);
    expect(http.requests[0]?.query.ids).toBe("Tenants-2");
    const byName = await loadOctopusTenants(client, "Spaces-1", ["acme corp"]);
    expect(byName.resolve("acme corp").Id).toBe("Tenants-1");
  });
});

describe("resolveRelease", () => {
  const project = { Id: "Projects-1", Name: "Checkout" };
  it("finds by exact version or ID", async () => {
    const { client } = setup();
    expect((await resolveRelease(client, "Spaces-1", project, "1.1.0")).Id).toBe("Releases-2");
    expect((await resolveRelease(client, "Spaces-1", project, "Releases-3")).Version).toBe("1.2.0");
  });

  it("rejects a release of another project and suggests versions", async () => {
    const { client } = setup();
    await expect(
      resolveRelease(client, "Spaces-1", { Id: "Projects-2", Name: "W" }, "Releases-3"),
    ).rejects.toBeInstanceOf(InvalidArgumentsError);
    await expect(resolveRelease(client, "Spaces-1", project, "1.2.1")).rejects.toThrow(
      /Did you mean "1\.2\.0"/,
    );
  });
});

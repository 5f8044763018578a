import { describe, expect, it } from "vitest";
import { ForbiddenError, InvalidArgumentsError, NotFoundError, UnauthorizedError } from "@octopus-mcp/core";
import { OctopusClient, SpaceCache } from "../src/index.js";
import { FakeHttp, SPACES, collection, credentials, tenant } from "../src/testing/index.js";

const signal = new AbortController().signal;
const settings = { octopus: { serverUrl: "https://octo.example.com/api/", credentialId: "octo" } };

function setup(extra: Partial<typeof settings.octopus> & Record<string, unknown> = {}, tenantId = "acme") {
  const http = new FakeHttp().on("GET", "/api/spaces", (r: { query: Record<string, unknown> }) =>
    collection(SPACES, r.query),
  );
  const creds = credentials({ octo: "API-SECRET", tok: "bearer-token" });
  const cache = new SpaceCache();
  const client = OctopusClient.forCall(
    { signal, tenant: tenant(tenantId, { octopus: { ...settings.octopus, ...extra } as never }) },
    http,
    creds,
    { spaceCache: cache },
  );
  return { http, creds, cache, client };
}

describe("OctopusClient.forCall", () => {
  it("fails with a configuration hint when the caller tenant has no octopus section", () => {
    const call = () =>
      OctopusClient.forCall({ signal, tenant: tenant("t1", {}) }, new FakeHttp(), credentials({}));
    expect(call).toThrow(UnauthorizedError);
    expect(call).toThrow(/tenants\.t1\.octopus/);
  });

  it("normalises the server URL and sends the API key header, signal and upstream name", async () => {
    const { http, client, creds } = setup();
    expect(client.serverUrl).toBe("https://octo.example.com");
    await client.get("spaces", { take: 5 });
    await client.get("/api/spaces");
    const [first, second] = http.requests;
    expect(first?.url).toBe("https://octo.example.com/api/spaces");
    expect(second?.url).toBe("https://octo.example.com/api/spaces");
    expect(first?.headers["X-Octopus-ApiKey"]).toBe("API-SECRET");
    expect(first?.headers.Authorization).toBeUndefined();
    expect(first?.signal).toBe(signal);
    expect(first?.upstreamName).toBe("Octopus");
    expect(creds.calls).toEqual(["octo"]); // resolved once per client
  });

  it("sends a bearer token when credentialType is bearer", async () => {
    const { http, client } = setup({ credentialId: "tok", credentialType: "bearer" });
    await client.get("spaces");
    expect(http.requests[0]?.headers.Authorization).toBe("Bearer bearer-token");
    expect(http.requests[0]?.headers["X-Octopus-ApiKey"]).toBeUndefined();
  });

  it("comma-joins array query values and drops empty ones", async () => {
    const { http, client } = setup();
    http.on("GET", "/api/Spaces-1/deployments", collection([]));
    await client.get(client.spacePath("Spaces-1", "deployments"), {
      environments: ["Environments-1", "Environments-2"],
      projects: [],
      tenants: undefined,
      taskState: "Success",
    });
    expect(http.requests[0]?.query).toEqual({
      environments: "Environments-1,Environments-2",
      taskState: "Success",
    });
  });

  it("refuses absolute URLs and dot segments", () => {
    const { client } = setup();
    expect(() => client.url("https://evil.example.com/api")).toThrow(InvalidArgumentsError);
    expect(() => client.url("/api/../../etc")).toThrow(InvalidArgumentsError);
  });

  it("posts JSON bodies", async () => {
    const { http, client } = setup();
    http.on("POST", "/api/Spaces-1/releases/create/v1", { ReleaseId: "Releases-9" });
    const r = await client.post<{ ReleaseId: string }>("/Spaces-1/releases/create/v1", {
      ProjectName: "Web",
    });
    expect(r.ReleaseId).toBe("Releases-9");
    expect(http.requests[0]?.body).toEqual({ ProjectName: "Web" });
  });
});

describe("paging", () => {
  const items = Array.from({ length: 25 }, (_, i) => ({ Id: `Projects-${i + 1}`, Name: `P${i + 1}` }));

  it("page() passes skip/take and normalises the envelope", async () => {
    const { http, client } = setup();
    http.on("GET", "/api/Spaces-1/projects", (r: { query: Record<string, unknown> }) =>
      collection(items, r.query),
    );
    const page = await client.page<{ Id: string }>("/Spaces-1/projects", {}, { skip: 20, take: 10 });
    expect(page.Items.map((i) => i.Id)).toEqual([
      "Projects-21",
      "Projects-22",
      "Projects-23",
      "Projects-24",
      "Projects-25",
    ]);
    expect(page.TotalResults).toBe(25);
    expect(http.requests[0]?.query).toMatchObject({ skip: 20, take: 10 });
  });

  it("listAll() reads all pages and stops at the cap", async () => {
    const { http, client } = setup();
    http.on("GET", "/api/Spaces-1/projects", (r: { query: Record<string, unknown> }) =>
      collection(items, r.query),
    );
    const all = await client.listAll("/Spaces-1/projects", {}, { pageSize: 10 });
    expect(all.items).toHaveLength(25);
    expect(all.truncated).toBe(false);
    expect(http.requests).toHaveLength(3);
    const capped = await client.listAll("/Spaces-1/projects", {}, { pageSize: 10, max: 12 });
    expect(capped.items).toHaveLength(12);
    expect(capped.total).toBe(25);
    expect(capped.truncated).toBe(true);
  });

  it("getByIds() batches ids into one request", async () => {
    const { http, client } = setup();
    http.on("GET", "/api/Spaces-1/tasks", (r: { query: Record<string, unknown> }) => {
      const ids = String(r.query.ids).split(",");
      return collection(
        ids.filter((id) => id !== "ServerTasks-404").map((Id) => ({ Id })),
        { take: 1000 },
      );
    });
    const tasks = await client.getByIds("/Spaces-1/tasks", [
      "ServerTasks-1",
      "ServerTasks-2",
      "ServerTasks-1",
      "ServerTasks-404",
    ]);
    expect(tasks.map((t) => t.Id)).toEqual(["ServerTasks-1", "ServerTasks-2"]);
    expect(http.requests).toHaveLength(1);
    expect(http.requests[0]?.query.ids).toBe("ServerTasks-1,ServerTasks-2,ServerTasks-404");
  });
});

describe("text bodies", () => {
  it("readText() stops at maxBytes and cancels the stream", async () => {
    const { http, client } = setup();
    http.on("GET", "/api/Spaces-1/tasks/ServerTasks-1/raw", ["hello ", "world ", "and more"]);
    const r = await client.readText("/Spaces-1/tasks/ServerTasks-1/raw", undefined, 8);
    expect(r).toEqual({ text: "hello wo", bytes: 8, truncated: true });
    const full = await client.readText("/Spaces-1/tasks/ServerTasks-1/raw");
    expect(full).toEqual({ text: "hello world and more", bytes: 20, truncated: false });
  });

  it("lines() splits across chunk boundaries", async () => {
    const { http, client } = setup();
    http.on("GET", "/api/tasks/ServerTasks-1/raw", ["a\r\nb", "c\nd", "\n", "last"]);
    const out: string[] = [];
    for await (const line of client.lines("tasks/ServerTasks-1/raw")) out.push(line);
    expect(out).toEqual(["a", "bc", "d", "last"]);
  });
});

describe("space resolution", () => {
  it("resolves by ID, name, slug and case-insensitive name, and defaults to the default space", async () => {
    const { http, client } = setup();
    expect((await client.resolveSpace("Spaces-2")).Name).toBe("Platform Team");
    expect((await client.resolveSpace("Platform Team")).Id).toBe("Spaces-2");
    expect((await client.resolveSpace("platform-team")).Id).toBe("Spaces-2");
    expect((await client.resolveSpace("platform team")).Id).toBe("Spaces-2");
    expect((await client.resolveSpace()).Id).toBe("Spaces-1");
    expect(http.requests).toHaveLength(1); // cached
  });

  it("uses the tenant's defaultSpace", async () => {
    const { client } = setup({ defaultSpace: "Platform Team" });
    expect((await client.resolveSpace()).Id).toBe("Spaces-2");
  });

  it("suggests a space for a misspelt name after one reload", async () => {
    const { http, client } = setup();
    const error = await client.resolveSpace("Platfrom Team").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('Did you mean "Platform Team" (Spaces-2)?');
    expect(http.requests).toHaveLength(2);
  });

  it("enforces the tenant's spaces allow-list", async () => {
    const { client } = setup({ spaces: ["Default"] });
    expect((await client.spaces()).map((s) => s.Id)).toEqual(["Spaces-1"]);
    await expect(client.resolveSpace("Spaces-2")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("never shares cache entries between caller tenants on the same server", async () => {
    const cache = new SpaceCache();
    const httpA = new FakeHttp().on("GET", "/api/spaces", collection([SPACES[0]]));
    const httpB = new FakeHttp().on("GET", "/api/spaces", collection([SPACES[1]]));
    const a = OctopusClient.forCall(
      { signal, tenant: tenant("tenant-a", settings) },
      httpA,
      credentials({ octo: "A" }),
      { spaceCache: cache },
    );
    const b = OctopusClient.forCall(
      { signal, tenant: tenant("tenant-b", settings) },
      httpB,
      credentials({ octo: "B" }),
      { spaceCache: cache },
    );
    expect((await a.spaces()).map((s) => s.Id)).toEqual(["Spaces-1"]);
    expect((await b.spaces()).map((s) => s.Id)).toEqual(["Spaces-2"]);
    expect(httpB.requests).toHaveLength(1); // b did not get a's entry
    expect(cache.get("tenant-a", "https://octo.example.com")?.map((s) => s.Id)).toEqual(["Spaces-1"]);
    expect(cache.get("tenant-b", "https://octo.example.com")?.map((s) => s.Id)).toEqual(["Spaces-2"]);
    await expect(b.resolveSpace("Spaces-1")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("expires entries after the TTL", async () => {
    let now = 1_000;
    const cache = new SpaceCache({ ttlMs: 100, now: () => now });
    cache.set("t", "https://s", [{ Id: "Spaces-1", Name: "Default" }]);
    expect(cache.get("t", "https://s")).toHaveLength(1);
    now += 100;
    expect(cache.get("t", "https://s")).toBeUndefined();
  });

  it("keys tenants and servers unambiguously", () => {
    expect(SpaceCache.key("a", "b:c")).not.toBe(SpaceCache.key("a:b", "c"));
  });
});

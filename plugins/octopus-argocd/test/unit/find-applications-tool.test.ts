import { describe, expect, it } from "vitest";
import { argoCdTools } from "../../src/plugin.js";
import { DEFAULT_CONFIG } from "../../src/plugin-config.js";
import { ArgoCdServices } from "../../src/services.js";
import { callContext, FetchHttpClient, MapCredentials } from "../helpers/fetch-http-client.js";

const annotated = (name: string, extra: Record<string, unknown> = {}) => ({
  metadata: {
    name,
    annotations: { "argo.octopus.com/project.web": "shop", "argo.octopus.com/environment.web": "production" },
  },
  spec: { sources: [{ repoURL: "https://git.example.com/r.git", path: "a", name: "web" }], ...extra },
  status: { sync: { status: "Synced" }, health: { status: "Healthy" }, summary: { images: ["shop:1"] } },
});

function findTool(fetchImpl: (url: string) => Promise<Response>) {
  const services = new ArgoCdServices(
    new FetchHttpClient(fetchImpl),
    new MapCredentials({ a: "t", b: "t", c: "t" }),
    DEFAULT_CONFIG,
  );
  const tool = argoCdTools(services).find((t) => t.name === "argocd_find_applications")!;
  return (args: Record<string, unknown>, instances: { name: string; environments?: string[] }[]) =>
    (tool.handler as (a: unknown, c: unknown) => Promise<Record<string, unknown>>)(
      args,
      callContext({
        argocd: {
          instances: instances.map((i) => ({
            ...i,
            baseUrl: `http://${i.name}.invalid`,
            credentialId: i.name,
          })),
        },
      }),
    );
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("argocd_find_applications across instances", () => {
  it("skips instances scoped to other environments and reports unreachable ones without failing", async () => {
    const asked: string[] = [];
    const find = findTool(async (url) => {
      asked.push(new URL(url).hostname);
      if (url.includes("//b.invalid")) return json({ code: 13, message: "boom" }, 503);
      return json({ items: [annotated("shop-production")] });
    });
    const result = await find({ project: "shop", environment: "production" }, [
      { name: "a" },
      { name: "b" },
      { name: "c", environments: ["staging"] },
    ]);
    expect(asked.sort()).toEqual(["a.invalid", "b.invalid"]);
    expect(result).toMatchObject({
      count: 1,
      instances: [{ instance: "a", applications: [{ name: "shop-production" }] }],
      unavailable: [{ instance: "b", error: "upstream_unavailable" }],
      outOfScope: ["c"],
    });
  });

  it("fails with upstream_unavailable when no instance can be searched", async () => {
    const find = findTool(async () => json({ code: 13, message: "boom" }, 502));
    await expect(find({ project: "shop", environment: "production" }, [{ name: "a" }])).rejects.toMatchObject(
      {
        code: "upstream_unavailable",
      },
    );
  });

  it("marks an application Octopus would reject (duplicate source names)", async () => {
    const dup = annotated("dup");
    const sources = [
      ...dup.spec.sources,
      { repoURL: "https://git.example.com/r.git", ref: "values", name: "web" },
    ];
    const find = findTool(async () => json({ items: [{ ...dup, spec: { sources } }] }));
    const result = (await find({ project: "shop", environment: "production" }, [{ name: "a" }])) as {
      instances: { applications: { invalid?: string; sources?: string[] }[] }[];
    };
    expect(result.instances[0]?.applications[0]?.invalid).toMatch(
      /Source name "web" is used by more than one source/,
    );
    expect(result.instances[0]?.applications[0]?.sources).toEqual(["web", "web"]);
  });

  it("rejects a blank project slug before calling Argo CD", async () => {
    const find = findTool(async () => {
      throw new Error("must not be called");
    });
    await expect(find({ project: "  ", environment: "production" }, [{ name: "a" }])).rejects.toMatchObject({
      code: "invalid_arguments",
    });
  });
});

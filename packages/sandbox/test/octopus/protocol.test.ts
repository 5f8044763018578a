import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox } from "../../src/index.js";
import { call } from "./helpers.js";
import { start } from "./helpers.js";

// Route forms, auth, envelope, binding and error bodies (octopus-api.md §1, §3, §5, §7, §8, §9).
let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb?.stop();
});

describe("root document and auth", () => {
  it("serves GET /api anonymously with a semver Version >= 2022.3.5512", async () => {
    const r = await call(sb, "GET", "/api", undefined, {});
    expect(r.status).toBe(200);
    expect(r.json.Version).toBe("2026.2.4000");
    expect(r.json.InstallationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.Links.Spaces).toBe("/api/spaces{/id}{?name,skip,ids,take,partialName}");
  });

  it("accepts X-Octopus-ApiKey and Authorization: Bearer, and answers 401 otherwise", async () => {
    expect((await call(sb, "GET", "/api/spaces", undefined, { "X-Octopus-ApiKey": sb.apiKey })).status).toBe(
      200,
    );
    expect(
      (await call(sb, "GET", "/api/spaces", undefined, { Authorization: `Bearer ${sb.apiKey}` })).status,
    ).toBe(200);
    const wrong = await call(sb, "GET", "/api/spaces", undefined, { "X-Octopus-ApiKey": "API-WRONG" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.ErrorMessage).toContain("provide a valid API key");
    expect((await call(sb, "GET", "/api/spaces", undefined, { "X-Octopus-ApiKey": "" })).status).toBe(401);
    expect((await call(sb, "GET", "/api", undefined, { "X-Octopus-ApiKey": "API-WRONG" })).status).toBe(401);
  });
});

describe("route forms", () => {
  it("answers /api/{spaceId}/…, /api/spaces/{spaceId}/… and /api/… alike", async () => {
    const a = await call(sb, "GET", "/api/Spaces-1/projects/Projects-2");
    const b = await call(sb, "GET", "/api/spaces/Spaces-1/projects/Projects-2");
    const c = await call(sb, "GET", "/api/projects/Projects-2");
    expect(a.json.Name).toBe("Checkout");
    expect(b.json).toEqual(a.json);
    expect(c.json).toEqual(a.json);
  });

  it("routes the empty-space form /api/spaces//… to the default space (api-client tenanted live status)", async () => {
    const r = await call(
      sb,
      "GET",
      "/api/spaces//projects/Projects-10/environments/Environments-2/tenants/Tenants-1/livestatus",
    );
    expect(r.status).toBe(200);
    expect(["Healthy", "Degraded", "Progressing"]).toContain(r.json.Summary.HealthStatus);
    expect(r.json.MachineStatuses[0].Resources[0].SourceType).toBe("ArgoCDApplication");
    expect(r.json.MachineStatuses[0].Resources[0].ResourceSourceId).toBe("customer-portal-acme-retail-test");
  });

  it("matches route paths case-insensitively, /api prefix included, as Octopus Server does", async () => {
    const a = await call(sb, "GET", "/API/SPACES-1/PROJECTS/PROJECTS-2");
    expect(a.status).toBe(200);
    expect(a.json.Name).toBe("Checkout");
    expect((await call(sb, "GET", "/Api/Spaces/spaces-1/Environments?TAKE=1")).json.ItemsPerPage).toBe(1);
    const raw = await call(sb, "GET", "/api/TASKS/ServerTasks-1/RAW");
    expect(raw.contentType).toContain("text/plain");
    expect(raw.text).toMatch(/^Task ID: +ServerTasks-1\n/);
    expect((await call(sb, "GET", "/API", undefined, {})).json.Application).toBe("Octopus Deploy");
    expect((await call(sb, "GET", "/apix/spaces")).status).toBe(404);
  });

  it("URL-decodes path segments and finds projects by slug", async () => {
    expect((await call(sb, "GET", "/api/Spaces-1/projects/checkout")).json.Id).toBe("Projects-2");
    expect((await call(sb, "GET", "/api/Spaces-1/projects/%50rojects-2")).json.Id).toBe("Projects-2");
    const rel = await call(sb, "GET", "/api/Spaces-1/projects/Projects-2/releases/2.6.5");
    expect(rel.json.Version).toBe("2.6.5");
  });

  it("keeps spaces apart: a Spaces-2 project is not found in Spaces-1", async () => {
    expect((await call(sb, "GET", "/api/Spaces-2/projects/Projects-13")).json.Name).toBe("Cluster Add-ons");
    const r = await call(sb, "GET", "/api/Spaces-1/projects/Projects-13");
    expect(r.status).toBe(404);
    expect(r.json.ErrorMessage).toContain("not found");
    expect((await call(sb, "GET", "/api/Spaces-9/projects")).status).toBe(404);
  });

  it("finds spaces by partialName with take=2147483647", async () => {
    const r = await call(sb, "GET", "/api/spaces?partialName=Plat&skip=0&take=2147483647");
    expect(r.json.Items.map((s: { Name: string }) => s.Name)).toEqual(["Platform"]);
    expect(r.json.ItemsPerPage).toBe(2147483647);
    expect(r.json.NumberOfPages).toBe(1);
  });
});

describe("collections, binding and errors", () => {
  it("pages with skip/take in the collection envelope", async () => {
    const r = await call(sb, "GET", "/api/Spaces-1/releases?skip=30&take=10");
    expect(r.json.ItemType).toBe("Release");
    expect(r.json.Items).toHaveLength(10);
    expect(r.json.ItemsPerPage).toBe(10);
    expect(r.json.NumberOfPages).toBe(Math.ceil(r.json.TotalResults / 10));
    expect(r.json.LastPageNumber).toBe(r.json.NumberOfPages - 1);
    expect(r.json.Links["Page.Next"]).toBe("/api/Spaces-1/releases?skip=40&take=10");
    const def = await call(sb, "GET", "/api/Spaces-1/deployments");
    expect(def.json.ItemsPerPage).toBe(30);
    expect(def.json.Items).toHaveLength(30);
  });

  it("binds query names case-insensitively and lists comma-joined ids", async () => {
    const r = await call(sb, "GET", "/api/Spaces-1/projects?SKIP=0&Take=2&PartialName=c");
    expect(r.json.ItemsPerPage).toBe(2);
    expect(r.json.Items.every((p: { Name: string }) => p.Name.toLowerCase().includes("c"))).toBe(true);
    const ids = await call(sb, "GET", "/api/Spaces-1/environments?ids=Environments-1,Environments-4");
    expect(ids.json.Items.map((e: { Name: string }) => e.Name)).toEqual(["Dev", "Production"]);
  });

  it("binds JSON body properties case-insensitively (camelCase, as the Go client sends)", async () => {
    const r = await call(sb, "POST", "/api/Spaces-1/releases/create/v1", {
      projectName: "Cart",
      releaseVersion: "1.11.0",
      spaceId: "Spaces-1",
    });
    expect(r.status).toBe(201);
    expect(r.json.ReleaseVersion).toBe("1.11.0");
    expect((await call(sb, "GET", `/api/Spaces-1/releases/${r.json.ReleaseId}`)).json.ProjectId).toBe(
      "Projects-3",
    );
  });

  it("answers bad input with {ErrorMessage, Errors} and a 4xx status", async () => {
    const missing = await call(sb, "POST", "/api/Spaces-1/releases/create/v1", { ReleaseVersion: "1.0.0" });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      ErrorMessage: "There was a problem with your request.",
      Errors: ["The 'ProjectName' property is required."],
    });
    const badJson = await call(sb, "POST", "/api/Spaces-1/releases/create/v1", "{not json");
    expect(badJson.status).toBe(400);
    expect(badJson.json.Errors).toEqual(["The request body is not valid JSON."]);
    const badTake = await call(sb, "GET", "/api/Spaces-1/projects?take=lots");
    expect(badTake.status).toBe(400);
    const unknown = await call(sb, "GET", "/api/Spaces-1/no-such-thing");
    expect(unknown.status).toBe(404);
    expect(unknown.json.ErrorMessage).toContain("not found");
    const dup = await call(sb, "POST", "/api/Spaces-1/releases/create/v1", {
      ProjectName: "Checkout",
      ReleaseVersion: "2.6.5",
    });
    expect(dup.json.Errors[0]).toBe(
      "A release with the version '2.6.5' already exists for project 'Checkout'.",
    );
    const method = await call(sb, "DELETE", "/api/Spaces-1/projects/Projects-1");
    expect(method.status).toBe(405);
  });

  it("aliases /tenant/{id} to /tenants/{id} and hides sensitive variable values", async () => {
    expect((await call(sb, "GET", "/api/Spaces-1/tenant/Tenants-2")).json.Name).toBe("Globex");
    const vars = await call(sb, "GET", "/api/spaces/Spaces-1/variables/variableset-Projects-5");
    const pw = vars.json.Variables.find((v: { Name: string }) => v.Name === "Database.Password");
    expect(pw).toMatchObject({ Value: null, IsSensitive: true, Type: "Sensitive" });
  });

  it("keeps Project.PersistenceSettings and Machine.Endpoint non-null", async () => {
    const projects = await call(sb, "GET", "/api/Spaces-1/projects?take=100");
    expect(
      projects.json.Items.every(
        (p: { PersistenceSettings: { Type: string } }) => p.PersistenceSettings.Type === "Database",
      ),
    ).toBe(true);
    const machines = await call(sb, "GET", "/api/Spaces-1/machines?take=100");
    expect(machines.json.Items.length).toBeGreaterThan(5);
    expect(
      machines.json.Items.every(
        (m: { Endpoint: { CommunicationStyle: string } }) =>
          typeof m.Endpoint.CommunicationStyle === "string",
      ),
    ).toBe(true);
  });

  it("serves environments/v2, tenant project variables with missing values, and llms.txt", async () => {
    const v2 = await call(sb, "GET", "/api/Spaces-1/environments/v2?ids=Environments-3");
    expect(v2.json.Items).toEqual([
      expect.objectContaining({ Id: "Environments-3", Name: "Staging", Type: "Static" }),
    ]);
    const pv = await call(
      sb,
      "GET",
      "/api/Spaces-1/tenants/Tenants-5/projectvariables?includeMissingVariables=true",
    );
    expect(pv.json.MissingVariables.map((v: { ProjectId: string }) => v.ProjectId)).toEqual([
      "Projects-10",
      "Projects-10",
      "Projects-10",
    ]);
    const llms = await call(sb, "GET", "/api/experimental/llms.txt");
    expect(llms.contentType).toMatch(/^text\/markdown/);
    expect(llms.text).toContain("/deployments/create/untenanted/v1");
  });

  it("serves the included library variable set (libraryvariablesets?ids, variables/all?ids) with hidden secrets", async () => {
    const project = (await call(sb, "GET", "/api/Spaces-1/projects/Projects-1")).json;
    const ids = project.IncludedLibraryVariableSetIds.join(",");
    const sets = await call(sb, "GET", `/api/spaces/Spaces-1/libraryvariablesets?ids=${ids}`);
    expect(sets.json.Items.map((s: { Name: string }) => s.Name)).toEqual(["Shared Settings"]);
    const all = await call(
      sb,
      "GET",
      `/api/spaces/Spaces-1/variables/all?ids=${sets.json.Items[0].VariableSetId}`,
    );
    expect(Array.isArray(all.json)).toBe(true);
    expect(all.json[0].Variables.find((v: { Name: string }) => v.Name === "Registry.Password")).toMatchObject(
      { Value: null, IsSensitive: true },
    );
  });

  it("answers accounts, certificates and feature toggles with empty collections", async () => {
    for (const path of [
      "/api/Spaces-1/accounts",
      "/api/Spaces-1/certificates",
      "/api/Spaces-1/projects/checkout/featuretoggles",
    ]) {
      const r = await call(sb, "GET", path);
      expect(r.json).toMatchObject({ TotalResults: 0, Items: [] });
    }
    expect((await call(sb, "GET", "/api/Spaces-1/projects/nope/featuretoggles")).status).toBe(404);
  });

  it("serves release variable snapshots (ProjectVariableSetSnapshotId), which differ between releases", async () => {
    const releases = (await call(sb, "GET", "/api/Spaces-1/projects/Projects-2/releases?take=3")).json.Items;
    const snaps = [];
    for (const r of releases) {
      const v = await call(sb, "GET", `/api/Spaces-1/variables/${r.ProjectVariableSetSnapshotId}`);
      expect(v.status).toBe(200);
      expect(v.json.Id).toBe(r.ProjectVariableSetSnapshotId);
      snaps.push(
        v.json.Variables.filter((x: { Name: string }) => x.Name === "App.Replicas")
          .map((x: { Value: string }) => x.Value)
          .join(","),
      );
    }
    expect(new Set(snaps).size).toBe(2);
    expect((await call(sb, "GET", "/api/Spaces-1/variables/variableset-Projects-3-s-1")).status).toBe(404);
  });
});

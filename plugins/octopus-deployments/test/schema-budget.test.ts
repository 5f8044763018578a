import { describe, expect, it } from "vitest";
import { DeploymentsDeps, createDeploymentsPlugin, deploymentsToolDefinitions } from "../src/index.js";
import { credentials, listedTools } from "./helpers.js";
import type { HttpClient } from "@octopus-mcp/core";

const http: HttpClient = {
  request: () => Promise.reject(new Error("no I/O expected")),
  stream: () => Promise.reject(new Error("no I/O expected")),
};
const defs = deploymentsToolDefinitions(new DeploymentsDeps(http, credentials({}), {}));

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  description?: string;
  items?: Schema;
  additionalProperties?: unknown;
};

function undescribed(schema: Schema, path: string): string[] {
  const out: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (!prop.description) out.push(`${path}/${name}`);
    out.push(...undescribed(prop, `${path}/${name}`));
  }
  return out;
}

describe("tool definitions", () => {
  it("names follow deployments_<verb>_<noun>, snake_case, <= 64 chars, unique", () => {
    const names = defs.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^deployments_[a-z]+(_[a-z]+)+$/);
      expect(name.length).toBeLessThanOrEqual(64);
    }
    expect(names).toEqual([
      "deployments_list_spaces",
      "deployments_list_environments",
      "deployments_find_projects",
      "deployments_find_releases",
      "deployments_compare_releases",
      "deployments_list_deployments",
      "deployments_get_deployment",
      "deployments_get_dashboard",
      "deployments_get_deployment_process",
      "deployments_get_project_variables",
      "deployments_get_live_status",
      "deployments_create_release",
      "deployments_deploy_release",
    ]);
  });

  it("every input schema is a strict object with every property described", () => {
    for (const d of defs) {
      const schema = d.inputSchema as Schema;
      expect(schema.type, d.name).toBe("object");
      expect(schema.additionalProperties, d.name).toBe(false);
      expect(undescribed(schema, d.name), d.name).toEqual([]);
      if (d.outputSchema) {
        expect((d.outputSchema as Schema).type).toBe("object");
        expect(undescribed(d.outputSchema as Schema, `${d.name}/output`)).toEqual([]);
      }
    }
  });

  it("write tools are write access with a confirmation message; others read", () => {
    const writes = defs.filter((d) => d.access !== "read").map((d) => d.name);
    expect(writes).toEqual(["deployments_create_release", "deployments_deploy_release"]);
    const deploy = defs.find((d) => d.name === "deployments_deploy_release");
    expect(
      deploy?.confirmationMessage?.({
        project: "Checkout",
        release: "1.2.3",
        environments: ["Production"],
        octopusTenants: ["Globex"],
      }),
    ).toBe("Deploy release 1.2.3 of Checkout to Production for Octopus tenants Globex");
  });

  it("the whole tools/list contribution stays under 12,000 characters", () => {
    const size = JSON.stringify(listedTools(defs)).length;
    console.log(`deployments tools/list size: ${size} characters`);
    expect(size).toBeLessThan(12_000);
  });
});

describe("plugin", () => {
  it("exposes a manifest and does no I/O in onRegister", () => {
    const plugin = createDeploymentsPlugin();
    expect(plugin.manifest).toMatchObject({
      namespace: "deployments",
      hostVersion: "^0.1.0",
      name: "@octopus-mcp/plugin-octopus-deployments",
    });
    expect(plugin.onRegister({} as never, {})).toBeUndefined();
    expect(createDeploymentsPlugin()).not.toBe(plugin);
  });
});

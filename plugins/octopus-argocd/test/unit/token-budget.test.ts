import { annotationsFor, type ToolDefinition } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { argoCdTools } from "../../src/plugin.js";
import { DEFAULT_CONFIG } from "../../src/plugin-config.js";
import { ArgoCdServices } from "../../src/services.js";
import { callContext, FetchHttpClient, MapCredentials } from "../helpers/fetch-http-client.js";

// The host adds this optional argument to every write/delete tool (confirmation fallback); its
// description is ~260 characters, so the budget accounts for it.
const HOST_CONFIRM_PROPERTY = { type: "boolean", description: "x".repeat(280) };

/** What tools/list serves for a tool (MCP `Tool`). */
function listed(tool: ToolDefinition) {
  const properties = (tool.inputSchema["properties"] ?? {}) as Record<string, unknown>;
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema:
      tool.access === "read"
        ? tool.inputSchema
        : { ...tool.inputSchema, properties: { ...properties, confirm: HOST_CONFIRM_PROPERTY } },
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
    annotations: annotationsFor(tool.access, tool.annotations),
  };
}

const services = (fetchImpl?: ConstructorParameters<typeof FetchHttpClient>[0]) =>
  new ArgoCdServices(
    new FetchHttpClient(fetchImpl),
    new MapCredentials({ main: "t", edge: "t" }),
    DEFAULT_CONFIG,
  );

describe("token budget", () => {
  it("the plugin's tools/list contribution is under 10,000 characters", () => {
    const tools = argoCdTools(services());
    const size = JSON.stringify({ tools: tools.map(listed) }).length;
    console.log(`argocd tools/list contribution: ${size} characters`);
    expect(tools).toHaveLength(11);
    expect(size).toBeLessThan(10_000);
  });

  it("every tool follows the naming and schema rules", () => {
    for (const tool of argoCdTools(services())) {
      expect(tool.name).toMatch(/^argocd_[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(tool.name.length).toBeLessThanOrEqual(64);
      expect(tool.inputSchema["type"]).toBe("object");
      expect(tool.inputSchema["additionalProperties"]).toBe(false);
      const properties = (tool.inputSchema["properties"] ?? {}) as Record<string, { description?: string }>;
      for (const [name, property] of Object.entries(properties))
        expect(property.description, `${tool.name}.${name}`).toBeTruthy();
      if (tool.access !== "read") expect(tool.confirmationMessage).toBeTypeOf("function");
    }
  });

  it("find applications with 20 matches answers in under 3,000 characters", async () => {
    const apps = Array.from({ length: 20 }, (_, i) => ({
      metadata: {
        name: `checkout-production-eu-west-${i + 1}`,
        namespace: "argocd",
        annotations: { "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" },
      },
      spec: {
        project: "storefront",
        source: {
          repoURL: "https://github.com/octo-shop/gitops.git",
          path: `checkout/${i}`,
          targetRevision: "main",
        },
      },
      status: {
        sync: { status: i % 5 === 0 ? "OutOfSync" : "Synced", revision: "a".repeat(40) },
        health: {
          status: i % 7 === 0 ? "Degraded" : "Healthy",
          message: i % 7 === 0 ? "Deployment checkout exceeded its progress deadline" : undefined,
        },
        summary: { images: [`ghcr.io/octo-shop/checkout:2.6.${i}`] },
      },
    }));
    // Plus one non-matching app, which must not be returned.
    apps.push({
      ...apps[0]!,
      metadata: {
        ...apps[0]!.metadata,
        name: "other",
        annotations: { "argo.octopus.com/project": "cart", "argo.octopus.com/environment": "production" },
      },
    });
    const fetchImpl = async (url: string) => {
      expect(url).toContain(
        "fields=items.metadata.name%2Citems.metadata.namespace%2Citems.metadata.annotations",
      );
      return new Response(JSON.stringify({ items: apps }), {
        headers: { "content-type": "application/json" },
      });
    };
    const find = argoCdTools(services(fetchImpl)).find((t) => t.name === "argocd_find_applications")!;
    const context = callContext({
      argocd: { instances: [{ name: "argocd-main", baseUrl: "http://127.0.0.1:9", credentialId: "main" }] },
    });
    const result = await (find.handler as (a: unknown, c: unknown) => Promise<{ count: number }>)(
      { project: "checkout", environment: "production" },
      context,
    );
    expect(result.count).toBe(20);
    expect(JSON.stringify(result).length).toBeLessThan(3_000);
  });
});

import "reflect-metadata";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createHost } from "@octopus-mcp/host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDefault, type EmbeddedDefault } from "../src/index.js";

describe("embedded default", () => {
  let embedded: EmbeddedDefault;
  let host: ReturnType<typeof createHost>;
  let client: Client;

  beforeAll(async () => {
    embedded = await startEmbeddedDefault({ overrides: { logging: { level: "silent" } } });
    host = createHost({ config: embedded.config, ...embedded.hostOptions });
    await host.start();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await host.connect(serverSide);
    client = new Client({ name: "cli-test", version: "1.0.0" });
    await client.connect(clientSide);
  });

  afterAll(async () => {
    await client?.close();
    await host?.stop();
    await embedded?.stop();
  });

  it("configures the local caller tenant with the sandbox by credential ID, never by secret", () => {
    const tenant = embedded.config.tenants[embedded.config.localTenant];
    expect(tenant?.octopus).toEqual({
      serverUrl: embedded.sandbox.octopusUrl,
      credentialId: "sandbox-octopus",
    });
    expect(tenant?.argocd?.instances.map((i) => i.name)).toEqual(embedded.sandbox.argocd.map((i) => i.name));
    const serialised = JSON.stringify(embedded.config);
    expect(serialised).not.toContain(embedded.sandbox.apiKey);
    for (const instance of embedded.sandbox.argocd) expect(serialised).not.toContain(instance.token);
  });

  it("starts the three first-party plugins and serves their tools", async () => {
    expect(host.states().map((s) => [s.namespace, s.state])).toEqual([
      ["deployments", "started"],
      ["tasks", "started"],
      ["argocd", "started"],
    ]);
    const names = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      names.push(...page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    for (const prefix of ["deployments_", "tasks_", "argocd_"])
      expect(names.filter((n) => n.startsWith(prefix)).length).toBeGreaterThan(5);
  });

  it("answers from the sandbox through each plugin", async () => {
    const spaces = await client.callTool({ name: "deployments_list_spaces", arguments: {} });
    expect(spaces.isError).not.toBe(true);
    expect(JSON.stringify(spaces.structuredContent)).toContain("Default");

    const apps = await client.callTool({
      name: "argocd_find_applications",
      arguments: { project: "checkout", environment: "production" },
    });
    expect(apps.isError).not.toBe(true);
    expect((apps.structuredContent as { count: number }).count).toBeGreaterThan(0);

    const tasks = await client.callTool({ name: "tasks_list_tasks", arguments: {} });
    expect(tasks.isError).not.toBe(true);
  });
});

import { checkToolDefinitions, createFaultInjector, startTestHost } from "@octopus-mcp/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTemplatePlugin, getServerInfoTool } from "../src/index.js";
import { startFakeOctopus, type FakeOctopus } from "./fake-octopus.js";

// Test-only keys, shaped like Octopus API keys so the host's redaction sees them as secrets.
const ACME_KEY = "API-ACMETESTKEY000000000000000";
const GLOBEX_KEY = "API-GLOBEXTESTKEY0000000000000";

let acme: FakeOctopus;
let globex: FakeOctopus;

beforeAll(async () => {
  acme = await startFakeOctopus({ apiKey: ACME_KEY, version: "2025.3.1001" });
  globex = await startFakeOctopus({ apiKey: GLOBEX_KEY, version: "2024.2.9000" });
});
afterAll(async () => {
  await acme.stop();
  await globex.stop();
});

function hostFor(options: { fetch?: typeof fetch; acmeKey?: string } = {}) {
  return startTestHost({
    plugins: [{ plugin: createTemplatePlugin, config: { requestTimeoutMs: 5000 } }],
    tenants: {
      acme: { octopus: { serverUrl: acme.url, credentialId: "octopus" } },
      globex: { octopus: { serverUrl: globex.url, credentialId: "octopus" } },
      empty: {},
    },
    credentials: {
      acme: { octopus: options.acmeKey ?? ACME_KEY },
      globex: { octopus: GLOBEX_KEY },
    },
    tenant: "acme",
    // No retry waits in unit tests.
    config: { http: { maxRetries: 0 } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

describe("template_get_server_info", () => {
  it("passes the host's schema rules", () => {
    expect(checkToolDefinitions("template", [getServerInfoTool])).toEqual([]);
  });

  it("returns the caller tenant's server and version, sending the credential resolved from its ID", async () => {
    const host = await hostFor();
    const r = await host.callTool("template_get_server_info", {});
    expect(r).toMatchObject({
      ok: true,
      data: {
        serverUrl: acme.url,
        application: "Octopus Deploy",
        version: "2025.3.1001",
        apiVersion: "3.0.0",
        installationId: "7a3f0c52-2d0e-4a55-9f65-0b8e4f3c9d10",
      },
    });
    expect(acme.requests.at(-1)?.headers["x-octopus-apikey"]).toBe(ACME_KEY);
    // The secret never reaches the logs.
    expect(host.logText()).not.toContain(ACME_KEY);
  });

  it("returns only the requested fields", async () => {
    const host = await hostFor();
    const r = await host.callTool("template_get_server_info", { fields: ["version"] });
    expect(r.ok && r.data).toEqual({ serverUrl: acme.url, version: "2025.3.1001" });
  });

  it("keeps caller tenants apart: each one reaches its own server with its own credential", async () => {
    const host = await hostFor();
    const [a, g] = await Promise.all([
      host.callTool("template_get_server_info", { fields: ["version"] }),
      host.asTenant("globex").callTool("template_get_server_info", { fields: ["version"] }),
    ]);
    expect(a.ok && a.data).toEqual({ serverUrl: acme.url, version: "2025.3.1001" });
    expect(g.ok && g.data).toEqual({ serverUrl: globex.url, version: "2024.2.9000" });
    expect(globex.requests.every((req) => req.headers["x-octopus-apikey"] === GLOBEX_KEY)).toBe(true);
  });

  it("answers unauthorized when the tenant has no Octopus Server configured", async () => {
    const host = await hostFor();
    const r = await host.asTenant("empty").callTool("template_get_server_info", {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.error).toBe("unauthorized");
      expect(r.error.message).toContain("tenants.empty.octopus");
    }
  });

  it("maps a rejected credential to unauthorized without echoing the secret", async () => {
    const wrongKey = "API-WRONGTESTKEY00000000000000";
    const host = await hostFor({ acmeKey: wrongKey });
    const r = await host.callTool("template_get_server_info", {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.error).toBe("unauthorized");
      expect(JSON.stringify(r.result)).not.toContain(wrongKey);
    }
    expect(host.logText()).not.toContain(wrongKey);
  });

  it("degrades to a structured upstream_unavailable error when Octopus answers 503", async () => {
    const faults = createFaultInjector([{ match: "/api", status: 503 }]);
    const host = await hostFor({ fetch: faults.fetch });
    const r = await host.callTool("template_get_server_info", {});
    expect(r).toMatchObject({ ok: false, error: { success: false, error: "upstream_unavailable" } });
    expect(faults.requests.length).toBeGreaterThan(0);
  });

  it("rejects unknown and invalid arguments before the handler runs", async () => {
    const host = await hostFor();
    const before = acme.requests.length;
    const unknown = await host.callTool("template_get_server_info", { verbose: true });
    const badField = await host.callTool("template_get_server_info", { fields: ["password"] });
    expect(unknown).toMatchObject({ ok: false, error: { error: "invalid_arguments" } });
    expect(badField).toMatchObject({ ok: false, error: { error: "invalid_arguments" } });
    expect(acme.requests.length).toBe(before);
  });
});

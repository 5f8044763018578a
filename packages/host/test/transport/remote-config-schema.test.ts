import { describe, expect, it } from "vitest";
import { createConfigAjv } from "../../src/config/schema-issues.js";
import {
  auditSettingsSchema,
  authSettingsSchema,
  httpServerSettingsSchema,
} from "../../src/transport/remote-config-schema.js";

// The same Ajv settings the config loader uses (strict 2020-12, defaults, coercion).
const ajv = createConfigAjv({ useDefaults: true, coerceTypes: true, strictRequired: false });

describe("remote config schema fragments", () => {
  it("compile under the config loader's strict Ajv", () => {
    for (const schema of [httpServerSettingsSchema, authSettingsSchema, auditSettingsSchema])
      expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("accept a typical multi-tenant HTTP setup", () => {
    const http = ajv.compile(httpServerSettingsSchema);
    expect(http({ host: "0.0.0.0", port: 8080, mode: "stateful", allowedHosts: ["mcp.example.com"] })).toBe(
      true,
    );
    const auth = ajv.compile(authSettingsSchema);
    expect(
      auth({
        jwt: {
          jwksUrl: "https://login.example.com/jwks",
          issuer: "https://login.example.com/",
          audience: ["https://mcp.example.com/mcp"],
          algorithms: ["RS256"],
        },
        resource: "https://mcp.example.com/mcp",
      }),
    ).toBe(true);
    expect(ajv.compile(auditSettingsSchema)({ file: "/var/log/octopus-mcp/audit.jsonl" })).toBe(true);
  });

  it("refuse typos, symmetric algorithms and a missing issuer", () => {
    expect(ajv.compile(httpServerSettingsSchema)({ prot: 1 })).toBe(false);
    const auth = ajv.compile(authSettingsSchema);
    expect(auth({ jwt: { publicKey: "x", issuer: "i", audience: "a", algorithms: ["HS256"] } })).toBe(false);
    expect(auth({ jwt: { publicKey: "x", audience: "a" } })).toBe(false);
    expect(ajv.compile(auditSettingsSchema)({ stream: "syslog" })).toBe(false);
  });
});

describe("host config with the remote sections", () => {
  it("loads server.http, auth and audit (and refuses a typo in them)", async () => {
    const { defaultHostConfig } = await import("../../src/config/load-config.js");
    const config = defaultHostConfig({
      server: { http: { port: 8080, mode: "stateful", allowedHosts: ["mcp.example.com"] } },
      auth: {
        jwt: {
          jwksUrl: "https://login.example.com/jwks",
          issuer: "https://login.example.com/",
          audience: "https://mcp.example.com/mcp",
        },
      },
      audit: { stream: "stderr" },
    });
    expect(config.server.http).toMatchObject({ port: 8080, mode: "stateful" });
    expect(config.auth?.jwt.issuer).toBe("https://login.example.com/");
    expect(config.audit).toEqual({ stream: "stderr" });
    expect(() => defaultHostConfig({ server: { http: { prot: 1 } as never } })).toThrow(/prot/);
  });
});

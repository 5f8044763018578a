import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, INLINE_CONFIG_FILE, type ConfigIssue } from "../../src/config/config-error.js";
import { defaultHostConfig, loadConfigFile, parseConfig } from "../../src/config/load-config.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "octopus-mcp-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

function issuesOf(fn: () => unknown): ConfigIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).issues];
  }
  throw new Error("expected a ConfigError");
}

async function issuesOfAsync(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("defaults", () => {
  it("fills every default for an empty config", () => {
    const config = defaultHostConfig();
    expect(config).toEqual({
      sourceFile: undefined,
      localTenant: "default",
      server: { name: "octopus-mcp" },
      logging: { level: "info", pretty: "auto" },
      lifecycle: {
        startTimeoutMs: 10000,
        pluginStopTimeoutMs: 10000,
        stopTimeoutMs: 30000,
        onStartFailure: "abort",
      },
      calls: { timeoutMs: 60000 },
      http: {
        timeoutMs: 30000,
        maxRetries: 3,
        initialBackoffMs: 200,
        maxBackoffMs: 10000,
        maxConcurrencyPerUpstream: 8,
        maxResponseBytes: 33554432,
        breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30000 },
      },
      credentials: { env: true },
      policy: {},
      tenants: {},
      plugins: [],
    });
  });

  it("keeps overrides and fills the rest, including plugin entry defaults", () => {
    const config = defaultHostConfig({
      http: { maxRetries: 0, breaker: { consecutiveFailures: 2 } },
      plugins: [{ package: "@octopus-mcp/plugin-octopus-tasks" }],
    });
    expect(config.http.maxRetries).toBe(0);
    expect(config.http.timeoutMs).toBe(30000);
    expect(config.http.breaker).toEqual({ consecutiveFailures: 2, halfOpenAfterMs: 30000 });
    expect(config.plugins).toEqual([
      { package: "@octopus-mcp/plugin-octopus-tasks", enabled: true, config: {} },
    ]);
  });

  it("does not mutate the input", () => {
    const raw = { plugins: [{ path: "./p.js" }] };
    parseConfig(raw, { sourceFile: undefined });
    expect(raw).toEqual({ plugins: [{ path: "./p.js" }] });
  });
});

describe("loadConfigFile", () => {
  it("reads YAML, interpolates ${VAR}, keeps $${ literal and resolves relative files", async () => {
    const file = await write(
      "host.yaml",
      [
        "# yaml-language-server: $schema=../schema/host-config.schema.json",
        "localTenant: acme",
        "server: { name: 'demo $${NOT_A_VAR}' }",
        "logging: { level: debug, file: logs/host.log }",
        "credentials: { file: secrets.yaml }",
        "calls: { timeoutMs: '${CALL_TIMEOUT}' }",
        "tenants:",
        "  acme:",
        "    octopus:",
        "      serverUrl: ${OCTOPUS_URL}",
        "      credentialId: octopus-prod",
        "      spaces: [Default]",
        "plugins:",
        "  - package: '@octopus-mcp/plugin-octopus-tasks'",
        "    config: { maxLogLines: 100 }",
        "  - path: ./my-plugin.js",
        "    enabled: false",
        "    onStartFailure: continue",
      ].join("\n"),
    );
    const config = await loadConfigFile(file, {
      env: { OCTOPUS_URL: "https://octopus.example.com", CALL_TIMEOUT: "5000" },
    });
    expect(config.sourceFile).toBe(file);
    expect(config.localTenant).toBe("acme");
    expect(config.server.name).toBe("demo ${NOT_A_VAR}");
    expect(config.logging).toEqual({ level: "debug", pretty: "auto", file: join(dir, "logs/host.log") });
    expect(config.credentials).toEqual({ env: true, file: join(dir, "secrets.yaml") });
    expect(config.calls.timeoutMs).toBe(5000);
    expect(config.tenants.acme?.octopus).toEqual({
      serverUrl: "https://octopus.example.com",
      credentialId: "octopus-prod",
      spaces: ["Default"],
    });
    expect(config.plugins).toEqual([
      { package: "@octopus-mcp/plugin-octopus-tasks", enabled: true, config: { maxLogLines: 100 } },
      { path: "./my-plugin.js", enabled: false, onStartFailure: "continue", config: {} },
    ]);
  });

  it("reads JSON and accepts $schema", async () => {
    const file = await write(
      "host.json",
      JSON.stringify({ $schema: "./schema.json", logging: { pretty: false }, policy: { readOnly: true } }),
    );
    const config = await loadConfigFile(file, { env: {} });
    expect(config.logging.pretty).toBe(false);
    expect(config.policy).toEqual({ readOnly: true });
    expect(config).not.toHaveProperty("$schema");
  });

  it("detects JSON by content when the extension says nothing", async () => {
    const file = await write("host.conf", '{ "localTenant": "x1" }');
    expect((await loadConfigFile(file, { env: {} })).localTenant).toBe("x1");
  });

  it("supports YAML merge keys and ignores a byte-order mark", async () => {
    const yamlFile = await write(
      "merge.yaml",
      [
        "x-octopus: &octopus { serverUrl: 'https://o.example.com', credentialId: octopus }",
        "tenants:",
        "  a: { octopus: { <<: *octopus, spaces: [A] } }",
        "  b: { octopus: *octopus }",
      ].join("\n"),
    );
    const merged = await loadConfigFile(yamlFile, { env: {} });
    expect(merged.tenants).toEqual({
      a: { octopus: { serverUrl: "https://o.example.com", credentialId: "octopus", spaces: ["A"] } },
      b: { octopus: { serverUrl: "https://o.example.com", credentialId: "octopus" } },
    });
    expect(merged).not.toHaveProperty("x-octopus");
    const bom = await write("bom.json", '\uFEFF{ "localTenant": "bom" }');
    expect((await loadConfigFile(bom, { env: {} })).localTenant).toBe("bom");
  });

  it("reports a missing file with the path and a fix", async () => {
    const error = await issuesOfAsync(loadConfigFile(join(dir, "nope.yaml")));
    expect(error.issues).toEqual([
      expect.objectContaining({
        file: join(dir, "nope.yaml"),
        path: "",
        message: expect.stringContaining("ENOENT"),
      }),
    ]);
    expect(error.issues[0]!.fix).toContain("--config");
  });

  it("reports YAML syntax errors with line and column", async () => {
    const file = await write("bad.yaml", "logging:\n  level: info\nlogging: {}\n");
    const error = await issuesOfAsync(loadConfigFile(file, { env: {} }));
    expect(error.issues[0]!.message).toMatch(/YAML syntax error at line 3, column 1/);
  });

  it("reports JSON syntax errors with line and column, without quoting the text", async () => {
    const file = await write("bad.json", '{\n  "server": { "name": "API-ABCDEFGHIJKLMNOPQRSTUVWX" x }\n}');
    const error = await issuesOfAsync(loadConfigFile(file, { env: {} }));
    expect(error.issues[0]!.message).toMatch(/JSON syntax error at line 2, column \d+/);
    expect(error.message).not.toContain("API-ABCDEFGHIJKLMNOPQRSTUVWX");
  });
});

describe("validation", () => {
  it("reports every problem at once, each with file, JSON pointer and fix", async () => {
    const file = await write(
      "many.yaml",
      [
        "logging: { levl: debug, pretty: sometimes }",
        "http: { maxRetries: -1 }",
        "tenants:",
        "  acme:",
        "    octopus: { serverUrl: 'not a url' }",
        "  'bad id!': {}",
        "plugins:",
        "  - { package: a, path: b }",
        "  - { enabled: true }",
        "  - { package: c, config: 3 }",
        "unknownTop: 1",
      ].join("\n"),
    );
    const error = await issuesOfAsync(loadConfigFile(file, { env: {} }));
    const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, issue]));
    expect(error.issues.every((issue) => issue.file === file && issue.fix.length > 0)).toBe(true);
    expect(byPath["/logging/levl"]?.fix).toContain('did you mean "level"');
    expect(byPath["/logging/pretty"]?.message).toBe('must be one of true, false, "auto"');
    expect(byPath["/http/maxRetries"]?.message).toBe("must be >= 0");
    expect(byPath["/tenants/acme/octopus/credentialId"]?.message).toBe(
      'required key "credentialId" is missing',
    );
    expect(byPath["/tenants/acme/octopus/serverUrl"]?.message).toBe(
      'must match pattern "^https?://"; must be a valid uri',
    );
    expect(byPath["/tenants/bad id!"]?.message).toBe('key "bad id!" is not a valid name');
    expect(byPath["/plugins/0"]?.message).toBe('exactly one of "package" or "path" must be set');
    expect(byPath["/plugins/1"]?.message).toBe('exactly one of "package" or "path" must be set');
    expect(byPath["/plugins/2/config"]?.message).toBe("must be object");
    expect(byPath["/unknownTop"]?.message).toBe('unknown key "unknownTop"');
    expect(error.issues).toHaveLength(10);
    // One line per issue: file:path: message (fix: ...)
    expect(error.message).toContain(`${file}:/logging/levl: unknown key "levl" (fix: did you mean "level"?`);
    expect(error.message.split("\n")).toHaveLength(11);
  });

  it("names a missing variable, together with other problems", () => {
    const issues = issuesOf(() =>
      parseConfig(
        { server: { name: "${SERVER_NAME}" }, localTenant: "${MISSING_TENANT}", logging: { level: "loud" } },
        { sourceFile: "/etc/octopus-mcp/host.yaml", env: {} },
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          file: "/etc/octopus-mcp/host.yaml",
          path: "/server/name",
          message: "environment variable SERVER_NAME is not set",
          fix: 'set SERVER_NAME in the host\'s environment, or replace "${SERVER_NAME}" with a value',
        },
        expect.objectContaining({
          path: "/localTenant",
          message: "environment variable MISSING_TENANT is not set",
        }),
        expect.objectContaining({ path: "/logging/level" }),
      ]),
    );
  });

  it("reports malformed references", () => {
    const issues = issuesOf(() =>
      parseConfig(
        { server: { name: "a ${not valid}" }, localTenant: "x${" },
        { sourceFile: undefined, env: {} },
      ),
    );
    expect(issues.map((i) => [i.file, i.path, i.message])).toEqual(
      expect.arrayContaining([
        [INLINE_CONFIG_FILE, "/server/name", '"${not valid}" is not a valid environment variable reference'],
        [INLINE_CONFIG_FILE, "/localTenant", 'unterminated "${" in this value'],
      ]),
    );
  });

  it("refuses tenants whose credential variable names collide", () => {
    const issues = issuesOf(() =>
      parseConfig({ tenants: { "acme-corp": {}, acme_corp: {} } }, { sourceFile: undefined }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: "/tenants/acme_corp",
        message: expect.stringContaining("OCTOPUS_MCP_CREDENTIAL_ACME_CORP__"),
      }),
    ]);
  });

  it("checks backoff and shutdown bounds against each other", () => {
    const issues = issuesOf(() =>
      parseConfig(
        { http: { initialBackoffMs: 500, maxBackoffMs: 100 }, lifecycle: { pluginStopTimeoutMs: 40000 } },
        { sourceFile: undefined },
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(["/http/initialBackoffMs", "/lifecycle/pluginStopTimeoutMs"]);
  });

  it("refuses a non-object document", () => {
    expect(issuesOf(() => parseConfig([1, 2], { sourceFile: undefined }))[0]!.message).toContain("an array");
  });
});

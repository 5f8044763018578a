import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { createHost } from "../../src/host/host.js";
import { PluginStartupError } from "../../src/plugins/plugin-failure.js";
import { checkPlugin } from "../../src/plugins/manifest-checks.js";
import { fixturePlugin } from "../fixtures/fixture-plugins.js";
import { buildHost, connectClient, MemoryLog } from "../fixtures/test-host.js";

const modulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/modules");
const pathEntry = (file: string, config: Record<string, unknown> = {}) => ({ path: `./${file}`, config });

async function startError(host: { start(): Promise<void> }): Promise<PluginStartupError> {
  const error = await host.start().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluginStartupError);
  return error as PluginStartupError;
}

const tmpDirs: string[] = [];
afterEach(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("plugin loader", () => {
  it("loads a plugin by path (default export factory) with its config section validated and defaulted", async () => {
    const { host } = buildHost({
      config: { plugins: [pathEntry("echo-plugin.mjs")] },
      extra: { baseDir: modulesDir },
    });
    await host.start();
    expect(host.states()).toEqual([
      expect.objectContaining({
        name: "@fixtures/plugin-echo",
        state: "started",
        tools: 2,
        source: `path:${path.join(modulesDir, "echo-plugin.mjs")}`,
      }),
    ]);
    const client = await connectClient(host);
    const result = await client.callTool({ name: "fixture_echo", arguments: { text: "there" } });
    expect(result.structuredContent).toEqual({ text: "hello there", tenant: "default" });
  });

  it("loads a named `plugin` export", async () => {
    const { host } = buildHost({
      config: { plugins: [pathEntry("named-export-plugin.mjs")] },
      extra: { baseDir: modulesDir },
    });
    await host.start();
    expect(host.states().map((s) => s.name)).toEqual(["@fixtures/plugin-named"]);
  });

  it("resolves relative paths against the config file's folder", async () => {
    const config = parseConfig(
      {
        plugins: [{ path: "./modules/echo-plugin.mjs" }],
        logging: { level: "silent" },
        credentials: { env: false },
      },
      { sourceFile: path.join(modulesDir, "..", "virtual-config.yaml") },
    );
    const host = createHost({ config, logDestination: new MemoryLog() });
    await host.start();
    expect(host.registry.tools.map((t) => t.definition.name)).toEqual(["fixture_echo", "fixture_write_note"]);
    await host.stop();
  });

  it("resolves package names from the config file's folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-loader-"));
    tmpDirs.push(dir);
    const pkgDir = path.join(dir, "node_modules", "@acme", "octopus-notes");
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(
      path.join(pkgDir, "package.json"),
      JSON.stringify({
        name: "@acme/octopus-notes",
        version: "1.0.0",
        type: "module",
        exports: { ".": "./index.js" },
      }),
    );
    writeFileSync(
      path.join(pkgDir, "index.js"),
      `export default { manifest: { name: "@acme/octopus-notes", version: "1.0.0", namespace: "notes", description: "Notes", hostVersion: "*" },
        onRegister() {}, async onStartAsync() {}, async onStopAsync() {} };`,
    );
    const config = parseConfig(
      {
        plugins: [{ package: "@acme/octopus-notes" }],
        logging: { level: "silent" },
        credentials: { env: false },
      },
      { sourceFile: path.join(dir, "octopus-mcp.yaml") },
    );
    const host = createHost({ config, logDestination: new MemoryLog() });
    await host.start();
    expect(host.states()).toEqual([
      expect.objectContaining({ name: "@acme/octopus-notes", source: "package:@acme/octopus-notes" }),
    ]);
    await host.stop();
  });

  it("reports an unknown package with where it looked and how to fix it", async () => {
    const { host } = buildHost({
      config: { plugins: [{ package: "@acme/not-installed" }] },
      extra: { baseDir: modulesDir },
    });
    const error = await startError(host);
    expect(error.failures[0]).toMatchObject({ plugin: 'package "@acme/not-installed"', phase: "load" });
    expect(error.failures[0]?.message).toContain('package "@acme/not-installed" was not found from');
    expect(error.failures[0]?.message).toContain("npm install @acme/not-installed");
  });

  it("lists every manifest problem of a plugin", async () => {
    const { host } = buildHost({
      config: { plugins: [pathEntry("bad-manifest-plugin.mjs")] },
      extra: { baseDir: modulesDir },
    });
    const error = await startError(host);
    const message = error.failures[0]?.message ?? "";
    expect(error.failures[0]).toMatchObject({ plugin: "@fixtures/plugin-bad", phase: "load" });
    expect(message).toContain("onStopAsync must be a function");
    expect(message).toContain("manifest.description must be a non-empty string");
    expect(message).toContain('manifest.version "1.0" is not a semver version');
    expect(message).toContain('manifest.namespace "Bad-NS" must match ^[a-z][a-z0-9_]*$');
    expect(message).toMatch(/needs host version \^99\.0\.0 but this is @octopus-mcp\/host \d+\.\d+\.\d+/);
  });

  it("validates the plugin's config section against its configSchema, naming file and path", async () => {
    const { host } = buildHost({
      config: { plugins: [pathEntry("echo-plugin.mjs", { greeting: { nested: 1 }, extra: true })] },
      extra: { baseDir: modulesDir },
    });
    const error = await startError(host);
    expect(error.failures[0]).toMatchObject({ plugin: "@fixtures/plugin-echo", phase: "config" });
    expect(error.failures[0]?.message).toContain("<inline config>:/plugins/0/config/greeting");
    expect(error.failures[0]?.message).toContain("/plugins/0/config/extra");
  });

  it("accepts a plugin class (constructed) and an async factory", async () => {
    class ClassPlugin {
      readonly manifest = {
        name: "@x/class",
        version: "1.0.0",
        namespace: "klass",
        description: "Class",
        hostVersion: "*",
      };
      onRegister(): void {}
      async onStartAsync(): Promise<void> {}
      async onStopAsync(): Promise<void> {}
    }
    const asyncFactory = async () => fixturePlugin({ namespace: "later" });
    const { host } = buildHost({ plugins: [ClassPlugin, asyncFactory] });
    await host.start();
    expect(host.states().map((s) => s.namespace)).toEqual(["klass", "later"]);
  });

  it("refuses a second plugin with the same namespace", async () => {
    const { host } = buildHost({
      plugins: [
        fixturePlugin({ namespace: "same", name: "@x/one" }),
        fixturePlugin({ namespace: "same", name: "@x/two" }),
      ],
    });
    const error = await startError(host);
    expect(error.failures).toEqual([
      expect.objectContaining({
        plugin: "@x/two",
        phase: "load",
        message: 'namespace "same" is already used by plugin "@x/one"; namespaces must be unique',
      }),
    ]);
  });

  it("policy continue: plugins failing to load or with a bad config section show as failed in states()", async () => {
    const { host } = buildHost({
      config: {
        lifecycle: { onStartFailure: "continue" },
        plugins: [
          pathEntry("bad-manifest-plugin.mjs"),
          pathEntry("echo-plugin.mjs", { greeting: { nested: 1 } }),
          pathEntry("named-export-plugin.mjs"),
        ],
      },
      extra: { baseDir: modulesDir },
    });
    await host.start();
    expect(host.states().map((s) => [s.name, s.namespace, s.state])).toEqual([
      ["@fixtures/plugin-bad", "", "failed"],
      ["@fixtures/plugin-echo", "fixture", "failed"],
      ["@fixtures/plugin-named", "named", "started"],
    ]);
    expect(host.states()[1]?.error).toContain("/plugins/1/config/greeting");
  });

  it("imports every plugin module at once, and still makes and orders plugins as configured", async () => {
    // The first module's top-level await only settles once the second module has run: loading
    // the modules one after the other would never finish.
    const dir = mkdtempSync(path.join(tmpdir(), "octopus-mcp-loader-"));
    tmpDirs.push(dir);
    const key = `octopusLoaderTest${process.pid}`;
    const pluginSource = (name: string) =>
      `export default { manifest: { name: "@acme/${name}", version: "1.0.0", namespace: "${name}", description: "${name}", hostVersion: "*" },
        onRegister() {}, async onStartAsync() {}, async onStopAsync() {} };`;
    writeFileSync(
      path.join(dir, "first.mjs"),
      `const shared = (globalThis.${key} ??= {});
       await new Promise((resolve) => { shared.releaseFirst = resolve; if (shared.secondRan) resolve(); });
       ${pluginSource("first")}`,
    );
    writeFileSync(
      path.join(dir, "second.mjs"),
      `const shared = (globalThis.${key} ??= {});
       shared.secondRan = true;
       shared.releaseFirst?.();
       ${pluginSource("second")}`,
    );
    const config = parseConfig(
      {
        plugins: [{ path: "./first.mjs" }, { path: "./second.mjs" }],
        logging: { level: "silent" },
        credentials: { env: false },
      },
      { sourceFile: path.join(dir, "octopus-mcp.yaml") },
    );
    const host = createHost({ config, logDestination: new MemoryLog() });
    try {
      await host.start();
      expect(host.states().map((s) => s.namespace)).toEqual(["first", "second"]);
    } finally {
      await host.stop();
      delete (globalThis as Record<string, unknown>)[key];
    }
  });

  it("skips disabled entries", async () => {
    const { host } = buildHost({
      config: {
        plugins: [{ ...pathEntry("echo-plugin.mjs"), enabled: false }, pathEntry("named-export-plugin.mjs")],
      },
      extra: { baseDir: modulesDir },
    });
    await host.start();
    expect(host.states().map((s) => s.namespace)).toEqual(["named"]);
  });
});

describe("checkPlugin", () => {
  it("accepts a prerelease host inside the range and rejects outside it", () => {
    const plugin = fixturePlugin({ namespace: "a", hostVersion: "^0.1.0" });
    expect(checkPlugin(plugin, "0.1.5-beta.1")).toEqual([]);
    expect(checkPlugin(plugin, "0.2.0")).toEqual([
      "needs host version ^0.1.0 but this is @octopus-mcp/host 0.2.0; upgrade the host or use a plugin version built for it",
    ]);
    expect(checkPlugin(null, "0.1.0")[0]).toContain("is not an object");
  });
});

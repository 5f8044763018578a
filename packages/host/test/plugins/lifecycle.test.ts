import { TOKENS } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { pluginConfigValidator } from "../../src/config/precompiled-config-validator.js";
import { PluginStartupError } from "../../src/plugins/plugin-failure.js";
import { echoTool, fixturePlugin, forever, untilAborted } from "../fixtures/fixture-plugins.js";
import { buildHost } from "../fixtures/test-host.js";

describe("plugin lifecycle", () => {
  it("registers all plugins before starting any, then stops them in reverse start order", async () => {
    const journal: string[] = [];
    const { host } = buildHost({
      plugins: ["a", "b", "c"].map((ns) => fixturePlugin({ namespace: ns, journal, tools: [echoTool(ns)] })),
    });
    await host.start();
    expect(journal.slice(0, 3)).toEqual(["a:register", "b:register", "c:register"]);
    expect(journal.slice(3).filter((e) => e.endsWith(":start"))).toEqual(["a:start", "b:start", "c:start"]);
    expect(host.states().map((s) => [s.namespace, s.state, s.tools])).toEqual([
      ["a", "started", 1],
      ["b", "started", 1],
      ["c", "started", 1],
    ]);
    journal.length = 0;
    const report = await host.stop();
    expect(journal).toEqual(["c:stop", "c:stopped", "b:stop", "b:stopped", "a:stop", "a:stopped"]);
    expect(report.clean).toBe(true);
    expect(host.states().every((s) => s.state === "stopped")).toBe(true);
  });

  it("validates a config section with the plugin's precompiled validator when it matches the schema", async () => {
    const configSchema = { type: "object", properties: { level: { type: "integer", default: 3 } } };
    // A validator that marks what it validated shows that the host ran it instead of compiling.
    const marking = {
      ...pluginConfigValidator(configSchema),
      source: "module.exports = function validate(data) { data.checkedBy = 'precompiled'; return true; };",
    };
    const seen: unknown[] = [];
    const plugin = (ns: string, schema: typeof configSchema & { required?: string[] }) =>
      fixturePlugin({
        namespace: ns,
        configSchema: schema,
        precompiledConfigValidator: marking,
        onStart: async (context) => void seen.push({ ...context.config }),
      });
    const { host } = buildHost({
      plugins: [plugin("a", configSchema), plugin("b", { ...configSchema, required: [] })],
    });
    await host.start();
    // "b" declares another schema than the validator was made from: the host compiled its own.
    expect(seen).toEqual([{ checkedBy: "precompiled" }, { level: 3 }]);
  });

  it("logs where start-up time went on the 'host started' line (startupMs)", async () => {
    const { host, log } = buildHost({
      plugins: [
        fixturePlugin({
          namespace: "a",
          tools: [echoTool("a")],
          onStart: () => new Promise((resolve) => setTimeout(resolve, 40)),
        }),
      ],
    });
    await host.start();
    const line = log.lines.find((l) => l.msg === "host started") as
      { startupMs?: Record<string, number> } | undefined;
    const timings = line?.startupMs ?? {};
    const phases = [
      "services",
      "loadPlugins",
      "pluginConfig",
      "registerPlugins",
      "startPlugins",
      "checkTools",
    ];
    expect(Object.keys(timings)).toEqual([...phases, "start", "sinceProcessStart"]);
    // The plugin's 40 ms start lands in its phase; the phases fit in start() (0.1 ms rounding each).
    expect(timings.startPlugins).toBeGreaterThanOrEqual(35);
    const sum = phases.reduce((total, phase) => total + (timings[phase] ?? Number.NaN), 0);
    expect(sum).toBeLessThanOrEqual((timings.start ?? 0) + 0.5);
    expect(timings.sinceProcessStart).toBeGreaterThan(timings.start ?? Number.POSITIVE_INFINITY);
    // Counted from the start of the process, like performance.now() (within clock-origin slack).
    expect(Math.abs((timings.sinceProcessStart ?? 0) - performance.now())).toBeLessThan(1000);
  });

  it("starts plugins in parallel (b starts while a is still starting)", async () => {
    const journal: string[] = [];
    let releaseA: () => void = () => undefined;
    const aGate = new Promise<void>((resolve) => (releaseA = resolve));
    const { host } = buildHost({
      plugins: [
        fixturePlugin({ namespace: "a", journal, onStart: () => aGate }),
        fixturePlugin({
          namespace: "b",
          journal,
          onStart: async () => {
            releaseA();
          },
        }),
      ],
    });
    await host.start();
    expect(journal.indexOf("b:start")).toBeLessThan(journal.indexOf("a:started"));
  });

  it("fails a plugin whose onStartAsync exceeds the start timeout and aborts its signal", async () => {
    let seenSignal: AbortSignal | undefined;
    const { host } = buildHost({
      config: { lifecycle: { startTimeoutMs: 50 } },
      plugins: [
        fixturePlugin({
          namespace: "slow",
          onStart: async (_ctx, signal) => {
            seenSignal = signal;
            await untilAborted(signal);
            await forever();
          },
        }),
      ],
    });
    const error = await host.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginStartupError);
    const failure = (error as PluginStartupError).failures[0];
    expect(failure).toMatchObject({ plugin: "@fixtures/plugin-slow", phase: "start", policy: "abort" });
    expect(failure?.message).toContain("did not finish within 50 ms");
    expect(seenSignal?.aborted).toBe(true);
    expect(host.state).toBe("failed");
  });

  it("policy abort: one aggregated error lists every failed plugin and its cause; started ones are stopped", async () => {
    const journal: string[] = [];
    const { host } = buildHost({
      config: { lifecycle: { startTimeoutMs: 50 } },
      plugins: [
        fixturePlugin({ namespace: "good", journal, tools: [echoTool("good")] }),
        fixturePlugin({
          namespace: "boom",
          journal,
          onStart: () => Promise.reject(new Error("cannot reach Octopus")),
        }),
        fixturePlugin({ namespace: "hang", journal, onStart: () => forever() }),
      ],
    });
    const error = (await host.start().catch((e: unknown) => e)) as PluginStartupError;
    expect(error).toBeInstanceOf(PluginStartupError);
    expect(error.failures.map((f) => [f.plugin, f.phase])).toEqual([
      ["@fixtures/plugin-boom", "start"],
      ["@fixtures/plugin-hang", "start"],
    ]);
    expect(error.message).toContain("2 plugins failed to start");
    expect(error.message).toContain("@fixtures/plugin-boom [onStartAsync]: cannot reach Octopus");
    expect(error.message).toContain(
      "@fixtures/plugin-hang [onStartAsync]: onStartAsync did not finish within 50 ms",
    );
    expect(journal).toContain("good:stopped");
  });

  it("policy continue: the host serves the healthy plugins and reports the failed one in states()", async () => {
    const { host } = buildHost({
      config: { lifecycle: { onStartFailure: "continue" } },
      plugins: [
        fixturePlugin({ namespace: "good", tools: [echoTool("good")] }),
        fixturePlugin({
          namespace: "bad",
          tools: [echoTool("bad")],
          onStart: () => Promise.reject(new Error("no credential")),
        }),
      ],
    });
    await host.start();
    expect(host.registry.tools.map((t) => t.definition.name)).toEqual(["good_echo"]);
    expect(host.states().find((s) => s.namespace === "bad")).toMatchObject({
      state: "failed",
      error: "no credential",
      tools: 0,
    });
    expect(host.failures.map((f) => f.plugin)).toEqual(["@fixtures/plugin-bad"]);
  });

  it("per-plugin policy overrides the default", async () => {
    const { host } = buildHost({
      config: { lifecycle: { onStartFailure: "continue" } },
      plugins: [
        {
          plugin: fixturePlugin({ namespace: "critical", onStart: () => Promise.reject(new Error("down")) }),
          onStartFailure: "abort",
        },
        fixturePlugin({ namespace: "optional", onStart: () => Promise.reject(new Error("also down")) }),
      ],
    });
    const error = (await host.start().catch((e: unknown) => e)) as PluginStartupError;
    expect(error).toBeInstanceOf(PluginStartupError);
    expect(error.failures.map((f) => [f.plugin, f.policy])).toEqual([
      ["@fixtures/plugin-critical", "abort"],
      ["@fixtures/plugin-optional", "continue"],
    ]);
  });

  it("onRegister returning a Promise fails that plugin before any start", async () => {
    const journal: string[] = [];
    const { host } = buildHost({
      plugins: [
        fixturePlugin({ namespace: "asyncreg", journal, onRegister: async () => undefined }),
        fixturePlugin({ namespace: "other", journal }),
      ],
    });
    const error = (await host.start().catch((e: unknown) => e)) as PluginStartupError;
    expect(error.failures).toHaveLength(1);
    expect(error.failures[0]).toMatchObject({ plugin: "@fixtures/plugin-asyncreg", phase: "register" });
    expect(error.failures[0]?.message).toContain("onRegister returned a Promise");
    expect(journal.some((e) => e.endsWith(":start"))).toBe(false);
  });

  it("a plugin hanging in onStopAsync is abandoned at its bound; the others still stop", async () => {
    const journal: string[] = [];
    let stopSignal: AbortSignal | undefined;
    const { host } = buildHost({
      config: { lifecycle: { pluginStopTimeoutMs: 50, stopTimeoutMs: 5000 } },
      plugins: [
        fixturePlugin({ namespace: "first", journal }),
        fixturePlugin({
          namespace: "stuck",
          journal,
          onStop: (signal) => {
            stopSignal = signal;
            return forever();
          },
        }),
      ],
    });
    await host.start();
    const report = await host.stop();
    expect(report.clean).toBe(false);
    expect(report.plugins).toEqual([
      {
        plugin: "@fixtures/plugin-stuck",
        outcome: "timeout",
        error: "onStopAsync did not finish within 50 ms",
      },
      { plugin: "@fixtures/plugin-first", outcome: "stopped" },
    ]);
    expect(stopSignal?.aborted).toBe(true);
    expect(journal).toContain("first:stopped");
    expect(host.states().find((s) => s.namespace === "stuck")?.state).toBe("failed");
  });

  it("the whole-shutdown bound skips plugins once used up", async () => {
    const { host } = buildHost({
      config: { lifecycle: { pluginStopTimeoutMs: 60, stopTimeoutMs: 60 } },
      plugins: [
        fixturePlugin({ namespace: "a" }),
        fixturePlugin({ namespace: "b", onStop: () => forever() }),
      ],
    });
    await host.start();
    const report = await host.stop();
    expect(report.plugins.map((p) => [p.plugin, p.outcome])).toEqual([
      ["@fixtures/plugin-b", "timeout"],
      ["@fixtures/plugin-a", "skipped"],
    ]);
  });

  it("stop() is idempotent", async () => {
    const journal: string[] = [];
    const { host } = buildHost({ plugins: [fixturePlugin({ namespace: "a", journal })] });
    await host.start();
    const [r1, r2] = await Promise.all([host.stop(), host.stop()]);
    expect(r1).toBe(r2);
    expect(journal.filter((e) => e === "a:stop")).toHaveLength(1);
  });

  it("registering a tool after onStartAsync resolved throws", async () => {
    let registry: { addTool: (t: never) => void } | undefined;
    const { host } = buildHost({
      plugins: [
        fixturePlugin({
          namespace: "late",
          onStart: async (ctx) => {
            registry = ctx.registry as never;
          },
        }),
      ],
    });
    await host.start();
    expect(() => registry?.addTool(echoTool("late") as never)).toThrow(/outside its onStartAsync/);
    expect(host.registry.tools).toHaveLength(0);
  });
});

describe("dependency injection", () => {
  it("gives each plugin a child container with its own Logger/PluginConfig/PluginManifest and host services", async () => {
    const seen: Record<string, unknown> = {};
    const { host } = buildHost({
      plugins: [
        {
          plugin: fixturePlugin({
            namespace: "a",
            onRegister: (container) => {
              seen.aConfig = container.resolve(TOKENS.PluginConfig);
              seen.aManifest = (container.resolve(TOKENS.PluginManifest) as { namespace: string }).namespace;
              seen.http = container.isRegistered(TOKENS.HttpClient, true);
              seen.credentials = container.isRegistered(TOKENS.CredentialResolver, true);
              seen.tenant = container.isRegistered(TOKENS.TenantContext, true);
            },
          }),
          config: { answer: 42 },
        },
      ],
    });
    await host.start();
    expect(seen).toEqual({
      aConfig: { answer: 42 },
      aManifest: "a",
      http: true,
      credentials: true,
      tenant: true,
    });
  });

  it("a plugin never sees a sibling's registrations", async () => {
    const SECRET_TOKEN = Symbol("a.service");
    let bSees: boolean | undefined;
    let aSees: boolean | undefined;
    const { host } = buildHost({
      plugins: [
        fixturePlugin({
          namespace: "a",
          onRegister: (container) => container.register(SECRET_TOKEN, { useValue: "a's service" }),
          onStart: async (ctx) => {
            aSees = ctx.container.isRegistered(SECRET_TOKEN, true);
          },
        }),
        fixturePlugin({
          namespace: "b",
          onStart: async (ctx) => {
            bSees = ctx.container.isRegistered(SECRET_TOKEN, true);
          },
        }),
      ],
    });
    await host.start();
    expect(aSees).toBe(true);
    expect(bSees).toBe(false);
  });
});

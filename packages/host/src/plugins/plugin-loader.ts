/**
 * Imports the plugins an operator enabled (issue 2 "Loading"): by npm package name (resolved from
 * the config file's folder first, then from the host's own dependencies) or by path (relative to
 * the config file). The module's `default` export, or a named `plugin` export, is a plugin or a
 * factory returning one. Manifests are checked and namespaces must be unique.
 */
import { createRequire } from "node:module";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { IOctopusPlugin } from "@octopus-mcp/core";
import type { PluginEntry, StartFailurePolicy } from "../config/types.js";
import { checkPlugin } from "./manifest-checks.js";
import { describeError, type PluginFailure } from "./plugin-failure.js";

/** A plugin ready for the lifecycle, with where it came from. */
export interface LoadedPlugin {
  readonly plugin: IOctopusPlugin;
  /** `package:<name>`, `path:<abs path>` or `preloaded`. */
  readonly source: string;
  /** The raw config section (validated later against `manifest.configSchema`). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly onStartFailure: StartFailurePolicy | undefined;
  /** JSON pointer of the entry in the host config, e.g. `/plugins/2`; `undefined` when preloaded. */
  readonly configPointer: string | undefined;
}

/** A plugin handed in directly (tests, embedding): an instance or a factory, with its config section. */
export interface PreloadedPlugin {
  readonly plugin:
    IOctopusPlugin | (() => IOctopusPlugin | Promise<IOctopusPlugin>) | (new () => IOctopusPlugin);
  readonly config?: Readonly<Record<string, unknown>>;
  readonly onStartFailure?: StartFailurePolicy;
}

export interface LoadResult {
  readonly plugins: LoadedPlugin[];
  readonly failures: PluginFailure[];
}

/** Resolves a package name to a file, trying `fromDirs` in order. @throws Error naming every folder tried. */
function resolvePackage(name: string, fromDirs: readonly string[]): string {
  const errors: string[] = [];
  for (const dir of fromDirs) {
    try {
      return createRequire(path.join(dir, "noop.js")).resolve(name);
    } catch (error) {
      errors.push(`${dir} (${(error as NodeJS.ErrnoException).code ?? describeError(error)})`);
    }
  }
  throw new Error(
    `package "${name}" was not found from ${errors.join(", ")}. Install it next to the config file ` +
      `(npm install ${name}) or give "path" instead of "package".`,
  );
}

/** Resolves a `path` entry: a module file, or a package folder (its `main`/`exports`). */
function resolvePath(entryPath: string, baseDir: string): string {
  const absolute = path.resolve(baseDir, entryPath);
  if (!existsSync(absolute))
    throw new Error(`path "${absolute}" does not exist (relative paths are resolved from ${baseDir})`);
  if (statSync(absolute).isDirectory())
    return createRequire(path.join(absolute, "noop.js")).resolve(absolute);
  return absolute;
}

/**
 * Turns a module namespace into a plugin: `default` then `plugin`; a class is constructed, any
 * other function without `manifest` is a factory and is called once (it may be async).
 * @throws Error when neither export is present or the factory throws.
 */
export async function pluginFromModule(mod: Record<string, unknown>): Promise<unknown> {
  const exported = mod.default ?? mod.plugin;
  if (exported === undefined) {
    throw new Error('the module has neither a default export nor a named "plugin" export');
  }
  return instantiate(exported);
}

async function instantiate(exported: unknown): Promise<unknown> {
  if (typeof exported === "function" && !("manifest" in exported)) {
    // A class implementing IOctopusPlugin is constructed; any other function is a factory.
    if (/^class[\s{]/.test(Function.prototype.toString.call(exported))) {
      return new (exported as new () => unknown)();
    }
    return await (exported as () => unknown)();
  }
  return exported;
}

/** Host paths used to resolve package names after the config folder. */
const HOST_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * Loads the enabled entries of `entries` and then `preloaded`, in that order.
 * @param configDir folder of the config file (relative paths and package names resolve from it).
 */
export async function loadPlugins(options: {
  readonly entries: readonly PluginEntry[];
  readonly preloaded: readonly PreloadedPlugin[];
  readonly configDir: string;
  readonly hostVersion: string;
  readonly defaultPolicy: StartFailurePolicy;
}): Promise<LoadResult> {
  const plugins: LoadedPlugin[] = [];
  const failures: PluginFailure[] = [];

  const accept = (candidate: unknown, label: string, loaded: Omit<LoadedPlugin, "plugin">) => {
    const problems = checkPlugin(candidate, options.hostVersion);
    const policy = loaded.onStartFailure ?? options.defaultPolicy;
    const name = (candidate as { manifest?: { name?: unknown } } | null)?.manifest?.name;
    const display = typeof name === "string" && name !== "" ? name : label;
    if (problems.length > 0) {
      failures.push({
        plugin: display,
        phase: "load",
        policy,
        message: `invalid plugin (${label}):\n${problems.join("\n")}`,
      });
      return;
    }
    const plugin = candidate as IOctopusPlugin;
    const clash = plugins.find((p) => p.plugin.manifest.namespace === plugin.manifest.namespace);
    if (clash) {
      failures.push({
        plugin: display,
        phase: "load",
        policy,
        message: `namespace "${plugin.manifest.namespace}" is already used by plugin "${clash.plugin.manifest.name}"; namespaces must be unique`,
      });
      return;
    }
    plugins.push({ plugin, ...loaded });
  };

  // Every enabled entry's module is resolved and its import started at once, so the loader reads
  // the plugins' files concurrently instead of waiting on each in turn (a stdio host's cold start,
  // bench figure 2). Plugin objects are still made and checked in config order.
  type Imported = { ok: true; source: string; mod: Record<string, unknown> } | { ok: false; error: unknown };
  const imports = options.entries.map((entry): Promise<Imported> | undefined => {
    if (entry.enabled === false) return undefined;
    try {
      const file =
        entry.package !== undefined
          ? resolvePackage(entry.package, [options.configDir, HOST_DIR])
          : resolvePath(entry.path ?? "", options.configDir);
      const source = entry.package !== undefined ? `package:${entry.package}` : `path:${file}`;
      return (import(pathToFileURL(file).href) as Promise<Record<string, unknown>>).then(
        (mod) => ({ ok: true, source, mod }),
        (error: unknown) => ({ ok: false, error }),
      );
    } catch (error) {
      return Promise.resolve({ ok: false, error });
    }
  });

  for (const [index, entry] of options.entries.entries()) {
    const started = imports[index];
    if (started === undefined) continue; // disabled
    const label = entry.package !== undefined ? `package "${entry.package}"` : `path "${entry.path ?? ""}"`;
    const policy = entry.onStartFailure ?? options.defaultPolicy;
    let candidate: unknown;
    let source: string;
    try {
      const imported = await started;
      if (!imported.ok) throw imported.error;
      source = imported.source;
      candidate = await pluginFromModule(imported.mod);
    } catch (error) {
      failures.push({
        plugin: label,
        phase: "load",
        policy,
        message: `cannot load ${label}: ${describeError(error)}`,
        cause: error,
      });
      continue;
    }
    accept(candidate, label, {
      source,
      config: entry.config ?? {},
      onStartFailure: entry.onStartFailure,
      configPointer: `/plugins/${index}`,
    });
  }

  for (const [index, item] of options.preloaded.entries()) {
    const label = `preloaded plugin #${index}`;
    let candidate: unknown;
    try {
      candidate = await instantiate(item.plugin);
    } catch (error) {
      failures.push({
        plugin: label,
        phase: "load",
        policy: item.onStartFailure ?? options.defaultPolicy,
        message: `plugin factory threw: ${describeError(error)}`,
        cause: error,
      });
      continue;
    }
    accept(candidate, label, {
      source: "preloaded",
      config: item.config ?? {},
      onStartFailure: item.onStartFailure,
      configPointer: undefined,
    });
  }
  return { plugins, failures };
}

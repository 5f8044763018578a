/**
 * Finds and imports the plugin to lint: a package folder (with package.json) or an installed
 * package name resolved from the current directory. The module's `default` (or `plugin`) export is
 * a plugin or a factory returning one (core's `PluginModuleExport`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The target cannot be found or imported; the CLI exits 2. */
export class PluginLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PluginLoadError";
  }
}

export interface LoadedPluginModule {
  /** Absolute plugin package folder. */
  readonly root: string;
  /** Absolute path of the imported entry module. */
  readonly entry: string;
  readonly packageJson: Readonly<Record<string, unknown>>;
  /** The export: a plugin object or a factory. */
  readonly exported: unknown;
}

function entryOf(root: string, pkg: Record<string, unknown>): string {
  const exp = pkg.exports;
  let rel: unknown;
  if (typeof exp === "string") rel = exp;
  else if (exp && typeof exp === "object") {
    const dot = (exp as Record<string, unknown>)["."] ?? exp;
    if (typeof dot === "string") rel = dot;
    else if (dot && typeof dot === "object") {
      const d = dot as Record<string, unknown>;
      rel = d.import ?? d.default ?? d.node;
      if (rel && typeof rel === "object") rel = (rel as Record<string, unknown>).default;
    }
  }
  rel ??= pkg.main ?? "index.js";
  if (typeof rel !== "string")
    throw new PluginLoadError(`${root}/package.json: cannot tell the entry module (set "main" or "exports")`);
  return path.resolve(root, rel);
}

/** Resolves a folder path or package name to the plugin's package folder. */
export function resolvePluginRoot(target: string, cwd = process.cwd()): string {
  const asPath = path.resolve(cwd, target);
  if (existsSync(asPath)) {
    if (!statSync(asPath).isDirectory())
      throw new PluginLoadError(`${target}: give the plugin's package folder, not a file`);
    if (!existsSync(path.join(asPath, "package.json")))
      throw new PluginLoadError(`${target}: no package.json in this folder`);
    return asPath;
  }
  try {
    const require = createRequire(path.join(cwd, "package.json"));
    return path.dirname(require.resolve(`${target}/package.json`));
  } catch {
    throw new PluginLoadError(
      `${target}: neither a folder nor an installed package (run from a folder where it is installed)`,
    );
  }
}

/**
 * Imports the plugin module.
 * @throws PluginLoadError when package.json is unreadable, the entry is missing (not built?) or the import throws.
 */
export async function importPluginModule(root: string): Promise<LoadedPluginModule> {
  let packageJson: Record<string, unknown>;
  try {
    packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw new PluginLoadError(`${root}/package.json: ${(error as Error).message}`);
  }
  const entry = entryOf(root, packageJson);
  if (!existsSync(entry)) {
    throw new PluginLoadError(
      `${path.relative(process.cwd(), entry) || entry}: entry module missing; build the plugin first`,
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginLoadError(`importing ${entry} failed: ${(error as Error).message}`);
  }
  const exported = mod.default ?? mod.plugin;
  return { root, entry, packageJson, exported };
}

/** Turns the export into a plugin-shaped object (calling a factory); `undefined` when it is neither. */
export function instantiate(exported: unknown): Record<string, unknown> | undefined {
  let value = exported;
  if (typeof value === "function" && !/^class[\s{]/.test(Function.prototype.toString.call(value))) {
    value = (value as () => unknown)();
  }
  return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

/**
 * Copies the plugin template (`examples/plugin-template` in the repository, `template/` in the
 * published package) to a new folder with the author's names filled in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pluginNames, type PluginNames } from "./plugin-names.js";

export interface CreatePluginProjectOptions {
  /** `deploy-notifier`, `octopus-mcp-plugin-deploy-notifier` or `@acme/deploy-notifier`. */
  readonly name: string;
  /** Target folder; created, must not exist or be empty. Relative paths resolve from `process.cwd()`. */
  readonly directory: string;
  /** Tool-name prefix (snake_case); default derived from the name (`deploy_notifier`). */
  readonly namespace?: string;
  /** Package and manifest description. */
  readonly description?: string;
  /**
   * Dependency specs for the `@octopus-mcp/*` packages the template uses, e.g.
   * `{ "@octopus-mcp/core": "file:/tmp/core.tgz" }`. Unlisted ones get `^<this package's version>`.
   */
  readonly dependencySpecs?: Readonly<Record<string, string>>;
  /** Template folder to copy; default the bundled or in-repository template. */
  readonly templateDirectory?: string;
}

export interface CreatedPluginProject {
  /** Absolute path of the new project. */
  readonly directory: string;
  readonly names: PluginNames;
  /** Files written, relative to `directory`, sorted. */
  readonly files: readonly string[];
}

/** The template's own names, replaced in every text file. */
const TEMPLATE = {
  packageName: "octopus-mcp-plugin-template",
  description:
    "A template Octopus MCP Host plugin: one read tool that reports the caller tenant's Octopus Server version.",
} as const;

const SKIP = new Set(["node_modules", "dist", ".turbo", "coverage"]);
const TEXT = /\.(ts|js|mjs|json|md|ya?ml)$|(^|\/)(\.?gitignore)$/;

/**
 * Creates the project.
 * @throws PluginNameError for an unusable name or namespace.
 * @throws Error when `directory` exists and is not empty, or the template cannot be found.
 */
export async function createPluginProject(
  options: CreatePluginProjectOptions,
): Promise<CreatedPluginProject> {
  const names = pluginNames(options.name, options.namespace);
  const directory = path.resolve(options.directory);
  if (existsSync(directory) && (!statSync(directory).isDirectory() || readdirSync(directory).length > 0)) {
    throw new Error(`${directory} already exists and is not an empty folder; choose another directory.`);
  }
  const template = options.templateDirectory ?? findTemplateDirectory();
  await mkdir(directory, { recursive: true });
  await cp(template, directory, {
    recursive: true,
    filter: (file) => !SKIP.has(path.basename(file)) && !/\.(tsbuildinfo|tgz)$/.test(file),
  });
  // The published package ships `.gitignore` as `gitignore` (npm drops dotfiles named .gitignore).
  if (existsSync(path.join(directory, "gitignore"))) {
    await rename(path.join(directory, "gitignore"), path.join(directory, ".gitignore"));
  }
  const files = await listFiles(directory);
  const versions = dependencySpecsFor(options.dependencySpecs ?? {});
  for (const file of files.filter((f) => TEXT.test(f))) {
    const full = path.join(directory, file);
    const before = await readFile(full, "utf8");
    let after = renameText(before, names, options.description);
    if (file === "package.json") after = rewritePackageJson(after, versions);
    if (file === "README.md") after = dropRenameSection(after, names);
    if (after !== before) await writeFile(full, after);
  }
  return { directory, names, files };
}

/** Replaces the template's names with the project's in one file's text. */
export function renameText(text: string, names: PluginNames, description?: string): string {
  let out = text;
  if (description !== undefined) out = out.split(TEMPLATE.description).join(description);
  return out
    .split(TEMPLATE.packageName)
    .join(names.packageName)
    .replace(/createTemplatePlugin/g, `create${names.pascal}Plugin`)
    .replace(/TemplateConfig/g, `${names.pascal}Config`)
    .replace(/\bTEMPLATE_/g, `${names.constant}_`)
    .replace(/\btemplate_/g, `${names.namespace}_`)
    .replace(/"template"/g, JSON.stringify(names.namespace))
    .replace(/"plugin-template"/g, JSON.stringify(names.slug))
    .replace(/\btemplate plugin\b/g, `${names.slug} plugin`);
}

/** Points `workspace:*` dependencies at published versions (or the given specs). */
function rewritePackageJson(text: string, specs: (name: string) => string): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
    const deps = pkg[field] as Record<string, string> | undefined;
    if (!deps) continue;
    for (const [name, spec] of Object.entries(deps)) {
      if (spec.startsWith("workspace:") || spec.startsWith("catalog:")) deps[name] = specs(name);
    }
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function dependencySpecsFor(given: Readonly<Record<string, string>>): (name: string) => string {
  const own = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return (name) => given[name] ?? `^${own.version}`;
}

function dropRenameSection(text: string, names: PluginNames): string {
  return text.replace(
    /<!-- rename:start -->[\s\S]*?<!-- rename:end -->/,
    `## 1. Names\n\nScaffolded by create-octopus-mcp-plugin: package \`${names.packageName}\`, namespace ` +
      `\`${names.namespace}\` (every tool name starts with \`${names.namespace}_\`).`,
  );
}

async function listFiles(root: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * `examples/plugin-template` when running inside the repository (always current), else the
 * `template/` bundled into the published package at build time.
 */
export function findTemplateDirectory(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, "../../../examples/plugin-template"),
    path.resolve(here, "../template"),
  ];
  const found = candidates.find((c) => existsSync(path.join(c, "package.json")));
  if (found === undefined) {
    throw new Error(
      `The plugin template is missing (looked in ${candidates.join(", ")}); reinstall create-octopus-mcp-plugin.`,
    );
  }
  return found;
}

/** Removes a project folder (used by tests and the template check). */
export async function removeProject(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}

#!/usr/bin/env node
// Proves the plugin template works outside this repository, the way a third-party author uses it:
// packs @octopus-mcp/core, host, testkit and plugin-lint into tarballs, scaffolds a project from
// examples/plugin-template with create-octopus-mcp-plugin into a temporary folder outside the
// workspace, points every @octopus-mcp/* dependency at the tarballs, then installs, builds, tests
// (vitest, then octopus-plugin-lint) it. Removes everything it created.
//
// Usage: pnpm check:template [--skip-build] [--keep]
import { spawnSync } from "node:child_process";
import console from "node:console";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const PACKED = [
  ["@octopus-mcp/core", "packages/core"],
  ["@octopus-mcp/host", "packages/host"],
  ["@octopus-mcp/testkit", "packages/testkit"],
  ["@octopus-mcp/plugin-lint", "packages/plugin-lint"],
];
const started = Date.now();

function step(title) {
  console.error(`\n[check-template +${Math.round((Date.now() - started) / 1000)}s] ${title}`);
}

function run(command, commandArgs, cwd) {
  console.error(`$ ${command} ${commandArgs.join(" ")}   (in ${cwd})`);
  const r = spawnSync(command, commandArgs, { cwd, stdio: "inherit", env: { ...process.env, CI: "true" } });
  if (r.status !== 0) {
    throw new Error(`"${command} ${commandArgs.join(" ")}" failed with exit code ${r.status ?? r.signal}`);
  }
}

const work = mkdtempSync(path.join(tmpdir(), "octopus-mcp-check-template-"));
let failed = false;
try {
  if (!args.has("--skip-build")) {
    step("build the packed packages and the scaffolder");
    // turbo: cached outputs make a re-run cheap.
    const filters = [...PACKED.map(([name]) => `--filter=${name}...`), "--filter=create-octopus-mcp-plugin"];
    run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], root);
  }

  step("pack tarballs");
  const tarballs = path.join(work, "tarballs");
  const specs = {};
  for (const [name, dir] of PACKED) {
    const before = new Set(safeList(tarballs));
    run("pnpm", ["pack", "--pack-destination", tarballs], path.join(root, dir));
    const created = safeList(tarballs).filter((f) => !before.has(f) && f.endsWith(".tgz"));
    if (created.length !== 1) throw new Error(`pnpm pack of ${name} produced ${created.length} tarballs`);
    specs[name] = `file:${path.join(tarballs, created[0])}`;
  }

  step("scaffold a project from the template, outside the workspace");
  const { createPluginProject } = await import(
    pathToFileURL(path.join(root, "packages/create-plugin/dist/index.js")).href
  );
  const project = await createPluginProject({
    name: "template-probe",
    directory: path.join(work, "template-probe"),
    dependencySpecs: specs,
    templateDirectory: path.join(root, "examples/plugin-template"),
  });
  // Transitive @octopus-mcp/* dependencies (testkit -> host -> core) must come from the tarballs too.
  const pkgFile = path.join(project.directory, "package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  pkg.pnpm = { overrides: specs, onlyBuiltDependencies: ["esbuild"] };
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

  step("install");
  run(
    "pnpm",
    ["install", "--ignore-workspace", "--no-frozen-lockfile", "--reporter=append-only"],
    project.directory,
  );
  step("build");
  run("pnpm", ["run", "build"], project.directory);
  step("typecheck");
  run("pnpm", ["run", "typecheck"], project.directory);
  // The template's `test` script is `vitest run && octopus-plugin-lint .`: tests and lint in one go.
  step("test and lint (vitest + octopus-plugin-lint)");
  run("pnpm", ["run", "test"], project.directory);
  step(`template OK (${project.names.packageName})`);
} catch (error) {
  failed = true;
  console.error(`\n[check-template] FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (args.has("--keep")) console.error(`[check-template] kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// Bundles a first-party plugin's compiled entry (dist/index.js, from tsc) with its own modules and
// the workspace packages it uses (e.g. @octopus-mcp/octopus-api) into dist/bundle/ (entry plus
// lazily loaded chunks). The host imports every configured plugin at start-up; ~80 small modules
// per run were a visible part of a stdio host's cold start (bench figure 2).
//
// npm dependencies stay external, so packages whose identity is shared with the host (core's error
// classes, zod, tsyringe's decorator registry) exist once. Run from the plugin's folder:
//   node ../../scripts/bundle-plugin.mjs
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { NODE_BUNDLE_OPTIONS } from "./bundle-options.mjs";

const pkg = JSON.parse(await readFile("package.json", "utf8"));
const external = Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })
  .filter(([, version]) => !String(version).startsWith("workspace:"))
  .map(([name]) => name);
// Always shared with the host, whether or not the plugin declares them.
external.push("@octopus-mcp/core", "zod", "tsyringe", "reflect-metadata");

const outdir = path.resolve("dist", "bundle");
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: "dist/index.js" },
  outdir,
  chunkNames: "chunk-[hash]",
  ...NODE_BUNDLE_OPTIONS,
  external: [...new Set(external)],
});

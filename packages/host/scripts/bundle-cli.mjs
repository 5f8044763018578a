// Bundles the `octopus-mcp-host` command (dist/cli/main.js, compiled by tsc) into
// dist/octopus-mcp-cli.js, and the `@octopus-mcp/host/cli` entry into dist/octopus-mcp-cli-lib.js,
// plus lazily loaded chunks they share, so a stdio `serve` resolves and links a few
// files instead of ~300 modules. An agent's client starts the host for every session; module
// loading was most of its cold start (bench figure 2).
//
// External (loaded from node_modules as usual): packages whose identity is shared with plugins or
// with the MCP SDK (core, zod, tsyringe and its decorators' metadata, Ajv) and what the host loads
// on demand (yaml, pino-pretty, prom-client). pino is bundled: the host uses no worker transports
// (whose files would need paths), only synchronous writes to stderr or a file.
// Chunks stay in dist/ itself: version.ts reads `../package.json` relative to its module.
import { build } from "esbuild";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_BUNDLE_OPTIONS } from "../../../scripts/bundle-options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");

// Chunk names change with their content: drop the previous build's.
for (const name of await readdir(dist)) {
  if (name.startsWith("octopus-mcp-cli")) await rm(path.join(dist, name));
}

await build({
  absWorkingDir: root,
  entryPoints: {
    "octopus-mcp-cli": "dist/cli/main.js",
    // `@octopus-mcp/host/cli`, for distributions (@octopus-mcp/cli): the same bundle, shared chunks.
    "octopus-mcp-cli-lib": "dist/cli/index.js",
  },
  outdir: "dist",
  chunkNames: "octopus-mcp-cli-[hash]",
  ...NODE_BUNDLE_OPTIONS,
  external: [
    "@modelcontextprotocol/sdk",
    "@octopus-mcp/core",
    "ajv",
    "ajv-formats",
    "pino-pretty",
    "prom-client",
    "reflect-metadata",
    "tsyringe",
    "yaml",
    "zod",
  ],
  // Bundled CommonJS dependencies (commander, cockatiel, pino, ...) call `require` for
  // Node built-ins; an ES module has none, so give the bundle one.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
});

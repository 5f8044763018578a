// Bundles the `octopus-mcp-host` command (dist/cli/main.js, compiled by tsc) into
// dist/octopus-mcp-cli.js, and the `@octopus-mcp/host/cli` entry into dist/octopus-mcp-cli-lib.js,
// plus lazily loaded chunks they share, so a stdio `serve` resolves and links a few
// files instead of ~300 modules. An agent's client starts the host for every session; module
// loading was most of its cold start (bench figure 2).
//
// External (loaded from node_modules as usual): packages whose identity is shared with plugins
// (core, tsyringe and its decorators' metadata), packages core loads too (zod, zod-to-json-schema:
// bundling them would load them twice), Ajv (the generated validators require its runtime
// helpers) and what the host loads on demand (yaml, pino-pretty, prom-client). pino is bundled: the
// host uses no worker transports (whose files would need paths), only synchronous writes to stderr
// or a file. The MCP SDK is bundled (no plugin sees its objects), with one module swapped: its
// Ajv-backed validator provider, which `server/index.js` imports statically and which loads Ajv at
// start-up for a validator the host builds on first use (src/mcp/sdk-ajv-provider.ts).
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
    "@octopus-mcp/core",
    "ajv",
    "ajv-formats",
    "pino-pretty",
    "prom-client",
    "reflect-metadata",
    "tsyringe",
    "yaml",
    "zod",
    "zod-to-json-schema",
  ],
  plugins: [
    {
      name: "sdk-ajv-provider",
      setup(pluginBuild) {
        const shim = { path: path.join(dist, "mcp", "sdk-ajv-provider.js") };
        // The SDK's own relative import, and the package entry the host imports.
        pluginBuild.onResolve({ filter: /\/ajv-provider\.js$/ }, (args) =>
          args.importer.includes(`${path.sep}@modelcontextprotocol${path.sep}sdk${path.sep}`)
            ? shim
            : undefined,
        );
        pluginBuild.onResolve({ filter: /^@modelcontextprotocol\/sdk\/validation\/ajv$/ }, () => shim);
      },
    },
  ],
  // Bundled CommonJS dependencies (commander, cockatiel, pino, ...) call `require` for
  // Node built-ins; an ES module has none, so give the bundle one.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
});

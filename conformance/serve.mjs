/**
 * Launcher for the conformance run: `octopus-mcp serve --transport http` with the distribution's
 * default setup (embedded sandbox + the three first-party plugins, @octopus-mcp/cli
 * `embeddedSetup`) plus the conformance fixture plugin (./fixture-plugin.mjs). Arguments are the
 * `serve` flags, e.g. `node conformance/serve.mjs --port 0`. Prints the start-up banner (with the
 * `http://127.0.0.1:PORT/mcp` URL) on stdout; SIGTERM/SIGINT stop the host and then the sandbox.
 * Needs the workspace built (`pnpm --filter @octopus-mcp/cli... build`).
 */
import process from "node:process";
import { embeddedSetup, startedBanner } from "../packages/cli/dist/index.js";
import { buildProgram, processIo } from "../packages/host/dist/index.js";
import createConformanceFixturePlugin, { createJsonSchemaFixturePlugin } from "./fixture-plugin.mjs";

/** The default setup with the fixture plugin appended. */
async function setupWithFixture() {
  const setup = await embeddedSetup();
  return {
    ...setup,
    hostOptions: {
      ...setup.hostOptions,
      plugins: [
        ...(setup.hostOptions.plugins ?? []),
        { plugin: createConformanceFixturePlugin },
        { plugin: createJsonSchemaFixturePlugin },
      ],
    },
    description: `${setup.description} + conformance fixture plugins (namespaces test, json)`,
  };
}

const program = buildProgram((code) => process.exit(code), processIo, {
  defaultSetup: setupWithFixture,
  defaultSetupHelp: "the embedded sandbox with the first-party plugins and the conformance fixture",
  onHttpStarted: (running, setup) => processIo.out(startedBanner(running, setup)),
});
await program.parseAsync([
  process.argv[0],
  process.argv[1],
  "serve",
  "--transport",
  "http",
  ...process.argv.slice(2),
]);

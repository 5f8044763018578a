/**
 * `@octopus-mcp/host/cli`: the command-line building blocks alone, for distributions such as
 * `@octopus-mcp/cli`. Importing the package root loads the whole host (HTTP transport, JWT, ...);
 * this entry loads only the program, whose commands import their modules when they run, so an
 * agent's stdio `serve` starts faster (bench figure 2).
 */
export { buildProgram, type ProgramOptions } from "./program.js";
export { processIo, type CliIo } from "./cli-io.js";
export { resolveHostSetup, type DefaultSetupProvider, type HostSetup } from "./host-setup.js";
export { MissingConfigError } from "./config-path.js";

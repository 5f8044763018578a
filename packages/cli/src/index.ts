/**
 * `@octopus-mcp/cli`: the `octopus-mcp` distribution (host + first-party plugins + embedded
 * sandbox default). Library exports for embedding and tests.
 */
export {
  startEmbeddedDefault,
  SANDBOX_OCTOPUS_CREDENTIAL,
  sandboxArgoCdCredential,
  type EmbeddedDefault,
  type EmbeddedDefaultOptions,
} from "./embedded-default.js";
export { runDemo, formatStep, type DemoStep, type DemoTranscript } from "./demo.js";
export { buildCliProgram, embeddedSetup, startedBanner } from "./program.js";
export { runCallCommand, parseToolArgs, CALL_EXIT, type CallCommandOptions } from "./call-command.js";
export {
  createProgressDisplay,
  progressLine,
  type ProgressDisplay,
  type ProgressStream,
  type ProgressUpdate,
} from "./progress-display.js";

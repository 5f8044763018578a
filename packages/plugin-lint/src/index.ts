/**
 * `@octopus-mcp/plugin-lint`: the compliance checker behind the `octopus-plugin-lint` CLI, usable
 * as a library (`lintPlugin`, formatters, the rule catalogue).
 */
export { lintPlugin, exitCodeFor, type LintOptions, type LintReport, type PinReport } from "./lint.js";
export {
  canonicalJson,
  toolPin,
  renderPinFile,
  readPinFile,
  DEFAULT_PINS_FILE,
  type PinFile,
} from "./static/pins.js";
export { classifyTool, checkToxicFlows, type FlowRole } from "./static/toxic-flows.js";
export { runCli, type CliIo } from "./cli.js";
export { RULES, ruleMeta, helpUri, type RuleMeta } from "./rules.js";
export {
  PRINCIPLES,
  formatLocation,
  type Finding,
  type FindingLocation,
  type Principle,
  type Severity,
} from "./findings.js";
export {
  loadLintConfig,
  parseLintConfig,
  applyLintConfig,
  LintConfigError,
  type LintConfig,
  type Exemption,
} from "./lint-config.js";
export { PluginLoadError } from "./load-plugin.js";
export { formatText, summaryLine } from "./format/text.js";
export { formatJson } from "./format/json.js";
export { formatSarif, toSarif } from "./format/sarif.js";
export { sampleArguments } from "./dynamic/sample-args.js";
export { FAULT_SCENARIOS, type FaultScenario } from "./dynamic/fault-fetch.js";

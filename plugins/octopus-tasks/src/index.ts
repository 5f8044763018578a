/**
 * `@octopus-mcp/plugin-octopus-tasks`: diagnose Octopus deployments and runbook runs from their
 * server tasks (namespace `tasks`). The default export is the plugin factory; the streaming log
 * primitives are exported for benchmarks and reuse (also alone, as `@octopus-mcp/plugin-octopus-tasks/log`).
 */
import { createTasksPlugin } from "./plugin.js";

export { createTasksPlugin, TASKS_MANIFEST, TASKS_CONFIG } from "./plugin.js";
export { CONFIG_SCHEMA, TasksDeps, type TasksConfig } from "./deps.js";
export * from "./log/index.js";
export * from "./activity/activity-summary.js";
export * from "./diagnosis/failure-extraction.js";
export { chooseFormValue } from "./tools/interruption-tools.js";
export default createTasksPlugin;

/**
 * The `tasks` plugin: diagnose Octopus deployments and runbook runs from their server tasks.
 * Handlers are plain functions bound to {@link TasksDeps}, which holds the host's HttpClient and
 * credential resolver from `onStartAsync`; `onRegister` only registers the config (no I/O).
 */
import type { IOctopusPlugin, PluginManifest } from "@octopus-mcp/core";
import { CONFIG_SCHEMA, TasksDeps, type TasksConfig } from "./deps.js";
import { taskPrompts } from "./prompts.js";
import { taskResourceTemplates } from "./resources.js";
import { interruptionTools } from "./tools/interruption-tools.js";
import { logTools } from "./tools/log-tools.js";
import { taskTools } from "./tools/task-tools.js";
import { PRECOMPILED_CONFIG_VALIDATOR } from "./generated/config-validator.js";

/** DI token of this plugin's {@link TasksConfig} in its child container. */
export const TASKS_CONFIG = Symbol.for("octopus-mcp.tasks.Config");

export const TASKS_MANIFEST: PluginManifest = {
  name: "@octopus-mcp/plugin-octopus-tasks",
  version: "0.1.0",
  namespace: "tasks",
  description:
    "Diagnose Octopus deployments and runbook runs from their server tasks: summaries, log grep and ranges, failure digests, interruptions.",
  hostVersion: "^0.1.0",
  configSchema: CONFIG_SCHEMA,
  precompiledConfigValidator: PRECOMPILED_CONFIG_VALIDATOR,
};

const INSTRUCTIONS =
  "Octopus task diagnosis: start with tasks_get_task (accepts portal links), then tasks_explain_failure; " +
  "search logs with tasks_grep_log and tasks_read_log (line numbers are 1-based), never by reading whole logs.";

/** Creates a fresh plugin instance (each host gets its own state). */
export function createTasksPlugin(): IOctopusPlugin<TasksConfig> {
  return {
    manifest: TASKS_MANIFEST,
    onRegister(container, config) {
      container.registerInstance(TASKS_CONFIG, config);
    },
    async onStartAsync(context, signal) {
      signal.throwIfAborted();
      const deps = new TasksDeps(context.http, context.credentials, context.config);
      for (const tool of [...taskTools(deps), ...logTools(deps), ...interruptionTools(deps)]) {
        context.registry.addTool(tool);
      }
      for (const template of taskResourceTemplates(deps)) context.registry.addResourceTemplate(template);
      for (const prompt of taskPrompts()) context.registry.addPrompt(prompt);
      context.registry.addInstructions(INSTRUCTIONS);
    },
    async onStopAsync() {
      // Nothing to release: no connections or timers are held between calls.
    },
  };
}

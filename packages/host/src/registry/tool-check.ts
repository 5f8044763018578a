/**
 * Checks tool definitions against the host's startup rules without starting a host (for plugin
 * unit tests, the testkit and `plugin-lint`). Same rules and messages as `OctopusMcpHost.start()`,
 * and more thorough on one point: every schema is compiled here (Ajv's complete strict-mode check),
 * while the host checks schemas without compiling and compiles validators on first use.
 */
import type { ToolDefinition } from "@octopus-mcp/core";
import type { DependencyContainer } from "tsyringe";
import { formatProblem } from "./registered-items.js";
import { emptyTakenNames, validateRegistrations } from "./registration-validator.js";
import { createStrictAjv } from "./strict-ajv.js";
import { StrictSchemas } from "./strict-schemas.js";

/**
 * Every problem of `tools` registered by a plugin with `namespace`, formatted as
 * `Plugin "<pluginName>" tool "<name>": <pointer>: rule "<rule>": <message>`; empty when valid.
 */
export function checkToolDefinitions(
  namespace: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tools: readonly ToolDefinition<any, any>[],
  pluginName = `plugin "${namespace}"`,
): string[] {
  const result = validateRegistrations(
    // Validation never resolves handlers, so no container is needed (none is created: no DI setup).
    { name: pluginName, namespace, version: "0.0.0", container: undefined as unknown as DependencyContainer },
    { tools: tools as ToolDefinition[], resources: [], resourceTemplates: [], prompts: [], instructions: [] },
    StrictSchemas.of(createStrictAjv()),
    emptyTakenNames(),
    "eager",
  );
  return result.problems.map((p) => formatProblem(pluginName, p));
}

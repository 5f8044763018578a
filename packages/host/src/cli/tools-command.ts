/**
 * `octopus-mcp tools [--config F] [--json] [--read-only]`: load, start and validate every plugin,
 * print the merged registry (tool, plugin, access tier, input-schema size in bytes), stop.
 * Exit 1 with the aggregated error when a plugin fails under policy `abort`.
 */
import { createHost } from "../host/host.js";
import type { CliIo } from "./cli-io.js";
import { errorText, withReadOnly } from "./cli-io.js";
import { resolveHostSetup, type DefaultSetupProvider, type HostSetup } from "./host-setup.js";

export interface ToolsCommandOptions {
  readonly config?: string;
  readonly json?: boolean;
  readonly readOnly?: boolean;
  readonly allowDeletes?: boolean;
}

/** One row of the listing (also the `--json` shape). */
export interface ToolRow {
  readonly name: string;
  readonly plugin: string;
  readonly namespace: string;
  readonly access: "read" | "write" | "delete";
  readonly schemaBytes: number;
  /** False when the policy in force for the local tenant hides it (e.g. `--read-only`). */
  readonly served: boolean;
}

/** Runs the command; resolves to the process exit code. */
export async function runToolsCommand(
  options: ToolsCommandOptions,
  io: CliIo,
  /** Used when no config file is named (see host-setup.ts). */
  defaultSetup?: DefaultSetupProvider,
): Promise<number> {
  let setup: HostSetup;
  try {
    setup = await resolveHostSetup(options.config, defaultSetup);
  } catch (error) {
    io.err(errorText(error));
    return 1;
  }
  let config = setup.config;
  if (options.readOnly) config = withReadOnly(config);
  if (options.allowDeletes) config = { ...config, policy: { ...config.policy, allowDeletes: true } };
  const host = createHost({ ...setup.hostOptions, config });
  try {
    await host.start();
  } catch (error) {
    io.err(errorText(error));
    await host.stop();
    await setup.release();
    return 1;
  }
  const rows: ToolRow[] = host.registry.tools.map((tool) => ({
    name: tool.definition.name,
    plugin: tool.plugin.name,
    namespace: tool.plugin.namespace,
    access: tool.definition.access,
    schemaBytes: tool.inputSchemaBytes,
    served: host.pipeline.isAllowed(tool, config.localTenant),
  }));
  const failures = host.failures.map((f) => ({ plugin: f.plugin, phase: f.phase, message: f.message }));
  const report = await host.stop();
  await setup.release();
  const states = host.states();
  if (options.json) {
    io.out(JSON.stringify({ tools: rows, plugins: states, failures }, null, 2));
  } else {
    io.out(formatTable(rows));
    io.out(
      `${rows.length} tool(s) from ${states.filter((s) => s.tools > 0 || s.state !== "failed").length} plugin(s).`,
    );
    for (const f of failures) io.out(`Plugin ${f.plugin} failed (${f.phase}), not served: ${f.message}`);
  }
  return failures.length > 0 || !report.clean ? 1 : 0;
}

function formatTable(rows: readonly ToolRow[]): string {
  const header = ["TOOL", "PLUGIN", "ACCESS", "SCHEMA BYTES", "SERVED"];
  const cells = rows.map((r) => [
    r.name,
    r.plugin,
    r.access,
    String(r.schemaBytes),
    r.served ? "yes" : "no (policy)",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  return [header, ...cells]
    .map((line) =>
      line
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

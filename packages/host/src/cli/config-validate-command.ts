/**
 * `octopus-mcp config validate [--config F]`: validates the host config (every problem at once,
 * as `file:path: message (fix: ...)`), then imports each enabled plugin, checks its manifest and
 * validates its config section against the plugin's `configSchema`. Plugins are not started.
 * Exit 0 when valid, 1 otherwise.
 */
import path from "node:path";
import { ConfigError, formatConfigIssue } from "../config/config-error.js";
import { loadConfigFile } from "../config/load-config.js";
import { validatePluginSection } from "../config/plugin-config.js";
import { formatFailures } from "../plugins/plugin-failure.js";
import { loadPlugins } from "../plugins/plugin-loader.js";
import { HOST_VERSION } from "../version.js";
import { errorText, type CliIo } from "./cli-io.js";
import { resolveConfigPath } from "./config-path.js";

export async function runConfigValidateCommand(
  options: { readonly config?: string },
  io: CliIo,
): Promise<number> {
  let file: string;
  let config;
  try {
    file = resolveConfigPath(options.config);
    config = await loadConfigFile(file);
  } catch (error) {
    io.err(error instanceof ConfigError ? error.message : errorText(error));
    return 1;
  }
  const loaded = await loadPlugins({
    entries: config.plugins,
    preloaded: [],
    configDir: path.dirname(file),
    hostVersion: HOST_VERSION,
    defaultPolicy: config.lifecycle.onStartFailure,
  });
  const problems: string[] = [];
  if (loaded.failures.length > 0) problems.push(formatFailures(loaded.failures));
  for (const item of loaded.plugins) {
    const schema = item.plugin.manifest.configSchema;
    if (schema === undefined) continue;
    const issues = validatePluginSection(schema, structuredClone(item.config), {
      file,
      path: `${item.configPointer ?? ""}/config`,
    });
    for (const issue of issues) problems.push(`  ${formatConfigIssue(issue)}`);
  }
  if (problems.length > 0) {
    io.err(`Invalid configuration: plugin problems in ${file}:\n${problems.join("\n")}`);
    return 1;
  }
  const tenants = Object.keys(config.tenants).length;
  io.out(`${file} is valid: ${loaded.plugins.length} plugin(s) enabled, ${tenants} caller tenant(s).`);
  return 0;
}

/**
 * `create-octopus-mcp-plugin`: scaffold an Octopus MCP Host plugin from the template.
 * `octopus-mcp create-plugin <name>` and `pnpm create octopus-mcp-plugin <name>` both call
 * {@link createPluginProject}.
 */
export {
  createPluginProject,
  findTemplateDirectory,
  removeProject,
  renameText,
  type CreatePluginProjectOptions,
  type CreatedPluginProject,
} from "./create-plugin-project.js";
export { pluginNames, PluginNameError, type PluginNames } from "./plugin-names.js";
export { runCreatePluginCli, type CliIo } from "./cli.js";

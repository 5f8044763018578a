/**
 * Entry point. The host (and `octopus-plugin-lint`) imports the `default` export: a factory
 * returning a fresh plugin.
 */
import { createTemplatePlugin } from "./plugin.js";

export { createTemplatePlugin, TEMPLATE_MANIFEST } from "./plugin.js";
export { TEMPLATE_CONFIG_SCHEMA, type TemplateConfig } from "./config.js";
export { getServerInfoTool, type ServerInfo } from "./tools/get-server-info-tool.js";
export default createTemplatePlugin;

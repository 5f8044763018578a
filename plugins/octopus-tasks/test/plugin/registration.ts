/** Starts the plugin against a recording registrar (no host), for unit tests of its registrations. */
import type {
  HttpClient,
  ICredentialResolver,
  IOctopusPluginContext,
  Logger,
  PromptDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
} from "@octopus-mcp/core";
import { createTasksPlugin } from "../../src/plugin.js";
import type { TasksConfig } from "../../src/deps.js";

export interface Registered {
  tools: ToolDefinition[];
  templates: ResourceTemplateDefinition[];
  prompts: PromptDefinition[];
  instructions: string[];
}

const noop = () => undefined;
const logger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => logger,
};

export async function registerPlugin(
  http: HttpClient,
  credentials: ICredentialResolver,
): Promise<Registered> {
  const registered: Registered = { tools: [], templates: [], prompts: [], instructions: [] };
  const plugin = createTasksPlugin();
  const context = {
    config: {},
    credentials,
    tenant: undefined as never,
    logger,
    http,
    container: undefined as never,
    registry: {
      addTool: (t: ToolDefinition) => registered.tools.push(t),
      addResource: noop,
      addResourceTemplate: (t: ResourceTemplateDefinition) => registered.templates.push(t),
      addPrompt: (p: PromptDefinition) => registered.prompts.push(p),
      addInstructions: (text: string) => registered.instructions.push(text),
    },
  } as unknown as IOctopusPluginContext<TasksConfig>;
  await plugin.onStartAsync(context, new AbortController().signal);
  return registered;
}

// A complete plugin: manifest, lifecycle, one read tool, one resource, one prompt.
import { defineTool, NotFoundError, type IOctopusPlugin } from "@octopus-mcp/core";
import { z } from "zod";

/** Greetings by language; a stand-in for data your plugin would fetch. */
const GREETINGS: Readonly<Record<string, string>> = { en: "Hello", de: "Hallo", fr: "Bonjour" };

const greetInput = z
  .object({
    name: z.string().min(1).max(100).describe("Who to greet."),
    language: z.string().length(2).default("en").describe("ISO 639-1 language code, e.g. en."),
  })
  .strict();

export const greetTool = defineTool({
  name: "hello_greet",
  title: "Greet someone",
  description: "Returns a greeting for a person in the given language.",
  access: "read",
  inputSchema: greetInput,
  // Annotate the arguments with the schema's type (the host has validated them and applied defaults).
  handler: ({ name, language }: z.infer<typeof greetInput>, context) => {
    const greeting = GREETINGS[language];
    if (greeting === undefined) {
      throw new NotFoundError(
        `No greeting for language "${language}"; use one of ${Object.keys(GREETINGS).join(", ")}.`,
      );
    }
    context.logger.debug({ language }, "greeting");
    return { text: `${greeting}, ${name}!`, callerTenant: context.tenant.tenantId };
  },
});

export function createHelloPlugin(): IOctopusPlugin {
  return {
    manifest: {
      name: "octopus-mcp-plugin-hello",
      version: "1.0.0",
      namespace: "hello",
      description: "Greets people.",
      hostVersion: "^0.1.0",
    },
    onRegister() {
      // DI registrations only; this plugin has none.
    },
    async onStartAsync(context, signal) {
      signal.throwIfAborted();
      context.registry.addTool(greetTool);
      context.registry.addResource({
        uri: "hello://languages",
        name: "hello_languages",
        description: "Languages hello_greet knows.",
        mimeType: "application/json",
        read: async (uri) => [
          { uri: uri.href, mimeType: "application/json", text: JSON.stringify(Object.keys(GREETINGS)) },
        ],
      });
      context.registry.addPrompt({
        name: "hello_welcome",
        description: "Welcome a new team member.",
        arguments: [{ name: "name", description: "The new team member.", required: true }],
        get: async (args) => ({
          messages: [
            {
              role: "user",
              content: { type: "text", text: `Greet ${args.name ?? "them"} in English and German.` },
            },
          ],
        }),
      });
    },
    async onStopAsync() {
      // Nothing to release.
    },
  };
}

export default createHelloPlugin;

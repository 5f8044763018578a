/**
 * The `octopus-mcp` command of the distribution: the host's program (`serve`, `tools`,
 * `config validate`) with the embedded sandbox as the default setup when no config file is named,
 * plus `call`, `sandbox`, `demo` and `create-plugin`.
 */
import {
  buildProgram,
  processIo,
  type CliIo,
  type HostSetup,
  type ProgramOptions,
} from "@octopus-mcp/host/cli";
import type { Command } from "commander";
import { CALL_EXIT } from "./call-exit.js";

// Commands import their modules when they run: `serve --config` (what an agent starts) never loads
// the sandbox, the demo or the template generator, which keeps its cold start short (bench figure 2).

/** A started HTTP host, as the host's program reports it. */
type HttpHost = Parameters<NonNullable<ProgramOptions["onHttpStarted"]>>[0];

/** The default setup: the embedded sandbox with the three first-party plugins. */
export async function embeddedSetup(): Promise<HostSetup> {
  const { startEmbeddedDefault } = await import("./embedded-default.js");
  const embedded = await startEmbeddedDefault();
  const instances = embedded.sandbox.argocd.map((i) => i.name).join(", ");
  return {
    config: embedded.config,
    hostOptions: embedded.hostOptions,
    description:
      `embedded sandbox (Octopus ${embedded.sandbox.octopusUrl}/api, Argo CD ${instances}; ` +
      `seeded data: packages/sandbox/SEED.md)`,
    release: () => embedded.stop(),
  };
}

/** The lines printed once an HTTP host has started: URL, setup, plugin states, tool count. */
export function startedBanner(running: HttpHost, setup: HostSetup): string {
  const states = running.host.states();
  return [
    `Octopus MCP Host ${running.host.version}: serving MCP over Streamable HTTP at ${running.url}`,
    `Setup:   ${setup.description}`,
    ...states.map((s) => `Plugin:  ${s.name} ${s.state}`),
    `Tools:   ${running.host.registry.tools.length}`,
    "Connect an MCP client to the URL above (see README). Ctrl-C stops everything.",
  ].join("\n");
}

/** Arguments after the subcommand name, for subcommands that parse their own flags. */
function passThrough(command: Command): string[] {
  return command.args;
}

/** Builds the `octopus-mcp` program; `onExit` receives each command's exit code. */
export function buildCliProgram(onExit: (code: number) => void, io: CliIo = processIo): Command {
  const program = buildProgram(onExit, io, {
    defaultSetup: embeddedSetup,
    defaultSetupHelp: "the embedded sandbox with the first-party plugins",
    onHttpStarted: (running, setup) => io.out(startedBanner(running, setup)),
  });

  program
    .command("call")
    .description(
      "Start the host, call one tool and print its result as JSON; progress (e.g. waitSeconds) shows on " +
        'stderr. Exit 0 ok, 1 tool error, 2 bad usage. Write tools need "confirm": true in --args.',
    )
    .argument("<tool>", "tool name, e.g. deployments_deploy_release (list them with: octopus-mcp tools)")
    .option("--args <json>", `tool arguments as a JSON object, e.g. '{"project":"checkout"}'`)
    .option(
      "-c, --config <file>",
      "host config file (YAML or JSON); default ./octopus-mcp.yaml, then $OCTOPUS_MCP_CONFIG; " +
        "without any: the embedded sandbox with the first-party plugins",
    )
    // A missing <tool> or an unknown flag is a usage error: exit 2 like invalid --args (help exits 0).
    .exitOverride((error) => {
      onExit(error.exitCode === 0 ? 0 : CALL_EXIT.usage);
      throw error;
    })
    .action(async (tool: string, options: { args?: string; config?: string }) => {
      const { runCallCommand } = await import("./call-command.js");
      onExit(await runCallCommand(tool, options, io, embeddedSetup));
    });

  program
    .command("sandbox")
    .description(
      "Start only the embedded Octopus Server and Argo CD stand-ins (flags: --port, --scale, --seed, " +
        "--task-step-ms, --hold-seeded-tasks, --work-dir); prints their URLs and keys.",
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_options: unknown, command: Command) => {
      try {
        const { runSandboxCli } = await import("@octopus-mcp/sandbox");
        await runSandboxCli(passThrough(command), (line) => io.out(line));
        onExit(0);
      } catch (error) {
        io.err(error instanceof Error ? error.message : String(error));
        onExit(2);
      }
    });

  program
    .command("demo")
    .description(
      "Run a scripted investigation against the embedded sandbox and print the transcript with token counts.",
    )
    .action(async () => {
      try {
        const { formatStep, runDemo } = await import("./demo.js");
        io.out("# Octopus MCP Host demo: an agent investigates a failed Production deployment");
        let index = 0;
        const transcript = await runDemo((step) => io.out(formatStep(step, index++)));
        io.out(
          `\nTotal: ${transcript.steps.length} calls, ${transcript.totalTokens} tokens (characters / 4).`,
        );
        onExit(0);
      } catch (error) {
        io.err(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
        onExit(1);
      }
    });

  program
    .command("create-plugin")
    .description(
      "Create a plugin project from the template: create-plugin <name> [directory] [--namespace ns] [--description text].",
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_options: unknown, command: Command) => {
      const { runCreatePluginCli } = await import("create-octopus-mcp-plugin");
      onExit(await runCreatePluginCli(passThrough(command), { out: io.out, err: io.err }));
    });

  return program;
}

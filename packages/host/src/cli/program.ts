/**
 * The `octopus-mcp` command line (commander 14). Each action hands its exit code to `onExit`;
 * `main.ts` exits explicitly so a plugin's leftover handle cannot keep the process alive.
 */
import { Command, Option } from "commander";
import { HOST_VERSION } from "../version.js";
import { processIo, type CliIo } from "./cli-io.js";
import type { DefaultSetupProvider, HostSetup } from "./host-setup.js";
import type { HttpHost } from "../transport/http-host.js";

// Each command's module is imported when the command runs: a stdio `serve` never loads the HTTP
// transport, JWT or config-validation code, which keeps the agent's cold start short (bench figure 2).

interface ServeOptions {
  config?: string;
  transport: "stdio" | "http";
  readOnly?: boolean;
  allowDeletes?: boolean;
  host?: string;
  port?: string;
}

const CONFIG_HELP = "host config file (YAML or JSON); default ./octopus-mcp.yaml, then $OCTOPUS_MCP_CONFIG";

/** How a distribution customises the program (see `@octopus-mcp/cli`). */
export interface ProgramOptions {
  /** Used by `serve` and `tools` when no config file is named; without it they ask for one. */
  readonly defaultSetup?: DefaultSetupProvider;
  /** Where config-less use is explained in `--help`, e.g. "the embedded sandbox". */
  readonly defaultSetupHelp?: string;
  /** Called once an HTTP host has started (print the URL, plugin states, tool count). */
  readonly onHttpStarted?: (running: HttpHost, setup: HostSetup) => void;
}

/**
 * Builds the program; `onExit` receives each command's exit code. Distributions add commands to
 * the returned `Command` before parsing.
 */
export function buildProgram(
  onExit: (code: number) => void,
  io: CliIo = processIo,
  programOptions: ProgramOptions = {},
): Command {
  const { defaultSetup, onHttpStarted } = programOptions;
  const configHelp = programOptions.defaultSetupHelp
    ? `${CONFIG_HELP}; without any: ${programOptions.defaultSetupHelp}`
    : CONFIG_HELP;
  const program = new Command("octopus-mcp")
    .description("Octopus MCP Host: serves Octopus Deploy and Argo CD plugins to AI agents over MCP.")
    .version(HOST_VERSION)
    .showHelpAfterError();

  program
    .command("serve")
    .description(
      "Start the host and serve MCP: over stdio (default; stdout carries only the protocol, logs go to " +
        "stderr) or over Streamable HTTP at /mcp (--transport http).",
    )
    .option("-c, --config <file>", configHelp)
    .addOption(new Option("--transport <kind>", "MCP transport").choices(["stdio", "http"]).default("stdio"))
    .option("--read-only", "hide and block every write and delete tool")
    .option("--allow-deletes", "serve delete tools (host-wide; caller tenants can still forbid them)")
    .option("--host <address>", "HTTP only: bind address (overrides server.http.host; default 127.0.0.1)")
    .option("--port <port>", "HTTP only: port (overrides server.http.port)")
    .action(async (options: ServeOptions) => {
      const { transport, ...rest } = options;
      if (transport === "http") {
        const { runHttpServeCommand } = await import("../transport/http-serve-command.js");
        onExit(await runHttpServeCommand(rest, io, process.env, undefined, defaultSetup, onHttpStarted));
      } else {
        const { runServeCommand } = await import("./serve-command.js");
        onExit(await runServeCommand(rest, io, defaultSetup));
      }
    });

  program
    .command("tools")
    .description("Load, start and validate every plugin, print the merged tool registry, then stop.")
    .option("-c, --config <file>", configHelp)
    .option("--json", "print JSON instead of a table")
    .option("--read-only", "mark write and delete tools as not served")
    .option("--allow-deletes", "mark delete tools as served (as serve --allow-deletes would)")
    .action(
      async (options: { config?: string; json?: boolean; readOnly?: boolean; allowDeletes?: boolean }) => {
        const { runToolsCommand } = await import("./tools-command.js");
        onExit(await runToolsCommand(options, io, defaultSetup));
      },
    );

  const config = program.command("config").description("Work with host config files.");
  config
    .command("validate")
    .description("Validate a config file and each enabled plugin's section; exit 1 listing every problem.")
    .option("-c, --config <file>", CONFIG_HELP)
    .action(async (options: { config?: string }) => {
      const { runConfigValidateCommand } = await import("./config-validate-command.js");
      onExit(await runConfigValidateCommand(options, io));
    });

  return program;
}

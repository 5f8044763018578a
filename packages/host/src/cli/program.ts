/**
 * The `octopus-mcp` command line (commander 14). Each action sets `process.exitCode`; `main.ts`
 * exits explicitly so a plugin's leftover handle cannot keep the process alive.
 */
import { Command } from "commander";
import { HOST_VERSION } from "../version.js";
import { processIo, type CliIo } from "./cli-io.js";
import { runConfigValidateCommand } from "./config-validate-command.js";
import { runServeCommand } from "./serve-command.js";
import { runToolsCommand } from "./tools-command.js";

const CONFIG_HELP = "host config file (YAML or JSON); default ./octopus-mcp.yaml, then $OCTOPUS_MCP_CONFIG";

/** Builds the program; `onExit` receives each command's exit code. */
export function buildProgram(onExit: (code: number) => void, io: CliIo = processIo): Command {
  const program = new Command("octopus-mcp")
    .description("Octopus MCP Host: serves Octopus Deploy and Argo CD plugins to AI agents over MCP.")
    .version(HOST_VERSION)
    .showHelpAfterError();

  program
    .command("serve")
    .description(
      "Start the host and serve MCP over stdio (stdout carries only the protocol; logs go to stderr).",
    )
    .option("-c, --config <file>", CONFIG_HELP)
    .option("--read-only", "hide and block every write and delete tool")
    .action(async (options: { config?: string; readOnly?: boolean }) =>
      onExit(await runServeCommand(options, io)),
    );

  program
    .command("tools")
    .description("Load, start and validate every plugin, print the merged tool registry, then stop.")
    .option("-c, --config <file>", CONFIG_HELP)
    .option("--json", "print JSON instead of a table")
    .option("--read-only", "mark write and delete tools as not served")
    .action(async (options: { config?: string; json?: boolean; readOnly?: boolean }) =>
      onExit(await runToolsCommand(options, io)),
    );

  const config = program.command("config").description("Work with host config files.");
  config
    .command("validate")
    .description("Validate a config file and each enabled plugin's section; exit 1 listing every problem.")
    .option("-c, --config <file>", CONFIG_HELP)
    .action(async (options: { config?: string }) => onExit(await runConfigValidateCommand(options, io)));

  return program;
}

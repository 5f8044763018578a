/**
 * `octopus-plugin-lint [target]`: lint a plugin folder (default `.`) or installed package name.
 * Exit codes (ESLint convention): 0 clean, 1 errors (or warnings with `--strict`), 2 usage,
 * configuration or internal error.
 */
import { writeFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { formatJson } from "./format/json.js";
import { formatSarif, TOOL_VERSION } from "./format/sarif.js";
import { formatText } from "./format/text.js";
import { LintConfigError } from "./lint-config.js";
import { exitCodeFor, lintPlugin } from "./lint.js";
import { PluginLoadError } from "./load-plugin.js";

type Format = "text" | "json" | "sarif";

function parseFormat(value: string): Format {
  if (value === "text" || value === "json" || value === "sarif") return value;
  throw new InvalidArgumentError(`"${value}" is not one of text, json, sarif`);
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Runs the CLI with `argv` (without `node` and the script). Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const program = new Command()
    .name("octopus-plugin-lint")
    .description(
      "Check an Octopus MCP plugin against the five plugin design principles and the MCP tool rules.",
    )
    .version(TOOL_VERSION)
    .argument("[target]", "plugin package folder or installed package name", ".")
    .option("-f, --format <format>", "text | json | sarif", parseFormat, "text" as Format)
    .option("-c, --config <file>", "a .pluginlintrc file (default: the plugin folder's)")
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--strict", "warnings fail the run too (exit 1)", false)
    .option("--no-calls", "do not call tools under injected faults (lifecycle checks still run)")
    .option(
      "--update-pins",
      "write or refresh the L-PIN-1 pin file (.pluginlint-pins.json) from the current tool definitions",
      false,
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse(["node", "octopus-plugin-lint", ...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const opts = program.opts<{
    format: Format;
    config?: string;
    output?: string;
    strict: boolean;
    calls: boolean;
    updatePins: boolean;
  }>();
  const target = program.args[0] ?? ".";
  try {
    const report = await lintPlugin(target, {
      ...(opts.config !== undefined ? { configPath: opts.config } : {}),
      callTools: opts.calls,
      ...(opts.updatePins ? { updatePins: true } : {}),
    });
    const text =
      opts.format === "json"
        ? formatJson(report)
        : opts.format === "sarif"
          ? formatSarif(report)
          : formatText(report);
    if (opts.output !== undefined) writeFileSync(opts.output, text);
    else io.stdout(text);
    if (opts.updatePins) {
      if (report.pins.state !== "written") {
        io.stderr(
          `octopus-plugin-lint: pins not written: the plugin did not start in the lint host or registered no tools, so its tool definitions are unknown; fix the findings above and retry\n`,
        );
        return 2;
      }
      io.stderr(`octopus-plugin-lint: wrote ${report.pins.count} tool pins to ${report.pins.file}\n`);
    }
    return exitCodeFor(report.findings, opts.strict);
  } catch (error) {
    if (error instanceof PluginLoadError || error instanceof LintConfigError) {
      io.stderr(`octopus-plugin-lint: ${error.message}\n`);
    } else {
      io.stderr(
        `octopus-plugin-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return 2;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && /octopus-plugin-lint(?:\.js)?$|[\\/]cli\.js$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`octopus-plugin-lint: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

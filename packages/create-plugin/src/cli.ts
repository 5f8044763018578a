/**
 * `create-octopus-mcp-plugin <name> [directory] [--namespace ns] [--description text]`
 * (also `pnpm create octopus-mcp-plugin <name>`). Exit 0 on success, 1 on a bad name or an
 * occupied folder, 2 on usage errors.
 */
import { Command, CommanderError } from "commander";
import path from "node:path";
import { createPluginProject } from "./create-plugin-project.js";

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function runCreatePluginCli(
  argv: readonly string[],
  io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  const program = new Command("create-octopus-mcp-plugin")
    .description("Create an Octopus MCP Host plugin project from the template.")
    .argument("<name>", 'plugin name, e.g. "deploy-notifier" or "@acme/deploy-notifier"')
    .argument("[directory]", "target folder (default: ./<package name without scope>)")
    .option("--namespace <namespace>", "tool-name prefix, snake_case (default: from the name)")
    .option("--description <text>", "package and manifest description")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    program.parse(["node", "create-octopus-mcp-plugin", ...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const [name, dir] = program.args as [string, string | undefined];
  const opts = program.opts<{ namespace?: string; description?: string }>();
  try {
    const project = await createPluginProject({
      name,
      directory: dir ?? name.replace(/^@[^/]+\//, ""),
      ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
      ...(opts.description !== undefined ? { description: opts.description } : {}),
    });
    const rel = path.relative(process.cwd(), project.directory) || ".";
    io.out(
      `Created ${project.names.packageName} (namespace "${project.names.namespace}") in ${rel}\n\n` +
        `Next:\n  cd ${rel}\n  npm install\n  npm run build\n  npm test        # vitest + octopus-plugin-lint\n\n` +
        `Then follow README.md: implement, test, lint, publish, enable in an operator config.\n`,
    );
    return 0;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

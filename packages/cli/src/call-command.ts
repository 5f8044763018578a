/**
 * `octopus-mcp call <tool> [--args JSON] [--config F]`: starts the host in-process (config file or
 * the embedded default, like `tools` and `serve`), calls one tool through an MCP client over an
 * in-memory transport with a progressToken, shows `notifications/progress` on stderr and prints the
 * result as JSON on stdout. Write tools need `"confirm": true` in the arguments, as for any client
 * without elicitation.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  createHost,
  resolveHostSetup,
  type CliIo,
  type DefaultSetupProvider,
  type HostSetup,
} from "@octopus-mcp/host";
import { createProgressDisplay, type ProgressStream } from "./progress-display.js";

import { CALL_EXIT } from "./call-exit.js";

export { CALL_EXIT };

export interface CallCommandOptions {
  /** The tool arguments as a JSON object (default `{}`). */
  readonly args?: string;
  readonly config?: string;
}

/** Upper bound for one call in ms; progress notifications reset it (long `waitSeconds` waits). */
const CALL_TIMEOUT_MS = 10 * 60_000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses `--args`: a JSON object.
 * @throws Error saying what is wrong and how to write it, for invalid JSON or a non-object.
 */
export function parseToolArgs(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `--args is not valid JSON (${message(error)}). Pass a JSON object in single quotes, ` +
        `e.g. --args '{"project":"checkout","limit":1}'.`,
      { cause: error },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error(
      `--args must be a JSON object of tool arguments, got ${Array.isArray(parsed) ? "an array" : String(parsed)}. ` +
        `Example: --args '{"project":"checkout"}'.`,
    );
  return parsed as Record<string, unknown>;
}

/**
 * Runs the command; resolves to the exit code (see {@link CALL_EXIT}). The host and the setup
 * (e.g. the embedded sandbox) are stopped in every case.
 * @param progress where progress goes (default stderr): a bar/spinner on a TTY, plain lines otherwise
 */
export async function runCallCommand(
  tool: string,
  options: CallCommandOptions,
  io: CliIo,
  defaultSetup?: DefaultSetupProvider,
  progress: ProgressStream = process.stderr,
): Promise<number> {
  let args: Record<string, unknown>;
  try {
    args = parseToolArgs(options.args);
  } catch (error) {
    io.err(message(error));
    return CALL_EXIT.usage;
  }
  let setup: HostSetup;
  try {
    setup = await resolveHostSetup(options.config, defaultSetup);
  } catch (error) {
    io.err(message(error));
    return CALL_EXIT.toolError;
  }
  // Host logs would interleave with the progress display; warnings and errors still show.
  const config = { ...setup.config, logging: { ...setup.config.logging, level: "warn" as const } };
  const host = createHost({ ...setup.hostOptions, config });
  const client = new Client({ name: "octopus-mcp-call", version: host.version });
  try {
    await host.start();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await host.connect(serverSide);
    await client.connect(clientSide);
    const { tools } = await client.listTools();
    if (!tools.some((t) => t.name === tool)) {
      const near = tools.map((t) => t.name).filter((n) => n.includes(tool) || tool.includes(n));
      io.err(
        `Unknown tool "${tool}". ` +
          (near.length > 0 ? `Did you mean: ${near.slice(0, 5).join(", ")}? ` : "") +
          "List the served tools with: octopus-mcp tools",
      );
      return CALL_EXIT.usage;
    }
    const display = createProgressDisplay(tool, progress);
    let result: Awaited<ReturnType<Client["callTool"]>>;
    try {
      result = await client.callTool({ name: tool, arguments: args }, undefined, {
        onprogress: (p) => display.update(p),
        timeout: CALL_TIMEOUT_MS,
        resetTimeoutOnProgress: true,
      });
    } finally {
      display.finish();
    }
    const output = result.structuredContent ?? result.content;
    io.out(JSON.stringify(output, null, 2));
    if (result.isError === true) {
      io.err(`${tool} returned an error (see the result above).`);
      return CALL_EXIT.toolError;
    }
    return CALL_EXIT.ok;
  } catch (error) {
    io.err(`Calling ${tool} failed: ${message(error)}`);
    return CALL_EXIT.toolError;
  } finally {
    await client.close().catch(() => undefined);
    await host.stop();
    await setup.release();
  }
}

/**
 * `octopus-mcp serve [--config F] [--read-only] [--allow-deletes]`: starts the host and serves MCP
 * over stdio (`--transport http` is handled by transport/http-serve-command.ts).
 * stdout carries only the protocol; logs go to stderr (or `logging.file`). SIGINT/SIGTERM or the
 * client closing stdin stop the host (plugins in reverse order, bounded); the exit code says
 * whether everything stopped cleanly. A hard exit backs up the bound so nothing can hang.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createHost } from "../host/host.js";
import { errorText, withReadOnly, type CliIo } from "./cli-io.js";
import { resolveHostSetup, type DefaultSetupProvider, type HostSetup } from "./host-setup.js";
import { createCallGovernance, type CallGovernance } from "../transport/call-governance.js";

export interface ServeCommandOptions {
  readonly config?: string;
  readonly readOnly?: boolean;
  /** Serve delete tools host-wide (`policy.allowDeletes`). */
  readonly allowDeletes?: boolean;
  /** HTTP-only flags: refused here, so a forgotten `--transport http` does not go unnoticed. */
  readonly host?: string;
  readonly port?: string;
}

/** Exit codes of `serve`. */
export const SERVE_EXIT = { clean: 0, startFailed: 1, unclean: 3, forced: 4 } as const;

/** Starts serving; resolves when the host has stopped, to the exit code. */
export async function runServeCommand(
  options: ServeCommandOptions,
  io: CliIo,
  /** Used when no config file is named (see host-setup.ts). */
  defaultSetup?: DefaultSetupProvider,
): Promise<number> {
  if (options.host !== undefined || options.port !== undefined) {
    io.err("--host and --port apply to --transport http only.");
    return SERVE_EXIT.startFailed;
  }
  let setup: HostSetup;
  try {
    setup = await resolveHostSetup(options.config, defaultSetup);
  } catch (error) {
    io.err(errorText(error));
    return SERVE_EXIT.startFailed;
  }
  let config = setup.config;
  if (options.readOnly) config = withReadOnly(config);
  if (options.allowDeletes) config = { ...config, policy: { ...config.policy, allowDeletes: true } };
  // Confirmation of write/delete calls and the audit log, as in HTTP mode (transport/call-governance.ts).
  let governance: CallGovernance;
  try {
    governance = createCallGovernance({
      env: process.env,
      transport: "stdio",
      // Nothing can scrape metrics over stdio; skipping them keeps calls and start-up lighter.
      metrics: false,
      ...(config.audit ? { audit: config.audit } : {}),
    });
  } catch (error) {
    io.err(errorText(error));
    await setup.release();
    return SERVE_EXIT.startFailed;
  }
  const host = createHost({
    ...setup.hostOptions,
    config,
    hooks: governance.hooks,
    http: (deps) => governance.httpClient(config, deps, setup.hostOptions.fetch),
  });
  governance.logStartup(host.logger, "stdio");
  try {
    await host.start();
  } catch (error) {
    io.err(errorText(error));
    await host.stop();
    await setup.release();
    return SERVE_EXIT.startFailed;
  }

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (reason: string) => {
      if (stopping) return;
      stopping = true;
      host.logger.info({ reason }, "shutting down");
      // The whole-shutdown bound plus a margin: past it, exit regardless.
      const force = setTimeout(() => {
        io.err(`Shutdown exceeded ${config.lifecycle.stopTimeoutMs} ms; exiting.`);
        resolve(SERVE_EXIT.forced);
      }, config.lifecycle.stopTimeoutMs + 2000);
      force.unref();
      void host
        .stop()
        .then(async (report) => {
          await setup.release();
          await governance.close();
          return report;
        })
        .then((report) => {
          clearTimeout(force);
          resolve(report.clean ? SERVE_EXIT.clean : SERVE_EXIT.unclean);
        });
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.stdin.once("end", () => shutdown("stdin closed"));
    const transport = new StdioServerTransport();
    host.connect(transport).then(
      () =>
        host.logger.info(
          { tools: host.registry.tools.length, setup: setup.description },
          "serving MCP on stdio",
        ),
      (error: unknown) => {
        io.err(`Cannot serve on stdio: ${errorText(error)}`);
        shutdown("transport error");
      },
    );
  });
}

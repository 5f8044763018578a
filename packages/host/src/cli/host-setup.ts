/**
 * Where a CLI command gets its host from: a config file (`--config F`, `./octopus-mcp.yaml`,
 * `$OCTOPUS_MCP_CONFIG`), or, when none is named and the program was built with one, a default
 * setup. The `octopus-mcp` distribution (`@octopus-mcp/cli`) supplies the embedded sandbox with
 * the first-party plugins as that default; the bare host has none and asks for a file.
 */
import { loadConfigFile } from "../config/load-config.js";
import type { HostConfig } from "../config/types.js";
import type { CreateHostOptions } from "../host/host.js";
import { MissingConfigError, resolveConfigPath } from "./config-path.js";

/** A config plus what `createHost` needs beside it, and what to release after the host stopped. */
export interface HostSetup {
  readonly config: HostConfig;
  /** Extra `createHost` options (preloaded plugins, credentials). */
  readonly hostOptions: Omit<CreateHostOptions, "config" | "hooks" | "http">;
  /** One line for the operator, e.g. `config file /etc/octopus-mcp.yaml`. */
  readonly description: string;
  /** Releases what the setup started (e.g. an embedded sandbox). Called once, after the host stopped. */
  release(): Promise<void>;
}

/** Builds the default setup; called only when no config file is named. */
export type DefaultSetupProvider = () => Promise<HostSetup>;

/**
 * The setup for a command: the named config file, else the default provider.
 * @throws MissingConfigError when no file is named and there is no default provider;
 *   ConfigError for an invalid file; whatever the default provider throws.
 */
export async function resolveHostSetup(
  configFlag: string | undefined,
  defaultSetup: DefaultSetupProvider | undefined,
): Promise<HostSetup> {
  let file: string;
  try {
    file = resolveConfigPath(configFlag);
  } catch (error) {
    if (error instanceof MissingConfigError && defaultSetup) return await defaultSetup();
    throw error;
  }
  const config = await loadConfigFile(file);
  return { config, hostOptions: {}, description: `config file ${file}`, release: () => Promise.resolve() };
}

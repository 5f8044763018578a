/**
 * Which config file a CLI command uses: `--config F`, else `./octopus-mcp.yaml` (or `.yml`/`.json`)
 * in the current folder, else the `OCTOPUS_MCP_CONFIG` environment variable.
 */
import { existsSync } from "node:fs";
import path from "node:path";

/** Default file names looked for in the current folder, in order. */
export const DEFAULT_CONFIG_FILES = ["octopus-mcp.yaml", "octopus-mcp.yml", "octopus-mcp.json"] as const;

export class MissingConfigError extends Error {
  constructor(cwd: string) {
    super(
      `No config file given. Pass one with --config <file>, put ${DEFAULT_CONFIG_FILES[0]} in the ` +
        `current folder (${cwd}), or set OCTOPUS_MCP_CONFIG=<file>. Example configs are in examples/configs/.`,
    );
    this.name = "MissingConfigError";
  }
}

/**
 * The absolute path of the config file to use.
 * @throws MissingConfigError when no source names one.
 */
export function resolveConfigPath(
  flag: string | undefined,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (flag !== undefined && flag !== "") return path.resolve(cwd, flag);
  for (const name of DEFAULT_CONFIG_FILES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  const fromEnv = env.OCTOPUS_MCP_CONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return path.resolve(cwd, fromEnv);
  throw new MissingConfigError(cwd);
}

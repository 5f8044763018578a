/**
 * Entry point of the `octopus-mcp` bin (launched by `bin/octopus-mcp.js`). The host module loads
 * `reflect-metadata` before tsyringe, so commands that never start a host never load either.
 */
import { buildProgram } from "./program.js";

const program = buildProgram((code) => {
  // Explicit exit: a plugin's leftover timer or socket must not keep the host alive after stop.
  process.exit(code);
});
await program.parseAsync(process.argv);

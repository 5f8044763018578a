/**
 * Entry point of the `octopus-mcp` bin (launched by `bin/octopus-mcp.js`). `reflect-metadata` is
 * imported once here because tsyringe reads it.
 */
import "reflect-metadata";
import { buildProgram } from "./program.js";

const program = buildProgram((code) => {
  // Explicit exit: a plugin's leftover timer or socket must not keep the host alive after stop.
  process.exit(code);
});
await program.parseAsync(process.argv);

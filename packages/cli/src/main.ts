/**
 * Entry point of the `octopus-mcp` bin (launched by `bin/octopus-mcp.js`). `reflect-metadata`
 * is imported once here because tsyringe reads it.
 */
import "reflect-metadata";
import { buildCliProgram } from "./program.js";

const program = buildCliProgram((code) => {
  // Explicit exit: a plugin's leftover timer or socket must not keep the process alive.
  process.exit(code);
});
await program.parseAsync(process.argv);

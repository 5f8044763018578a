/**
 * `require` for the CommonJS packages the host loads on every start (reflect-metadata, tsyringe,
 * Ajv, ajv-formats). Importing a CommonJS package from an ES module makes Node lex its source, and
 * every source it re-exports, for named exports: for these four about 40–55 ms of a stdio host's
 * start on the bench machine, against 15–20 ms to require them (bench figure 2). Either way Node
 * keeps one instance per file, so a plugin that imports `tsyringe` shares the host's container.
 */
import { createRequire } from "node:module";

export const requireCommonJs: NodeJS.Require = createRequire(import.meta.url);

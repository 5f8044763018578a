/**
 * `@octopus-mcp/core`: the surface every plugin compiles against.
 * See docs/plugin-authoring.md for a walk-through.
 */
export * from "./config.js";
export * from "./credentials.js";
export * from "./errors.js";
export * from "./http.js";
export * from "./logger.js";
export * from "./plugin.js";
export * from "./registry.js";
export * from "./schema.js";
export * from "./tenant.js";
export * from "./tokens.js";
export * from "./tool.js";

/**
 * `@octopus-mcp/octopus-api`: shared Octopus REST access for first-party plugins. Every request
 * goes through the host's `HttpClient` with the caller tenant's server URL and credential.
 */
export * from "./client.js";
export * from "./cursor.js";
export * from "./lookups.js";
export * from "./portal-url.js";
export * from "./query.js";
export * from "./resolve.js";
export * from "./settings.js";
export * from "./shaping.js";
export * from "./space-cache.js";
export * from "./types.js";

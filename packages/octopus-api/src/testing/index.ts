/**
 * `@octopus-mcp/octopus-api/testing`: an in-memory Octopus behind core's `HttpClient` interface,
 * for unit tests of code built on this package (no host, no sandbox, requests recorded).
 */
export * from "./fake-http.js";

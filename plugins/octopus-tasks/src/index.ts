/**
 * `@octopus-mcp/plugin-octopus-tasks`: diagnose Octopus deployments and runbook runs from their
 * server tasks (namespace `tasks`). Also exports the streaming log primitives for benchmarks.
 */
export * from "./log/line-reader.js";
export * from "./log/grep.js";
export * from "./log/line-range.js";
export * from "./activity/activity-summary.js";
export * from "./diagnosis/failure-extraction.js";

/**
 * `@octopus-mcp/plugin-octopus-tasks/log`: the streaming log primitives the plugin's log tools run
 * (line reader, grep, line ranges and tails), without the plugin itself. Importing this entry loads
 * no zod, DI container or Octopus client, so a process that only greps (bench figure 5, other
 * tools) pays for these modules alone.
 */
export * from "./line-reader.js";
export * from "./grep.js";
export * from "./line-range.js";

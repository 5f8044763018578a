/**
 * `@octopus-mcp/testkit`: test a plugin in a real in-process host.
 * @example
 * const host = await startTestHost({ plugins: [createMyPlugin()] });
 * const r = await host.callTool("my_list_things", {});
 * if (r.ok) expect(r.data).toEqual(...);
 */
export {
  startTestHost,
  type CallToolOptions,
  type StartTestHostOptions,
  type TestHost,
  type TestHostClient,
  type TestPlugin,
} from "./start-test-host.js";
export { readToolResult, type ToolCallResult } from "./tool-result.js";
export { LogCapture, type CapturedLogLine } from "./log-capture.js";
export { registerVitestCleanup } from "./vitest-cleanup.js";
export { StaticCredentialResolver, type CredentialsByTenant } from "@octopus-mcp/host";
export {
  createFaultInjector,
  type FaultInjector,
  type FetchFault,
  type RecordedRequest,
} from "./fault-injector.js";
export { exampleArguments, type ExampleOptions } from "./example-arguments.js";
export { checkToolDefinitions } from "@octopus-mcp/host";
export {
  PRECOMPILED_CONFIG_VALIDATOR_EXPORT,
  precompiledConfigValidatorModule,
  syncPrecompiledConfigValidator,
  type PrecompiledConfigValidatorSync,
} from "./precompiled-config-validator.js";

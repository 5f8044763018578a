/**
 * `@octopus-mcp/host`: the plugin host as a library. The CLI (`octopus-mcp`) and
 * `@octopus-mcp/testkit` are built on these exports. Import `reflect-metadata` once in your entry
 * point before using it (tsyringe reads it).
 */

// Host
export {
  createHost,
  OctopusMcpHost,
  type CreateHostOptions,
  type HostServiceFactory,
  type HostState,
} from "./host/host.js";
export type {
  CallerIdentity,
  ToolCallHook,
  ToolCallInfo,
  ToolCallOutcome,
  ToolCallTransport,
} from "./host/call-hooks.js";
export { ToolCallPipeline, type ToolCallRequest } from "./host/tool-call-pipeline.js";
export { HOST_VERSION } from "./version.js";

// Plugins
export { PluginStartupError, type PluginFailure, type PluginPhase } from "./plugins/plugin-failure.js";
export type { PluginState, PluginStatus } from "./plugins/plugin-runtime.js";
export type { PluginStopOutcome, StopReport } from "./plugins/plugin-lifecycle.js";
export type { PreloadedPlugin } from "./plugins/plugin-loader.js";
export { NAMESPACE_PATTERN, checkPlugin } from "./plugins/manifest-checks.js";

// Registry and policy
export { ToolRegistry, type ResourceMatch } from "./registry/tool-registry.js";
export type {
  PluginRef,
  RegisteredPrompt,
  RegisteredResource,
  RegisteredResourceTemplate,
  RegisteredTool,
  RegistrationProblem,
} from "./registry/registered-items.js";
export { MAX_TOOL_NAME_LENGTH, NAME_PATTERN } from "./registry/registration-validator.js";
export {
  checkInputSchema,
  checkOutputSchema,
  compileSchema,
  type SchemaRule,
  type SchemaViolation,
} from "./registry/schema-rules.js";
export { createStrictAjv, type StrictAjv } from "./registry/strict-ajv.js";
export { checkToolDefinitions } from "./registry/tool-check.js";
export {
  decideAccess,
  effectivePolicy,
  matchesToolPattern,
  type AccessDecision,
  type EffectivePolicy,
} from "./registry/access-policy.js";

// MCP
export {
  createMcpServer,
  toolListing,
  type CreateServerOptions,
  type RequestIdentitySource,
} from "./mcp/server-factory.js";
export { HostServer, isPlainJsonRpcRequest } from "./mcp/host-server.js";

// Tenancy
export { TenantContext, TenantScope, type TenantScopeData } from "./tenancy/tenant-scope.js";

// Config
export type {
  AccessPolicy,
  CallerTenantConfig,
  HostConfig,
  HostConfigInput,
  PluginEntry,
  StartFailurePolicy,
  ToolFilter,
} from "./config/types.js";
export {
  ConfigError,
  formatConfigIssue,
  INLINE_CONFIG_FILE,
  type ConfigIssue,
} from "./config/config-error.js";
export {
  defaultHostConfig,
  loadConfigFile,
  parseConfig,
  type ParseConfigOptions,
} from "./config/load-config.js";
export { validatePluginSection } from "./config/plugin-config.js";
export { pluginConfigValidator, pluginConfigValidatorFormat } from "./config/precompiled-config-validator.js";
export { hostConfigSchema } from "./config/host-config-schema.js";

// Credentials
export {
  StaticCredentialResolver,
  type CredentialsByTenant,
  type CredentialResolverDependencies,
} from "./credentials/static-credential-resolver.js";
export {
  EnvCredentialResolver,
  type EnvCredentialResolverOptions,
} from "./credentials/env-credential-resolver.js";
export { FileCredentialResolver } from "./credentials/file-credential-resolver.js";
export { CompositeCredentialResolver } from "./credentials/composite-credential-resolver.js";
export { createCredentialResolver } from "./credentials/create-credential-resolver.js";

// Logging
export { createLogger, type CreateLoggerOptions, type LogLevel } from "./logging/create-logger.js";
export { createCapturingLogger, type CapturingLogger, type LogLine } from "./logging/capturing-logger.js";
export { SecretRedactor, REDACTED } from "./logging/secret-redactor.js";

// Outbound HTTP
export { HostHttpClient } from "./http/host-http-client.js";

// CLI building blocks (the `octopus-mcp` distribution in @octopus-mcp/cli extends the program)
export { buildProgram, type ProgramOptions } from "./cli/program.js";
export { processIo, type CliIo } from "./cli/cli-io.js";
export { resolveHostSetup, type DefaultSetupProvider, type HostSetup } from "./cli/host-setup.js";
export { MissingConfigError } from "./cli/config-path.js";

// Remote serving (issue 7): Streamable HTTP, JWT caller tenants, confirmation, audit, metrics.
// See docs/remote-http.md.
export {
  HttpTransportServer,
  createHttpTransportServer,
  type HttpTransportServerOptions,
  type HttpTransportCloseResult,
} from "./transport/http-transport-server.js";
export {
  startHttpHost,
  type AuthSettings,
  type HttpHost,
  type HttpServerSettings,
  type StartHttpHostOptions,
} from "./transport/http-host.js";
export { runHttpServeCommand, type HttpServeCommandOptions } from "./transport/http-serve-command.js";
export {
  createCallGovernance,
  type AuditSettings,
  type CallGovernance,
  type CallGovernanceOptions,
} from "./transport/call-governance.js";
export {
  callerFromAuthInfo,
  type HttpCaller,
  type McpServerFactory,
  type McpServerLike,
} from "./transport/http-caller.js";
export { evaluateReadiness, type ReadinessReport, type ReadinessSource } from "./transport/readiness.js";
export { DnsRebindingGuard, type HostAllowListOptions } from "./transport/dns-rebinding.js";
export {
  AuthenticationError,
  JwtCallerAuthenticator,
  type AuthenticatedCaller,
  type CallerAuthenticator,
} from "./auth/jwt-caller-authenticator.js";
export {
  DEFAULT_JWT_ALGORITHMS,
  JwtSettingsError,
  resolveJwtAuthSettings,
  type JwtAuthSettings,
} from "./auth/jwt-settings.js";
export {
  bearerChallenge,
  protectedResourceMetadata,
  protectedResourceMetadataUrl,
  type ProtectedResourceMetadata,
  type ProtectedResourceSettings,
} from "./auth/protected-resource-metadata.js";
export {
  ConfirmationGate,
  NO_ELICITATION,
  confirmationSummary,
  type ConfirmationGateOptions,
  type ConfirmedHow,
  type ElicitationChannel,
} from "./confirmation/confirmation-gate.js";
export { ConfirmationHook } from "./confirmation/confirmation-hook.js";
export {
  CONFIRM_ARGUMENT,
  splitConfirmArgument,
  withConfirmArgument,
} from "./confirmation/confirm-argument.js";
export { SKIP_CONFIRMATION_ENV, readSkipConfirmation } from "./confirmation/skip-confirmation.js";
export {
  AuditLog,
  MemoryAuditSink,
  fileAuditSink,
  streamAuditSink,
  type AuditRecord,
  type AuditSink,
  type ToolCallAuditInput,
} from "./audit/audit-log.js";
export { AuditHook } from "./audit/audit-hook.js";
export { argumentsSha256, canonicalJson } from "./audit/canonical-json.js";
export { HostMetrics, type HostMetricsOptions } from "./metrics/host-metrics.js";
export { MetricsHook } from "./metrics/metrics-hook.js";
export { httpClientMetricsHooks } from "./metrics/http-client-metrics.js";

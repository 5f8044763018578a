/**
 * The rule catalogue. IDs follow reference/lint-rules.md (§1 and §1.1) where a rule exists there;
 * `L-SECRET-2`, `L-CRED-*`, `L-LIFE-*`, `L-TENANT-*`, `L-DEGRADE-*` and `L-SCHEMA-11..13` are ours
 * (the five principles' runtime contract). Every rule is documented in docs/plugin-lint.md.
 */
import type { Principle, Severity } from "./findings.js";

export interface RuleMeta {
  readonly id: string;
  readonly principle: Principle;
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly title: string;
  /** Default fix text, used when a check gives none. */
  readonly fix: string;
  /** `static` rules read files and tool definitions; `dynamic` rules run the plugin in a lint host. */
  readonly kind: "static" | "dynamic";
}

/** Where each rule is documented (SARIF `helpUri`). */
export const DOCS_URL = "https://github.com/octopus-mcp/octopus-mcp-host/blob/main/docs/plugin-lint.md";

export function helpUri(ruleId: string): string {
  return `${DOCS_URL}#${ruleId.toLowerCase()}`;
}

const R = (
  id: string,
  principle: Principle,
  severity: Severity,
  kind: RuleMeta["kind"],
  title: string,
  fix: string,
): RuleMeta => ({ id, principle, severity, kind, title, fix });

export const RULES: readonly RuleMeta[] = [
  // Credential safety
  R(
    "L-SECRET-1",
    "credential-safety",
    "error",
    "static",
    "No literal secret in the manifest, config schema or tool definitions",
    "Remove the value; operators put credential IDs in config and secrets in the credential store.",
  ),
  R(
    "L-SECRET-2",
    "credential-safety",
    "error",
    "static",
    "No raw secret in source or config files (secretlint recommended rules + Octopus API keys)",
    "Delete the secret, rotate it, and resolve it at call time through ICredentialResolver by credential ID.",
  ),
  R(
    "L-CRED-1",
    "credential-safety",
    "error",
    "static",
    "Config keys hold credential IDs, not credentials",
    "Rename the key to `<name>CredentialId` holding a credential ID and resolve the secret with ICredentialResolver.getPasswordAsync.",
  ),
  R(
    "L-CRED-2",
    "credential-safety",
    "error",
    "static",
    "Source does not read secrets or settings from process.env",
    "Read credentials through ICredentialResolver and settings from the plugin config section.",
  ),
  R(
    "L-CRED-3",
    "credential-safety",
    "error",
    "dynamic",
    "The plugin does not read process.env at runtime",
    "Read credentials through ICredentialResolver and settings from the plugin config section.",
  ),
  // Tenant isolation
  R(
    "L-TENANT-1",
    "tenant-isolation",
    "error",
    "dynamic",
    "Outbound requests carry the calling caller tenant's credential, from inside its scope",
    "Send requests through context.http inside the handler and resolve the credential per call with ICredentialResolver; never cache one tenant's secret.",
  ),
  R(
    "L-TENANT-2",
    "tenant-isolation",
    "warning",
    "dynamic",
    "Log lines emitted during a call carry tenantId and correlationId",
    "Log with the call context's logger (ToolCallContext.logger), not the start-time plugin logger.",
  ),
  // Schema standards
  R(
    "L-NAME-1",
    "schema-standards",
    "error",
    "static",
    "Tool name matches ^[A-Za-z0-9._-]{1,128}$ (MCP SEP-986)",
    "Use letters, digits, `_`, `-` and `.` only, at most 128 characters.",
  ),
  R(
    "L-NAME-2",
    "schema-standards",
    "error",
    "static",
    "Tool names are unique",
    "Give every tool its own name.",
  ),
  R(
    "L-NAME-3",
    "schema-standards",
    "error",
    "static",
    "Tool name is snake_case, starts with `<namespace>_`, at most 64 characters",
    "Rename the tool to `<namespace>_<verb>[_<noun>]` in snake_case.",
  ),
  R(
    "L-DESC-1",
    "schema-standards",
    "error",
    "static",
    "Tool description present and non-empty",
    "Say what the tool returns and when to use it, in one or two sentences.",
  ),
  R(
    "L-SIZE-1",
    "schema-standards",
    "warning",
    "static",
    "Tool description within 1024 characters; at most 100 tools",
    "Shorten the description: it is paid for in every agent's context window. Move details into property descriptions.",
  ),
  R(
    "L-SCHEMA-1",
    "schema-standards",
    "error",
    "static",
    'inputSchema is an object schema with root type "object"',
    'Use { "type": "object", "properties": {...} }; a tool without parameters uses { "type": "object", "additionalProperties": false }.',
  ),
  R(
    "L-SCHEMA-2",
    "schema-standards",
    "error",
    "static",
    "No bare true/false schema where an object schema is expected",
    'Replace `true` with a typed schema and `false` with { "not": {} } or remove the property.',
  ),
  R(
    "L-SCHEMA-3",
    "schema-standards",
    "warning",
    "static",
    "type given as an array",
    'Use anyOf: [{ "type": "string" }, { "type": "null" }] for portability.',
  ),
  R(
    "L-SCHEMA-4",
    "schema-standards",
    "warning",
    "static",
    "No remote $ref",
    "Inline the referenced schema under $defs and reference it as #/$defs/Name.",
  ),
  R(
    "L-SCHEMA-5",
    "schema-standards",
    "warning",
    "static",
    "No untyped subschema ({})",
    "Give the subschema a type (or enum/const) so agents know what to send.",
  ),
  R(
    "L-SCHEMA-6",
    "schema-standards",
    "error",
    "static",
    "Schema compiles under JSON Schema 2020-12 (Ajv strict)",
    "Fix the keyword Ajv reports; only 2020-12 keywords and known formats are allowed.",
  ),
  R(
    "L-SCHEMA-7",
    "schema-standards",
    "error",
    "static",
    "outputSchema, when present, is an object schema",
    'Give outputSchema root type "object" or leave it out.',
  ),
  R(
    "L-SCHEMA-8",
    "schema-standards",
    "error",
    "static",
    "Every name in required is declared in properties",
    "Declare the property or remove it from required.",
  ),
  R(
    "L-SCHEMA-9",
    "schema-standards",
    "warning",
    "static",
    "Every property has a description",
    "Describe the property (with zod: .describe()); agents choose arguments from it.",
  ),
  R(
    "L-SCHEMA-10",
    "schema-standards",
    "info",
    "static",
    "A no-parameter tool declares additionalProperties: false",
    'Use { "type": "object", "additionalProperties": false }.',
  ),
  R(
    "L-SCHEMA-11",
    "schema-standards",
    "warning",
    "static",
    "additionalProperties is not true ({} counts as true)",
    "Declare every property and set additionalProperties to false (with zod: .strict()).",
  ),
  R(
    "L-SCHEMA-12",
    "schema-standards",
    "info",
    "static",
    "Fixed sets of values use enum",
    'Replace the list in the description (or the alternation pattern) with "enum": [...].',
  ),
  R(
    "L-SCHEMA-13",
    "schema-standards",
    "info",
    "static",
    "Emails, URIs and dates carry a format hint",
    'Add "format": "email" | "uri" | "date-time" | "date" to the string property.',
  ),
  R(
    "L-ANNOT-2",
    "schema-standards",
    "warning",
    "static",
    "Annotations are not contradictory; a read-only tool is not named like a mutation",
    'Set access to "write"/"delete" for mutating tools, or rename the tool; readOnlyHint and destructiveHint cannot both be true.',
  ),
  R(
    "L-ACCESS-1",
    "schema-standards",
    "error",
    "static",
    "access agrees with explicit annotations",
    "Remove the explicit hint (the host derives annotations from access) or change access.",
  ),
  R(
    "L-POISON-1",
    "schema-standards",
    "error",
    "static",
    "No pseudo-tags (<IMPORTANT>, <SYSTEM>, [INST], IMPORTANT:) in tool definitions",
    "Write plain descriptive text; directives to the model are tool poisoning.",
  ),
  R(
    "L-POISON-2",
    "schema-standards",
    "error",
    "static",
    "No coercive or hijacking phrases",
    "Describe what the tool does; do not instruct the agent to ignore instructions, call tools first, or hide things from the user.",
  ),
  R(
    "L-POISON-3",
    "schema-standards",
    "error",
    "static",
    "No references to secret files, keys, passwords, conversation history or system prompts",
    "Remove the reference; a tool must never ask the agent for secrets or context.",
  ),
  R(
    "L-POISON-4",
    "schema-standards",
    "warning",
    "static",
    "No suspicious emphasis words (important, crucial, must, never)",
    'State facts ("returns at most 100 items") instead of emphasis.',
  ),
  R(
    "L-POISON-5",
    "schema-standards",
    "error",
    "static",
    "No hidden characters, HTML comments or long encoded runs",
    "Remove zero-width, bidi-control and tag characters, HTML comments and base64/hex blobs.",
  ),
  R(
    "L-POISON-7",
    "schema-standards",
    "warning",
    "static",
    "No free-text side-channel parameters (sidenote, notes, context, debug, metadata)",
    "Remove the parameter, or mention it and its purpose in the tool description.",
  ),
  R(
    "L-SHADOW-1",
    "schema-standards",
    "error",
    "static",
    "Descriptions do not name other plugins' tools",
    "Describe this tool only; refer to your own tools by name if needed.",
  ),
  R(
    "L-SHADOW-2",
    "schema-standards",
    "error",
    "static",
    "No cross-tool intercept or override phrases",
    "Remove the instruction about other tools' behaviour.",
  ),
  R(
    "L-EXFIL-1",
    "schema-standards",
    "warning",
    "static",
    "No URLs or e-mail addresses in tool definitions (except example domains)",
    "Remove the URL; if it documents input, use an example.com address.",
  ),
  R(
    "L-PIN-1",
    "schema-standards",
    "error",
    "static",
    "Every tool definition matches its committed pin (SHA-256 of the whole canonical definition)",
    "Review the changed tool definition, then run `octopus-plugin-lint --update-pins` and commit the pin file with the change.",
  ),
  R(
    "L-FLOW-1",
    "schema-standards",
    "warning",
    "static",
    "The tool set holds no unconfirmed toxic flow (untrusted input + private data + public sink, or untrusted input + destructive tool)",
    "Split the untrusted-input tools and the sink/destructive tools into separate plugins, tighten access (read-only tiers), give the write/delete tool a confirmationMessage, or deny one side in the host policy.",
  ),
  // Lifecycle contract
  R(
    "L-LIFE-1",
    "lifecycle-contract",
    "error",
    "static",
    "The plugin exports a manifest and all three lifecycle methods",
    "Export (default) a factory returning { manifest, onRegister, onStartAsync, onStopAsync }.",
  ),
  R(
    "L-LIFE-2",
    "lifecycle-contract",
    "error",
    "dynamic",
    "onRegister performs no I/O (network, file writes, timers, child processes)",
    "Only register DI bindings in onRegister; open connections and start timers in onStartAsync.",
  ),
  R(
    "L-LIFE-3",
    "lifecycle-contract",
    "error",
    "dynamic",
    "The plugin loads, registers and starts in a lint host",
    "Fix the startup error shown; run the plugin's own tests with @octopus-mcp/testkit.",
  ),
  R(
    "L-LIFE-4",
    "lifecycle-contract",
    "error",
    "dynamic",
    "onStopAsync resolves within the stop timeout without throwing",
    "Close what onStartAsync opened and honour the abort signal.",
  ),
  R(
    "L-LIFE-5",
    "lifecycle-contract",
    "error",
    "dynamic",
    "No open handles (sockets, servers, timers, child processes) after onStopAsync",
    "Close servers and sockets, clear intervals and timeouts, and kill child processes in onStopAsync.",
  ),
  // Graceful degradation
  R(
    "L-DEGRADE-1",
    "graceful-degradation",
    "error",
    "dynamic",
    "A handler returns a structured error (not internal_error) when the upstream fails",
    "Let the host HttpClient's typed errors propagate, or throw core's typed errors (UpstreamUnavailableError, RateLimitError, ...).",
  ),
  R(
    "L-DEGRADE-2",
    "graceful-degradation",
    "error",
    "dynamic",
    "Idempotent requests are retried on 429/503 before giving up",
    "Send requests through context.http (it retries with backoff and honours Retry-After); do not disable retries.",
  ),
  R(
    "L-DEGRADE-3",
    "graceful-degradation",
    "error",
    "dynamic",
    "Outbound HTTP goes through the host's HttpClient, not global fetch",
    "Use context.http: it adds retries, the circuit breaker, tenancy, cancellation and redaction.",
  ),
  R(
    "L-DEGRADE-4",
    "graceful-degradation",
    "info",
    "dynamic",
    "Schema-valid arguments can be generated for every tool",
    "Simplify the schema (patterns the generator cannot satisfy), or give the property an example.",
  ),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** @throws Error for an unknown rule ID (a programming error in a check). */
export function ruleMeta(id: string): RuleMeta {
  const meta = BY_ID.get(id);
  if (!meta) throw new Error(`unknown rule ${id}`);
  return meta;
}

export function isKnownRule(id: string): boolean {
  return BY_ID.has(id);
}

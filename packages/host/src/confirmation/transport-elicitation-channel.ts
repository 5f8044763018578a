/**
 * An {@link ElicitationChannel} built from what the MCP layer hands the call pipeline
 * (`ToolCallTransport`: the client's capabilities and the SDK's `extra.sendRequest`, which ties
 * `elicitation/create` to the pending `tools/call`, so over Streamable HTTP it travels on that
 * call's SSE stream).
 */
import { ElicitResultSchema } from "@modelcontextprotocol/sdk/types.js";
import type { ElicitationAnswer, ElicitationChannel, ElicitationFormRequest } from "./confirmation-gate.js";

/**
 * What the MCP layer knows about the request carrying a call (structurally the pipeline's
 * `ToolCallTransport`): client capabilities from `initialize` and the SDK's `extra.sendRequest`.
 */
export interface ElicitationTransport {
  readonly clientCapabilities?: Readonly<Record<string, unknown>> | undefined;
  readonly sendRequest?: ((...args: never[]) => Promise<unknown>) | undefined;
}

/** The SDK's `RequestHandlerExtra.sendRequest`, narrowed to what elicitation needs. */
type SendRequest = (
  request: { method: "elicitation/create"; params: Record<string, unknown> },
  resultSchema: typeof ElicitResultSchema,
  options: { signal: AbortSignal; timeout: number },
) => Promise<{ action: "accept" | "decline" | "cancel"; content?: Record<string, unknown> }>;

/**
 * `supported` is true when the client declared `elicitation` (form mode) in `initialize` and the
 * transport can send requests back. The SDK's capability schema turns a declared `elicitation: {}`
 * into `{ form: {} }`. A Server that never saw `initialize` (stateless HTTP: a new Server per POST)
 * has no capabilities, so the `confirm: true` fallback applies there.
 */
export function transportElicitationChannel(transport: ElicitationTransport): ElicitationChannel {
  const elicitation = transport.clientCapabilities?.["elicitation"] as Record<string, unknown> | undefined;
  const sendRequest = transport.sendRequest as SendRequest | undefined;
  const supported =
    elicitation !== undefined && elicitation["form"] !== undefined && sendRequest !== undefined;
  if (!supported || !sendRequest) {
    return {
      supported: false,
      elicit: () => Promise.reject(new Error("This client cannot show confirmation prompts.")),
    };
  }
  return {
    supported: true,
    async elicit(request: ElicitationFormRequest, options): Promise<ElicitationAnswer> {
      const result = await sendRequest(
        {
          method: "elicitation/create",
          params: { mode: "form", message: request.message, requestedSchema: request.requestedSchema },
        },
        ElicitResultSchema,
        { signal: options.signal, timeout: options.timeoutMs },
      );
      return result.content === undefined
        ? { action: result.action }
        : { action: result.action, content: result.content };
    },
  };
}

/**
 * The host's MCP server: the SDK 1.32 low-level `Server` with a cheaper dispatch of incoming
 * requests.
 *
 * Why: `Protocol.connect` (SDK 1.32.2, shared/protocol.js) classifies every incoming message with
 * zod guards, and it tries "result response" and "error response" first. For a request both fail,
 * and a failed zod parse builds an error object: about 70 µs per request on these machines, most
 * of a no-op tool call's round trip. The host answers the common case, a well-formed request,
 * with plain checks and hands it to the SDK's own request handling; every other message takes the
 * SDK's path unchanged.
 *
 * It also creates the SDK's JSON Schema validator on first use ({@link LazyJsonSchemaValidator}).
 */
import { Server, type ServerOptions } from "@modelcontextprotocol/sdk/server/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  RELATED_TASK_META_KEY,
  type Implementation,
  type JSONRPCRequest,
} from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation/types.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isRequestId(value: unknown): boolean {
  return typeof value === "string" || Number.isSafeInteger(value);
}

/** `params._meta` the SDK accepts: `progressToken` a string or integer, no related-task entry. */
function isPlainMeta(meta: unknown): boolean {
  if (meta === undefined) return true;
  if (!isPlainObject(meta) || meta[RELATED_TASK_META_KEY] !== undefined) return false;
  return meta.progressToken === undefined || isRequestId(meta.progressToken);
}

/**
 * True when `message` is a JSON-RPC request that SDK 1.32.2 classifies as a request and as neither
 * kind of response: a plain object with only `jsonrpc: "2.0"`, an `id` (string or safe integer), a
 * string `method` and optional plain-object `params` whose `_meta` is plain too (see
 * `JSONRPCRequestSchema`, `JSONRPCResultResponseSchema`, `JSONRPCErrorResponseSchema` in the SDK's
 * types.js; both response schemas require a key a request lacks). A subset of what the SDK
 * accepts: anything else, including requests this check is unsure of, is `false` and goes through
 * the SDK's own guards. A test pins the subset against the SDK's guards.
 */
export function isPlainJsonRpcRequest(message: unknown): message is JSONRPCRequest {
  if (!isPlainObject(message)) return false;
  for (const key in message) {
    if (key !== "jsonrpc" && key !== "id" && key !== "method" && key !== "params") return false;
  }
  if (message.jsonrpc !== "2.0" || typeof message.method !== "string") return false;
  if (!isRequestId(message.id)) return false;
  const params = message.params;
  if (params === undefined) return true;
  return isPlainObject(params) && isPlainMeta(params._meta);
}

/** The part of the SDK's `Protocol` the dispatch calls (TypeScript-private in SDK 1.32). */
interface SdkRequestDispatch {
  _onrequest?: (request: JSONRPCRequest, extra?: unknown) => void;
}

/**
 * An SDK `Server` (same constructor, handlers and behaviour) whose `connect` installs the cheaper
 * request dispatch. `createMcpServer` builds every host server with it; the benchmarks use it bare
 * to separate the dispatch from the host's own per-call work.
 */
export class HostServer extends Server {
  /** As `Server`'s; without a `jsonSchemaValidator`, a {@link LazyJsonSchemaValidator}. */
  constructor(serverInfo: Implementation, options?: ServerOptions) {
    super(serverInfo, {
      ...options,
      jsonSchemaValidator: options?.jsonSchemaValidator ?? new LazyJsonSchemaValidator(),
    });
  }

  /**
   * Connects as `Server.connect` does, then routes plain requests ({@link isPlainJsonRpcRequest})
   * straight to the SDK's request handling. Keeps the SDK's dispatch as it is when this SDK
   * version has no `_onrequest`.
   */
  override async connect(transport: Transport): Promise<void> {
    const previous = transport.onmessage;
    await super.connect(transport);
    const sdkOnMessage = transport.onmessage;
    const onRequest = (this as unknown as SdkRequestDispatch)._onrequest;
    if (sdkOnMessage === undefined || typeof onRequest !== "function") return;
    transport.onmessage = (message, extra) => {
      if (!isPlainJsonRpcRequest(message)) {
        sdkOnMessage(message, extra);
        return;
      }
      // What the SDK's handler does for a request: the transport's earlier handler first.
      previous?.(message, extra);
      onRequest.call(this, message, extra);
    };
  }
}

/**
 * The SDK's Ajv-backed JSON Schema validator (`AjvJsonSchemaValidator`), created on the first
 * `getValidator` call. SDK 1.32's `Server` builds one in its constructor, a fresh Ajv with formats
 * (~4 ms for the first in a process, ~0.5 ms after on these machines), but uses it only in
 * `elicitInput`, which the host does not call (confirmations elicit through the call's
 * `sendRequest`). A stdio host would pay for it on every start and a stateless HTTP host on every
 * request (one server per request).
 */
export class LazyJsonSchemaValidator implements jsonSchemaValidator {
  #inner: AjvJsonSchemaValidator | undefined;

  /** Whether the Ajv validator exists yet. */
  get isCreated(): boolean {
    return this.#inner !== undefined;
  }

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    return (this.#inner ??= new AjvJsonSchemaValidator()).getValidator<T>(schema);
  }
}

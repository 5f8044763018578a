/**
 * A minimal HttpClient over fetch for unit tests (no retries, no breaker), so the plugin's own
 * error mapping can be exercised against a local 127.0.0.1 server or a scripted fetch.
 */
import type {
  HttpClient,
  HttpRequest,
  HttpResponse,
  HttpStreamResponse,
  ICredentialResolver,
  ITenantContext,
  ToolCallContext,
} from "@octopus-mcp/core";
import { CredentialNotFoundError } from "@octopus-mcp/core";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

function buildUrl(request: HttpRequest): string {
  const url = new URL(String(request.url));
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url.toString();
}

export class FetchHttpClient implements HttpClient {
  readonly requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[] = [];
  constructor(private readonly fetchImpl: FetchLike = (u, i) => fetch(u, i)) {}

  private async send(request: HttpRequest): Promise<Response> {
    const url = buildUrl(request);
    const headers: Record<string, string> = { ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
      headers["Content-Type"] ??= "application/json";
    }
    this.requests.push({
      method: request.method ?? "GET",
      url,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    return this.fetchImpl(url, {
      method: request.method ?? "GET",
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const response = await this.send(request);
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    let body: unknown = text === "" ? undefined : text;
    if (type.includes("json") && text !== "") body = JSON.parse(text);
    if (request.throwOnHttpError !== false && !response.ok) throw new Error(`HTTP ${response.status}`);
    return { status: response.status, headers: response.headers, body: body as T };
  }

  async stream(request: HttpRequest): Promise<HttpStreamResponse> {
    const response = await this.send(request);
    const reader = response.body!.getReader();
    const iterable = {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      },
      cancel: async () => {
        await reader.cancel().catch(() => undefined);
      },
    };
    return { status: response.status, headers: response.headers, body: iterable };
  }
}

export class MapCredentials implements ICredentialResolver {
  constructor(private readonly secrets: Record<string, string>) {}
  async getPasswordAsync(id: string | number): Promise<string> {
    const secret = this.secrets[String(id)];
    if (secret === undefined) throw new CredentialNotFoundError(String(id), "test");
    return secret;
  }
}

/** A ToolCallContext for calling handlers directly. */
export function callContext(settings: ITenantContext["settings"], tenantId = "test"): ToolCallContext {
  const noop = () => undefined;
  const logger = {
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    fatal: noop,
    child: () => logger,
  };
  return {
    signal: new AbortController().signal,
    logger,
    tenant: { tenantId, correlationId: "c-1", subject: undefined, settings },
    progress: async () => undefined,
  };
}

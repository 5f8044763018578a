import {
  NotFoundError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type HttpStreamResponse,
  type ICredentialResolver,
  type ITenantContext,
  type CallerTenantSettings,
} from "@octopus-mcp/core";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly signal: AbortSignal | undefined;
  readonly upstreamName: string | undefined;
}

type Route = (req: RecordedRequest) => unknown;

/** A fake HttpClient: routes by "METHOD /path" (exact) and records every request. */
export class FakeHttp implements HttpClient {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();

  on(method: string, path: string, route: Route | unknown): this {
    this.routes.set(`${method} ${path}`, typeof route === "function" ? (route as Route) : () => route);
    return this;
  }

  private record(request: HttpRequest): { rec: RecordedRequest; route: Route } {
    const url = new URL(String(request.url));
    const rec: RecordedRequest = {
      method: request.method ?? "GET",
      url: url.toString(),
      path: url.pathname,
      query: { ...(request.query ?? {}) },
      headers: { ...(request.headers ?? {}) },
      body: request.body,
      signal: request.signal,
      upstreamName: request.upstreamName,
    };
    this.requests.push(rec);
    const route = this.routes.get(`${rec.method} ${rec.path}`);
    if (!route) throw new NotFoundError(`Octopus: ${rec.method} ${rec.path} not found`);
    return { rec, route };
  }

  async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const { rec, route } = this.record(request);
    return { status: 200, headers: new Headers(), body: (await route(rec)) as T };
  }

  async stream(request: HttpRequest): Promise<HttpStreamResponse> {
    const { rec, route } = this.record(request);
    const value = await route(rec);
    const chunks = (Array.isArray(value) ? value : [value]).map((c) => new TextEncoder().encode(String(c)));
    let cancelled = false;
    const body = {
      cancelled: () => cancelled,
      async *[Symbol.asyncIterator]() {
        for (const c of chunks) {
          if (cancelled) return;
          yield c;
        }
      },
      async cancel() {
        cancelled = true;
      },
    };
    return { status: 200, headers: new Headers(), body };
  }
}

/** A collection envelope as Octopus serves it, honouring skip/take. */
export function collection<T>(all: readonly T[], query: Record<string, unknown> = {}): unknown {
  const skip = Number(query.skip ?? 0);
  const take = Number(query.take ?? 30);
  return {
    ItemType: "X",
    Items: all.slice(skip, skip + take),
    TotalResults: all.length,
    ItemsPerPage: take,
    Links: { Self: "/x" },
  };
}

export function tenant(tenantId: string, settings: CallerTenantSettings): ITenantContext {
  return { tenantId, correlationId: `c-${tenantId}`, subject: undefined, settings };
}

export function credentials(map: Record<string, string>): ICredentialResolver & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async getPasswordAsync(id) {
      calls.push(String(id));
      const v = map[String(id)];
      if (v === undefined) throw new Error(`no credential ${id}`);
      return v;
    },
  };
}

export const SPACES = [
  {
    Id: "Spaces-1",
    Name: "Default",
    Slug: "default",
    IsDefault: true,
    Links: { Self: "/api/spaces/Spaces-1" },
  },
  { Id: "Spaces-2", Name: "Platform Team", Slug: "platform-team", IsDefault: false, Links: {} },
];

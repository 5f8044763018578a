/**
 * `OctopusClient`: Octopus REST access for the current caller tenant. Every request goes through
 * the host's `HttpClient` (retries, breaker, cancellation, redaction) with the caller tenant's
 * server URL and credential (`tenants.<id>.octopus`), resolved inside the call.
 */
import {
  ForbiddenError,
  InvalidArgumentsError,
  NotFoundError,
  type HttpClient,
  type HttpStreamResponse,
  type ICredentialResolver,
  type ITenantContext,
} from "@octopus-mcp/core";
import { toHttpQuery, type OctopusQuery } from "./query.js";
import { notFoundWithSuggestions, resolveByIdOrName } from "./resolve.js";
import { readOctopusSettings, type ResolvedOctopusSettings } from "./settings.js";
import { defaultSpaceCache, type SpaceCache } from "./space-cache.js";
import type { OctopusCollection, SpaceResource } from "./types.js";

/** What `forCall` needs from a tool call context or a resource/prompt request context. */
export interface OctopusCallContext {
  readonly signal: AbortSignal;
  readonly tenant: ITenantContext;
}

export interface OctopusClientOptions {
  /** Space cache to use; default the process-wide {@link defaultSpaceCache}. */
  readonly spaceCache?: SpaceCache;
  /** Per-attempt timeout in ms; default the host's `http.timeoutMs`. */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  /** Per-attempt timeout in ms for this request. */
  readonly timeoutMs?: number;
  /** Override idempotency (POSTs are not retried by default). */
  readonly idempotent?: boolean;
}

/** One page of a collection plus where it starts. */
export interface PageRequest {
  /** Items to skip (>= 0). Default 0. */
  readonly skip?: number;
  /** Page size (1..1000). Default 30 (Octopus's own default). */
  readonly take?: number;
}

/** Result of {@link OctopusClient.listAll}. */
export interface ListAllResult<T> {
  readonly items: readonly T[];
  /** `TotalResults` reported by the server. */
  readonly total: number;
  /** True when `max` stopped the listing before `total` items were read. */
  readonly truncated: boolean;
}

/** Result of {@link OctopusClient.readText}. */
export interface TextResult {
  readonly text: string;
  /** Bytes read (at most `maxBytes`). */
  readonly bytes: number;
  /** True when the body was longer than `maxBytes` and reading stopped. */
  readonly truncated: boolean;
}

const MAX_TAKE = 1000;
/** `?ids=` values per request; keeps URLs well under common 8 KB limits. */
const IDS_PER_REQUEST = 100;

/** Octopus REST client bound to one call (caller tenant, AbortSignal). Create one per call. */
export class OctopusClient {
  private credential: Promise<string> | undefined;
  private readonly spaceCache: SpaceCache;

  private constructor(
    /** The caller tenant's normalised Octopus settings. */
    readonly settings: ResolvedOctopusSettings,
    private readonly http: HttpClient,
    private readonly credentials: ICredentialResolver,
    private readonly signal: AbortSignal,
    private readonly options: OctopusClientOptions,
  ) {
    this.spaceCache = options.spaceCache ?? defaultSpaceCache;
  }

  /**
   * A client for the current caller tenant.
   * @param context a `ToolCallContext` or `RequestContext` (its `tenant` and `signal` are used).
   * @throws UnauthorizedError when the caller tenant has no `octopus` settings.
   */
  static forCall(
    context: OctopusCallContext,
    http: HttpClient,
    credentials: ICredentialResolver,
    options: OctopusClientOptions = {},
  ): OctopusClient {
    return new OctopusClient(readOctopusSettings(context.tenant), http, credentials, context.signal, options);
  }

  /** Server base URL (no trailing slash, no `/api`). */
  get serverUrl(): string {
    return this.settings.serverUrl;
  }

  /** `/{spaceId}/{rest}`: a space-scoped API path (reference §5, first form). */
  spacePath(spaceId: string, rest: string): string {
    return `/${encodeURIComponent(spaceId)}/${rest.replace(/^\/+/, "")}`;
  }

  /** Portal link for a fragment such as `Spaces-1/tasks/ServerTasks-1` (`{server}/app#/...`). */
  webUrl(fragment: string): string {
    return `${this.settings.serverUrl}/app#/${fragment.replace(/^\/+/, "")}`;
  }

  /**
   * Absolute URL of an API path. `path` is relative to `{server}/api` (`spaces`, `/Spaces-1/projects`)
   * or starts with `/api/`.
   * @throws InvalidArgumentsError for absolute URLs or `..` segments (requests never leave the tenant's server).
   */
  url(path: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//")) {
      throw new InvalidArgumentsError(`Octopus API paths must be relative to the server, got "${path}".`);
    }
    if (path.split(/[/?#]/).includes("..")) {
      throw new InvalidArgumentsError(`Octopus API path "${path}" must not contain "..".`);
    }
    if (path === "/api" || path.startsWith("/api/")) return `${this.settings.serverUrl}${path}`;
    return `${this.settings.apiUrl}/${path.replace(/^\/+/, "")}`;
  }

  private async headers(accept: string): Promise<Record<string, string>> {
    this.credential ??= this.credentials.getPasswordAsync(this.settings.credentialId);
    let secret: string;
    try {
      secret = await this.credential;
    } catch (error) {
      this.credential = undefined;
      throw error;
    }
    return this.settings.credentialType === "bearer"
      ? { Accept: accept, Authorization: `Bearer ${secret}` }
      : { Accept: accept, "X-Octopus-ApiKey": secret };
  }

  private async send<T>(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    query: OctopusQuery | undefined,
    body: unknown,
    options: RequestOptions,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const response = await this.http.request<T>({
      method,
      url: this.url(path),
      query: toHttpQuery(query),
      headers: await this.headers("application/json"),
      ...(body !== undefined ? { body } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(options.idempotent !== undefined ? { idempotent: options.idempotent } : {}),
      signal: this.signal,
      upstreamName: "Octopus",
    });
    return response.body;
  }

  /** GET a JSON resource. Throws the typed errors of core's `HttpClient` (404 -> NotFoundError, ...). */
  get<T>(path: string, query?: OctopusQuery, options: RequestOptions = {}): Promise<T> {
    return this.send<T>("GET", path, query, undefined, options);
  }

  /** POST a JSON body (not retried automatically unless `options.idempotent`). */
  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.send<T>("POST", path, undefined, body ?? {}, options);
  }

  /** PUT a JSON body. */
  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.send<T>("PUT", path, undefined, body ?? {}, options);
  }

  /** Streams a (text) body, e.g. a raw task log; read it to the end or cancel it. */
  async stream(
    path: string,
    query?: OctopusQuery,
    options: RequestOptions = {},
  ): Promise<HttpStreamResponse> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    return this.http.stream({
      method: "GET",
      url: this.url(path),
      query: toHttpQuery(query),
      headers: await this.headers("text/plain, */*"),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      signal: this.signal,
      upstreamName: "Octopus",
    });
  }

  /**
   * Reads a text body up to `maxBytes` (default 8 MiB) and cancels the rest, so memory stays
   * bounded whatever the upstream sends.
   */
  async readText(path: string, query?: OctopusQuery, maxBytes = 8 * 1024 * 1024): Promise<TextResult> {
    const response = await this.stream(path, query);
    const decoder = new TextDecoder();
    let text = "";
    let bytes = 0;
    let truncated = false;
    for await (const chunk of response.body) {
      const room = maxBytes - bytes;
      if (chunk.byteLength > room) {
        text += decoder.decode(chunk.subarray(0, room), { stream: true });
        bytes += room;
        truncated = true;
        break;
      }
      text += decoder.decode(chunk, { stream: true });
      bytes += chunk.byteLength;
    }
    if (truncated) await response.body.cancel().catch(() => undefined);
    text += decoder.decode();
    return { text, bytes, truncated };
  }

  /**
   * Streams a text body line by line (without line terminators). Lines longer than
   * `maxLineLength` characters (default 64 KiB) are cut, so memory stays bounded.
   */
  async *lines(path: string, query?: OctopusQuery, maxLineLength = 64 * 1024): AsyncGenerator<string> {
    const response = await this.stream(path, query);
    const decoder = new TextDecoder();
    let buffer = "";
    let finished = false;
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline = buffer.indexOf("\n");
        while (newline >= 0) {
          yield buffer.slice(0, Math.min(newline, maxLineLength)).replace(/\r$/, "");
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf("\n");
        }
        if (buffer.length > maxLineLength * 2) buffer = buffer.slice(0, maxLineLength);
      }
      buffer += decoder.decode();
      if (buffer.length > 0) yield buffer.slice(0, maxLineLength).replace(/\r$/, "");
      finished = true;
    } finally {
      if (!finished) await response.body.cancel().catch(() => undefined);
    }
  }

  /** One page of an Octopus collection (`skip`/`take`, reference §9). */
  async page<T>(
    path: string,
    query: OctopusQuery = {},
    page: PageRequest = {},
  ): Promise<OctopusCollection<T>> {
    const skip = Math.max(0, Math.floor(page.skip ?? 0));
    const take = Math.min(MAX_TAKE, Math.max(1, Math.floor(page.take ?? 30)));
    const body = await this.get<OctopusCollection<T> | readonly T[]>(path, { ...query, skip, take });
    // A few routes answer with a bare array (reference §9 "Exceptions").
    if (Array.isArray(body)) return { Items: body as readonly T[], TotalResults: body.length };
    const collection = body as OctopusCollection<T>;
    return {
      ...collection,
      Items: collection.Items ?? [],
      TotalResults: collection.TotalResults ?? collection.Items?.length ?? 0,
    };
  }

  /**
   * Reads a collection page by page until all items or `max` items (default 1000) were read.
   * `pageSize` default 200.
   */
  async listAll<T>(
    path: string,
    query: OctopusQuery = {},
    options: { readonly max?: number; readonly pageSize?: number } = {},
  ): Promise<ListAllResult<T>> {
    const max = Math.max(1, options.max ?? 1000);
    const pageSize = Math.min(MAX_TAKE, options.pageSize ?? 200);
    const items: T[] = [];
    let total = 0;
    for (;;) {
      const take = Math.min(pageSize, max - items.length);
      const page = await this.page<T>(path, query, { skip: items.length, take });
      total = page.TotalResults;
      items.push(...page.Items);
      if (page.Items.length === 0 || items.length >= total || items.length >= max) break;
    }
    return { items: items.slice(0, max), total, truncated: items.length < total };
  }

  /**
   * Fetches resources by ID in batches (`?ids=a,b,c`, 100 per request), never one request per ID.
   * Unknown IDs are simply missing from the result; duplicates are requested once.
   */
  async getByIds<T extends { readonly Id: string }>(
    path: string,
    ids: readonly string[],
    query: OctopusQuery = {},
  ): Promise<T[]> {
    const unique = [...new Set(ids.filter((id) => id !== ""))];
    const out: T[] = [];
    for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) {
      const chunk = unique.slice(i, i + IDS_PER_REQUEST);
      const page = await this.page<T>(path, { ...query, ids: chunk }, { take: chunk.length });
      out.push(...page.Items.filter((item) => chunk.includes(item.Id)));
    }
    return out;
  }

  private loadSpaces(): Promise<readonly SpaceResource[]> {
    return this.spaceCache.getOrLoad(this.settings.callerTenantId, this.settings.serverUrl, async () => {
      const { items } = await this.listAll<SpaceResource>("spaces", {}, { max: 1000 });
      return items.map((s) => ({
        Id: s.Id,
        Name: s.Name,
        ...(s.Slug !== undefined ? { Slug: s.Slug } : {}),
        ...(s.Description !== undefined ? { Description: s.Description } : {}),
        ...(s.IsDefault !== undefined ? { IsDefault: s.IsDefault } : {}),
        ...(s.TaskQueueStopped !== undefined ? { TaskQueueStopped: s.TaskQueueStopped } : {}),
      }));
    });
  }

  private isAllowed(space: SpaceResource): boolean {
    const allowed = this.settings.spaces;
    if (!allowed) return true;
    return allowed.some((a) => {
      const v = a.toLowerCase();
      return (
        v === space.Id.toLowerCase() || v === space.Name.toLowerCase() || v === space.Slug?.toLowerCase()
      );
    });
  }

  /** Spaces this caller tenant may use (the tenant's `spaces` allow-list applied); cached with a TTL. */
  async spaces(): Promise<readonly SpaceResource[]> {
    return (await this.loadSpaces()).filter((s) => this.isAllowed(s));
  }

  /**
   * Resolves a space by ID, name or slug; without input: the tenant's `defaultSpace`, else the
   * server's default space, else the only allowed space.
   * Uses the per (caller tenant, server) cache; an unknown name triggers one reload (new spaces).
   * @throws NotFoundError with "did you mean" suggestions.
   * @throws ForbiddenError when the space exists but is not in the tenant's `spaces` allow-list.
   */
  async resolveSpace(nameOrId?: string): Promise<SpaceResource> {
    const input = nameOrId?.trim() || this.settings.defaultSpace;
    if (!input) {
      const allowed = await this.spaces();
      const chosen = allowed.find((s) => s.IsDefault) ?? (allowed.length === 1 ? allowed[0] : undefined);
      if (chosen) return chosen;
      throw new InvalidArgumentsError(
        `No space given and no default space: pass "space" (one of ${allowed
          .slice(0, 8)
          .map((s) => `"${s.Name}"`)
          .join(", ")}).`,
        [{ path: "/space", rule: "required", message: "Name the Octopus space (name or Spaces-N ID)." }],
      );
    }
    let all = await this.loadSpaces();
    let space: SpaceResource;
    try {
      space = resolveByIdOrName(all, input, {
        kind: "space",
        scope: `Octopus server ${this.settings.serverUrl}`,
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.spaceCache.invalidate(this.settings.callerTenantId, this.settings.serverUrl);
      all = await this.loadSpaces();
      space = resolveByIdOrName(all, input, {
        kind: "space",
        scope: `Octopus server ${this.settings.serverUrl}`,
      });
    }
    if (!this.isAllowed(space)) {
      const allowed = all.filter((s) => this.isAllowed(s));
      throw new ForbiddenError(
        `Space "${space.Name}" is not enabled for this caller tenant. Allowed: ${allowed.map((s) => `"${s.Name}"`).join(", ") || "none"}.`,
      );
    }
    return space;
  }

  /** Like {@link resolveSpace} but for an ID that must exist (e.g. parsed from a portal URL). */
  async requireSpaceId(spaceId: string): Promise<SpaceResource> {
    const space = await this.resolveSpace(spaceId);
    if (space.Id.toLowerCase() !== spaceId.toLowerCase()) {
      throw notFoundWithSuggestions("space", spaceId, await this.spaces());
    }
    return space;
  }
}

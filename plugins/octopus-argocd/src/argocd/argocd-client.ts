/**
 * A per-call Argo CD REST client for one instance. Every request goes through the host's
 * `HttpClient` (retries, breaker, redaction, cancellation) with `throwOnHttpError: false`, so the
 * body of a failure can be read and mapped by {@link mapArgoCdResponse}. The bearer token is
 * resolved through `ICredentialResolver` at call time, never stored.
 */
import {
  UpstreamUnavailableError,
  type HttpClient,
  type ICredentialResolver,
  type QueryValue,
} from "@octopus-mcp/core";
import type { ArgoCdInstanceSettings } from "@octopus-mcp/core";
import { mapArgoCdResponse, type ArgoRequestSubject } from "./error-mapping.js";
import type {
  ArgoApplication,
  ArgoApplicationList,
  ArgoApplicationTree,
  ArgoEvent,
  ArgoLogEntry,
  ArgoVersion,
} from "./types.js";

/** Fields requested when listing applications for scope matching (argocd.md §3). */
export const SCOPE_LIST_FIELDS = [
  "items.metadata.name",
  "items.metadata.namespace",
  "items.metadata.annotations",
  "items.spec.project",
  "items.spec.source",
  "items.spec.sources",
  "items.spec.destination",
  "items.status.sync.status",
  "items.status.sync.revision",
  "items.status.health",
  "items.status.summary",
] as const;

/** Options common to application routes. */
export interface ApplicationRef {
  readonly name: string;
  /** `metadata.namespace` of the Application (apps in any namespace). */
  readonly appNamespace?: string | undefined;
}

/** A bounded read of a log stream. */
export interface LogRead {
  readonly entries: readonly ArgoLogEntry[];
  /** True when reading stopped at `maxBytes`. */
  readonly truncated: boolean;
}

export class ArgoCdClient {
  constructor(
    readonly instance: ArgoCdInstanceSettings,
    private readonly http: HttpClient,
    private readonly credentials: ICredentialResolver,
    private readonly signal: AbortSignal,
  ) {}

  get upstreamName(): string {
    return `Argo CD "${this.instance.name}"`;
  }

  private url(path: string): string {
    return `${this.instance.baseUrl.replace(/\/+$/, "")}${path}`;
  }

  private async headers(): Promise<Record<string, string>> {
    const token = await this.credentials.getPasswordAsync(this.instance.credentialId);
    return { Authorization: `Bearer ${token}`, Accept: "application/json" };
  }

  private subject(action: string, application?: string): ArgoRequestSubject {
    return {
      instance: this.instance.name,
      credentialId: this.instance.credentialId,
      action,
      ...(application !== undefined ? { application } : {}),
    };
  }

  /**
   * Sends one request and returns the parsed JSON body.
   * @throws the typed errors of {@link mapArgoCdResponse}; UpstreamUnavailableError for non-JSON success bodies.
   */
  async request<T>(options: {
    readonly method?: "GET" | "POST" | "DELETE";
    readonly path: string;
    readonly query?: Readonly<Record<string, QueryValue>>;
    readonly body?: unknown;
    readonly action: string;
    readonly application?: string;
    readonly timeoutMs?: number;
  }): Promise<T> {
    const response = await this.http.request<unknown>({
      method: options.method ?? "GET",
      url: this.url(options.path),
      ...(options.query ? { query: options.query } : {}),
      headers: await this.headers(),
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      signal: this.signal,
      upstreamName: this.upstreamName,
      throwOnHttpError: false,
    });
    const error = mapArgoCdResponse(response, this.subject(options.action, options.application));
    if (error) throw error;
    if (response.body !== undefined && typeof response.body !== "object") {
      throw new UpstreamUnavailableError(
        `${this.upstreamName} returned a non-JSON response to ${options.action}; check that baseUrl points at the Argo CD server.`,
      );
    }
    return response.body as T;
  }

  /** `GET /api/version`. */
  version(timeoutMs?: number): Promise<ArgoVersion> {
    return this.request<ArgoVersion>({
      path: "/api/version",
      action: "read the version",
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  }

  /** `GET /api/v1/applications` with `fields` (§3) and server-side filters. */
  async listApplications(
    query: {
      readonly fields?: readonly string[];
      readonly projects?: readonly string[];
      readonly selector?: string;
      readonly name?: string;
    } = {},
  ): Promise<readonly ArgoApplication[]> {
    const list = await this.request<ArgoApplicationList>({
      path: "/api/v1/applications",
      query: {
        ...(query.fields ? { fields: query.fields.join(",") } : {}),
        ...(query.projects?.length ? { projects: query.projects } : {}),
        ...(query.selector ? { selector: query.selector } : {}),
        ...(query.name ? { name: query.name } : {}),
      },
      action: "list applications",
    });
    return list?.items ?? [];
  }

  /** `GET /api/v1/applications/{name}`; `refresh` asks the controller to re-compare with git. */
  getApplication(ref: ApplicationRef, refresh?: "normal" | "hard"): Promise<ArgoApplication> {
    return this.request<ArgoApplication>({
      path: `/api/v1/applications/${encodeURIComponent(ref.name)}`,
      query: { appNamespace: ref.appNamespace, refresh },
      action: "get",
      application: ref.name,
    });
  }

  /** `GET .../resource-tree`. */
  resourceTree(ref: ApplicationRef): Promise<ArgoApplicationTree> {
    return this.request<ArgoApplicationTree>({
      path: `/api/v1/applications/${encodeURIComponent(ref.name)}/resource-tree`,
      query: { appNamespace: ref.appNamespace },
      action: "get",
      application: ref.name,
    });
  }

  /** `GET .../events` (the application's own events). */
  async events(ref: ApplicationRef): Promise<readonly ArgoEvent[]> {
    const list = await this.request<{ items?: readonly ArgoEvent[] | null }>({
      path: `/api/v1/applications/${encodeURIComponent(ref.name)}/events`,
      query: { appNamespace: ref.appNamespace },
      action: "get",
      application: ref.name,
    });
    return list?.items ?? [];
  }

  /** `POST .../sync` (§5). `syncOptions` is an object `{items}`, not an array. */
  sync(
    ref: ApplicationRef,
    options: {
      readonly revision?: string;
      readonly prune?: boolean;
      readonly dryRun?: boolean;
      readonly syncOptions?: readonly string[];
    },
  ): Promise<ArgoApplication> {
    return this.request<ArgoApplication>({
      method: "POST",
      path: `/api/v1/applications/${encodeURIComponent(ref.name)}/sync`,
      body: {
        name: ref.name,
        ...(ref.appNamespace ? { appNamespace: ref.appNamespace } : {}),
        ...(options.revision ? { revision: options.revision } : {}),
        prune: options.prune ?? false,
        dryRun: options.dryRun ?? false,
        ...(options.syncOptions?.length ? { syncOptions: { items: options.syncOptions } } : {}),
      },
      action: "sync",
      application: ref.name,
    });
  }

  /**
   * `GET .../logs` (NDJSON `{"result": LogEntry}` lines), read until the stream ends, `maxLines`
   * entries or `maxBytes` bytes, whichever comes first.
   */
  async logs(
    ref: ApplicationRef,
    query: Readonly<Record<string, QueryValue>>,
    limits: { readonly maxLines: number; readonly maxBytes: number },
  ): Promise<LogRead> {
    const response = await this.http.stream({
      url: this.url(`/api/v1/applications/${encodeURIComponent(ref.name)}/logs`),
      query: { ...query, appNamespace: ref.appNamespace, follow: false },
      headers: await this.headers(),
      signal: this.signal,
      upstreamName: this.upstreamName,
      throwOnHttpError: false,
    });
    const entries: ArgoLogEntry[] = [];
    let bytes = 0;
    let buffer = "";
    let truncated = false;
    const decoder = new TextDecoder();
    const ok =
      response.status >= 200 &&
      response.status < 300 &&
      !(response.headers.get("content-type") ?? "").includes("text/html");
    try {
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
        buffer += decoder.decode(chunk, { stream: true });
        if (!ok) {
          if (bytes > 64 * 1024) break;
          continue;
        }
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          const entry = parseLogLine(line, this.upstreamName);
          if (entry && !entry.last) entries.push(entry);
          if (entries.length >= limits.maxLines) break;
        }
        if (entries.length >= limits.maxLines || bytes >= limits.maxBytes) {
          truncated = bytes >= limits.maxBytes;
          break;
        }
      }
    } finally {
      await response.body.cancel().catch(() => undefined);
    }
    if (!ok) {
      let body: unknown = buffer;
      try {
        body = JSON.parse(buffer);
      } catch {
        // not JSON: keep the text (HTML from a proxy, or plain text)
      }
      const error = mapArgoCdResponse(
        { status: response.status, headers: response.headers, body },
        this.subject("get", ref.name),
      );
      if (error) throw error;
    }
    if (buffer.trim() !== "" && entries.length < limits.maxLines) {
      const entry = parseLogLine(buffer, this.upstreamName);
      if (entry && !entry.last) entries.push(entry);
    }
    return { entries, truncated };
  }
}

/** One NDJSON line: `{"result": LogEntry}` or `{"error": {...}}`. */
function parseLogLine(line: string, upstream: string): ArgoLogEntry | undefined {
  if (line.trim() === "") return undefined;
  let parsed: { result?: ArgoLogEntry; error?: { message?: string } };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return undefined;
  }
  if (parsed.error)
    throw new UpstreamUnavailableError(
      `${upstream} log stream failed: ${parsed.error.message ?? "unknown error"}`,
    );
  return parsed.result;
}

/**
 * Stateful Streamable HTTP sessions (`Mcp-Session-Id`, MCP spec 2025-11-25 Transports, "Session
 * Management"): one SDK transport and one MCP Server per session, bound to the caller tenant and
 * subject that initialised it, expired after an idle time, bounded in number.
 */
import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { HttpCaller, McpServerLike } from "./http-caller.js";

/** One live session. */
export interface McpSession {
  readonly id: string;
  readonly transport: StreamableHTTPServerTransport;
  readonly server: McpServerLike;
  readonly caller: HttpCaller;
  /** `Date.now()` of the last request, in ms. */
  lastSeenMs: number;
}

export class McpSessionStore {
  readonly #sessions = new Map<string, McpSession>();
  readonly #sweeper: NodeJS.Timeout;

  /**
   * @param idleTimeoutMs sessions without a request for this long are closed.
   * @param maxSessions upper bound of live sessions (`isFull`).
   */
  constructor(
    private readonly idleTimeoutMs: number,
    private readonly maxSessions: number,
  ) {
    this.#sweeper = setInterval(
      () => void this.#sweep(),
      Math.min(60_000, Math.max(1_000, idleTimeoutMs / 4)),
    );
    this.#sweeper.unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  isFull(): boolean {
    return this.#sessions.size >= this.maxSessions;
  }

  add(session: McpSession): void {
    this.#sessions.set(session.id, session);
  }

  /**
   * The session for `id` if it belongs to `caller` (same caller tenant and subject); `undefined`
   * otherwise, so another tenant's session is indistinguishable from an unknown one.
   */
  get(id: string, caller: HttpCaller): McpSession | undefined {
    const session = this.#sessions.get(id);
    if (!session || session.caller.tenantId !== caller.tenantId || session.caller.subject !== caller.subject)
      return undefined;
    session.lastSeenMs = Date.now();
    return session;
  }

  /** Forgets a session (its transport closed). */
  remove(id: string): void {
    this.#sessions.delete(id);
  }

  /** Closes every session and stops the idle sweeper. */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.allSettled(sessions.map((s) => closeSession(s)));
  }

  async #sweep(): Promise<void> {
    const cutoff = Date.now() - this.idleTimeoutMs;
    const idle = [...this.#sessions.values()].filter((s) => s.lastSeenMs < cutoff);
    for (const s of idle) this.#sessions.delete(s.id);
    await Promise.allSettled(idle.map((s) => closeSession(s)));
  }
}

async function closeSession(session: McpSession): Promise<void> {
  await session.transport.close().catch(() => undefined);
  await session.server.close().catch(() => undefined);
}

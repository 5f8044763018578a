/**
 * Cache of an Octopus server's spaces, keyed by (caller tenant, server URL) so that two caller
 * tenants never share an entry, even when they point at the same server: their credentials may
 * see different spaces.
 */
import type { SpaceResource } from "./types.js";

/** Default time-to-live of a cached space list, in ms (5 minutes). */
export const DEFAULT_SPACE_CACHE_TTL_MS = 5 * 60_000;

export interface SpaceCacheOptions {
  /** Entry lifetime in ms. Default {@link DEFAULT_SPACE_CACHE_TTL_MS}. */
  readonly ttlMs?: number;
  /** Clock in ms since the epoch (tests). Default `Date.now`. */
  readonly now?: () => number;
  /** Maximum number of (caller tenant, server) entries kept; oldest evicted first. Default 1000. */
  readonly maxEntries?: number;
}

interface Entry {
  readonly spaces: readonly SpaceResource[];
  readonly expiresAt: number;
}

/** Per (caller tenant, server URL) cache of space lists with a TTL. */
export class SpaceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<readonly SpaceResource[]>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(options: SpaceCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_SPACE_CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** The cache key: caller tenant and server URL, separated by a character neither can contain. */
  static key(callerTenantId: string, serverUrl: string): string {
    return `${callerTenantId}\u0000${serverUrl}`;
  }

  /** Cached spaces, or undefined when absent or expired. */
  get(callerTenantId: string, serverUrl: string): readonly SpaceResource[] | undefined {
    const key = SpaceCache.key(callerTenantId, serverUrl);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.spaces;
  }

  set(callerTenantId: string, serverUrl: string, spaces: readonly SpaceResource[]): void {
    const key = SpaceCache.key(callerTenantId, serverUrl);
    this.entries.delete(key);
    this.entries.set(key, { spaces, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /**
   * Returns the cached spaces or loads them with `load`; concurrent loads for the same key share
   * one request. A failed load is not cached.
   */
  async getOrLoad(
    callerTenantId: string,
    serverUrl: string,
    load: () => Promise<readonly SpaceResource[]>,
  ): Promise<readonly SpaceResource[]> {
    const cached = this.get(callerTenantId, serverUrl);
    if (cached) return cached;
    const key = SpaceCache.key(callerTenantId, serverUrl);
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = load()
      .then((spaces) => {
        this.set(callerTenantId, serverUrl, spaces);
        return spaces;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Drops the entry of one (caller tenant, server), or everything when called without arguments. */
  invalidate(callerTenantId?: string, serverUrl?: string): void {
    if (callerTenantId === undefined || serverUrl === undefined) {
      this.entries.clear();
      return;
    }
    this.entries.delete(SpaceCache.key(callerTenantId, serverUrl));
  }

  /** Number of live entries (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }
}

/** The process-wide cache used when `OctopusClient.forCall` is given none. */
export const defaultSpaceCache = new SpaceCache();

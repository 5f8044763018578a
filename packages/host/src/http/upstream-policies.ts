/**
 * Per-upstream resilience state: one circuit breaker and one bulkhead (concurrency cap) per
 * (caller tenant, upstream origin), so one tenant's broken or saturated upstream never blocks
 * another tenant, even when both use the same server. Built on cockatiel 3.
 */
import {
  type BulkheadPolicy,
  bulkhead,
  circuitBreaker,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
} from "cockatiel";
import { type HostConfig } from "../config/types.js";

/** Breaker state names as reported to hooks and logs. */
export type BreakerState = "closed" | "open" | "half-open" | "isolated";

export function breakerStateName(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Open:
      return "open";
    case CircuitState.HalfOpen:
      return "half-open";
    case CircuitState.Isolated:
      return "isolated";
    default:
      return "closed";
  }
}

export interface UpstreamPolicies {
  readonly breaker: CircuitBreakerPolicy;
  readonly bulkhead: BulkheadPolicy;
}

/** How many requests may wait for a bulkhead slot, per concurrent slot. */
const QUEUE_PER_SLOT = 64;

/** Keys kept before idle ones are forgotten (many caller tenants in HTTP mode). */
const DEFAULT_MAX_KEYS = 1024;

/**
 * Creates and remembers the policies of each key, least recently used first. Beyond `maxKeys`,
 * the least recently used keys whose breaker is closed and whose bulkhead is idle are forgotten
 * (an open breaker or a busy bulkhead is never dropped, so eviction cannot reset protection).
 */
export class UpstreamPolicyRegistry {
  readonly #policies = new Map<string, UpstreamPolicies>();

  constructor(
    private readonly settings: HostConfig["http"],
    /** Which errors thrown inside the breaker count as upstream failures. */
    private readonly isFailure: (error: Error) => boolean,
    private readonly onStateChange: (key: string, state: BreakerState) => void,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  /** Number of keys currently remembered. */
  get size(): number {
    return this.#policies.size;
  }

  /** `<caller tenant or "host"> <origin>`. */
  static key(tenantId: string | undefined, origin: string): string {
    return `${tenantId ?? "host"} ${origin}`;
  }

  get(key: string): UpstreamPolicies {
    let policies = this.#policies.get(key);
    if (policies) {
      // Re-insert: Map iteration order is then least recently used first.
      this.#policies.delete(key);
      this.#policies.set(key, policies);
    } else {
      const breaker = circuitBreaker(
        handleWhen((error) => this.isFailure(error)),
        {
          halfOpenAfter: this.settings.breaker.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(this.settings.breaker.consecutiveFailures),
        },
      );
      breaker.onStateChange((state) => this.onStateChange(key, breakerStateName(state)));
      const limit = this.settings.maxConcurrencyPerUpstream;
      policies = { breaker, bulkhead: bulkhead(limit, limit * QUEUE_PER_SLOT) };
      this.#policies.set(key, policies);
      this.#evictIdle();
    }
    return policies;
  }

  #evictIdle(): void {
    const limit = this.settings.maxConcurrencyPerUpstream;
    for (const [key, { breaker, bulkhead }] of this.#policies) {
      if (this.#policies.size <= this.maxKeys) return;
      const idle = bulkhead.executionSlots === limit && bulkhead.queueSlots === limit * QUEUE_PER_SLOT;
      if (breaker.state === CircuitState.Closed && idle) this.#policies.delete(key);
    }
  }

  /** Current breaker state of `key` (`closed` when never used). */
  state(key: string): BreakerState {
    const policies = this.#policies.get(key);
    return policies ? breakerStateName(policies.breaker.state) : "closed";
  }
}

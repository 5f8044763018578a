/**
 * The caller-tenant scope of one MCP request, carried by AsyncLocalStorage so concurrent calls
 * never see each other's tenant. `TenantContext` is the `ITenantContext` plugins receive: its
 * getters read the active scope and throw `TenantContextUnavailableError` outside one.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import {
  TenantContextUnavailableError,
  type CallerTenantSettings,
  type ITenantContext,
} from "@octopus-mcp/core";

/** The data of one request's scope. */
export interface TenantScopeData {
  readonly tenantId: string;
  readonly correlationId: string;
  readonly subject: string | undefined;
  readonly settings: CallerTenantSettings;
  /** Set by the call pipeline while a plugin's handler runs. */
  readonly plugin?: string;
  readonly tool?: string;
  /** When the request started (epoch ms); log lines inside it carry `durationMs` since then. */
  readonly startedAt?: number;
}

/** Owns the AsyncLocalStorage. One per host (never a module global, so two hosts in one process stay apart). */
export class TenantScope {
  readonly #storage = new AsyncLocalStorage<TenantScopeData>();

  /** Runs `fn` with `data` as the current scope (nested scopes replace the outer one). */
  run<T>(data: TenantScopeData, fn: () => T): T {
    return this.#storage.run(data, fn);
  }

  /** The active scope, or `undefined` outside a request. */
  current(): TenantScopeData | undefined {
    return this.#storage.getStore();
  }

  /** The active scope. @throws TenantContextUnavailableError outside a request. */
  require(what = "The caller tenant"): TenantScopeData {
    const data = this.#storage.getStore();
    if (!data) throw new TenantContextUnavailableError(what);
    return data;
  }
}

/** `ITenantContext` backed by a {@link TenantScope}. */
export class TenantContext implements ITenantContext {
  constructor(private readonly scope: TenantScope) {}
  get tenantId(): string {
    return this.scope.require("ITenantContext.tenantId").tenantId;
  }
  get correlationId(): string {
    return this.scope.require("ITenantContext.correlationId").correlationId;
  }
  get subject(): string | undefined {
    return this.scope.require("ITenantContext.subject").subject;
  }
  get settings(): CallerTenantSettings {
    return this.scope.require("ITenantContext.settings").settings;
  }
}

/**
 * Builds the caller-tenant scope of one MCP request (tool call, resource read, prompt get):
 * tenant settings come from `config.tenants[tenantId]` (without its policy), the correlation id is
 * a fresh UUID.
 */
import { randomUUID } from "node:crypto";
import type { CallerTenantSettings } from "@octopus-mcp/core";
import type { HostConfig } from "../config/types.js";
import type { TenantScopeData } from "../tenancy/tenant-scope.js";
import type { CallerIdentity } from "./call-hooks.js";

const NO_SETTINGS: CallerTenantSettings = Object.freeze({});

/**
 * Settings per tenant entry of the config, built once (not per request: the config does not change
 * while the host serves). Frozen, because every request of the tenant shares the object.
 */
const settingsByEntry = new WeakMap<object, CallerTenantSettings>();

/**
 * The caller tenant's settings as plugins see them (`policy` is the host's business, not theirs).
 * A frozen object, shared by every request of the tenant; `{}` for a tenant without an entry.
 */
export function tenantSettings(config: HostConfig, tenantId: string): CallerTenantSettings {
  const entry = config.tenants[tenantId];
  if (!entry) return NO_SETTINGS;
  let settings = settingsByEntry.get(entry);
  if (settings === undefined) {
    const { policy: _policy, ...rest } = entry;
    settings = Object.freeze(rest);
    settingsByEntry.set(entry, settings);
  }
  return settings;
}

/** Scope data for one request; `plugin`/`tool` are set when a plugin's code runs. */
export function newScopeData(
  config: HostConfig,
  identity: CallerIdentity,
  plugin?: string,
  tool?: string,
): TenantScopeData {
  const data: { -readonly [K in keyof TenantScopeData]: TenantScopeData[K] } = {
    tenantId: identity.tenantId,
    correlationId: randomUUID(),
    subject: identity.subject,
    settings: tenantSettings(config, identity.tenantId),
    startedAt: Date.now(),
  };
  if (plugin !== undefined) data.plugin = plugin;
  if (tool !== undefined) data.tool = tool;
  return data;
}

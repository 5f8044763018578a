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

/** The caller tenant's settings as plugins see them (`policy` is the host's business, not theirs). */
export function tenantSettings(config: HostConfig, tenantId: string): CallerTenantSettings {
  const entry = config.tenants[tenantId];
  if (!entry) return {};
  const { policy: _policy, ...settings } = entry;
  return settings;
}

/** Scope data for one request; `plugin`/`tool` are set when a plugin's code runs. */
export function newScopeData(
  config: HostConfig,
  identity: CallerIdentity,
  plugin?: string,
  tool?: string,
): TenantScopeData {
  return {
    tenantId: identity.tenantId,
    correlationId: randomUUID(),
    subject: identity.subject,
    settings: tenantSettings(config, identity.tenantId),
    startedAt: Date.now(),
    ...(plugin !== undefined ? { plugin } : {}),
    ...(tool !== undefined ? { tool } : {}),
  };
}

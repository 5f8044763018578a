/**
 * Feeds the audit log from the call pipeline: one record per tool call that reached a tool
 * (refused calls included), written by `afterCall`.
 */
import type { ToolCallHook, ToolCallInfo, ToolCallOutcome } from "../host/call-hooks.js";
import type { ConfirmationRecords } from "../confirmation/confirmation-hook.js";
import type { AuditLog } from "./audit-log.js";

export class AuditHook implements ToolCallHook {
  constructor(
    private readonly audit: AuditLog,
    /** Where "confirmed how" comes from; absent when confirmation is not installed. */
    private readonly confirmations?: ConfirmationRecords,
  ) {}

  afterCall(
    call: Omit<ToolCallInfo, "arguments"> & { readonly arguments: unknown },
    outcome: ToolCallOutcome,
  ): void {
    this.audit.record({
      tenantId: call.tenantId,
      subject: call.subject,
      correlationId: call.correlationId,
      tool: call.tool.definition.name,
      plugin: call.tool.plugin.name,
      access: call.tool.definition.access,
      confirmedHow: this.confirmations?.confirmedHow(call.correlationId),
      outcome: outcome.kind === "ok" ? "success" : outcome.code,
      durationMs: outcome.durationMs,
      arguments: call.arguments,
    });
  }
}

/** Feeds tool-call metrics from the call pipeline (`afterCall`: every call that reached a tool). */
import type { ToolCallHook, ToolCallInfo, ToolCallOutcome } from "../host/call-hooks.js";
import type { HostMetrics } from "./host-metrics.js";

export class MetricsHook implements ToolCallHook {
  constructor(private readonly metrics: HostMetrics) {}

  afterCall(call: Omit<ToolCallInfo, "arguments">, outcome: ToolCallOutcome): void {
    this.metrics.observeToolCall({
      tool: call.tool.definition.name,
      plugin: call.tool.plugin.namespace,
      outcome: outcome.kind === "ok" ? "success" : outcome.code,
      durationMs: outcome.durationMs,
    });
  }
}

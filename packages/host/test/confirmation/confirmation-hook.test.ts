/**
 * The confirmation hook as the audit log sees it: how each call was confirmed reaches that call's
 * audit line, and a finished call's record is not kept.
 */
import { describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../src/audit/audit-log.js";
import { ConfirmationGate } from "../../src/confirmation/confirmation-gate.js";
import { ConfirmationHook } from "../../src/confirmation/confirmation-hook.js";
import { createCallGovernance } from "../../src/transport/call-governance.js";
import { echoTool, fixturePlugin } from "../fixtures/fixture-plugins.js";
import { connectClient, buildHost } from "../fixtures/test-host.js";

const plugin = fixturePlugin({
  namespace: "demo",
  tools: [echoTool("demo", { name: "demo_read" }), echoTool("demo", { name: "demo_write", access: "write" })],
});

describe("ConfirmationHook with the audit log", () => {
  it("records not_required for reads, confirm_argument for confirmed writes, null when refused before", async () => {
    const audit = new MemoryAuditSink();
    const governance = createCallGovernance({ env: {}, auditSink: audit, processMetrics: false });
    const { host } = buildHost({ plugins: [plugin], extra: { hooks: governance.hooks } });
    await host.start();
    const client = await connectClient(host);
    await client.callTool({ name: "demo_read", arguments: { text: "a" } });
    await client.callTool({ name: "demo_write", arguments: { text: "b", confirm: true } });
    await client.callTool({ name: "demo_write", arguments: { text: "c" } });
    await client.callTool({ name: "demo_read", arguments: { text: 5 } });
    expect(audit.records().map((r) => [r.tool, r.confirmedHow, r.outcome])).toEqual([
      ["demo_read", "not_required", "success"],
      ["demo_write", "confirm_argument", "success"],
      ["demo_write", null, "confirmation_required"],
      ["demo_read", null, "invalid_arguments"],
    ]);
  });

  it("forgets a call's record once the next call finished", async () => {
    const hook = new ConfirmationHook(new ConfirmationGate());
    const { host } = buildHost({ plugins: [plugin] });
    await host.start();
    const tool = host.registry.getTool("demo_read")!;
    const info = (correlationId: string) =>
      ({
        tool,
        arguments: {},
        tenantId: "default",
        subject: undefined,
        correlationId,
        signal: new AbortController().signal,
        transport: {},
      }) as const;
    await hook.beforeHandler(info("one"));
    expect(hook.confirmedHow("one")).toBe("not_required");
    hook.afterCall(info("one"));
    // Still readable by the hooks that run after this one for the same call...
    expect(hook.confirmedHow("one")).toBe("not_required");
    await hook.beforeHandler(info("two"));
    hook.afterCall(info("two"));
    // ...but not once another call finished.
    expect(hook.confirmedHow("one")).toBeUndefined();
    expect(hook.confirmedHow("two")).toBe("not_required");
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import {
  AuditLog,
  MemoryAuditSink,
  fileAuditSink,
  serialiseAuditRecord,
  type AuditRecord,
  type ToolCallAuditInput,
} from "../../src/audit/audit-log.js";
import { argumentsSha256, canonicalJson } from "../../src/audit/canonical-json.js";

const SECRET = "API-SECRETVALUE1234567890";

const call: ToolCallAuditInput = {
  tenantId: "acme",
  subject: "alice@example.com",
  correlationId: "c0ffee00-0000-4000-8000-000000000001",
  tool: "deployments_deploy_release",
  plugin: "@octopus-mcp/plugin-octopus-deployments",
  access: "write",
  confirmedHow: "elicitation",
  outcome: "success",
  durationMs: 12.6,
  arguments: { project: "Checkout", apiKeyLikeValue: SECRET, version: "1.4.2" },
};

describe("canonicalJson / argumentsSha256", () => {
  it("sorts keys at every depth, drops undefined, keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: "é" } })).toBe(
      '{"a":{"c":"é","d":[3,{"x":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, Number.NaN])).toBe("[null,null]");
  });

  it("hashes equal arguments equally regardless of key order", () => {
    expect(argumentsSha256({ a: 1, b: [1, 2] })).toBe(argumentsSha256({ b: [1, 2], a: 1 }));
    expect(argumentsSha256({ a: 1 })).not.toBe(argumentsSha256({ a: 2 }));
    // SHA-256 of "{}".
    expect(argumentsSha256(undefined)).toBe(
      "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
    );
  });
});

describe("AuditLog", () => {
  it("writes one JSON line per call with the agreed fields and no argument values", () => {
    const sink = new MemoryAuditSink();
    const audit = new AuditLog({ sink, now: () => new Date("2026-11-29T23:00:00.000Z") });
    audit.record(call);
    audit.record({ ...call, outcome: "confirmation_required", confirmedHow: undefined, subject: undefined });
    expect(sink.lines).toHaveLength(2);
    expect(sink.lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    const [first, second] = sink.records();
    expect(first).toEqual({
      time: "2026-11-29T23:00:00.000Z",
      type: "tool_call",
      callerTenantId: "acme",
      subject: "alice@example.com",
      correlationId: call.correlationId,
      tool: "deployments_deploy_release",
      plugin: "@octopus-mcp/plugin-octopus-deployments",
      access: "write",
      confirmedHow: "elicitation",
      outcome: "success",
      durationMs: 13,
      argumentsSha256: argumentsSha256(call.arguments),
    });
    expect(second).toMatchObject({ outcome: "confirmation_required", confirmedHow: null, subject: null });
    const text = sink.lines.join("");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("Checkout");
  });

  it("applies the redactor to the serialised line", () => {
    const sink = new MemoryAuditSink();
    new AuditLog({ sink, redact: (t) => t.replaceAll("alice@example.com", "[REDACTED]") }).record(call);
    expect(sink.records()[0]?.subject).toBe("[REDACTED]");
  });
});

describe("fileAuditSink", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("appends lines to a file created with mode 0600", async () => {
    dir = mkdtempSync(join(tmpdir(), "audit-"));
    const path = join(dir, "audit.jsonl");
    const audit = new AuditLog({ sink: fileAuditSink(path) });
    audit.record(call);
    audit.record(call);
    await audit.close();
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { tool: string }).tool)).toEqual([call.tool, call.tool]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("fails at startup for an unwritable path", () => {
    expect(() => fileAuditSink("/nonexistent-dir/audit.jsonl")).toThrow(/ENOENT/);
  });
});

describe("audit line serialisation and hashing", () => {
  const record: AuditRecord = {
    time: "2026-12-07T01:02:03.004Z",
    type: "tool_call",
    callerTenantId: "acme",
    subject: "alice@example.com",
    correlationId: "c0ffee00-0000-4000-8000-000000000001",
    tool: "deployments_deploy_release",
    plugin: "@octopus-mcp/plugin-octopus-deployments",
    access: "write",
    confirmedHow: "elicitation",
    outcome: "success",
    durationMs: 13,
    argumentsSha256: "0".repeat(64),
  };

  it("writes exactly what JSON.stringify writes, for plain and for awkward strings", () => {
    const awkward = [
      'quote " inside',
      "back\\slash",
      "new\nline\ttab\u0001",
      "unicode é 日本 😀",
      "line sep \u2028 para \u2029",
      "lone surrogate \ud800",
      "",
      "del \u007f",
    ];
    const variants: AuditRecord[] = [
      record,
      { ...record, subject: null, plugin: null, confirmedHow: null },
      { ...record, durationMs: Number.NaN },
      ...awkward.map((text) => ({
        ...record,
        callerTenantId: text,
        subject: text,
        tool: text,
        plugin: text,
      })),
    ];
    for (const variant of variants) expect(serialiseAuditRecord(variant)).toBe(JSON.stringify(variant));
  });

  it("hashes the canonical arguments with SHA-256 (same digest as createHash)", () => {
    for (const args of [{}, { b: 1, a: [true, null, "x"] }, { text: "é😀" }]) {
      const expected = createHash("sha256").update(canonicalJson(args), "utf8").digest("hex");
      expect(argumentsSha256(args)).toBe(expected);
    }
  });

  it("stamps each line with the clock's current time, also when calls share a millisecond", () => {
    const sink = new MemoryAuditSink();
    let now = Date.parse("2026-12-07T01:02:03.004Z");
    const log = new AuditLog({ sink, now: () => new Date(now) });
    log.record(call);
    log.record(call);
    now += 1;
    log.record(call);
    expect(sink.records().map((r) => r.time)).toEqual([
      "2026-12-07T01:02:03.004Z",
      "2026-12-07T01:02:03.004Z",
      "2026-12-07T01:02:03.005Z",
    ]);
  });
});

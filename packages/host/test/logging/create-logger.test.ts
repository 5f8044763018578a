import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createCapturingLogger } from "../../src/logging/capturing-logger.js";
import { createLogger } from "../../src/logging/create-logger.js";
import { SecretRedactor } from "../../src/logging/secret-redactor.js";
import { TenantScope, type TenantScopeData } from "../../src/tenancy/tenant-scope.js";

const SECRET = "API-LOGGINGSECRET0123456789";

function scopeData(overrides: Partial<TenantScopeData> = {}): TenantScopeData {
  return { tenantId: "acme", correlationId: "corr-1", subject: undefined, settings: {}, ...overrides };
}

describe("createLogger", () => {
  it("adds tenantId, correlationId, plugin and tool inside a scope, nothing outside", () => {
    const scope = new TenantScope();
    const { logger, lines } = createCapturingLogger({ redactor: new SecretRedactor(), scope });
    logger.info("outside");
    scope.run(scopeData({ plugin: "tasks", tool: "tasks_get" }), () => logger.info({ n: 1 }, "inside"));
    scope.run(scopeData({ tenantId: "globex", correlationId: "corr-2" }), () =>
      logger.child({ x: 1 }).warn("child"),
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).not.toHaveProperty("tenantId");
    expect(lines[0]).toMatchObject({ level: "info", msg: "outside" });
    expect(lines[1]).toMatchObject({
      level: "info",
      msg: "inside",
      n: 1,
      tenantId: "acme",
      correlationId: "corr-1",
      plugin: "tasks",
      tool: "tasks_get",
    });
    expect(lines[2]).toMatchObject({ level: "warn", tenantId: "globex", correlationId: "corr-2", x: 1 });
    expect(lines[2]).not.toHaveProperty("plugin");
  });

  it("adds durationMs when the scope carries startedAt, and never duplicates a child's plugin binding", () => {
    const scope = new TenantScope();
    const capture = createCapturingLogger({ redactor: new SecretRedactor(), scope });
    const pluginLogger = capture.logger.child({ plugin: "tasks" });
    const data = { ...scopeData({ plugin: "tasks", tool: "tasks_get" }), startedAt: Date.now() - 1000 };
    scope.run(data, () => pluginLogger.info("x"));
    const line = capture.lines[0]!;
    expect(line.durationMs).toBeGreaterThanOrEqual(1000);
    expect(capture.text().match(/"plugin"/g)).toHaveLength(1);
  });

  it("never writes a registered secret, whatever field it is in", () => {
    const redactor = new SecretRedactor();
    const scope = new TenantScope();
    const capture = createCapturingLogger({ redactor, scope, base: { service: "test" } });
    redactor.register(SECRET);
    const error = new Error(`upstream rejected ${SECRET}`);
    capture.logger.info(
      { headers: { "X-Octopus-ApiKey": SECRET }, deep: [{ v: `k=${SECRET}` }] },
      `msg ${SECRET}`,
    );
    capture.logger.error({ err: error }, "failed");
    capture.logger.error({ error }, "failed too");
    capture.logger.warn(error);
    scope.run(scopeData({ correlationId: SECRET }), () => capture.logger.info("in scope"));
    capture.logger.child({ bound: SECRET }).info("child");
    expect(capture.lines).toHaveLength(6);
    expect(capture.text()).not.toContain(SECRET);
    expect(capture.text()).toContain("[REDACTED]");
    expect(capture.lines[0]).toMatchObject({
      msg: "msg [REDACTED]",
      headers: { "X-Octopus-ApiKey": "[REDACTED]" },
      deep: [{ v: "k=[REDACTED]" }],
      service: "test",
    });
    expect(capture.lines[1]!.err).toMatchObject({ message: "upstream rejected [REDACTED]", type: "Error" });
    expect(capture.lines[2]!.error).toMatchObject({ message: "upstream rejected [REDACTED]" });
  });

  it("writes JSON lines to the given destination and honours the level", () => {
    const chunks: string[] = [];
    const logger = createLogger({
      level: "warn",
      pretty: "auto",
      redactor: new SecretRedactor(),
      destination: { write: (chunk: string) => chunks.push(chunk) } as unknown as NodeJS.WritableStream,
    });
    logger.info("dropped");
    logger.warn("kept");
    expect(chunks).toHaveLength(1);
    const line = JSON.parse(chunks[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "warn", msg: "kept", pid: process.pid });
    expect(typeof line.time).toBe("string");
  });

  it("writes to stderr (fd 2) by default, or to a file, never to stdout", async () => {
    const logger = createLogger({ level: "info", pretty: false, redactor: new SecretRedactor() });
    const stream = (logger as unknown as Record<symbol, { fd?: number }>)[pino.symbols.streamSym];
    expect(stream?.fd).toBe(2);

    const dir = await mkdtemp(join(tmpdir(), "octopus-mcp-log-"));
    try {
      const file = join(dir, "nested", "host.log");
      const redactor = new SecretRedactor();
      redactor.register(SECRET);
      const fileLogger = createLogger({ level: "info", pretty: "auto", file, redactor });
      fileLogger.info({ secret: SECRET }, "to file");
      fileLogger.flush();
      const line = JSON.parse((await readFile(file, "utf8")).trim()) as Record<string, unknown>;
      expect(line).toMatchObject({ msg: "to file", secret: "[REDACTED]" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("keeps the keys a line sets itself, and follows a child's setBindings for the keys it binds", () => {
    const scope = new TenantScope();
    const capture = createCapturingLogger({ redactor: new SecretRedactor(), scope });
    const child = capture.logger.child({ tool: "bound_tool" });
    scope.run(scopeData({ plugin: "tasks", tool: "tasks_get" }), () => {
      capture.logger.info({ tool: "own_tool", correlationId: "own-corr" }, "own keys");
      child.info("bound");
      child.setBindings({ plugin: "rebound" });
      child.info("rebound");
    });
    expect(capture.lines[0]).toMatchObject({
      tool: "own_tool",
      correlationId: "own-corr",
      tenantId: "acme",
      plugin: "tasks",
    });
    expect(capture.lines[1]).toMatchObject({ tool: "bound_tool", plugin: "tasks", tenantId: "acme" });
    // setBindings adds `plugin` to the child's bindings: the scope's value must no longer be added.
    expect(capture.lines[2]).toMatchObject({ plugin: "rebound", tool: "bound_tool" });
    for (const line of capture.text().trim().split("\n")) {
      expect(line.match(/"tool"/g)).toHaveLength(1);
      expect(line.match(/"plugin"/g)).toHaveLength(1);
    }
  });

  it("writes time as ISO 8601 UTC, current for every line", async () => {
    const capture = createCapturingLogger({ redactor: new SecretRedactor() });
    const before = Date.now();
    capture.logger.info("a");
    await new Promise((resolve) => setTimeout(resolve, 5));
    capture.logger.info("b");
    const after = Date.now();
    const times = capture.lines.map((l) => l["time"] as string);
    for (const time of times) {
      expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(time)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(time)).toBeLessThanOrEqual(after);
    }
    expect(Date.parse(times[1]!) - Date.parse(times[0]!)).toBeGreaterThanOrEqual(4);
  });

  it("pretty-prints for humans (pino-pretty, loaded on demand) without leaking secrets", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pretty-log-"));
    try {
      const file = join(dir, "host.log");
      const redactor = new SecretRedactor();
      redactor.register(SECRET);
      const logger = createLogger({ level: "info", pretty: true, file, redactor });
      logger.info({ key: SECRET }, "hello humans");
      logger.flush();
      const text = await readFile(file, "utf8");
      expect(text).toMatch(/INFO.*hello humans/);
      expect(() => JSON.parse(text.split("\n")[0] ?? "")).toThrow();
      expect(text).not.toContain(SECRET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

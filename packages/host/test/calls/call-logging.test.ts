import "reflect-metadata";
import { TOKENS, type Logger, type ToolCallContext } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { echoTool, fixturePlugin } from "../fixtures/fixture-plugins.js";
import { startHost } from "../fixtures/test-host.js";

const SECRET = "API-THISISASECRETKEY1234567";

describe("logging inside calls", () => {
  it("lines from the call logger and the plugin's DI logger carry the call bindings; secrets are redacted", async () => {
    let pluginLogger: Logger | undefined;
    const tool = echoTool("t", {
      handler: async (_args: unknown, ctx: ToolCallContext) => {
        const secret = await credentials?.getPasswordAsync("octopus");
        ctx.logger.info({ header: `X-Octopus-ApiKey: ${secret ?? ""}` }, "calling Octopus");
        pluginLogger?.warn(`retrying with key ${secret ?? ""}`);
        return { ok: true };
      },
    });
    let credentials: { getPasswordAsync(id: string): Promise<string> } | undefined;
    const { client, log } = await startHost({
      credentials: { default: { octopus: SECRET } },
      plugins: [
        fixturePlugin({
          namespace: "t",
          tools: [tool],
          onStart: async (ctx) => {
            credentials = ctx.credentials;
            pluginLogger = ctx.container.resolve<Logger>(TOKENS.Logger);
          },
        }),
      ],
    });
    const result = await client.callTool({ name: "t_echo", arguments: { text: "x" } });
    expect(result.isError).toBeFalsy();
    const call = log.lines.find((l) => l.msg === "tool call");
    const bindings = {
      tenantId: "default",
      correlationId: call?.correlationId,
      plugin: "@fixtures/plugin-t",
      tool: "t_echo",
    };
    expect(log.lines.find((l) => l.msg === "calling Octopus")).toMatchObject({
      ...bindings,
      header: "X-Octopus-ApiKey: [REDACTED]",
    });
    expect(log.lines.find((l) => l.msg === "retrying with key [REDACTED]")).toMatchObject(bindings);
    expect(log.raw).not.toContain(SECRET);
    expect(typeof log.lines.find((l) => l.msg === "calling Octopus")?.durationMs).toBe("number");
    // A key appears once per line even when both the child binding and the scope supply it.
    for (const line of log.raw
      .split("\n")
      .filter((l) => l.includes('"calling Octopus"') || l.includes("retrying"))) {
      expect(line.match(/"plugin":/g)).toHaveLength(1);
    }
  });
});

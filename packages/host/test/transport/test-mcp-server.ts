/**
 * A small MCP server factory for transport tests: the SDK's low-level Server with three tools, so
 * the HTTP layer is tested on its own (the host's registry is wired in separately).
 * - `test_whoami` (read): returns the caller the transport handed to the factory and to `extra.authInfo`.
 * - `test_deploy` (write): goes through the confirmation gate (elicitation or `confirm: true`).
 * - `test_slow` (read): waits until the test releases it (graceful drain).
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { isOctopusMcpError } from "@octopus-mcp/core";
import { splitConfirmArgument, withConfirmArgument } from "../../src/confirmation/confirm-argument.js";
import type { ConfirmationGate } from "../../src/confirmation/confirmation-gate.js";
import { transportElicitationChannel } from "../../src/confirmation/transport-elicitation-channel.js";
import {
  callerFromAuthInfo,
  type HttpCaller,
  type McpServerFactory,
} from "../../src/transport/http-caller.js";

const deployTool = {
  name: "test_deploy",
  access: "write" as const,
  confirmationMessage: (a: { version?: unknown; project?: unknown; environment?: unknown }) =>
    `Deploy Release ${String(a.version)} of ${String(a.project)} to ${String(a.environment)}`,
};

export interface TestServerControls {
  /** Resolves when `test_slow` has started. */
  slowStarted: Promise<void>;
  /** Lets `test_slow` finish. */
  releaseSlow: () => void;
  /** Callers the factory was called with. */
  readonly callers: HttpCaller[];
}

export function testMcpServerFactory(gate: ConfirmationGate): {
  factory: McpServerFactory;
  controls: TestServerControls;
} {
  let markStarted!: () => void;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const controls: TestServerControls = {
    slowStarted: new Promise<void>((resolve) => (markStarted = resolve)),
    releaseSlow: () => release(),
    callers: [],
  };

  const factory: McpServerFactory = (caller) => {
    controls.callers.push(caller);
    const server = new Server({ name: "transport-test", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: [
        { name: "test_whoami", description: "Who is calling.", inputSchema: { type: "object" } },
        {
          name: deployTool.name,
          description: "Deploys a release.",
          inputSchema: withConfirmArgument(deployTool.name, "write", {
            type: "object",
            properties: {
              version: { type: "string", description: "Release version" },
              project: { type: "string", description: "Project" },
              environment: { type: "string", description: "Environment" },
            },
          }),
        },
        { name: "test_slow", description: "Waits.", inputSchema: { type: "object" } },
      ],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
      const name = request.params.name;
      if (name === "test_whoami") {
        const data = {
          tenantId: caller.tenantId,
          subject: caller.subject ?? null,
          fromAuthInfo: callerFromAuthInfo(extra.authInfo) ?? null,
        };
        return { structuredContent: data, content: [{ type: "text", text: JSON.stringify(data) }] };
      }
      if (name === "test_slow") {
        markStarted();
        await released;
        return { content: [{ type: "text", text: "done" }] };
      }
      try {
        const split = splitConfirmArgument("write", request.params.arguments);
        const channel = transportElicitationChannel({
          clientCapabilities: server.getClientCapabilities() as Record<string, unknown> | undefined,
          sendRequest: extra.sendRequest as never,
        });
        const result = await gate.confirm(deployTool, split, channel, extra.signal);
        const data = { deployed: true, confirmedHow: result.confirmedHow };
        return { structuredContent: data, content: [{ type: "text", text: JSON.stringify(data) }] };
      } catch (error) {
        if (!isOctopusMcpError(error)) throw error;
        const body = error.toBody();
        return {
          isError: true,
          structuredContent: { ...body },
          content: [{ type: "text", text: JSON.stringify(body) }],
        };
      }
    });
    return server;
  };
  return { factory, controls };
}

import { ConfirmationRequiredError, InvalidArgumentsError, type ToolAccess } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import {
  CONFIRM_ARGUMENT_DESCRIPTION,
  splitConfirmArgument,
  withConfirmArgument,
} from "../../src/confirmation/confirm-argument.js";
import {
  ConfirmationGate,
  NO_ELICITATION,
  confirmationSummary,
  type ElicitationAnswer,
  type ElicitationChannel,
  type ElicitationFormRequest,
} from "../../src/confirmation/confirmation-gate.js";
import {
  readSkipConfirmation,
  SkipConfirmationSettingError,
} from "../../src/confirmation/skip-confirmation.js";

const deploy = {
  name: "deployments_deploy_release",
  access: "write" as ToolAccess,
  confirmationMessage: (args: { version: string; project: string; environment: string }) =>
    `Deploy Release ${args.version} of ${args.project} to ${args.environment}`,
};
const args = { version: "1.4.2", project: "Checkout", environment: "Production" };
const signal = new AbortController().signal;

/** A channel that records what it was asked and answers with `answer`. */
function channel(
  answer: ElicitationAnswer | Error,
): ElicitationChannel & { asked: ElicitationFormRequest[] } {
  const asked: ElicitationFormRequest[] = [];
  return {
    supported: true,
    asked,
    elicit: (request) => {
      asked.push(request);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<ConfirmationRequiredError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfirmationRequiredError);
  return error as ConfirmationRequiredError;
}

describe("ConfirmationGate", () => {
  const gate = new ConfirmationGate();

  it("does not confirm read tools", async () => {
    const result = await gate.confirm(
      { name: "x_list", access: "read" },
      { confirm: undefined, toolArguments: {} },
      NO_ELICITATION,
      signal,
    );
    expect(result).toEqual({ confirmedHow: "not_required", summary: undefined });
  });

  it("asks through elicitation with the tool's summary and proceeds on accept", async () => {
    const ch = channel({ action: "accept", content: { approve: true } });
    const result = await gate.confirm(deploy, { confirm: undefined, toolArguments: args }, ch, signal);
    expect(result).toEqual({
      confirmedHow: "elicitation",
      summary: "Deploy Release 1.4.2 of Checkout to Production",
    });
    expect(ch.asked[0]?.message).toBe("Deploy Release 1.4.2 of Checkout to Production. Do you approve?");
    expect(ch.asked[0]?.requestedSchema).toMatchObject({
      type: "object",
      required: ["approve"],
      properties: { approve: { type: "boolean" } },
    });
  });

  it("refuses on decline, on cancel, and on accept without the approve box", async () => {
    for (const [answer, reason] of [
      [{ action: "decline" }, "declined"],
      [{ action: "cancel" }, "cancelled"],
      [{ action: "accept", content: { approve: false } }, "declined"],
    ] as const) {
      const error = await refusal(
        gate.confirm(deploy, { confirm: undefined, toolArguments: args }, channel(answer), signal),
      );
      expect(error.details).toMatchObject({
        reason,
        summary: "Deploy Release 1.4.2 of Checkout to Production",
      });
      expect(error.message).toContain("Nothing was changed");
    }
  });

  it("refuses when the elicitation fails, saying what happened", async () => {
    const error = await refusal(
      gate.confirm(
        deploy,
        { confirm: undefined, toolArguments: args },
        channel(new Error("timeout")),
        signal,
      ),
    );
    expect(error.details).toMatchObject({ reason: "elicitation_failed" });
  });

  it("asks even when confirm: true was sent, if the client supports elicitation (default)", async () => {
    const ch = channel({ action: "decline" });
    await refusal(gate.confirm(deploy, { confirm: true, toolArguments: args }, ch, signal));
    expect(ch.asked).toHaveLength(1);
  });

  it("lets confirm: true stand in for elicitation when trustConfirmArgument is set", async () => {
    const ch = channel({ action: "decline" });
    const result = await new ConfirmationGate({ trustConfirmArgument: true }).confirm(
      deploy,
      { confirm: true, toolArguments: args },
      ch,
      signal,
    );
    expect(result.confirmedHow).toBe("confirm_argument");
    expect(ch.asked).toHaveLength(0);
  });

  it("without elicitation: confirm: true proceeds, anything else returns confirmation_required with the summary", async () => {
    expect(
      (await gate.confirm(deploy, { confirm: true, toolArguments: args }, NO_ELICITATION, signal))
        .confirmedHow,
    ).toBe("confirm_argument");
    for (const confirm of [undefined, false]) {
      const error = await refusal(
        gate.confirm(deploy, { confirm, toolArguments: args }, NO_ELICITATION, signal),
      );
      expect(error.code).toBe("confirmation_required");
      expect(error.message).toContain("Deploy Release 1.4.2 of Checkout to Production");
      expect(error.message).toContain('"confirm": true');
      expect(error.details).toMatchObject({ reason: "confirm_argument_missing", access: "write" });
    }
  });

  it("skips confirmation entirely when configured to (OCTOPUS_MCP_SKIP_CONFIRMATION)", async () => {
    const ch = channel({ action: "decline" });
    const result = await new ConfirmationGate({ skipConfirmation: true }).confirm(
      deploy,
      { confirm: undefined, toolArguments: args },
      ch,
      signal,
    );
    expect(result.confirmedHow).toBe("skipped");
    expect(ch.asked).toHaveLength(0);
  });

  it("warns that deletes cannot be undone", async () => {
    const ch = channel({ action: "accept", content: { approve: true } });
    await gate.confirm(
      { name: "x_delete", title: "Delete a thing", access: "delete" },
      { confirm: undefined, toolArguments: {} },
      ch,
      signal,
    );
    expect(ch.asked[0]?.message).toBe(
      "Run Delete a thing (deletes data). This deletes data and cannot be undone. Do you approve?",
    );
  });
});

describe("confirmationSummary", () => {
  it("falls back to a generic summary when confirmationMessage throws or returns nothing", () => {
    const throwing = {
      name: "t",
      access: "write" as const,
      confirmationMessage: () => {
        throw new Error("bug");
      },
    };
    expect(confirmationSummary(throwing, {})).toBe("Run t (changes data)");
    expect(confirmationSummary({ ...throwing, confirmationMessage: () => "  " }, {})).toBe(
      "Run t (changes data)",
    );
    expect(confirmationSummary({ ...throwing, confirmationMessage: () => "Do it." }, {})).toBe("Do it");
  });
});

describe("the confirm argument", () => {
  const schema = {
    type: "object",
    properties: { id: { type: "string", description: "ID" } },
    required: ["id"],
    additionalProperties: false,
  };

  it("is added, optional and described, to write and delete tools' listed schemas only", () => {
    const listed = withConfirmArgument("x_do", "write", schema);
    expect(listed["properties"]).toMatchObject({
      confirm: { type: "boolean", description: CONFIRM_ARGUMENT_DESCRIPTION },
    });
    expect(listed["required"]).toEqual(["id"]);
    expect(schema.properties).not.toHaveProperty("confirm");
    expect(withConfirmArgument("x_get", "read", schema)).toBe(schema);
  });

  it("refuses a tool that declares its own confirm property", () => {
    expect(() =>
      withConfirmArgument("x_do", "delete", {
        type: "object",
        properties: { confirm: { type: "string", description: "mine" } },
      }),
    ).toThrow(/reserves/);
  });

  it("is stripped before the handler and must be a boolean", () => {
    expect(splitConfirmArgument("write", { id: "a", confirm: true })).toEqual({
      confirm: true,
      toolArguments: { id: "a" },
    });
    expect(splitConfirmArgument("write", { id: "a" })).toEqual({
      confirm: undefined,
      toolArguments: { id: "a" },
    });
    expect(splitConfirmArgument("read", { id: "a", confirm: true })).toEqual({
      confirm: undefined,
      toolArguments: { id: "a", confirm: true },
    });
    expect(() => splitConfirmArgument("delete", { confirm: "yes" })).toThrow(InvalidArgumentsError);
  });
});

describe("readSkipConfirmation", () => {
  const logger = () => {
    const warnings: unknown[] = [];
    const log = { warn: (...a: unknown[]) => warnings.push(a) };
    return { warnings, log: log as never };
  };

  it("is off unless set to true, and warns when on", () => {
    const { warnings, log } = logger();
    expect(readSkipConfirmation({}, log)).toBe(false);
    expect(readSkipConfirmation({ OCTOPUS_MCP_SKIP_CONFIRMATION: "false" }, log)).toBe(false);
    expect(warnings).toHaveLength(0);
    expect(readSkipConfirmation({ OCTOPUS_MCP_SKIP_CONFIRMATION: "TRUE" }, log)).toBe(true);
    expect(JSON.stringify(warnings)).toContain("WITHOUT user confirmation");
  });

  it("refuses values it cannot read", () => {
    expect(() => readSkipConfirmation({ OCTOPUS_MCP_SKIP_CONFIRMATION: "maybe" })).toThrow(
      SkipConfirmationSettingError,
    );
  });
});

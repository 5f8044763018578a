/**
 * Confirmation of write and delete tool calls (issue 7, "Access tiers and confirmation"):
 * - MCP elicitation (`elicitation/create`, form mode, spec 2025-11-25) when the client declared the
 *   capability: the user sees the tool's `confirmationMessage(args)`, e.g.
 *   "Deploy Release 1.4.2 of Checkout to Production", and accepts, declines or cancels;
 * - otherwise the call must carry `confirm: true`, or it returns `confirmation_required` with the
 *   summary to show the user;
 * - `OCTOPUS_MCP_SKIP_CONFIRMATION=true` skips both (unattended automation).
 * Read tools are never confirmed. Access tiers are checked before this gate (see access-tiers.ts).
 */
import { ConfirmationRequiredError, type ToolAccess } from "@octopus-mcp/core";
import type { SplitArguments } from "./confirm-argument.js";

/** How a call was confirmed; recorded in the audit log. */
export type ConfirmedHow = "not_required" | "elicitation" | "confirm_argument" | "skipped";

/** What the gate needs to know about a tool. */
export interface ConfirmableTool {
  readonly name: string;
  readonly title?: string;
  readonly access: ToolAccess;
  /** One sentence saying what the call will do (from `defineTool`). */
  readonly confirmationMessage?: (args: never) => string;
}

/** The flat form schema of `elicitation/create` (SEP-1034: primitive properties only). */
export interface ElicitationFormRequest {
  readonly message: string;
  readonly requestedSchema: {
    readonly type: "object";
    readonly properties: Record<
      string,
      { type: "boolean"; title: string; description: string; default: boolean }
    >;
    readonly required: string[];
  };
}

/** The client's answer (`ElicitResult`). */
export interface ElicitationAnswer {
  readonly action: "accept" | "decline" | "cancel";
  readonly content?: Readonly<Record<string, unknown>>;
}

/** The way back to the user for one call, bound to the MCP session and the `tools/call` request. */
export interface ElicitationChannel {
  /** True when the client declared the `elicitation` (form) capability. */
  readonly supported: boolean;
  /** Sends `elicitation/create`; rejects on timeout, abort or a client error. */
  elicit(
    request: ElicitationFormRequest,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<ElicitationAnswer>;
}

/** A channel for transports that cannot ask the user (e.g. stateless HTTP: client capabilities unknown). */
export const NO_ELICITATION: ElicitationChannel = {
  supported: false,
  elicit: () => Promise.reject(new Error("Elicitation is not available on this connection.")),
};

export interface ConfirmationGateOptions {
  /** `OCTOPUS_MCP_SKIP_CONFIRMATION`: confirm nothing. Default false. */
  readonly skipConfirmation?: boolean;
  /**
   * Let `confirm: true` stand in for elicitation even when the client declared elicitation (some
   * clients declare it but never render it). Default false: such clients are always asked.
   */
  readonly trustConfirmArgument?: boolean;
  /** How long the user has to answer an elicitation, in ms. Default 300000 (5 minutes). */
  readonly elicitationTimeoutMs?: number;
}

/** The gate's verdict for a call that may proceed. */
export interface ConfirmationResult {
  readonly confirmedHow: ConfirmedHow;
  /** What was shown (or would be shown) to the user; absent for read tools. */
  readonly summary: string | undefined;
}

/** Field name of the checkbox in the elicitation form. */
const APPROVE_FIELD = "approve";

/** Decides whether a call may run. One instance per host. */
export class ConfirmationGate {
  readonly skipConfirmation: boolean;
  readonly #trustConfirmArgument: boolean;
  readonly #timeoutMs: number;

  constructor(options: ConfirmationGateOptions = {}) {
    this.skipConfirmation = options.skipConfirmation ?? false;
    this.#trustConfirmArgument = options.trustConfirmArgument ?? false;
    this.#timeoutMs = options.elicitationTimeoutMs ?? 300_000;
  }

  /**
   * Confirms a call, asking the user when needed. Call it after argument validation and the access
   * tier check, with the arguments split by `splitConfirmArgument`.
   * @throws ConfirmationRequiredError (`confirmation_required`) when the user declined or cancelled,
   *   did not answer in time, or (without elicitation) `confirm: true` was not sent. Its `details`
   *   carry `summary` and `reason` (`confirm_argument_missing` | `declined` | `cancelled` | `elicitation_failed`).
   */
  async confirm(
    tool: ConfirmableTool,
    args: SplitArguments,
    channel: ElicitationChannel,
    signal: AbortSignal,
  ): Promise<ConfirmationResult> {
    if (tool.access === "read") return { confirmedHow: "not_required", summary: undefined };
    const summary = confirmationSummary(tool, args.toolArguments);
    if (this.skipConfirmation) return { confirmedHow: "skipped", summary };
    if (args.confirm === true && (!channel.supported || this.#trustConfirmArgument)) {
      return { confirmedHow: "confirm_argument", summary };
    }
    if (!channel.supported) {
      throw new ConfirmationRequiredError(
        `Confirmation required: ${summary}. Show this to the user and, only if they approve, call ` +
          `${tool.name} again with the same arguments plus "confirm": true.`,
        { details: { summary, access: tool.access, reason: "confirm_argument_missing" } },
      );
    }

    let answer: ElicitationAnswer;
    try {
      answer = await channel.elicit(elicitationRequest(tool, summary), {
        signal,
        timeoutMs: this.#timeoutMs,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ConfirmationRequiredError(
        `Could not get the user's confirmation for: ${summary} (the confirmation prompt failed or was not ` +
          "answered in time). Nothing was changed; ask the user and try again.",
        { cause: error, details: { summary, access: tool.access, reason: "elicitation_failed" } },
      );
    }
    if (answer.action === "accept" && answer.content?.[APPROVE_FIELD] === true) {
      return { confirmedHow: "elicitation", summary };
    }
    const reason = answer.action === "cancel" ? "cancelled" : "declined";
    throw new ConfirmationRequiredError(
      `The user ${reason === "cancelled" ? "dismissed the confirmation of" : "declined"}: ${summary}. ` +
        "Nothing was changed. Do not retry unless the user asks for it.",
      { details: { summary, access: tool.access, reason } },
    );
  }
}

/**
 * The one-sentence summary of a call: the tool's `confirmationMessage(args)` when it has one and it
 * returns text, otherwise "<title or name> (<access>)". Never throws.
 */
export function confirmationSummary(tool: ConfirmableTool, args: Readonly<Record<string, unknown>>): string {
  if (tool.confirmationMessage) {
    try {
      const text = (tool.confirmationMessage as (a: Readonly<Record<string, unknown>>) => unknown)(args);
      if (typeof text === "string" && text.trim() !== "") return text.trim().replace(/[.\s]+$/, "");
    } catch {
      // A broken summary must not block the confirmation itself; fall back to the generic one.
    }
  }
  return `Run ${tool.title ?? tool.name} (${tool.access === "delete" ? "deletes data" : "changes data"})`;
}

/** The `elicitation/create` form for a call: one required checkbox. */
export function elicitationRequest(tool: ConfirmableTool, summary: string): ElicitationFormRequest {
  const warning = tool.access === "delete" ? " This deletes data and cannot be undone." : "";
  return {
    message: `${summary}.${warning} Do you approve?`,
    requestedSchema: {
      type: "object",
      properties: {
        [APPROVE_FIELD]: {
          type: "boolean",
          title: "Approve",
          description: `Approve: ${summary}`,
          default: false,
        },
      },
      required: [APPROVE_FIELD],
    },
  };
}

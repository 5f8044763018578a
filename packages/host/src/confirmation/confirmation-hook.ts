/**
 * The confirmation gate as a `ToolCallHook` of the call pipeline: runs before the handler (after
 * argument validation and the access policy) and refuses unconfirmed write/delete calls with
 * `confirmation_required`. It remembers how each call was confirmed, by correlation id, for the
 * audit hook that runs after the call.
 */
import type { ToolCallHook, ToolCallInfo } from "../host/call-hooks.js";
import type { ConfirmationGate, ConfirmedHow } from "./confirmation-gate.js";
import { transportElicitationChannel } from "./transport-elicitation-channel.js";

/** `ToolCallInfo` plus the host-owned `confirm` flag the pipeline split off the arguments. */
export type ConfirmableCallInfo = ToolCallInfo & { readonly confirm?: boolean | undefined };

/** Read access to how calls were confirmed (for the audit log). */
export interface ConfirmationRecords {
  /** How the call with this correlation id was confirmed; `undefined` when it never got that far. */
  confirmedHow(correlationId: string): ConfirmedHow | undefined;
}

export class ConfirmationHook implements ToolCallHook, ConfirmationRecords {
  readonly #records = new Map<string, ConfirmedHow>();

  constructor(private readonly gate: ConfirmationGate) {}

  async beforeHandler(call: ConfirmableCallInfo): Promise<void> {
    const definition = call.tool.definition;
    const result = await this.gate.confirm(
      {
        name: definition.name,
        access: definition.access,
        ...(definition.title !== undefined ? { title: definition.title } : {}),
        ...(definition.confirmationMessage !== undefined
          ? { confirmationMessage: definition.confirmationMessage }
          : {}),
      },
      { confirm: call.confirm, toolArguments: { ...call.arguments } },
      transportElicitationChannel(call.transport),
      call.signal,
    );
    this.#records.set(call.correlationId, result.confirmedHow);
  }

  afterCall(call: { readonly correlationId: string }): void {
    // Deferred so every other afterCall hook of this call (the audit hook) can still read the record.
    const id = call.correlationId;
    queueMicrotask(() => this.#records.delete(id));
  }

  confirmedHow(correlationId: string): ConfirmedHow | undefined {
    return this.#records.get(correlationId);
  }
}

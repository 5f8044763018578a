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
  #lastId: string | undefined;
  #lastHow: ConfirmedHow | undefined;

  constructor(private readonly gate: ConfirmationGate) {}

  beforeHandler(call: ConfirmableCallInfo): Promise<void> | void {
    // Read tools are never confirmed (the gate's first rule): answered without a promise, the
    // elicitation channel or the call's signal, which keeps the hot path of read calls short.
    if (call.tool.definition.access === "read") {
      this.#records.set(call.correlationId, "not_required");
      return;
    }
    return this.#confirm(call);
  }

  async #confirm(call: ConfirmableCallInfo): Promise<void> {
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
    // The pipeline runs every afterCall hook of a call in one synchronous loop, so keeping the
    // record of the call that finished last lets the hooks after this one (the audit hook) still
    // read it, without a microtask per call to delete it later.
    const id = call.correlationId;
    this.#lastId = id;
    this.#lastHow = this.#records.get(id);
    this.#records.delete(id);
  }

  confirmedHow(correlationId: string): ConfirmedHow | undefined {
    return this.#records.get(correlationId) ?? (correlationId === this.#lastId ? this.#lastHow : undefined);
  }
}

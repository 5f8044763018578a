/**
 * The subset of Octopus REST shapes this plugin reads (PascalCase, as the server sends them).
 * Source: /work/shared/reference/octopus-api.md §10.6 (ServerTask), §10.7 (ServerTaskDetails,
 * ActivityElement), §10.11 (Interruption). Every field is optional where servers differ.
 */

/** `State` of a server task (octopus-api.md §10.6). */
export const TASK_STATES = [
  "Queued",
  "Executing",
  "Failed",
  "Canceled",
  "TimedOut",
  "Success",
  "Cancelling",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** `GET /api/{spaceId}/tasks/{id}`. */
export interface ServerTaskResource {
  readonly Id: string;
  readonly SpaceId?: string | null;
  readonly ProjectId?: string | null;
  /** Task type: `Deploy`, `RunbookRun`, `Health`, ... */
  readonly Name: string;
  readonly Description?: string;
  readonly Arguments?: Readonly<Record<string, unknown>>;
  readonly State: string;
  readonly QueueTime?: string | null;
  readonly StartTime?: string | null;
  readonly CompletedTime?: string | null;
  readonly LastUpdatedTime?: string | null;
  readonly Duration?: string;
  readonly ErrorMessage?: string;
  readonly IsCompleted?: boolean;
  readonly FinishedSuccessfully?: boolean;
  readonly HasWarningsOrErrors?: boolean;
  readonly CanRerun?: boolean;
  readonly HasPendingInterruptions?: boolean;
  readonly PendingInterruptionTypes?: readonly string[];
  readonly Links?: Readonly<Record<string, string>>;
}

/** One log element of an activity (octopus-api.md §10.7). */
export interface ActivityLogElement {
  /** `Trace, Verbose, Info, Highlight, Wait, Gap, Alert, Warning, Error, Fatal, Planned, Updated, Finished, Abandoned`. */
  readonly Category?: string;
  readonly OccurredAt?: string;
  readonly MessageText?: string;
  readonly Detail?: string | null;
  readonly Number?: number;
}

/** A node of the activity tree (task root → steps → actions/targets). */
export interface ActivityElement {
  readonly Id?: string;
  readonly Name?: string;
  readonly Started?: string | null;
  readonly Ended?: string | null;
  /** `Pending, Running, Success, Failed, Skipped, SuccessWithWarning, Canceled`. */
  readonly Status?: string | null;
  readonly ShowAtSummaryLevel?: boolean;
  readonly LogElements?: readonly ActivityLogElement[];
  readonly Children?: readonly ActivityElement[];
}

/** `GET /api/{spaceId}/tasks/{id}/details`. */
export interface ServerTaskDetailsResource {
  readonly Task: ServerTaskResource;
  readonly Progress?: { readonly ProgressPercentage?: number; readonly EstimatedTimeRemaining?: string };
  readonly PhysicalLogSize?: number;
  readonly ActivityLogs?: readonly ActivityElement[];
}

/** A control of an interruption form element (octopus-api.md §10.11). */
export interface InterruptionFormControl {
  /** `Paragraph | TextArea | SubmitButtonGroup | ...` */
  readonly Type?: string;
  readonly Text?: string;
  readonly Label?: string;
  readonly Name?: string;
  readonly Buttons?: readonly {
    readonly Text?: string;
    readonly Value: string;
    readonly ButtonType?: string;
  }[];
  readonly Options?: readonly { readonly Value: string; readonly Text?: string }[];
}

/** `GET /api/{spaceId}/interruptions/{id}`. */
export interface InterruptionResource {
  readonly Id: string;
  readonly SpaceId?: string;
  readonly Title?: string;
  readonly TaskId?: string;
  readonly CorrelationId?: string;
  /** `ManualIntervention`, `GuidedFailure`, ... */
  readonly Type?: string;
  readonly Created?: string;
  readonly IsPending?: boolean;
  readonly CanTakeResponsibility?: boolean;
  readonly HasResponsibility?: boolean;
  readonly ResponsibleUserId?: string | null;
  readonly ResponsibleTeamIds?: readonly string[];
  readonly RelatedDocumentIds?: readonly string[];
  readonly Form?: {
    readonly Values?: Readonly<Record<string, unknown>>;
    readonly Elements?: readonly {
      readonly Name: string;
      readonly Control?: InterruptionFormControl;
      readonly IsValueRequired?: boolean;
    }[];
  };
}

/** Octopus collection envelope (octopus-api.md §9). */
export interface ResourceCollection<T> {
  readonly Items: readonly T[];
  readonly TotalResults: number;
  readonly ItemsPerPage?: number;
}

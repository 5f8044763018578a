/**
 * The subset of Octopus REST resource shapes the first-party plugins read (PascalCase, as served).
 * Source: shared reference octopus-api.md §9-§12 (C# model classes, api-client typings).
 * Fields are optional where servers differ; read defensively.
 */

/** A collection page (`ResourceCollection<T>`, reference §9). */
export interface OctopusCollection<T> {
  readonly ItemType?: string;
  readonly Items: readonly T[];
  readonly TotalResults: number;
  readonly ItemsPerPage?: number;
  readonly NumberOfPages?: number;
  readonly LastPageNumber?: number;
}

/** Anything with an ID and a name (spaces, projects, environments, tenants, channels, ...). */
export interface NamedResource {
  readonly Id: string;
  readonly Name: string;
  readonly Slug?: string;
}

export interface SpaceResource extends NamedResource {
  readonly Description?: string | null;
  readonly IsDefault?: boolean;
  readonly TaskQueueStopped?: boolean;
}

export interface ProjectResource extends NamedResource {
  readonly SpaceId?: string;
  readonly Description?: string | null;
  readonly IsDisabled?: boolean;
  readonly ProjectGroupId?: string;
  readonly LifecycleId?: string;
  readonly VariableSetId?: string;
  readonly DeploymentProcessId?: string;
  readonly TenantedDeploymentMode?: "Untenanted" | "TenantedOrUntenanted" | "Tenanted";
  readonly DefaultGuidedFailureMode?: string;
  readonly PersistenceSettings?: { readonly Type?: string; readonly DefaultBranch?: string };
}

export interface EnvironmentResource extends NamedResource {
  readonly SortOrder?: number;
  readonly UseGuidedFailure?: boolean;
  readonly Description?: string | null;
}

export interface OctopusTenantResource extends NamedResource {
  readonly IsDisabled?: boolean;
  readonly TenantTags?: readonly string[];
  readonly ProjectEnvironments?: Readonly<Record<string, readonly string[]>>;
}

export interface ChannelResource extends NamedResource {
  readonly ProjectId?: string;
  readonly LifecycleId?: string | null;
  readonly IsDefault?: boolean;
}

export interface LifecycleResource extends NamedResource {
  readonly Phases?: readonly {
    readonly Id?: string;
    readonly Name: string;
    readonly AutomaticDeploymentTargets?: readonly string[];
    readonly OptionalDeploymentTargets?: readonly string[];
    readonly MinimumEnvironmentsBeforePromotion?: number;
    readonly IsOptionalPhase?: boolean;
  }[];
}

export interface ReleaseResource {
  readonly Id: string;
  readonly SpaceId?: string;
  readonly ProjectId: string;
  readonly ChannelId?: string;
  readonly Version: string;
  readonly ReleaseNotes?: string | null;
  readonly Assembled?: string;
  readonly ProjectDeploymentProcessSnapshotId?: string;
  readonly ProjectVariableSetSnapshotId?: string;
  readonly LibraryVariableSetSnapshotIds?: readonly string[];
  readonly SelectedPackages?: readonly {
    readonly ActionName?: string;
    readonly StepName?: string;
    readonly PackageReferenceName?: string;
    readonly Version: string;
  }[];
  readonly BuildInformation?: readonly Record<string, unknown>[];
}

export interface DeploymentResource {
  readonly Id: string;
  readonly SpaceId?: string;
  readonly ProjectId: string;
  readonly ReleaseId: string;
  readonly ChannelId?: string;
  readonly EnvironmentId: string;
  readonly TenantId?: string | null;
  readonly TaskId: string;
  readonly Name?: string;
  readonly Created?: string;
  readonly QueueTime?: string | null;
  readonly DeployedBy?: string;
  readonly Comments?: string | null;
  readonly UseGuidedFailure?: boolean;
  readonly SkipActions?: readonly string[];
  readonly SpecificMachineIds?: readonly string[];
  readonly ExcludedMachineIds?: readonly string[];
  readonly FailureEncountered?: boolean;
}

/** `State` of a server task (reference §10.6). */
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

/** `GET /api/{spaceId}/tasks/{id}` (reference §10.6). */
export interface ServerTaskResource {
  readonly Id: string;
  readonly SpaceId?: string | null;
  readonly ProjectId?: string | null;
  /** Task type: `Deploy`, `RunbookRun`, `Health`, ... */
  readonly Name: string;
  readonly Description?: string;
  readonly State: TaskState;
  readonly QueueTime?: string | null;
  readonly StartTime?: string | null;
  readonly CompletedTime?: string | null;
  readonly LastUpdatedTime?: string | null;
  readonly Duration?: string;
  readonly ErrorMessage?: string;
  readonly IsCompleted?: boolean;
  readonly FinishedSuccessfully?: boolean;
  readonly HasPendingInterruptions?: boolean;
  readonly PendingInterruptionTypes?: readonly string[];
  readonly HasWarningsOrErrors?: boolean;
  readonly CanRerun?: boolean;
  readonly Arguments?: Readonly<Record<string, unknown>>;
  readonly Links?: Readonly<Record<string, string>>;
}

/** One log element of an activity (reference §10.7). */
export interface ActivityLogElement {
  /** `Trace, Verbose, Info, Highlight, Wait, Gap, Alert, Warning, Error, Fatal, Planned, Updated, Finished, Abandoned`. */
  readonly Category?: string;
  readonly OccurredAt?: string;
  readonly MessageText?: string;
  readonly Detail?: string | null;
  readonly Number?: number;
}

/** A node of the activity tree of `GET tasks/{id}/details` (task root -> steps -> actions/targets; reference §10.7). */
export interface ActivityElement {
  readonly Id?: string;
  readonly Name?: string;
  /** `Pending, Running, Success, Failed, Skipped, SuccessWithWarning, Canceled`. */
  readonly Status?: string | null;
  readonly Started?: string | null;
  readonly Ended?: string | null;
  readonly ShowAtSummaryLevel?: boolean;
  readonly Children?: readonly ActivityElement[];
  readonly LogElements?: readonly ActivityLogElement[];
}

/** `GET /api/{spaceId}/tasks/{id}/details` (reference §10.7). */
export interface ServerTaskDetailsResource {
  readonly Task: ServerTaskResource;
  readonly Progress?: { readonly ProgressPercentage?: number; readonly EstimatedTimeRemaining?: string };
  /** Size of the raw log in bytes. */
  readonly PhysicalLogSize?: number;
  readonly ActivityLogs?: readonly ActivityElement[];
}

/** A control of an interruption form element (reference §10.11). */
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

/** `GET /api/{spaceId}/interruptions/{id}` (reference §10.11). */
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

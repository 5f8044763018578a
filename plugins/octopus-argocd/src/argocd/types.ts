/**
 * The parts of Argo CD's REST objects this plugin reads. Field names follow the Argo CD swagger
 * (`v1alpha1Application`, `v1alpha1ApplicationSource`, `v1alpha1ApplicationTree`, `v1Event`,
 * `applicationLogEntry`); see /work/shared/reference/argocd.md §4. Everything is optional because
 * the list endpoint's `fields` parameter returns only what was asked for.
 */

/** `spec.source` / `spec.sources[]` (swagger `v1alpha1ApplicationSource`). */
export interface ArgoApplicationSource {
  readonly repoURL?: string;
  readonly path?: string;
  readonly chart?: string;
  readonly targetRevision?: string;
  /** Values-only source, referenced as `$<ref>/...` in another source's `helm.valueFiles`. */
  readonly ref?: string;
  /** Source name; Octopus annotation keys are suffixed with it. */
  readonly name?: string;
  readonly helm?: {
    readonly valueFiles?: readonly string[];
    readonly releaseName?: string;
    readonly values?: string;
    readonly valuesObject?: unknown;
    readonly parameters?: readonly { readonly name?: string; readonly value?: string }[];
  };
  readonly kustomize?: {
    readonly images?: readonly string[];
    readonly namePrefix?: string;
    readonly nameSuffix?: string;
  };
  readonly directory?: { readonly recurse?: boolean; readonly include?: string; readonly exclude?: string };
  readonly plugin?: { readonly name?: string };
}

export type ArgoSyncStatus = "Synced" | "OutOfSync" | "Unknown";
export type ArgoHealthStatus = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";
export type ArgoOperationPhase = "Running" | "Terminating" | "Failed" | "Error" | "Succeeded";

/** `v1alpha1Application`, reduced. */
export interface ArgoApplication {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly labels?: Readonly<Record<string, string>>;
    readonly creationTimestamp?: string;
  };
  readonly spec?: {
    readonly project?: string;
    readonly source?: ArgoApplicationSource;
    readonly sources?: readonly ArgoApplicationSource[];
    readonly destination?: { readonly server?: string; readonly name?: string; readonly namespace?: string };
    readonly syncPolicy?: { readonly automated?: Readonly<Record<string, unknown>> | null };
  };
  readonly status?: {
    readonly sync?: {
      readonly status?: ArgoSyncStatus | string;
      readonly revision?: string;
      readonly revisions?: readonly string[];
    };
    readonly health?: { readonly status?: ArgoHealthStatus | string; readonly message?: string };
    readonly summary?: { readonly images?: readonly string[]; readonly externalURLs?: readonly string[] };
    readonly sourceTypes?: readonly string[];
    readonly operationState?: {
      readonly phase?: ArgoOperationPhase | string;
      readonly message?: string;
      readonly startedAt?: string;
      readonly finishedAt?: string;
      readonly syncResult?: { readonly revision?: string; readonly revisions?: readonly string[] };
    };
    readonly conditions?: readonly { readonly type?: string; readonly message?: string }[];
    readonly reconciledAt?: string;
  };
}

/** `v1alpha1ApplicationList`. */
export interface ArgoApplicationList {
  readonly items?: readonly ArgoApplication[] | null;
}

/** `v1alpha1ResourceNode` (ResourceRef fields are inline). */
export interface ArgoResourceNode {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly uid?: string;
  readonly parentRefs?: readonly { readonly kind?: string; readonly name?: string; readonly uid?: string }[];
  readonly health?: { readonly status?: string; readonly message?: string };
  readonly images?: readonly string[];
  readonly info?: readonly { readonly name?: string; readonly value?: string }[];
  readonly createdAt?: string;
}

/** `v1alpha1ApplicationTree`. */
export interface ArgoApplicationTree {
  readonly nodes?: readonly ArgoResourceNode[] | null;
  readonly orphanedNodes?: readonly ArgoResourceNode[] | null;
}

/** `v1Event`, reduced. */
export interface ArgoEvent {
  readonly type?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly count?: number;
  readonly firstTimestamp?: string;
  readonly lastTimestamp?: string;
  readonly eventTime?: string;
  readonly metadata?: { readonly creationTimestamp?: string };
  readonly involvedObject?: { readonly kind?: string; readonly name?: string; readonly namespace?: string };
}

/** `applicationLogEntry`. */
export interface ArgoLogEntry {
  readonly content?: string;
  readonly timeStamp?: string;
  readonly timeStampStr?: string;
  readonly podName?: string;
  readonly last?: boolean;
}

/** `GET /api/version`. */
export interface ArgoVersion {
  readonly Version?: string;
  readonly BuildDate?: string;
}

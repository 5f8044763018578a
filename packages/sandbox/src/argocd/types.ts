/**
 * TypeScript shapes of the Argo CD objects the sandbox serves: the subset of the swagger definitions
 * `v1alpha1Application*` (argocd-swagger.json; argocd.md §4) it fills in. Field names are the real ones.
 */

/** A Kubernetes object as rendered from manifests (`apiVersion`, `kind`, `metadata`, anything else). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface HelmParameter {
  name: string;
  value: string;
  forceString?: boolean;
}

/** `v1alpha1ApplicationSource`. */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
  ref?: string;
  name?: string;
  helm?: {
    valueFiles?: string[];
    values?: string;
    parameters?: HelmParameter[];
    releaseName?: string;
    ignoreMissingValueFiles?: boolean;
  };
  kustomize?: {
    images?: string[];
    namePrefix?: string;
    namespace?: string;
    commonLabels?: Record<string, string>;
  };
  directory?: { recurse?: boolean };
}

/** `v1alpha1ApplicationDestination`. */
export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace: string;
}

/** `v1alpha1SyncPolicy`. */
export interface SyncPolicy {
  automated?: { enabled?: boolean; prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean };
  syncOptions?: string[];
  retry?: { limit?: number; backoff?: { duration?: string; factor?: number; maxDuration?: string } };
}

/** `v1alpha1ApplicationSpec` (the parts the sandbox uses). */
export interface ApplicationSpec {
  project: string;
  destination: ApplicationDestination;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  syncPolicy?: SyncPolicy;
  revisionHistoryLimit?: number;
  info?: { name: string; value: string }[];
}

/** Source types reported in `status.sourceTypes` (argocd.md §4.1). */
export type SourceType = "Helm" | "Kustomize" | "Directory" | "Plugin";

/** `status.sync.status` values. */
export type SyncStatusCode = "Synced" | "OutOfSync" | "Unknown";

/** `status.health.status` values (gitops-engine `pkg/health/health.go`). */
export type HealthStatusCode = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";

/** `status.operationState.phase` values (gitops-engine `pkg/sync/common/types.go`). */
export type OperationPhase = "Running" | "Terminating" | "Failed" | "Error" | "Succeeded";

/** `v1alpha1SyncOperation` (the request part of an operation). */
export interface SyncOperation {
  revision?: string;
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  syncOptions?: string[];
  resources?: { group?: string; kind: string; name: string; namespace?: string }[];
  syncStrategy?: Record<string, unknown>;
}

/** `v1alpha1Operation`. */
export interface Operation {
  sync: SyncOperation;
  initiatedBy: { username?: string; automated?: boolean };
  info?: { name: string; value: string }[];
  retry: Record<string, unknown>;
}

/** `v1alpha1ResourceResult`. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  message: string;
  hookPhase: string;
  syncPhase: string;
  images?: string[];
}

/** `v1alpha1OperationState`. */
export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message: string;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult?: {
    revision?: string;
    revisions?: string[];
    source?: ApplicationSource;
    sources?: ApplicationSource[];
    resources: ResourceResult[];
  };
}

/** `v1alpha1RevisionHistory`. */
export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  deployedAt: string;
  deployStartedAt: string;
  initiatedBy: { username?: string; automated?: boolean };
}

import { createHash } from "node:crypto";
import { imagesOfAll, objectKey, sameObjects, sourcesOf, stableJson } from "./application-render.js";
import { type AppState } from "./app-state.js";
import { type LiveContext, type LiveNode, liveNodes, uidFor } from "./live-resources.js";
import type { K8sObject } from "./types.js";

/** The live context of an app (for the tree, pods and logs). */
export function liveContext(app: AppState, crashing: boolean, seed: number): LiveContext {
  return {
    appName: app.bp.name,
    objects: app.live.objects,
    deployedAt: app.deployedAt,
    seed,
    ...(crashing && app.bp.crashReason ? { crashReason: app.bp.crashReason } : {}),
  };
}

/**
 * An application as `GET /api/v1/applications/{name}` returns it (swagger `v1alpha1Application`).
 * `status.summary.images` lists the images of the live (synced) objects.
 */
export function applicationJson(app: AppState, crashing: boolean, seed: number): Record<string, unknown> {
  const bp = app.bp;
  const single = bp.spec.source !== undefined;
  const nodes = liveNodes(liveContext(app, crashing, seed));
  const healthOf = new Map(nodes.map((n) => [objectKey(n), n.health]));
  const desiredByKey = new Map((app.desired?.objects ?? []).map((o) => [objectKey(o), o]));
  const liveByKey = new Map(app.live.objects.map((o) => [objectKey(o), o]));
  const keys = [...new Set([...liveByKey.keys(), ...desiredByKey.keys()])].sort();
  const resources = keys.map((key) => {
    const live = liveByKey.get(key);
    const desired = desiredByKey.get(key);
    const o = (desired ?? live) as K8sObject;
    const inSync = live !== undefined && desired !== undefined && sameObjects([live], [desired]);
    const health = live ? healthOf.get(key) : { status: "Missing" };
    return {
      group: o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "",
      version: o.apiVersion.includes("/") ? o.apiVersion.split("/")[1] : o.apiVersion,
      kind: o.kind,
      namespace: o.metadata.namespace ?? "",
      name: o.metadata.name,
      status: app.desired ? (inSync ? "Synced" : "OutOfSync") : "Unknown",
      ...(health ? { health } : {}),
      ...(desired === undefined && app.desired ? { requiresPruning: true } : {}),
    };
  });
  const conditions = app.comparisonError
    ? [
        {
          type: "ComparisonError",
          message: `Failed to load target state: failed to generate manifest for source 1 of ${sourcesOf(bp.spec).length}: rpc error: code = Unknown desc = ${app.comparisonError}`,
          lastTransitionTime: app.reconciledAt,
        },
      ]
    : [];
  const status: Record<string, unknown> = {
    resources,
    sync: {
      status: app.syncStatus,
      comparedTo: {
        destination: bp.spec.destination,
        ...(single ? { source: bp.spec.source } : { sources: bp.spec.sources }),
      },
      ...(single ? { revision: app.compared[0] ?? "" } : { revisions: app.compared }),
    },
    health: {
      status: app.health.status,
      ...(app.health.message ? { message: app.health.message } : {}),
      lastTransitionTime: app.health.lastTransitionTime,
    },
    history: app.history,
    reconciledAt: app.reconciledAt,
    ...(app.operationState ? { operationState: app.operationState } : {}),
    sourceType: app.live.sourceTypes[0] ?? "Directory",
    sourceTypes: app.live.sourceTypes,
    summary: { images: imagesOfAll(app.live.objects) },
    controllerNamespace: "argocd",
    ...(conditions.length > 0 ? { conditions } : {}),
  };
  return {
    metadata: {
      name: bp.name,
      namespace: bp.appNamespace,
      uid: app.uid,
      resourceVersion: String(app.resourceVersion),
      generation: 1 + app.history.length,
      creationTimestamp: bp.createdAt,
      labels: bp.labels,
      annotations: bp.annotations,
    },
    spec: bp.spec,
    ...(app.operation ? { operation: app.operation } : {}),
    status,
  };
}

/** `GET …/resource-tree` (swagger `v1alpha1ApplicationTree`). */
export function resourceTreeJson(nodes: readonly LiveNode[]): Record<string, unknown> {
  const nodeNames = new Set(
    nodes.filter((n) => n.kind === "Pod").map((n) => n.info?.find((i) => i.name === "Node")?.value ?? ""),
  );
  return {
    nodes: nodes.map((n) => {
      const { manifest: _manifest, ...node } = n;
      return node;
    }),
    orphanedNodes: [],
    hosts: [...nodeNames]
      .filter((n) => n !== "")
      .sort()
      .map((name) => ({
        name,
        labels: {
          "kubernetes.io/arch": "amd64",
          "kubernetes.io/os": "linux",
          "topology.kubernetes.io/zone": "eu-west-1a",
        },
        resourcesInfo: [
          { resourceName: "cpu", requestedByApp: 250, requestedByNeighbors: 2150, capacity: 4000 },
          {
            resourceName: "memory",
            requestedByApp: 268435456,
            requestedByNeighbors: 5905580032,
            capacity: 16106127360,
          },
        ],
        systemInfo: {
          architecture: "amd64",
          operatingSystem: "linux",
          kubeletVersion: "v1.31.4-eks-aeac579",
          containerRuntimeVersion: "containerd://1.7.25",
          osImage: "Amazon Linux 2023.6.20250115",
        },
      })),
    shardsCount: 1,
  };
}

function liveJson(o: K8sObject, uid: string): Record<string, unknown> {
  return {
    ...o,
    metadata: { ...o.metadata, uid, resourceVersion: String(100000 + parseInt(uid.slice(0, 5), 16)) },
  };
}

/**
 * `GET …/managed-resources` (swagger `applicationManagedResourcesResponse`): one ResourceDiff per object in
 * the live or desired state, with JSON-string states (`"null"` when absent) and `modified` when they differ.
 */
export function managedResourcesJson(
  app: AppState,
  seed: number,
  filter: { name?: string; namespace?: string; kind?: string; group?: string },
): Record<string, unknown> {
  const desiredByKey = new Map((app.desired?.objects ?? []).map((o) => [objectKey(o), o]));
  const liveByKey = new Map(app.live.objects.map((o) => [objectKey(o), o]));
  const keys = [...new Set([...liveByKey.keys(), ...desiredByKey.keys()])].sort();
  const items = keys
    .map((key) => {
      const live = liveByKey.get(key);
      const desired = desiredByKey.get(key);
      const o = (desired ?? live) as K8sObject;
      const uid = uidFor(`${seed}:${app.bp.name}:${key}`);
      const liveState = live ? JSON.stringify(liveJson(live, uid)) : "null";
      const targetState = desired ? JSON.stringify(desired) : "null";
      return {
        group: o.apiVersion.includes("/") ? (o.apiVersion.split("/")[0] ?? "") : "",
        kind: o.kind,
        namespace: o.metadata.namespace ?? "",
        name: o.metadata.name,
        targetState,
        liveState,
        normalizedLiveState: live ? JSON.stringify(live) : "null",
        predictedLiveState: desired ? JSON.stringify(liveJson(desired, uid)) : "null",
        resourceVersion: live ? String(100000 + parseInt(uid.slice(0, 5), 16)) : "",
        modified: !(live && desired && stableJson(live) === stableJson(desired)),
        hook: false,
      };
    })
    .filter(
      (d) =>
        (filter.name === undefined || d.name === filter.name) &&
        (filter.namespace === undefined || d.namespace === filter.namespace) &&
        (filter.kind === undefined || d.kind === filter.kind) &&
        (filter.group === undefined || d.group === filter.group),
    );
  return { items };
}

/** `GET …/events` (swagger `eventsEventList`); `involved` narrows to a resource's events. */
export function eventsJson(
  app: AppState,
  involved: { kind: string; name: string; namespace: string; uid: string; apiVersion: string } | undefined,
  events: readonly { type: string; reason: string; message: string; at: string; component: string }[],
): Record<string, unknown> {
  const target = involved ?? {
    kind: "Application",
    name: app.bp.name,
    namespace: app.bp.appNamespace,
    uid: app.uid,
    apiVersion: "argoproj.io/v1alpha1",
  };
  return {
    metadata: { resourceVersion: String(app.resourceVersion) },
    items: events.map((e, i) => {
      const name = `${target.name}.${createHash("sha256").update(`${target.uid}:${i}:${e.at}:${e.reason}`).digest("hex").slice(0, 16)}`;
      return {
        metadata: {
          name,
          namespace: target.namespace,
          uid: uidFor(name),
          resourceVersion: String(500000 + i),
          creationTimestamp: e.at,
        },
        involvedObject: { ...target, resourceVersion: String(app.resourceVersion) },
        reason: e.reason,
        message: e.message,
        source: { component: e.component },
        firstTimestamp: e.at,
        lastTimestamp: e.at,
        count: 1,
        type: e.type,
        reportingComponent: e.component,
        reportingInstance: "",
      };
    }),
  };
}

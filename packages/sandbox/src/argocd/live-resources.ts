import { createHash } from "node:crypto";
import { groupOf, objectKey, versionOf } from "./application-render.js";
import { imagesOf, isRecord } from "./manifest-render.js";
import type { K8sObject } from "./types.js";

/** What the cluster runs for an application, derived from its deployed (synced) objects. */
export interface LiveContext {
  appName: string;
  /** Deployed objects (last successful sync). */
  objects: readonly K8sObject[];
  /** When the deployed objects were applied, ISO 8601. */
  deployedAt: string;
  /** Set while the workload's pods crash-loop: the fatal log line. */
  crashReason?: string;
  seed: number;
}

/** A node of the resource tree: a live object with its parents (`v1alpha1ResourceNode` + inline ResourceRef). */
export interface LiveNode {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  parentRefs?: {
    group: string;
    version: string;
    kind: string;
    namespace: string;
    name: string;
    uid: string;
  }[];
  info?: { name: string; value: string }[];
  images?: string[];
  health?: { status: string; message?: string };
  createdAt: string;
  /** The full live manifest (for `…/resource`); not part of the tree response. */
  manifest: K8sObject;
}

function hash(text: string, length: number, alphabet = "0123456789abcdef"): string {
  const bytes = createHash("sha256").update(text).digest();
  let out = "";
  for (let i = 0; out.length < length; i++) out += alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length];
  return out;
}

/** Deterministic Kubernetes-style UID. */
export function uidFor(text: string): string {
  const h = hash(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const POD_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/**
 * The live resource tree: every deployed object, plus a ReplicaSet and Pods per Deployment and a Pod per
 * Job, with health as Argo CD computes it (Deployment Progressing/Healthy/Degraded, Pod Running or
 * CrashLoopBackOff, Job Completed).
 */
export function liveNodes(ctx: LiveContext): LiveNode[] {
  const nodes: LiveNode[] = [];
  const crashing = ctx.crashReason !== undefined;
  for (const o of ctx.objects) {
    const ns = o.metadata.namespace ?? "";
    const uid = uidFor(`${ctx.seed}:${ctx.appName}:${objectKey(o)}`);
    const base = {
      group: groupOf(o.apiVersion),
      version: versionOf(o.apiVersion),
      kind: o.kind,
      namespace: ns,
      name: o.metadata.name,
      uid,
      resourceVersion: String(100000 + parseInt(hash(uid + ctx.deployedAt, 5), 16)),
      createdAt: ctx.deployedAt,
    };
    const spec = isRecord(o["spec"]) ? o["spec"] : {};
    const manifest = {
      ...o,
      metadata: {
        ...o.metadata,
        uid,
        resourceVersion: base.resourceVersion,
        creationTimestamp: ctx.deployedAt,
      },
    };
    if (o.kind === "Deployment" || o.kind === "StatefulSet") {
      const replicas = typeof spec["replicas"] === "number" ? spec["replicas"] : 1;
      const images = imagesOf(o);
      nodes.push({
        ...base,
        images,
        health: crashing
          ? { status: "Degraded", message: `Deployment "${o.metadata.name}" exceeded its progress deadline` }
          : { status: "Healthy" },
        manifest: {
          ...manifest,
          status: {
            replicas,
            readyReplicas: crashing ? 0 : replicas,
            availableReplicas: crashing ? 0 : replicas,
            observedGeneration: 1,
          },
        },
      });
      const template = stableTemplate(o);
      const rsName = `${o.metadata.name}-${hash(template, 10, POD_SUFFIX_ALPHABET)}`;
      const rsUid = uidFor(`${uid}:rs:${rsName}`);
      const parent = {
        group: base.group,
        version: base.version,
        kind: o.kind,
        namespace: ns,
        name: o.metadata.name,
        uid,
      };
      nodes.push({
        group: "apps",
        version: "v1",
        kind: "ReplicaSet",
        namespace: ns,
        name: rsName,
        uid: rsUid,
        resourceVersion: base.resourceVersion,
        parentRefs: [parent],
        info: [{ name: "Revision", value: "Rev:1" }],
        images,
        health: crashing
          ? {
              status: "Progressing",
              message: `Waiting for rollout to finish: 0 of ${replicas} updated replicas are available...`,
            }
          : { status: "Healthy" },
        createdAt: ctx.deployedAt,
        manifest: {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          metadata: { name: rsName, namespace: ns, uid: rsUid },
          spec: { replicas },
        },
      });
      for (let i = 0; i < replicas; i++) {
        const podName = `${rsName}-${hash(`${rsName}:${i}:${ctx.seed}`, 5, POD_SUFFIX_ALPHABET)}`;
        nodes.push(
          podNode(
            podName,
            ns,
            images,
            { group: "apps", version: "v1", kind: "ReplicaSet", namespace: ns, name: rsName, uid: rsUid },
            crashing,
            ctx,
          ),
        );
      }
    } else if (o.kind === "Job") {
      nodes.push({
        ...base,
        images: imagesOf(o),
        health: { status: "Healthy", message: "job completed" },
        info: [{ name: "Status", value: "Completed" }],
        manifest,
      });
      const podName = `${o.metadata.name}-${hash(`${o.metadata.name}:${ctx.seed}`, 5, POD_SUFFIX_ALPHABET)}`;
      nodes.push(
        podNode(
          podName,
          ns,
          imagesOf(o),
          { group: "batch", version: "v1", kind: "Job", namespace: ns, name: o.metadata.name, uid },
          false,
          ctx,
          "Completed",
        ),
      );
    } else if (o.kind === "Service") {
      nodes.push({
        ...base,
        health: { status: "Healthy" },
        manifest: { ...manifest, status: { loadBalancer: {} } },
      });
    } else {
      nodes.push({ ...base, manifest });
    }
  }
  return nodes;
}

function podNode(
  name: string,
  namespace: string,
  images: string[],
  parent: { group: string; version: string; kind: string; namespace: string; name: string; uid: string },
  crashing: boolean,
  ctx: LiveContext,
  completed?: "Completed",
): LiveNode {
  const uid = uidFor(`${parent.uid}:pod:${name}`);
  const status = completed ?? (crashing ? "CrashLoopBackOff" : "Running");
  const containers = images.map((image, i) => ({
    name: i === 0 ? parent.name.replace(/-[a-z0-9]{10}$/, "") : `c${i}`,
    image,
  }));
  return {
    group: "",
    version: "v1",
    kind: "Pod",
    namespace,
    name,
    uid,
    resourceVersion: String(200000 + parseInt(hash(uid, 5), 16)),
    parentRefs: [parent],
    info: [
      { name: "Status Reason", value: status },
      {
        name: "Node",
        value: `ip-10-42-${parseInt(hash(name, 2), 16) % 8}-${parseInt(hash(name, 3), 16) % 250}.eu-west-1.compute.internal`,
      },
      {
        name: "Containers",
        value: crashing
          ? `0/${images.length}`
          : completed
            ? `0/${images.length}`
            : `${images.length}/${images.length}`,
      },
      ...(crashing ? [{ name: "Restart Count", value: "14" }] : []),
    ],
    images,
    health: crashing
      ? {
          status: "Degraded",
          message: `back-off 5m0s restarting failed container=${containers[0]?.name ?? "app"} pod=${name}`,
        }
      : completed
        ? { status: "Healthy", message: "Completed" }
        : { status: "Healthy" },
    createdAt: ctx.deployedAt,
    manifest: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace, uid, labels: { "app.kubernetes.io/instance": ctx.appName } },
      spec: { containers },
      status: {
        phase: completed ? "Succeeded" : crashing ? "Running" : "Running",
        startTime: ctx.deployedAt,
      },
    },
  };
}

function stableTemplate(o: K8sObject): string {
  const spec = isRecord(o["spec"]) ? o["spec"] : {};
  return JSON.stringify(spec["template"] ?? {});
}

/** A generated log line of a pod. */
export interface LogLine {
  /** When the line was written, ms since the epoch. */
  at: number;
  content: string;
}

/**
 * The log of one container of a pod: start-up lines naming the image (at the pod's start), then for a
 * running pod the last 40 request lines up to now, for a crash-looping pod the fatal error, for a Job's pod
 * its migration output. Content is deterministic for a pod and seed.
 */
export function podLog(pod: LiveNode, ctx: LiveContext): LogLine[] {
  const start = Date.parse(ctx.deployedAt);
  const image = pod.images?.[0] ?? "unknown";
  const version = image.includes(":") ? image.slice(image.lastIndexOf(":") + 1) : "latest";
  const service = pod.parentRefs?.[0]?.name.replace(/-[bcdfghjklmnpqrstvwxz2456789]{10}$/, "") ?? pod.name;
  let startupLines = Number.POSITIVE_INFINITY;
  const lines: string[] = [
    `{"level":"info","msg":"starting ${service}","version":"${version}","image":"${image}"}`,
    `{"level":"info","msg":"loaded configuration","source":"/etc/${service}/config.yaml"}`,
  ];
  if (ctx.crashReason !== undefined) {
    lines.push(`{"level":"info","msg":"connecting to database","host":"10.42.3.17","port":5432}`);
    lines.push(`{"level":"warn","msg":"database not reachable, retrying","attempt":1}`);
    lines.push(`{"level":"warn","msg":"database not reachable, retrying","attempt":2}`);
    lines.push(`{"level":"error","msg":"giving up after 3 attempts"}`);
    lines.push(ctx.crashReason);
    lines.push("goroutine 1 [running]:");
    lines.push(`main.main()\n\t/src/cmd/${service}/main.go:57 +0x2a5`);
  } else if (pod.info?.some((i) => i.value === "Completed")) {
    lines.push(`{"level":"info","msg":"applying migrations","pending":3}`);
    lines.push(`{"level":"info","msg":"migration applied","id":"20261118_add_reservation_expiry"}`);
    lines.push(`{"level":"info","msg":"migration applied","id":"20261121_index_sku_location"}`);
    lines.push(`{"level":"info","msg":"migration applied","id":"20261123_backfill_reserved_qty"}`);
    lines.push(`{"level":"info","msg":"database schema is up to date"}`);
  } else {
    lines.push(`{"level":"info","msg":"listening","addr":":8080"}`);
    startupLines = lines.length;
    const paths = ["/healthz", "/api/v1/items", "/api/v1/items/sku-10023", "/metrics", "/api/v1/orders"];
    for (let i = 0; i < 40; i++) {
      const p = paths[parseInt(hash(`${pod.name}:${i}`, 2), 16) % paths.length] ?? "/healthz";
      const ms = 1 + (parseInt(hash(`${pod.name}:ms:${i}`, 2), 16) % 90);
      const status = i === 23 ? 503 : 200;
      lines.push(
        `{"level":"${status === 200 ? "info" : "warn"}","msg":"request","method":"GET","path":"${p}","status":${status},"duration_ms":${ms}}`,
      );
    }
  }
  // Start-up output comes within a second of the pod's start; a running pod then keeps serving, so its
  // request lines end at the current 15-second window (`sinceSeconds` finds them). Lines after now or
  // before the start-up output are dropped (a pod started moments ago has few request lines).
  const now = Date.now();
  const windowEnd = Math.floor(now / 15_000) * 15_000;
  const requests = lines.length - Math.min(startupLines, lines.length);
  const startupDone = start + 200 * Math.min(startupLines, lines.length) + 200;
  const out: LogLine[] = [];
  lines.forEach((content, i) => {
    const jitter = (i * 7919) % 1000;
    if (i < startupLines) out.push({ at: start + 200 * (i + 1), content });
    else {
      const at = windowEnd - (requests - (i - startupLines) - 1) * 15_000 - 1000 + jitter;
      if (at > startupDone && at <= now) out.push({ at, content });
    }
  });
  return out;
}

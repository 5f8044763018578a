import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { enforce } from "./accounts.js";
import { ArgoApiError, GrpcCode, invalidArgument } from "./api-error.js";
import { type AppState, isCrashing } from "./app-state.js";
import { eventsJson, liveContext, managedResourcesJson, resourceTreeJson } from "./application-view.js";
import { type InstanceRuntime, begin, findApplication, pathParam, queryValue } from "./instance-runtime.js";
import { type LiveNode, liveNodes, podLog } from "./live-resources.js";

/**
 * Resource routes of one instance: resource tree, managed resources, live resource, events and pod logs
 * (the logs as grpc-gateway's newline-delimited `{"result": LogEntry}` stream; argocd.md §2, §4.2).
 */
export function registerResourceRoutes(scope: FastifyInstance, rt: InstanceRuntime): void {
  const open = async (
    req: FastifyRequest,
  ): Promise<{ app: AppState; nodes: LiveNode[]; account: Awaited<ReturnType<typeof begin>> }> => {
    const account = await begin(rt, req);
    const app = findApplication(rt, account, pathParam(req, "name"), {
      appNamespace: queryValue(req, "appNamespace"),
      project: queryValue(req, "project"),
    });
    return { app, account, nodes: liveNodes(liveContext(app, isCrashing(app), rt.seed)) };
  };

  scope.get("/api/v1/applications/:name/resource-tree", async (req) => {
    const { nodes } = await open(req);
    const f = {
      namespace: queryValue(req, "namespace"),
      name: queryValue(req, "name"),
      version: queryValue(req, "version"),
      group: queryValue(req, "group"),
      kind: queryValue(req, "kind"),
    };
    return resourceTreeJson(
      nodes.filter(
        (n) =>
          (!f.namespace || n.namespace === f.namespace) &&
          (!f.name || n.name === f.name) &&
          (!f.version || n.version === f.version) &&
          (!f.group || n.group === f.group) &&
          (!f.kind || n.kind === f.kind),
      ),
    );
  });

  scope.get("/api/v1/applications/:name/managed-resources", async (req) => {
    const { app } = await open(req);
    const filter: { name?: string; namespace?: string; kind?: string; group?: string } = {};
    for (const key of ["name", "namespace", "kind", "group"] as const) {
      const v = queryValue(req, key);
      if (v) filter[key] = v;
    }
    return managedResourcesJson(app, rt.seed, filter);
  });

  scope.get("/api/v1/applications/:name/resource", async (req) => {
    const { nodes } = await open(req);
    const kind = queryValue(req, "kind");
    const name = queryValue(req, "resourceName");
    if (!kind || !name) throw invalidArgument("kind and resourceName are required");
    const node = nodes.find(
      (n) =>
        n.kind === kind &&
        n.name === name &&
        (queryValue(req, "namespace") === undefined || n.namespace === queryValue(req, "namespace")) &&
        (queryValue(req, "group") === undefined || n.group === queryValue(req, "group")),
    );
    if (!node)
      throw new ArgoApiError(
        GrpcCode.NotFound,
        `${kind.toLowerCase()} "${name}" not found as part of application`,
      );
    return { manifest: JSON.stringify(node.manifest) };
  });

  scope.get("/api/v1/applications/:name/events", async (req) => {
    const { app, nodes } = await open(req);
    const uid = queryValue(req, "resourceUID");
    const name = queryValue(req, "resourceName");
    const namespace = queryValue(req, "resourceNamespace");
    if (!uid && !name) {
      const events = [...app.events].sort((a, b) => a.at.localeCompare(b.at));
      return eventsJson(app, undefined, events);
    }
    const node = nodes.find((n) =>
      uid ? n.uid === uid : n.name === name && (!namespace || n.namespace === namespace),
    );
    if (!node)
      return eventsJson(
        app,
        { kind: "Pod", name: name ?? "", namespace: namespace ?? "", uid: uid ?? "", apiVersion: "v1" },
        [],
      );
    return eventsJson(
      app,
      {
        kind: node.kind,
        name: node.name,
        namespace: node.namespace,
        uid: node.uid,
        apiVersion: node.group ? `${node.group}/${node.version}` : node.version,
      },
      resourceEvents(node, nodes, isCrashing(app)),
    );
  });

  const logs = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    let lines: string[];
    try {
      lines = await logLines(req, rt, await open(req));
    } catch (error) {
      if (!(error instanceof ArgoApiError)) throw error;
      // A streaming call that fails before its first message: the stream-error shape with the error's status.
      void reply
        .code(error.status)
        .type("application/json")
        .send(JSON.stringify(error.toStreamBody()) + "\n");
      return;
    }
    void reply.code(200).type("application/json").send(lines.join(""));
  };
  scope.get("/api/v1/applications/:name/logs", logs);
  scope.get("/api/v1/applications/:name/pods/:podName/logs", logs);
}

async function logLines(
  req: FastifyRequest,
  rt: InstanceRuntime,
  ctx: { app: AppState; nodes: LiveNode[]; account: Parameters<typeof enforce>[0] },
): Promise<string[]> {
  const { app, nodes, account } = ctx;
  enforce(account, "logs", "get", app.bp.spec.project, app.bp.name);
  const podName = pathParam(req, "podName") || queryValue(req, "podName");
  const kind = queryValue(req, "kind");
  const resourceName = queryValue(req, "resourceName");
  const pods = nodes.filter((n) => n.kind === "Pod");
  let selected: LiveNode[];
  if (podName) {
    selected = pods.filter((p) => p.name === podName);
    if (selected.length === 0) throw new ArgoApiError(GrpcCode.NotFound, `pods "${podName}" not found`);
  } else if (resourceName) {
    const root = nodes.find((n) => n.name === resourceName && (!kind || n.kind === kind));
    if (!root)
      throw new ArgoApiError(
        GrpcCode.NotFound,
        `${(kind ?? "resource").toLowerCase()} "${resourceName}" not found`,
      );
    const descendants = new Set([root.uid]);
    for (let changed = true; changed;) {
      changed = false;
      for (const n of nodes) {
        if (!descendants.has(n.uid) && n.parentRefs?.some((p) => descendants.has(p.uid))) {
          descendants.add(n.uid);
          changed = true;
        }
      }
    }
    selected = pods.filter((p) => descendants.has(p.uid));
  } else {
    selected = pods;
  }
  const container = queryValue(req, "container");
  const tail = intParam(req, "tailLines");
  const sinceSeconds = intParam(req, "sinceSeconds");
  const sinceTime = intParam(req, "sinceTime.seconds");
  const untilRaw = queryValue(req, "untilTime");
  const until = untilRaw ? Date.parse(untilRaw) : undefined;
  if (untilRaw && Number.isNaN(until))
    throw invalidArgument(`untilTime: cannot parse "${untilRaw}" as RFC 3339`);
  const filterRaw = queryValue(req, "filter") ?? "";
  const negate = filterRaw.startsWith("!");
  const needle = negate ? filterRaw.slice(1) : filterRaw;
  const matchCase = queryValue(req, "matchCase") === "true";
  const live = liveContext(app, isCrashing(app), rt.seed);
  const entries: { at: number; content: string; podName: string }[] = [];
  for (const pod of selected) {
    const containers = (
      (pod.manifest["spec"] as { containers?: { name: string }[] } | undefined)?.containers ?? []
    ).map((c) => c.name);
    if (container && !containers.includes(container)) {
      throw invalidArgument(`container ${container} is not valid for pod ${pod.name}`);
    }
    let lines = podLog(pod, live).filter((l) => {
      if (sinceSeconds !== undefined && l.at < Date.now() - sinceSeconds * 1000) return false;
      if (sinceTime !== undefined && l.at < sinceTime * 1000) return false;
      if (until !== undefined && l.at > (until as number)) return false;
      if (needle !== "") {
        const hit = matchCase
          ? l.content.includes(needle)
          : l.content.toLowerCase().includes(needle.toLowerCase());
        if (hit === negate) return false;
      }
      return true;
    });
    if (tail !== undefined && tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    entries.push(...lines.map((l) => ({ ...l, podName: pod.name })));
  }
  entries.sort((a, b) => a.at - b.at);
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const nano = (ms: number) => new Date(ms).toISOString().replace(/Z$/, "000000Z");
  const out = entries.map(
    (e) =>
      JSON.stringify({
        result: {
          content: e.content,
          timeStamp: stamp(e.at),
          timeStampStr: nano(e.at),
          last: false,
          podName: e.podName,
        },
      }) + "\n",
  );
  const now = Date.now();
  out.push(
    JSON.stringify({
      result: { content: "", timeStamp: stamp(now), timeStampStr: nano(now), last: true, podName: "" },
    }) + "\n",
  );
  return out;
}

function intParam(req: FastifyRequest, name: string): number | undefined {
  const raw = queryValue(req, name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidArgument(`${name}: "${raw}" is not an integer`);
  return Number(raw);
}

/** Kubernetes events of a resource, as the kubelet and controllers would have left them. */
function resourceEvents(node: LiveNode, nodes: readonly LiveNode[], crashing: boolean) {
  const at = node.createdAt;
  const e = (
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    component: string,
    offsetMs = 0,
  ) => ({
    type,
    reason,
    message,
    component,
    at: new Date(Date.parse(at) + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
  });
  switch (node.kind) {
    case "Pod": {
      const image = node.images?.[0] ?? "";
      const container =
        ((node.manifest["spec"] as { containers?: { name: string }[] } | undefined)?.containers ?? [])[0]
          ?.name ?? "app";
      const list = [
        e(
          "Normal",
          "Scheduled",
          `Successfully assigned ${node.namespace}/${node.name} to ${node.info?.find((i) => i.name === "Node")?.value ?? "node"}`,
          "default-scheduler",
        ),
        e("Normal", "Pulling", `Pulling image "${image}"`, "kubelet", 1000),
        e(
          "Normal",
          "Pulled",
          `Successfully pulled image "${image}" in 2.481s (2.481s including waiting). Image size: 48213112 bytes.`,
          "kubelet",
          3500,
        ),
        e("Normal", "Created", `Created container: ${container}`, "kubelet", 3600),
        e("Normal", "Started", `Started container ${container}`, "kubelet", 3900),
      ];
      if (crashing && !node.info?.some((i) => i.value === "Completed")) {
        list.push(
          e(
            "Warning",
            "BackOff",
            `Back-off restarting failed container ${container} in pod ${node.name}_${node.namespace}(${node.uid})`,
            "kubelet",
            95_000,
          ),
        );
      }
      return list;
    }
    case "ReplicaSet":
      return nodes
        .filter((n) => n.kind === "Pod" && n.parentRefs?.some((p) => p.uid === node.uid))
        .map((p, i) =>
          e("Normal", "SuccessfulCreate", `Created pod: ${p.name}`, "replicaset-controller", 200 * i),
        );
    case "Deployment": {
      const rs = nodes.find((n) => n.kind === "ReplicaSet" && n.parentRefs?.some((p) => p.uid === node.uid));
      const replicas = nodes.filter(
        (n) => n.kind === "Pod" && rs && n.parentRefs?.some((p) => p.uid === rs.uid),
      ).length;
      return rs
        ? [
            e(
              "Normal",
              "ScalingReplicaSet",
              `Scaled up replica set ${rs.name} from 0 to ${replicas}`,
              "deployment-controller",
            ),
          ]
        : [];
    }
    case "Job":
      return [
        e(
          "Normal",
          "SuccessfulCreate",
          `Created pod: ${nodes.find((n) => n.parentRefs?.some((p) => p.uid === node.uid))?.name ?? ""}`,
          "job-controller",
        ),
        e("Normal", "Completed", "Job completed", "job-controller", 21_000),
      ];
    default:
      return [];
  }
}

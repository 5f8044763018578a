import { InvalidArgumentsError } from "@octopus-mcp/core";
import { z } from "zod";
import { locateApplication } from "../argocd/application-locator.js";
import type { ArgoCdServices } from "../services.js";
import { applicationFields, optionalText } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

/** `argocd_get_logs`: the last lines of a pod's (or workload's) log, bounded. */
export function logsTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_get_logs",
    title: "Pod log lines",
    description:
      "Last log lines of a pod, or of a workload's pods (kind+resourceName). Pod names: argocd_get_resource_tree.",
    access: "read",
    inputSchema: z
      .object({
        ...applicationFields,
        podName: optionalText().describe("Pod name"),
        kind: optionalText().describe("Workload kind, e.g. Deployment"),
        resourceName: optionalText().describe("Workload name (with kind)"),
        namespace: optionalText().describe("Pod namespace"),
        container: optionalText().describe("Container name"),
        tailLines: z.number().int().min(1).max(10000).optional().describe("Lines from the end"),
        filter: optionalText().describe("Only lines containing this"),
        previous: z.boolean().default(false).describe("Previous (crashed) container"),
      })
      .strict(),
    handler: async (args, context) => {
      if (!args.podName && !(args.kind && args.resourceName)) {
        throw new InvalidArgumentsError("Name a pod (podName) or a workload (kind and resourceName).", [
          {
            path: "/podName",
            rule: "required",
            message: "Pass podName, or kind + resourceName (e.g. Deployment, checkout).",
          },
        ]);
      }
      const limits = services.config.limits;
      const lines = Math.min(args.tailLines ?? limits.defaultLogLines, limits.maxLogLines);
      const located = await locateApplication(services, context, args.name, args.instance);
      const read = await services.client(located.instance, context).logs(
        { name: located.name, appNamespace: located.appNamespace },
        {
          podName: args.podName,
          kind: args.kind,
          resourceName: args.resourceName,
          namespace: args.namespace,
          container: args.container,
          group:
            args.kind && /^(Deployment|StatefulSet|DaemonSet|ReplicaSet)$/.test(args.kind)
              ? "apps"
              : undefined,
          tailLines: lines,
          filter: args.filter,
          previous: args.previous || undefined,
        },
        { maxLines: lines, maxBytes: limits.maxLogBytes },
      );
      const pods = new Set(read.entries.map((e) => e.podName).filter(Boolean));
      return {
        instance: located.instance.name,
        application: args.name,
        count: read.entries.length,
        lines: read.entries.map((e) => {
          const time = e.timeStampStr ?? e.timeStamp ?? "";
          const pod = pods.size > 1 && e.podName ? `[${e.podName}] ` : "";
          return `${time ? `${time} ` : ""}${pod}${e.content ?? ""}`;
        }),
        ...(read.truncated ? { truncated: true } : {}),
      };
    },
  });
}

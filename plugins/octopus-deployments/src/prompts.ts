/**
 * Prompts: short, tool-oriented playbooks for common questions. "Promote" reads the lifecycle and
 * where the release succeeded, so the agent starts from the computed next environment.
 */
import { InvalidArgumentsError, type PromptDefinition } from "@octopus-mcp/core";
import type { DeploymentsDeps } from "./deps.js";
import { promotionFacts } from "./promotion.js";

const text = (t: string) => ({ role: "user" as const, content: { type: "text" as const, text: t } });

function required(args: Readonly<Record<string, string>>, name: string): string {
  const v = args[name]?.trim();
  if (!v)
    throw new InvalidArgumentsError(`The prompt needs "${name}".`, [
      { path: `/${name}`, rule: "required", message: `Pass ${name}.` },
    ]);
  return v;
}

const spaceNote = (args: Readonly<Record<string, string>>) =>
  args["space"] ? ` (space "${args["space"]}")` : "";

export function prompts(deps: DeploymentsDeps): PromptDefinition[] {
  return [
    {
      name: "deployments_what_changed_in_production",
      title: "What changed in production",
      description: "Summarise recent production deployments and what each release changed.",
      arguments: [
        { name: "environment", description: "Environment name (default Production)" },
        { name: "since", description: "ISO 8601 start time (default: last 7 days)" },
        { name: "space", description: "Space name or ID" },
      ],
      get: async (args) => {
        const env = args["environment"]?.trim() || "Production";
        const since = args["since"]?.trim() || new Date(Date.now() - 7 * 86_400_000).toISOString();
        return {
          description: `What changed in ${env} since ${since}`,
          messages: [
            text(
              `What changed in ${env}${spaceNote(args)} since ${since}?\n` +
                `1. Call deployments_list_deployments with environments ["${env}"] and since "${since}" (follow nextCursor if needed).\n` +
                `2. For each project, call deployments_compare_releases between the previously deployed release and the new one ` +
                `(deployments_find_releases helps to find the previous version).\n` +
                `3. Report per project: old -> new version, package changes, variable changes, release notes, who deployed, and any failed deployment.`,
            ),
          ],
        };
      },
    },
    {
      name: "deployments_why_deployment_failed",
      title: "Why did this deployment fail",
      description: "Diagnose a failed deployment from its ID, task ID or portal link.",
      arguments: [
        { name: "deployment", description: "Deployments-N, ServerTasks-N or portal URL", required: true },
      ],
      get: async (args) => {
        const deployment = required(args, "deployment");
        return {
          description: `Diagnose ${deployment}`,
          messages: [
            text(
              `Why did deployment ${deployment} fail?\n` +
                `1. Call deployments_get_deployment with deployment "${deployment}": note state, error, failingStep and taskId.\n` +
                `2. Use the tasks tools with that taskId (activity summary, grep the log for errors around the failing step).\n` +
                `3. Compare with the last successful deployment of the same project and environment (deployments_list_deployments with taskState Success) ` +
                `and deployments_compare_releases to spot package or variable changes.\n` +
                `4. Answer with the root cause, the evidence (log lines), and a concrete fix; do not redeploy without asking.`,
            ),
          ],
        };
      },
    },
    {
      name: "deployments_promote_release",
      title: "Promote a release",
      description:
        "Promote a release of a project to the next environment of its lifecycle (computed from Octopus).",
      arguments: [
        { name: "project", description: "Project name, slug or ID", required: true },
        { name: "release", description: "Release version or ID (default: the newest release)" },
        { name: "space", description: "Space name or ID" },
      ],
      get: async (args, context) => {
        const project = required(args, "project");
        const facts = await promotionFacts(
          deps.client(context),
          args["space"]?.trim() || undefined,
          project,
          args["release"]?.trim() || undefined,
        );
        const where =
          facts.succeeded.length > 0
            ? `It has succeeded in ${facts.succeeded.join(", ")}.`
            : "It has not succeeded anywhere yet.";
        const plan =
          facts.nextPhase === undefined
            ? `It has completed every phase of lifecycle "${facts.lifecycle}": there is nothing to promote. Say so and stop.`
            : `The next phase of lifecycle "${facts.lifecycle}" is "${facts.nextPhase}": ${facts.nextEnvironments.join(", ")}.\n` +
              `1. Check with deployments_get_dashboard (project "${facts.project}") that nothing is running or failed there.\n` +
              `2. Ask the user to confirm, then call deployments_deploy_release with project "${facts.project}", release "${facts.release}", ` +
              `environments ${JSON.stringify(facts.nextEnvironments)}${facts.tenanted ? " (tenanted project: ask which Octopus tenants, or use tenantTags)" : ""} and waitSeconds 45.\n` +
              `3. Report the final state; if it failed, follow failingStep and taskId with deployments_get_deployment and the tasks tools.`;
        return {
          description: `Promote ${facts.project} ${facts.release}`,
          messages: [
            text(
              `Promote release ${facts.release} of "${facts.project}"${spaceNote(args)}. ${where}\n${plan}`,
            ),
          ],
        };
      },
    },
  ];
}

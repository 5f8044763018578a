/** Prompt templates: diagnose a failed deployment, and list what waits for approval. No I/O. */
import type { PromptDefinition } from "@octopus-mcp/core";

/** The plugin's prompts. */
export function taskPrompts(): PromptDefinition[] {
  return [
    {
      name: "tasks_diagnose_deployment",
      title: "Diagnose a failed deployment",
      description: "Find the cause of a failed Octopus deployment or runbook run from its link.",
      arguments: [
        {
          name: "url",
          description: "Portal link (or ID) of the deployment, runbook run or task.",
          required: true,
        },
      ],
      async get(args) {
        const url = (args["url"] ?? "").trim();
        return {
          description: `Diagnose ${url}`,
          messages: [
            {
              role: "user",
              content: {
                type: "text",
                text: [
                  `Diagnose why this Octopus deployment failed: ${url}`,
                  "",
                  `1. Call tasks_get_task with task="${url}" to see the state and which step failed.`,
                  `2. Call tasks_explain_failure with the same task for the first errors and what ran before them.`,
                  "3. If that is not conclusive, use tasks_grep_log (before/after context) or tasks_read_log around the reported line numbers. Never read the whole log.",
                  "4. If the task waits on a guided-failure interruption, say so and show its allowed results (tasks_get_interruption); do not submit it without my approval.",
                  "",
                  "Answer with: the failing step and target, the root cause in one or two sentences, the evidence (log lines with line numbers), and a suggested fix. Do not re-run or cancel anything unless I ask.",
                ].join("\n"),
              },
            },
          ],
        };
      },
    },
    {
      name: "tasks_pending_approvals",
      title: "What is waiting for approval",
      description:
        "List pending manual interventions and guided-failure prompts, with what each is waiting for.",
      arguments: [
        { name: "space", description: "Space name or ID (default space if omitted).", required: false },
      ],
      async get(args) {
        const space = (args["space"] ?? "").trim();
        const spaceArg = space ? ` with space="${space}"` : "";
        return {
          description: "Pending Octopus approvals",
          messages: [
            {
              role: "user",
              content: {
                type: "text",
                text: [
                  `What is waiting for approval in Octopus${space ? ` (space ${space})` : ""}?`,
                  "",
                  `1. Call tasks_find_interruptions${spaceArg} (pending only).`,
                  "2. For each, call tasks_get_interruption to read its instructions and allowed results, and tasks_get_task for its task.",
                  "",
                  "Answer with a short table: interruption, type, project/environment or task description, waiting since, allowed results, and whether I can take responsibility. Do not submit anything.",
                ].join("\n"),
              },
            },
          ],
        };
      },
    },
  ];
}

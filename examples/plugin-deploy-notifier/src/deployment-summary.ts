/**
 * Builds the chat message for one deployment: a one-line headline plus optional summary and link.
 * Pure functions, unit-tested without a host.
 */

export const DEPLOYMENT_OUTCOMES = ["success", "failed", "cancelled", "in_progress"] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

/** What the agent tells us about the deployment (it read it with the Octopus tools). */
export interface DeploymentFacts {
  readonly project: string;
  readonly release: string;
  readonly environment: string;
  readonly outcome: DeploymentOutcome;
  /** Octopus tenant (a customer deployed to), not the caller tenant. */
  readonly octopusTenant?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly summary?: string | undefined;
  readonly link?: string | undefined;
}

const HEADLINE: Record<DeploymentOutcome, { readonly icon: string; readonly verb: string }> = {
  success: { icon: ":white_check_mark:", verb: "succeeded" },
  failed: { icon: ":x:", verb: "failed" },
  cancelled: { icon: ":no_entry_sign:", verb: "was cancelled" },
  in_progress: { icon: ":hourglass_flowing_sand:", verb: "is in progress" },
};

/** `2h 3m`, `4m 5s`, `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${rest}s`;
  return `${rest}s`;
}

/** The one-line headline, e.g. `Deployment of Checkout 1.4.2 to Production succeeded`. */
export function headline(facts: DeploymentFacts): string {
  const tenant = facts.octopusTenant ? ` for ${facts.octopusTenant}` : "";
  return `Deployment of ${facts.project} ${facts.release} to ${facts.environment}${tenant} ${HEADLINE[facts.outcome].verb}`;
}

/** The message text (Slack mrkdwn, readable as plain text elsewhere). */
export function messageText(facts: DeploymentFacts): string {
  const lines = [`${HEADLINE[facts.outcome].icon} *${headline(facts)}*`];
  if (facts.durationSeconds !== undefined) lines[0] += ` (${formatDuration(facts.durationSeconds)})`;
  if (facts.summary) lines.push(facts.summary);
  if (facts.link) lines.push(`<${facts.link}|Open in Octopus>`);
  return lines.join("\n");
}

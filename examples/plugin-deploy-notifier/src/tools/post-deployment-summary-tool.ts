/**
 * `deploy_notifier_post_deployment_summary`: posts a deployment summary to the caller tenant's chat
 * webhook (Slack-compatible JSON: `{ text, channel? }`).
 *
 * - Credential safety: the webhook URL and token are secrets resolved per call from credential IDs;
 *   no error message or result names the URL (a Slack-style webhook URL is itself a secret).
 * - Tenant isolation: credentials resolve in the current caller tenant's namespace; the channel may
 *   come from `tenant.settings.plugins.deploy_notifier.channel`.
 * - Graceful degradation: webhook failures become typed errors (`unauthorized`, `not_found`,
 *   `rate_limit` with `retry_after`, `upstream_unavailable`); a POST is never retried automatically
 *   (it is not idempotent), so the agent decides whether to try again.
 */
import {
  defineTool,
  ForbiddenError,
  InvalidArgumentsError,
  isOctopusMcpError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  TOKENS,
  UnauthorizedError,
  UpstreamUnavailableError,
  type HttpClient,
  type ICredentialResolver,
  type IToolHandler,
  type ToolCallContext,
} from "@octopus-mcp/core";
import { inject, injectable } from "tsyringe";
import { z } from "zod";
import {
  DEPLOY_NOTIFIER_CONFIG,
  type DeployNotifierConfig,
  type DeployNotifierTenantSettings,
} from "../config.js";
import { DEPLOYMENT_OUTCOMES, headline, messageText } from "../deployment-summary.js";

export const postDeploymentSummaryInput = z
  .object({
    project: z.string().min(1).max(200).describe("Octopus project name, e.g. Checkout."),
    release: z.string().min(1).max(100).describe("Release version, e.g. 1.4.2."),
    environment: z.string().min(1).max(200).describe("Environment deployed to, e.g. Production."),
    outcome: z.enum(DEPLOYMENT_OUTCOMES).describe("How the deployment ended (or in_progress)."),
    octopusTenant: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Octopus tenant the deployment was for, when the project is multi-tenanted."),
    durationSeconds: z.number().int().min(0).optional().describe("How long the deployment took, in seconds."),
    summary: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe("One or two sentences for the channel, e.g. which step failed and why."),
    link: z.string().url().optional().describe("Octopus portal link to the deployment or its task."),
    channel: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .describe("Chat channel; default from the caller tenant's or the plugin's settings."),
  })
  .strict();

export type PostDeploymentSummaryArgs = z.infer<typeof postDeploymentSummaryInput>;

export interface PostDeploymentSummaryResult {
  readonly posted: true;
  readonly channel?: string;
  readonly text: string;
}

/** Resolved from the plugin's container once per call. */
@injectable()
export class PostDeploymentSummaryHandler implements IToolHandler<
  PostDeploymentSummaryArgs,
  PostDeploymentSummaryResult
> {
  constructor(
    @inject(TOKENS.HttpClient) private readonly http: HttpClient,
    @inject(TOKENS.CredentialResolver) private readonly credentials: ICredentialResolver,
    @inject(DEPLOY_NOTIFIER_CONFIG) private readonly config: DeployNotifierConfig,
  ) {}

  async handle(
    args: PostDeploymentSummaryArgs,
    context: ToolCallContext,
  ): Promise<PostDeploymentSummaryResult> {
    const tenantSettings = (context.tenant.settings.plugins?.["deploy_notifier"] ??
      {}) as DeployNotifierTenantSettings;
    const channel = args.channel ?? tenantSettings.channel ?? this.config.defaultChannel;
    const url = await this.credentials.getPasswordAsync(this.config.webhookUrlCredentialId);
    if (!/^https?:\/\//i.test(url)) {
      // Say which credential is wrong, never what it holds.
      throw new UnauthorizedError(
        `Credential "${this.config.webhookUrlCredentialId}" does not hold an http(s) webhook URL. ` +
          `The operator must fix it for caller tenant "${context.tenant.tenantId}".`,
      );
    }
    const headers: Record<string, string> = {};
    if (this.config.tokenCredentialId !== undefined) {
      headers.Authorization = `Bearer ${await this.credentials.getPasswordAsync(this.config.tokenCredentialId)}`;
    }
    const text = messageText(args);
    const response = await this.send(url, headers, { text, ...(channel ? { channel } : {}) }, context);
    if (response.status >= 200 && response.status < 300) {
      context.logger.info({ channel, outcome: args.outcome }, "posted deployment summary");
      return { posted: true, ...(channel ? { channel } : {}), text };
    }
    throw this.httpError(response.status, response.headers, response.body);
  }

  private async send(url: string, headers: Record<string, string>, body: unknown, context: ToolCallContext) {
    try {
      return await this.http.request<unknown>({
        method: "POST",
        url,
        headers,
        body,
        timeoutMs: this.config.requestTimeoutMs,
        signal: context.signal,
        idempotent: false,
        upstreamName: "chat webhook",
        throwOnHttpError: false,
      });
    } catch (error) {
      // Transport failures: keep the error code, drop any text that could carry the URL.
      if (isOctopusMcpError(error) && error.code === "timeout") {
        throw new TimeoutError(`The chat webhook did not answer within ${this.config.requestTimeoutMs} ms.`);
      }
      if (isOctopusMcpError(error) && error.code !== "upstream_unavailable") throw error;
      throw new UpstreamUnavailableError(
        "The chat webhook is unreachable; nothing was posted. Try again later.",
      );
    }
  }

  private httpError(status: number, headers: Headers, body: unknown): Error {
    const detail = typeof body === "string" && body.length <= 200 ? ` (${body})` : "";
    const ids = `credentials "${this.config.webhookUrlCredentialId}"${this.config.tokenCredentialId ? ` / "${this.config.tokenCredentialId}"` : ""}`;
    if (status === 401)
      return new UnauthorizedError(`The chat webhook rejected the request${detail}; check ${ids}.`);
    if (status === 403)
      return new ForbiddenError(`The chat webhook refused the request${detail}; check ${ids}.`);
    if (status === 404 || status === 410) {
      return new NotFoundError(
        `The chat webhook does not exist (HTTP ${status}); it may have been revoked: check ${ids}.`,
      );
    }
    if (status === 429) {
      const retry = Number(headers.get("retry-after"));
      return new RateLimitError(
        "The chat webhook is rate limiting; nothing was posted.",
        Number.isFinite(retry) && retry >= 0 ? retry : undefined,
      );
    }
    if (status === 400 || status === 422) {
      return new InvalidArgumentsError(`The chat webhook refused the message${detail}.`);
    }
    return new UpstreamUnavailableError(`The chat webhook answered HTTP ${status}; nothing was posted.`);
  }
}

export const postDeploymentSummaryTool = defineTool({
  name: "deploy_notifier_post_deployment_summary",
  title: "Post a deployment summary to chat",
  description:
    "Posts a one-message summary of an Octopus deployment (project, release, environment, outcome, " +
    "optional summary and link) to the team's chat channel. Read the deployment first with the Octopus tools.",
  access: "write",
  inputSchema: postDeploymentSummaryInput,
  outputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["posted", "text"],
    properties: {
      posted: { type: "boolean", const: true, description: "The webhook accepted the message." },
      channel: { type: "string", description: "Channel the message was sent to, when one was named." },
      text: { type: "string", description: "The message text as posted." },
    },
  },
  confirmationMessage: (args) => `Post "${headline(args)}" to the team chat`,
  handler: PostDeploymentSummaryHandler,
});

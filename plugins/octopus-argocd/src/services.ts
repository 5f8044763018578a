/**
 * What every tool handler needs besides its arguments: the host's HttpClient and credential
 * resolver (captured in `onStartAsync`), the resolved plugin config, and per-call factories.
 */
import type {
  ArgoCdInstanceSettings,
  HttpClient,
  ICredentialResolver,
  ToolCallContext,
} from "@octopus-mcp/core";
import { ArgoCdClient } from "./argocd/argocd-client.js";
import { selectInstances } from "./argocd/instances.js";
import type { ArgoCdPluginConfig } from "./plugin-config.js";

export class ArgoCdServices {
  constructor(
    readonly http: HttpClient,
    readonly credentials: ICredentialResolver,
    readonly config: ArgoCdPluginConfig,
  ) {}

  /** A client for `instance`, bound to the call's AbortSignal. */
  client(instance: ArgoCdInstanceSettings, context: ToolCallContext): ArgoCdClient {
    return new ArgoCdClient(instance, this.http, this.credentials, context.signal);
  }

  /** Instances named by the call (`instance` argument) or all of the caller tenant's. */
  instances(context: ToolCallContext, name?: string): readonly ArgoCdInstanceSettings[] {
    return selectInstances(context.tenant, name);
  }
}

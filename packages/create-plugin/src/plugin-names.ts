/**
 * The names a new plugin project gets from the one name its author types, e.g. `deploy-notifier`:
 * package `octopus-mcp-plugin-deploy-notifier`, namespace (tool prefix) `deploy_notifier`,
 * identifiers `createDeployNotifierPlugin` / `DeployNotifierConfig` / `DEPLOY_NOTIFIER_*`.
 */

export interface PluginNames {
  /** Kebab-case short name, e.g. `deploy-notifier`. */
  readonly slug: string;
  /** npm package name, e.g. `octopus-mcp-plugin-deploy-notifier` or `@acme/octopus-mcp-plugin-x`. */
  readonly packageName: string;
  /** Tool-name prefix: snake_case, e.g. `deploy_notifier`. */
  readonly namespace: string;
  /** PascalCase, e.g. `DeployNotifier`. */
  readonly pascal: string;
  /** SCREAMING_SNAKE_CASE, e.g. `DEPLOY_NOTIFIER`. */
  readonly constant: string;
}

/** A name that cannot become a package name or namespace; the message says how to fix it. */
export class PluginNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PluginNameError";
  }
}

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SCOPED = /^@([a-z0-9][a-z0-9._-]*)\/(.+)$/;
const NAMESPACE = /^[a-z][a-z0-9_]*$/;
/** Tool names are at most 64 characters; leave room for `_<verb>_<noun>`. */
const MAX_NAMESPACE_LENGTH = 32;
const PREFIX = "octopus-mcp-plugin-";

/**
 * Derives every name from `name` (`deploy-notifier`, `octopus-mcp-plugin-deploy-notifier` or
 * `@acme/deploy-notifier`), optionally with an explicit `namespace`.
 * @throws PluginNameError when `name` or `namespace` is not usable.
 */
export function pluginNames(name: string, namespace?: string): PluginNames {
  const trimmed = name.trim();
  const scoped = SCOPED.exec(trimmed);
  const last = scoped ? scoped[2]! : trimmed;
  const slug = last.startsWith(PREFIX) ? last.slice(PREFIX.length) : last;
  if (!SLUG.test(slug)) {
    throw new PluginNameError(
      `"${name}" is not a usable plugin name: use lower-case letters, digits and single hyphens, ` +
        `starting with a letter (e.g. "deploy-notifier" or "@acme/deploy-notifier").`,
    );
  }
  const packageName = scoped ? trimmed : `${PREFIX}${slug}`;
  const ns = namespace ?? slug.replace(/-/g, "_");
  if (!NAMESPACE.test(ns) || ns.length > MAX_NAMESPACE_LENGTH) {
    throw new PluginNameError(
      `Namespace "${ns}" is not usable: snake_case (lower-case letters, digits, "_"), starting with a ` +
        `letter, at most ${MAX_NAMESPACE_LENGTH} characters. Pass a shorter one with --namespace.`,
    );
  }
  const words = slug.split("-");
  return {
    slug,
    packageName,
    namespace: ns,
    pascal: words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(""),
    constant: words.map((w) => w.toUpperCase()).join("_"),
  };
}

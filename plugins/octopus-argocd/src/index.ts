/**
 * `@octopus-mcp/plugin-octopus-argocd`: Octopus-scoped Argo CD visibility and GitOps image
 * updates (namespace `argocd`). The default export is a factory returning a fresh plugin.
 */
import { createArgoCdPlugin } from "./plugin.js";

export { ARGOCD_PLUGIN_MANIFEST, argoCdTools, createArgoCdPlugin } from "./plugin.js";
export {
  ARGOCD_CONFIG_SCHEMA,
  DEFAULT_CONFIG,
  type ArgoCdPluginConfig,
  type GitSettings,
} from "./plugin-config.js";
export {
  matchingSources,
  scopeMatches,
  slugsEqual,
  type DeploymentScope,
} from "./annotations/scope-matching.js";
export { readSourceScopes, type AnnotatedSource, type SourceScope } from "./annotations/source-scope.js";
export {
  validateApplicationAnnotations,
  type AnnotationFinding,
} from "./annotations/annotation-validation.js";
export { mapArgoCdResponse } from "./argocd/error-mapping.js";
export default createArgoCdPlugin;

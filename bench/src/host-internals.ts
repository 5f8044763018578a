/**
 * Host modules the package root (`@octopus-mcp/host`) does not export yet: the HTTP host and the
 * call governance (confirmation, audit, metrics hooks). Imported from the built `dist` by relative
 * path, in one place, so a later export from the package root is a one-line change here.
 */
export {
  createCallGovernance,
  type CallGovernance,
} from "../../packages/host/dist/transport/call-governance.js";
export { startHttpHost, type HttpHost } from "../../packages/host/dist/transport/http-host.js";

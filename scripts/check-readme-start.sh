#!/usr/bin/env bash
# Runs the README's first command (`pnpm start`) exactly as written, waits for the start-up banner,
# checks the MCP endpoint answers initialize and tools/list, then stops it with Ctrl-C (SIGINT)
# and requires a clean exit. Used by .ci/run so the README's commands stay true.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
setsid pnpm start >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  if grep -q '^Tools: ' "$log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "pnpm start exited early:"; cat "$log"; exit 1; fi
  sleep 1
done
grep -q '^Tools: ' "$log" || { echo "pnpm start printed no banner within 300 s:"; tail -40 "$log"; exit 1; }
url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp' "$log" | head -1)
echo "pnpm start is serving at $url"
grep -E '^(Setup|Plugin|Tools):' "$log"

post() {
  curl -sS --max-time 30 -X POST "$url" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -d "$1"
}
init=$(post '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"readme-check","version":"1.0.0"}}}')
echo "$init" | grep -q '"serverInfo"' || { echo "initialize failed: $init"; exit 1; }
tools=$(post '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}')
for name in deployments_list_deployments tasks_grep_log argocd_find_applications; do
  echo "$tools" | grep -q "\"$name\"" || { echo "tools/list lacks $name: ${tools:0:400}"; exit 1; }
done
echo "initialize and tools/list answered"

# Ctrl-C reaches the whole foreground process group; pnpm itself then reports the interrupt as a
# failure, so the host's own "host stopped" line says whether everything stopped cleanly.
kill -INT -- "-$pid"
wait "$pid" || true
grep -q '"clean":true.*"msg":"host stopped"' "$log" || {
  echo "the host did not stop cleanly after Ctrl-C:"
  tail -20 "$log"
  exit 1
}
echo "pnpm start stopped cleanly after Ctrl-C"

#!/usr/bin/env bash
# `npm run test:e2e`: the extension in real VS Code (code-server's web workbench + Node extension
# host, driven by headless Chromium):
#   1. scripts/e2e/setup-tools.sh (Chromium, Node 24, code-server; skipped when present)
#   2. npm run package (esbuild production build + the VSIX), npm run compile (tsc, when needed)
#   3. integration tests: out/test/integration/**/*.test.js inside the extension host, with this
#      repo as the extension development path (one code-server, smoke-test driver on)
#   4. UI tests: the VSIX installed into a fresh code-server, out/test/ui/*.ui.js in Chromium
#   5. the demo check: `npm run demo -- --check` (the README's first command comes up, with the
#      extension installed, and shuts down leaving nothing behind)
# Exits non-zero if any phase fails; stops everything it started on exit or Ctrl+C.
# Env: E2E_TOOLS, E2E_STATE, CHROMIUM_PATH, E2E_GREP (integration), E2E_UI_SPECS (UI spec file
# filter, space-separated), E2E_SKIP_INTEGRATION=1, E2E_SKIP_UI=1, E2E_SKIP_DEMO=1, E2E_VERBOSE=1.
set -euo pipefail
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$E2E_REPO"
start=$SECONDS

child=""
cleanup() {
  # The runners stop their own code-server and Chromium when signalled; just pass it on.
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs one phase in the background (so the traps fire at once) and waits for it.
phase() {
  local rc=0
  "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  # A runner stopped by Ctrl+C/SIGTERM ends the whole run (even where this shell ignores SIGINT).
  if [ "$rc" = 130 ] || [ "$rc" = 143 ]; then exit "$rc"; fi
  return "$rc"
}

bash scripts/e2e/setup-tools.sh
e2e_log "npm run package"
e2e_clean_npm_env npm run --silent package > "$E2E_STATE/package.log" 2>&1 || { cat "$E2E_STATE/package.log" >&2; exit 1; }
grep -E 'DONE|WARNING' "$E2E_STATE/package.log" || true
e2e_compile_if_needed

rm -rf "$E2E_STATE/results"
rc_integration=skipped
rc_ui=skipped
rc_demo=skipped
if [ -z "${E2E_SKIP_INTEGRATION:-}" ]; then
  e2e_log "integration tests (extension host)"
  rc_integration=0
  phase node out/test/harness/runIntegration.js || rc_integration=$?
fi
if [ -z "${E2E_SKIP_UI:-}" ]; then
  e2e_log "UI tests (installed VSIX)"
  rc_ui=0
  # shellcheck disable=SC2086 # E2E_UI_SPECS is a list of filters
  phase node out/test/harness/runUi.js --vsix zendesk-memberships.vsix ${E2E_UI_SPECS:-} || rc_ui=$?
fi

if [ -z "${E2E_SKIP_DEMO:-}" ]; then
  e2e_log "demo check (npm run demo -- --check)"
  rc_demo=0
  # What `npm run demo -- --check` runs (package.json: "demo": "bash scripts/e2e/demo.sh"), started
  # directly so that a Ctrl+C reaches it at once; npm's environment is there as under `npm run`.
  phase bash scripts/e2e/demo.sh --check || rc_demo=$?
fi

e2e_log "integration: exit $rc_integration, ui: exit $rc_ui, demo check: exit $rc_demo, $((SECONDS - start)) s in all"
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const fs = require("fs"), path = require("path");
  const dir = path.join(process.argv[1], "results");
  let passed = 0, failed = 0;
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    passed += r.passed; failed += r.failed;
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);' "$E2E_STATE"
[ "$rc_integration" = 0 ] || [ "$rc_integration" = skipped ] || exit 1
[ "$rc_ui" = 0 ] || [ "$rc_ui" = skipped ] || exit 1
[ "$rc_demo" = 0 ] || [ "$rc_demo" = skipped ] || exit 1

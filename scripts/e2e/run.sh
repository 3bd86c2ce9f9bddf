#!/usr/bin/env bash
# `npm run test:e2e`: the extension in real VS Code (code-server's web workbench + Node extension
# host, driven by headless Chromium):
#   1. scripts/e2e/setup-tools.sh (Chromium, Node 24 + code-server 4.139.1, Node 20 + code-server
#      4.96.4; each skipped when present)
#   2. npm run package (esbuild production build + the VSIX), npm run compile (tsc, when needed)
#   3. on the newest VS Code (1.139.1), then on the oldest we claim (1.96.4, engines.vscode):
#      a. integration tests: out/test/integration/**/*.test.js inside the extension host, with
#         this repo as the extension development path (one code-server, smoke-test driver on)
#      b. UI tests: the VSIX installed into a fresh code-server, out/test/ui/*.ui.js in Chromium
#         (on the oldest: the specs in E2E_OLDEST_UI_SPECS, default "smoke memberships jobs oauth
#         security")
#   4. the demo check: `npm run demo -- --check` (the README's first command comes up, with the
#      extension installed, and shuts down leaving nothing behind)
# Exits non-zero if any phase fails; stops everything it started on exit or Ctrl+C.
# Env: E2E_TOOLS, E2E_STATE, CHROMIUM_PATH, E2E_GREP (integration), E2E_UI_SPECS (UI spec file
# filter, space-separated), E2E_OLDEST_UI_SPECS (the same for the oldest VS Code),
# E2E_SKIP_NEWEST=1, E2E_SKIP_OLDEST=1, E2E_SKIP_INTEGRATION=1, E2E_SKIP_UI=1, E2E_SKIP_DEMO=1,
# E2E_VERBOSE=1.
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

targets=()
[ -n "${E2E_SKIP_NEWEST:-}" ] || targets+=(newest)
[ -n "${E2E_SKIP_OLDEST:-}" ] || targets+=(oldest)

bash scripts/e2e/setup-tools.sh ${E2E_SKIP_OLDEST:+--no-oldest}
e2e_log "npm run package"
e2e_clean_npm_env npm run --silent package > "$E2E_STATE/package.log" 2>&1 || { cat "$E2E_STATE/package.log" >&2; exit 1; }
grep -E 'DONE|WARNING' "$E2E_STATE/package.log" || true
e2e_compile_if_needed

rm -rf "$E2E_STATE/results"
failed_phases=()
for target in "${targets[@]}"; do
  if [ -z "${E2E_SKIP_INTEGRATION:-}" ]; then
    e2e_log "integration tests (extension host), $target VS Code"
    phase env E2E_VSCODE="$target" node out/test/harness/runIntegration.js || failed_phases+=("integration ($target)")
  fi
  if [ -z "${E2E_SKIP_UI:-}" ]; then
    specs=${E2E_UI_SPECS:-}
    [ "$target" = newest ] || specs=${E2E_OLDEST_UI_SPECS:-smoke memberships jobs oauth security}
    e2e_log "UI tests (installed VSIX), $target VS Code${specs:+: $specs}"
    # shellcheck disable=SC2086 # the specs are a list of filters
    phase env E2E_VSCODE="$target" node out/test/harness/runUi.js --vsix zendesk-memberships.vsix $specs || failed_phases+=("ui ($target)")
  fi
done

if [ -z "${E2E_SKIP_DEMO:-}" ]; then
  e2e_log "demo check (npm run demo -- --check)"
  # What `npm run demo -- --check` runs (package.json: "demo": "bash scripts/e2e/demo.sh"), started
  # directly so that a Ctrl+C reaches it at once; npm's environment is there as under `npm run`.
  phase bash scripts/e2e/demo.sh --check || failed_phases+=("demo check")
fi

# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const fs = require("fs"), path = require("path");
  const dir = path.join(process.argv[1], "results");
  let passed = 0, failed = 0;
  for (const f of (fs.existsSync(dir) ? fs.readdirSync(dir) : []).sort()) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    console.log(`  ${r.phase} on ${r.vscode}: ${r.passed} passed, ${r.failed} failed`);
    passed += r.passed; failed += r.failed;
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);' "$E2E_STATE"
if [ ${#failed_phases[@]} -gt 0 ]; then
  failed_list=$(printf '%s, ' "${failed_phases[@]}")
  e2e_log "FAILED: ${failed_list%, } ($((SECONDS - start)) s in all)"
  exit 1
fi
e2e_log "all phases passed ($((SECONDS - start)) s in all)"

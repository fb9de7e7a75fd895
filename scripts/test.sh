#!/usr/bin/env bash
# `npm test`: every check CI runs, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint and types"
npx biome ci .
npx tsc --noEmit -p .
echo "== unit and API tests (embedded PGlite and PostgreSQL)"
npx vitest run
echo "== reliability (kill -9, simultaneous edits, PostgreSQL restart and outage, access matrix)"
npx vitest run --config bench/reliability/vitest.config.ts
echo "== web build"
npx vite build --config vite.config.ts --logLevel warn
echo "== browser tests (Chromium)"
bash scripts/ensure-chromium.sh
npx vitest run --config tests/e2e/vitest.config.ts

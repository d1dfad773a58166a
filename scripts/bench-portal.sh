#!/usr/bin/env bash
# Benchmark of the dashboard in headless Chromium (not a test): builds and
# packs dvctt, builds examples/portal, generates a large dossiers.csv with
# bench/e2e_csv/generate.py (kept in target/bench-portal/), drops it with its
# plan on the page and prints end to end, parse and compute times and the
# main thread's longest task (examples/portal/bench/bench-portal.mjs).
#   scripts/bench-portal.sh [rows, default 1000000] [runs, default 3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"
RUNS="${2:-3}"
DATA="$ROOT/target/bench-portal/$ROWS"
log() { printf '==> %s\n' "$*" >&2; }

bash "$ROOT/scripts/build-wasm.sh"
VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")"
cd "$ROOT/examples/portal"
npm ci --no-audit --no-fund --loglevel=error >&2
npm install --no-save --no-audit --no-fund --loglevel=error "$ROOT/target/npm/dvctt-$VERSION.tgz" >&2
node_modules/.bin/vite build --logLevel warn >&2
if ! [ -f "$DATA/dossiers.csv" ]; then
  log "generating $ROWS dossiers into target/bench-portal/$ROWS"
  mkdir -p "$DATA"
  python3 "$ROOT/bench/e2e_csv/generate.py" --rows "$ROWS" --survey-rows "$((ROWS / 8))" --seed 1 --out "$DATA" >&2
fi
log "node bench/bench-portal.mjs ($RUNS runs)"
node bench/bench-portal.mjs "$DATA" "$RUNS"

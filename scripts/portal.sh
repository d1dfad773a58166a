#!/usr/bin/env bash
# Opens the dashboard locally: builds and packs dvctt (scripts/build-wasm.sh),
# installs it with the portal's pinned dependencies, and starts Vite's dev
# server on http://127.0.0.1:5173/ (Ctrl-C stops it).
#   scripts/portal.sh            dev server
#   scripts/portal.sh --build    production build into examples/portal/dist
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/build-wasm.sh"
VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")"
cd "$ROOT/examples/portal"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "$ROOT/target/npm/dvctt-$VERSION.tgz"
if [ "${1:-}" = "--build" ]; then
  exec node_modules/.bin/vite build
fi
exec node_modules/.bin/vite --host 127.0.0.1 --port 5173

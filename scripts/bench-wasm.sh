#!/usr/bin/env bash
# Benchmark of the JS/WASM binding in headless Chromium: builds and packs the
# npm package as the tests do (scripts/build-wasm.sh), installs the PACKED
# tarball into bindings-wasm/tests-js, then times dossierCube on random
# typed-array columns against plain-JS loops in the same page
# (bindings-wasm/tests-js/bench-cube.mjs). Prints figures, asserts no time.
#   scripts/bench-wasm.sh [rows, default 1000000] [runs, default 9]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="$ROOT/bindings-wasm/tests-js"
log() { printf '==> %s\n' "$*" >&2; }

bash "$ROOT/scripts/build-wasm.sh"
VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")"
TGZ="target/npm/dvctt-$VERSION.tgz"
CHROMIUM="${DVCTT_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "no Chromium at $CHROMIUM (set DVCTT_CHROMIUM, or run scripts/test-js.sh as root to install it)" >&2; exit 1; }

cd "$TESTS"
rm -rf node_modules/dvctt
log "npm install --no-save $TGZ (and the pinned dev dependencies)"
npm install --no-save --no-package-lock --prefer-offline --no-audit --no-fund --loglevel=error \
  "../../$TGZ" >&2
cmp -s node_modules/dvctt/web/dvctt_bg.wasm "$ROOT/target/npm/dvctt/web/dvctt_bg.wasm" ||
  { echo "installed dvctt is not the package just built" >&2; exit 1; }
log "node bench-cube.mjs $*"
node bench-cube.mjs "$@"

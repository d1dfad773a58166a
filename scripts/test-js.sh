#!/usr/bin/env bash
# JS/WASM binding: build and pack the npm package (scripts/build-wasm.sh), install
# the PACKED tarball into bindings-wasm/tests-js (what we ship, not the source
# tree), then run the node:test suites against that copy (conformance vectors,
# API, browser build in headless Chromium) and type-check a usage file against
# the shipped .d.ts with tsc. Idempotent: safe to re-run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="$ROOT/bindings-wasm/tests-js"
log() { printf '==> %s\n' "$*" >&2; }

bash "$ROOT/scripts/build-wasm.sh"

VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")"
TGZ="target/npm/dvctt-$VERSION.tgz"
[ -f "$ROOT/$TGZ" ] || { echo "no $TGZ: scripts/build-wasm.sh did not pack the package" >&2; exit 1; }

# Debian's Chromium for the browser test (playwright's own browser download cannot work here).
CHROMIUM="${DVCTT_CHROMIUM:-/usr/bin/chromium}"
if ! [ -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "apt-get install chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; } ||
      log "could not install chromium: the browser test will be skipped"
  else
    log "no $CHROMIUM and not root: the browser test will be skipped"
  fi
fi

cd "$TESTS"
# Always reinstall the tarball: its version does not change when its content does.
rm -rf node_modules/dvctt
log "npm install --no-save $TGZ (and the pinned dev dependencies)"
npm install --no-save --no-package-lock --prefer-offline --no-audit --no-fund --loglevel=error \
  "../../$TGZ" >&2
cmp -s node_modules/dvctt/node/dvctt_bg.wasm "$ROOT/target/npm/dvctt/node/dvctt_bg.wasm" ||
  { echo "installed dvctt is not the package just built" >&2; exit 1; }
log "dvctt $(node -p 'require("./node_modules/dvctt/package.json").version') installed from $TGZ"

status=0
log "node --test"
node --test --test-reporter=tap conformance.test.mjs api.test.mjs cube.test.mjs ingest.test.mjs browser.test.mjs || status=1
log "tsc --noEmit"
if node_modules/.bin/tsc --noEmit -p tsconfig.json; then
  echo "tsc: types.ts OK"
else
  status=1
fi

if [ "$status" -eq 0 ]; then echo "js bindings: OK"; else echo "js bindings: FAILED"; fi
exit "$status"

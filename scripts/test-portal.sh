#!/usr/bin/env bash
# The portal: packaging tests of the PACKED npm tarball (Node ESM, Node CJS,
# a plain <script type="module">, Vite dev and production build;
# bindings-wasm/tests-pkg) and the dashboard examples/portal built with Vite
# and tested in Debian's headless Chromium (figures against the CLI's, the
# CSV drop, the report form, the language switch; screenshots written to
# target/portal-screenshots/). Installs what it needs (npm ci, pinned
# lockfiles); safe to re-run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '==> %s\n' "$*" >&2; }

bash "$ROOT/scripts/build-wasm.sh"
VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")"
TGZ="$ROOT/target/npm/dvctt-$VERSION.tgz"
[ -f "$TGZ" ] || { echo "no $TGZ: scripts/build-wasm.sh did not pack the package" >&2; exit 1; }
CHROMIUM="${DVCTT_CHROMIUM:-/usr/bin/chromium}"
if ! [ -x "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "apt-get install chromium"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; } ||
    log "could not install chromium: the browser tests will be skipped"
fi

# npm ci from the committed lockfile, then the packed dvctt on top (not saved:
# its checksum changes with every build).
install() {
  local dir="$1"
  cd "$dir"
  log "npm ci in ${dir#"$ROOT"/}, then npm install --no-save the packed dvctt"
  npm ci --no-audit --no-fund --loglevel=error >&2
  npm install --no-save --no-audit --no-fund --loglevel=error "$TGZ" >&2
  cmp -s node_modules/dvctt/web/dvctt_bg.wasm "$ROOT/target/npm/dvctt/web/dvctt_bg.wasm" ||
    { echo "installed dvctt is not the package just built" >&2; exit 1; }
}

status=0
install "$ROOT/bindings-wasm/tests-pkg"
log "packaging tests"
node --test --test-reporter=tap node-esm.test.mjs node-cjs.test.cjs readme.test.mjs page.test.mjs browser.test.mjs || status=1

install "$ROOT/examples/portal"
# The tests compare the page with the CLI (`cargo run -p dvctt-cli`): built
# once here, so that no test's time goes to compiling it.
log "cargo build -p dvctt-cli"
(cd "$ROOT" && cargo build -q -p dvctt-cli)
log "dashboard tests"
node --test --test-reporter=tap --test-concurrency=1 tests/portal.test.mjs || status=1

if [ "$status" -eq 0 ]; then echo "portal: OK"; else echo "portal: FAILED"; fi
exit "$status"

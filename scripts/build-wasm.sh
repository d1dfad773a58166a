#!/usr/bin/env bash
# Builds the npm package `dvctt` from bindings-wasm:
#   target/npm/dvctt/          the package folder:
#     node/    Node: CommonJS (dvctt.js) and ES module (index.mjs), every function
#     web/     browsers and bundlers: index.js initialises itself (top-level
#              await); dvctt.js needs init(). Built for size (profile wasm-web,
#              wasm-opt -Oz) and without the XLSX writer.
#     page/    the page's module: web/ with only the functions examples/portal
#              calls (built without the feature whole-api); dvctt/worker
#              loads it, and web/ in the worker for any other function
#     xlsx/    browsers: the whole API with the XLSX writer, for a page to load
#              lazily when a workbook is asked for
#     worker/  dvctt/worker: page/ (and web/ when needed) in a Web Worker through Comlink
#   target/npm/dvctt-<v>.tgz   the packed package, what the JS tests install
# Idempotent: each step is skipped when its result is current.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET=wasm32-unknown-unknown
ARTIFACT=dvctt_wasm
log() { printf '==> %s\n' "$*" >&2; }

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
lock_version() { awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$1"; }
WBV="$(lock_version Cargo.lock)"
TOOL_WBV="$(lock_version tools/wasm-bindgen-cli/Cargo.lock)"
if [ -z "$WBV" ] || [ "$WBV" != "$TOOL_WBV" ]; then
  echo "wasm-bindgen $WBV in Cargo.lock but $TOOL_WBV in tools/wasm-bindgen-cli/Cargo.lock" >&2
  exit 1
fi

# 1. The CLI, built from tools/wasm-bindgen-cli with its committed lockfile.
log "wasm-bindgen CLI $WBV (first build takes a few minutes)"
cargo build -q --release --locked --manifest-path tools/wasm-bindgen-cli/Cargo.toml --target-dir target/tools-build
WB="$ROOT/target/tools-build/release/wasm-bindgen"
[ "$("$WB" --version)" = "wasm-bindgen $WBV" ] || { echo "unexpected $("$WB" --version)" >&2; exit 1; }

# 2. A toolchain for wasm32: rustup's target when it can be had, else Debian's rustc-web.
sysroot_has_target() { [ -d "$(rustc --print sysroot)/lib/rustlib/$TARGET/lib" ]; }
if command -v rustup >/dev/null 2>&1 && ! sysroot_has_target; then
  timeout 120 rustup target add "$TARGET" >&2 || log "rustup target add failed; falling back to Debian's rustc-web"
fi
BUILD=(build -p dvctt-wasm --target "$TARGET")
if command -v rustup >/dev/null 2>&1 && sysroot_has_target; then
  log "toolchain: $(rustc --version) (rustup)"
  CARGO=(cargo)
else
  # std is rebuilt for wasm32 from Debian's sources; rust-lld comes from lld-22.
  if ! [ -x /usr/bin/rustc ] || ! [ -d /usr/lib/rustlib/src/rust/library ] ||
     ! /usr/bin/rust-lld -flavor wasm --version >/dev/null 2>&1; then
    log "apt-get install rustc-web cargo-web rust-web-src lld-22"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web cargo-web rust-web-src lld-22 >&2
  fi
  log "toolchain: $(/usr/bin/rustc --version) (Debian, -Zbuild-std)"
  # RUSTC must be set, or /usr/bin/cargo would run the rustup proxy first on PATH.
  CARGO=(env RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo)
  BUILD+=(-Zbuild-std=std,panic_abort)
fi
# 128-bit SIMD (every current browser and Node >= 16.4): the dossier cube's
# row checks vectorise, about 20% faster on 1M rows (scripts/bench-wasm.sh).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:--C target-feature=+simd128}"
# The whole API (Node, dvctt/xlsx), then the browser's main module: size first,
# no XLSX writer (about 416 KB gzipped of rust_xlsxwriter, zip and zopfli).
log "cargo ${BUILD[*]} --release (rustflags: $CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)"
"${CARGO[@]}" "${BUILD[@]}" --release
# Both browser builds come out as wasm-web/$ARTIFACT.wasm: each is copied
# aside (cargo keeps both feature sets' artifacts, so a rerun only copies).
WASM="$ROOT/target/$TARGET/release/$ARTIFACT.wasm"
WASM_WEB="$ROOT/target/$TARGET/wasm-web/$ARTIFACT-web.wasm"
WASM_PAGE="$ROOT/target/$TARGET/wasm-web/$ARTIFACT-page.wasm"
# The browser builds also leave out the file, line and column of each panic
# (-Zlocation-detail=none, as the Rust "min-sized-rust" guide advises; about
# 5 KB of page/ gzipped): a panic in wasm ends in an `unreachable` trap, a JS
# RuntimeError without them. An unstable flag: RUSTC_BOOTSTRAP=1, as
# -Zbuild-std needs on Debian's toolchain.
WEB_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS -Zlocation-detail=none"
web_cargo() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WEB_RUSTFLAGS" RUSTC_BOOTSTRAP=1 "${CARGO[@]}" "$@"
}
log "cargo ${BUILD[*]} --profile wasm-web --no-default-features --features whole-api,platform-nfc (rustflags: $WEB_RUSTFLAGS)"
web_cargo "${BUILD[@]}" --profile wasm-web --no-default-features --features whole-api,platform-nfc
cp "$ROOT/target/$TARGET/wasm-web/$ARTIFACT.wasm" "$WASM_WEB"
# The page's module: only the functions examples/portal calls (without the
# feature whole-api), for dvctt/worker.
log "cargo ${BUILD[*]} --profile wasm-web --no-default-features --features platform-nfc (the page's functions only)"
web_cargo "${BUILD[@]}" --profile wasm-web --no-default-features --features platform-nfc
cp "$ROOT/target/$TARGET/wasm-web/$ARTIFACT.wasm" "$WASM_PAGE"

# 3. wasm-opt (binaryen from npm, pinned in bindings-wasm/wasm-opt/package-lock.json).
OPT_DIR="$ROOT/bindings-wasm/wasm-opt"
if ! [ -x "$OPT_DIR/node_modules/.bin/wasm-opt" ]; then
  log "npm ci in bindings-wasm/wasm-opt (binaryen)"
  (cd "$OPT_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
# The features rustc's wasm32 target emits (and every current browser runs).
OPT_FEATURES=(--enable-simd --enable-bulk-memory --enable-sign-ext --enable-mutable-globals
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue)
# binaryen.js takes a minute or two: the result is kept by the input's checksum.
wasm_opt() {
  local cache
  cache="$ROOT/target/wasm-opt-cache/$(sha256sum "$1" | cut -c1-32).wasm"
  if ! [ -f "$cache" ]; then
    mkdir -p "$(dirname "$cache")"
    "$OPT_DIR/node_modules/.bin/wasm-opt" -Oz "${OPT_FEATURES[@]}" "$1" -o "$cache.tmp"
    mv "$cache.tmp" "$cache"
  fi
  cp "$cache" "$1"
}

# 4. Bind for Node (CommonJS) and browsers (ES modules), then assemble and pack the package.
PKG="$ROOT/target/npm/dvctt"
JS="$ROOT/bindings-wasm/js"
VERSION="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
rm -rf "$PKG" && mkdir -p "$PKG"
"$WB" "$WASM" --target nodejs --out-dir "$PKG/node" --out-name dvctt
"$WB" "$WASM_WEB" --target web --out-dir "$PKG/web" --out-name dvctt
"$WB" "$WASM_PAGE" --target web --out-dir "$PKG/page" --out-name dvctt
"$WB" "$WASM" --target web --out-dir "$PKG/xlsx" --out-name dvctt
# Only the browser's main modules: -Oz on the whole API (xlsx/) takes
# binaryen.js several minutes for about 10% less, on a module loaded only on demand.
log "wasm-opt -Oz web/ page/"
wasm_opt "$PKG/web/dvctt_bg.wasm"
wasm_opt "$PKG/page/dvctt_bg.wasm"
echo '{ "type": "commonjs" }' > "$PKG/node/package.json"
echo '{ "type": "module" }' > "$PKG/page/package.json"
cp "$JS/node-index.mjs" "$PKG/node/index.mjs"
for d in web xlsx; do
  echo '{ "type": "module" }' > "$PKG/$d/package.json"
  cp "$JS/auto-init.js" "$PKG/$d/index.js"
  cp "$JS/auto-init.d.ts" "$PKG/$d/index.d.ts"
done
mkdir -p "$PKG/worker"
cp "$JS/worker-index.js" "$PKG/worker/index.js"
cp "$JS/worker-index.d.ts" "$PKG/worker/index.d.ts"
cp "$JS/worker-worker.js" "$PKG/worker/worker.js"
sed "s/@VERSION@/$VERSION/" bindings-wasm/package.template.json > "$PKG/package.json"
cp bindings-wasm/README.md "$PKG/README.md"
(cd "$ROOT/target/npm" && rm -f dvctt-*.tgz && npm pack --silent ./dvctt >/dev/null)
size() { printf '%s: %s bytes, %s gzip -9' "$1" "$(wc -c < "$PKG/$1")" "$(gzip -9c "$PKG/$1" | wc -c)"; }
log "packed $(ls "$ROOT"/target/npm/dvctt-*.tgz)"
log "$(size node/dvctt_bg.wasm)"
log "$(size web/dvctt_bg.wasm) (dvctt/web: the whole API)"
log "$(size page/dvctt_bg.wasm) (the page's module, loaded by dvctt/worker)"
log "$(size xlsx/dvctt_bg.wasm) (loaded for workbooks only)"

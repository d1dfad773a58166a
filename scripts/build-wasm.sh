#!/usr/bin/env bash
# Builds the npm package `dvctt` from bindings-wasm:
#   target/npm/dvctt/          the package folder (node/: CommonJS for Node, web/: ES module for browsers)
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
BUILD=(build -p dvctt-wasm --release --target "$TARGET")
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
log "cargo ${BUILD[*]} (rustflags: $CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)"
"${CARGO[@]}" "${BUILD[@]}"
WASM="$ROOT/target/$TARGET/release/$ARTIFACT.wasm"

# 3. Bind for Node (CommonJS) and browsers (ES module), then assemble and pack the package.
PKG="$ROOT/target/npm/dvctt"
VERSION="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
rm -rf "$PKG" && mkdir -p "$PKG"
"$WB" "$WASM" --target nodejs --out-dir "$PKG/node" --out-name dvctt
"$WB" "$WASM" --target web --out-dir "$PKG/web" --out-name dvctt
echo '{ "type": "commonjs" }' > "$PKG/node/package.json"
echo '{ "type": "module" }' > "$PKG/web/package.json"
sed "s/@VERSION@/$VERSION/" bindings-wasm/package.template.json > "$PKG/package.json"
cp bindings-wasm/README.md "$PKG/README.md"
(cd "$ROOT/target/npm" && rm -f dvctt-*.tgz && npm pack --silent ./dvctt >/dev/null)
log "packed $(ls "$ROOT"/target/npm/dvctt-*.tgz) ($(wc -c < "$PKG/node/dvctt_bg.wasm") bytes of wasm)"

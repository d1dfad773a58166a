#!/usr/bin/env bash
# Kotlin (and generated Swift) binding: builds the native library, regenerates
# the uniffi bindings into bindings-mobile/generated/, then compiles the Kotlin
# binding and runs its JUnit tests (API tests and every conformance vector)
# with Maven. Safe to re-run.
#   scripts/test-kotlin.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

# Java 17+ and Maven; installed with apt-get when missing and running as root.
if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "--- installing Maven and a JDK (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven openjdk-17-jdk-headless >/dev/null
  else
    echo "error: mvn and java (17+) are required" >&2
    exit 1
  fi
fi

# The library is used unstripped (debug profile): uniffi-bindgen reads the
# binding's metadata from it, and the tests load the same file.
echo "--- cargo build -p dvctt-mobile -p uniffi-bindgen"
cargo build -q -p dvctt-mobile -p uniffi-bindgen
lib_dir="$root/target/debug"
lib="$lib_dir/libdvctt_mobile.so"
[ -f "$lib" ] || { echo "error: $lib was not built" >&2; exit 1; }

gen="$root/bindings-mobile/generated"
rm -rf "$gen/kotlin" "$gen/swift"
for lang in kotlin swift; do
  echo "--- uniffi-bindgen generate --language $lang"
  "$lib_dir/uniffi-bindgen" generate "$lib" --language "$lang" --out-dir "$gen/$lang" --no-format \
    --config "$root/bindings-mobile/uniffi.toml"
done
for f in kotlin/vn/dvctt/dvctt.kt swift/Dvctt.swift swift/DvcttFFI.h swift/DvcttFFI.modulemap; do
  [ -s "$gen/$f" ] || { echo "error: generated file missing: bindings-mobile/generated/$f" >&2; exit 1; }
done
echo "generated: $(cd "$gen" && find . -type f | sort | tr '\n' ' ')"
# Swift is generated only: there is no Swift compiler here to build it.

# The README's Kotlin blocks, one file and package each, compiled with the
# tests (kotlin/pom.xml) so that a snippet that does not compile fails.
snip="$root/bindings-mobile/kotlin/target/readme-snippets"
rm -rf "$snip" && mkdir -p "$snip"
awk -v dir="$snip" '
  /^```kotlin$/ { n++; f = dir "/Snippet" n ".kt"; print "package readme.snippet" n > f; inside = 1; next }
  /^```/ && inside { inside = 0; close(f); next }
  inside { print > f }
' "$root/bindings-mobile/README.md"
echo "README snippets: $(ls "$snip" | tr '\n' ' ')"

echo "--- mvn test (bindings-mobile/kotlin)"
cd "$root/bindings-mobile/kotlin"
mkdir -p target
log=target/mvn-test.log
if mvn -B -ntp test -Ddvctt.lib.dir="$lib_dir" -Ddvctt.generated.dir="$gen/kotlin" >"$log" 2>&1; then
  grep -E '^\[INFO\] (Tests run:|BUILD)' "$log" || true
else
  rc=$?
  # Show the failures (and enough context to see compile errors).
  grep -E '^\[(ERROR|WARNING)\]|Tests run:|BUILD' "$log" \
    | grep -vE '^\[ERROR\] *$|Re-run Maven|For more information|\[Help 1\]|full stack trace|See dump files' \
    | head -n 150
  echo "mvn test failed (exit $rc); full log: bindings-mobile/kotlin/$log" >&2
  exit "$rc"
fi

#!/usr/bin/env bash
# Runs the coverage-guided fuzz targets of fuzz/ (cargo-fuzz, libFuzzer,
# AddressSanitizer on the nightly toolchain), each for SECONDS (600 unless
# given), over the seed corpora in fuzz/corpus/ (made by fuzz/seed.py, kept
# in the repository, only read) and the grown corpora in target/fuzz-corpus/
# (where libFuzzer writes the new inputs it finds). A crash, panic or
# timeout stops the run and leaves the input in fuzz/artifacts/<target>/:
# make it a regression test. Not run in CI (it takes an hour and a half).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_FUZZ_VERSION=0.13.2
seconds="${1:-600}"
shift || true
targets=("$@")
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
mkdir -p target/fuzz-logs
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "target/fuzz-corpus/$t"
  echo "=== $t: ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run "$t" "../target/fuzz-corpus/$t" "corpus/$t" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
      -print_final_stats=1) 2>&1 | tee "target/fuzz-logs/$t.log" | grep -E "^(stat::|Done|==|SUMMARY)" || true
  if grep -qE "^==[0-9]+==ERROR|panicked|deadly signal|Test unit written" "target/fuzz-logs/$t.log"; then
    echo "=== $t: FOUND A FAILURE (see target/fuzz-logs/$t.log and fuzz/artifacts/$t/)"
    exit 1
  fi
done

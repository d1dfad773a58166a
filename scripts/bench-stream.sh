#!/usr/bin/env bash
# The bounded-memory benchmark: a dossier export of ROWS rows (100 million
# unless given) judged by `dvctt report` (which streams dossier files), with its peak memory
# (maximum resident set size, /usr/bin/time -v) and wall time. The file is
# made from the 1M-row export of scripts/bench-e2e.sh (run that first), each
# copy's ids prefixed so every id stays unique; it takes about 7.5 GB of disk
# in target/bench-stream/ and is made once.
#   scripts/bench-stream.sh [ROWS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-100000000}"
SRC="$ROOT/target/bench-e2e"
OUT="$ROOT/target/bench-stream"
[ -f "$SRC/dossiers.csv" ] || { echo "run scripts/bench-e2e.sh first (it makes $SRC)" >&2; exit 1; }
mkdir -p "$OUT"
BIG="$OUT/dossiers-$ROWS.csv"
if [ ! -f "$BIG" ]; then
  src_rows=$(( $(wc -l < "$SRC/dossiers.csv") - 1 ))
  copies=$(( (ROWS + src_rows - 1) / src_rows ))
  echo "==> making $BIG ($copies copies of $src_rows rows)" >&2
  { head -1 "$SRC/dossiers.csv"
    for k in $(seq 1 "$copies"); do tail -n +2 "$SRC/dossiers.csv" | sed "s/^/K$k-/"; done
  } | head -n $((ROWS + 1)) > "$BIG.part"
  mv "$BIG.part" "$BIG"
fi
cargo build --release --locked -p dvctt-cli >&2
echo "==> dvctt report on $(du -h "$BIG" | cut -f1) ($ROWS rows)" >&2
/usr/bin/time -v "$ROOT/target/release/dvctt" report --plan "$SRC/plan.json" \
  --dossiers "$BIG" --json > "$OUT/report.json" 2> "$OUT/time.txt" || {
  cat "$OUT/time.txt" >&2; exit 1; }
grep -E "Elapsed|Maximum resident" "$OUT/time.txt"

#!/usr/bin/env bash
# End-to-end CSV benchmark: `dvctt report` against DuckDB on the same CSV
# files, in the same run (bench/e2e_csv). Builds the release CLI, installs
# pinned duckdb into the venv of scripts/test-python.sh (target/py-venv),
# generates the data once into target/bench-e2e/ (again when missing or when
# the sizes or seed change), then runs bench/e2e_csv/compare.py, which checks
# both sides' results are equal before printing any time.
#   scripts/bench-e2e.sh [--rows N (1000000)] [--survey-rows N (rows/8)] [--seed S (1)] [--runs K (5)]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DUCKDB_VERSION=2.0.0
VENV="$ROOT/target/py-venv"
DATA="$ROOT/target/bench-e2e"
log() { printf '==> %s\n' "$*" >&2; }

ROWS=1000000
SURVEY_ROWS=
SEED=1
RUNS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --survey-rows) SURVEY_ROWS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--survey-rows N] [--seed S] [--runs K]" >&2; exit 2 ;;
  esac
done
SURVEY_ROWS="${SURVEY_ROWS:-$((ROWS / 8))}"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    log "apt-get install time (for /usr/bin/time -v)"
    apt-get update -q >&2 && apt-get install -y -q time >&2
  else
    echo "/usr/bin/time is missing: install Debian's time package (apt-get install time)" >&2
    exit 1
  fi
fi

log "cargo build --release -p dvctt-cli"
(cd "$ROOT" && cargo build --release --locked -p dvctt-cli)

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/bin/python"
"$VPY" -m pip install -q --disable-pip-version-check "duckdb==$DUCKDB_VERSION"

# The stamp names the generator's arguments and a hash of the generator:
# data from other arguments or another generator is made again.
STAMP="rows=$ROWS survey_rows=$SURVEY_ROWS seed=$SEED generator=$(cksum < "$ROOT/bench/e2e_csv/generate.py")"
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "$STAMP" ] ||
   [ ! -f "$DATA/dossiers.csv" ] || [ ! -f "$DATA/survey.csv" ] || [ ! -f "$DATA/plan.json" ]; then
  log "generating $ROWS dossiers and $SURVEY_ROWS survey responses (seed $SEED) into target/bench-e2e"
  rm -rf "$DATA" && mkdir -p "$DATA"
  "$PYTHON" "$ROOT/bench/e2e_csv/generate.py" --rows "$ROWS" --survey-rows "$SURVEY_ROWS" \
    --seed "$SEED" --out "$DATA"
  printf '%s\n' "$STAMP" > "$DATA/stamp"
fi

log "bench/e2e_csv/compare.py --runs $RUNS"
export PYTHONSAFEPATH=1 PYTHONDONTWRITEBYTECODE=1
"$VPY" "$ROOT/bench/e2e_csv/compare.py" --data "$DATA" --dvctt "$ROOT/target/release/dvctt" --runs "$RUNS"

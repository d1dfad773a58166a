#!/usr/bin/env bash
# Benchmark: dvctt.dossier_cube through Python on a pyarrow Table against
# DuckDB, in the same run (bench/python_cube.py; arguments are passed on,
# e.g. --rows 1000000 --runs 3). With --peers first: against DuckDB, polars
# and pandas, dvctt on one thread and on every core (bench/python_vs_peers.py).
# With --threads first: 1 thread against 2, wall and perf stat's task-clock
# (bench/python_threads.py; needs perf). Builds the release wheel and installs it with
# pinned duckdb/pyarrow/polars/numpy into the venv of scripts/test-python.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
MATURIN_VERSION=1.16.0
NUMPY_VERSION=2.4.6
PYARROW_VERSION=26.0.1
POLARS_VERSION=2.1.0
DUCKDB_VERSION=2.0.0
PANDAS_VERSION=3.1.1

VENV="$ROOT/target/py-venv"
DIST="$ROOT/target/py-bench-dist"
RUNDIR="$ROOT/target/py-bench-run"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/bin/python"
"$VPY" -m pip install -q --disable-pip-version-check "maturin==$MATURIN_VERSION" \
  "numpy==$NUMPY_VERSION" "pyarrow==$PYARROW_VERSION" "polars==$POLARS_VERSION" \
  "duckdb==$DUCKDB_VERSION" "pandas==$PANDAS_VERSION"

rm -rf "$DIST"
(cd "$ROOT/bindings-python" && "$VENV/bin/maturin" build --release --locked -i "$VPY" -o "$DIST")
"$VPY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$DIST"/dvctt-*.whl

rm -rf "$RUNDIR" && mkdir -p "$RUNDIR"
cd "$RUNDIR"
export PYTHONSAFEPATH=1
if [ "${1:-}" = "--peers" ]; then
  shift
  "$VPY" "$ROOT/bench/python_vs_peers.py" "$@"
elif [ "${1:-}" = "--threads" ]; then
  # 1 thread, then 2: wall (printed by the script) and perf's task-clock,
  # counted only while the calls run (perf stat's control FIFO).
  shift
  for T in 1 2; do
    rm -f ctl ack && mkfifo ctl ack
    perf stat -e task-clock --delay=-1 --control fifo:ctl,ack -- \
      "$VPY" "$ROOT/bench/python_threads.py" --threads "$T" --perf-ctl ctl --perf-ack ack "$@"
  done
else
  "$VPY" "$ROOT/bench/python_cube.py" "$@"
fi

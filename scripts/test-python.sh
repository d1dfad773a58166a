#!/usr/bin/env bash
# Python binding: build the dvctt wheel (abi3, cp39+), install it into a
# private venv and test the INSTALLED copy: pytest (conformance vectors and
# API), mypy.stubtest against the runtime, mypy --strict on a usage file.
# Idempotent: safe to re-run; everything it makes lives under target/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
MATURIN_VERSION=1.16.0
# The wheel is linked by zig against glibc 2.17 symbols: manylinux2014
# (manylinux_2_17), the oldest tag a Rust std build can have (Rust needs
# glibc >= 2.17); built on this host without zig it would be tagged with the
# host's glibc (manylinux_2_34). auditwheel checks the tag from the symbols.
ZIGLANG_VERSION=0.17.1
AUDITWHEEL_VERSION=6.8.2
MYPY_VERSION=2.4.1
PYTEST_VERSION=9.2.0
# Inputs of dvctt.dossier_cube (tests/test_cube.py) and dvctt.Data.from_arrow
# (tests/test_arrow.py): numpy, pyarrow, pandas, polars, DuckDB.
NUMPY_VERSION=2.4.6
PYARROW_VERSION=26.0.1
PANDAS_VERSION=3.1.1
POLARS_VERSION=2.1.0
OPENPYXL_VERSION=3.1.5 # an independent XLSX reader for the export tests
DUCKDB_VERSION=2.0.0 # a DuckDB relation as Arrow input (tests/test_arrow.py)
MATPLOTLIB_VERSION=3.11.2 # Results.plot (the plot extra)
DASK_VERSION=2026.8.0 # dvctt.dask (the dask extra), on a LocalCluster of processes
# The example notebook (examples/notebooks/), run by tests/test_notebook.py.
NBCLIENT_VERSION=0.11.0
NBFORMAT_VERSION=5.11.1
IPYKERNEL_VERSION=7.4.0

VENV="$ROOT/target/py-venv"
DIST="$ROOT/target/py-dist"
RUNDIR="$ROOT/target/py-run" # neutral cwd: the source tree's python/dvctt is not importable
PKG="$ROOT/bindings-python"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/bin/python"
"$VPY" -m pip install -q --disable-pip-version-check \
  "maturin==$MATURIN_VERSION" "ziglang==$ZIGLANG_VERSION" "auditwheel==$AUDITWHEEL_VERSION" \
  "mypy==$MYPY_VERSION" "pytest==$PYTEST_VERSION" \
  "numpy==$NUMPY_VERSION" "pyarrow==$PYARROW_VERSION" "pandas==$PANDAS_VERSION" \
  "polars==$POLARS_VERSION" "openpyxl==$OPENPYXL_VERSION" "duckdb==$DUCKDB_VERSION" \
  "matplotlib==$MATPLOTLIB_VERSION" "nbclient==$NBCLIENT_VERSION" "nbformat==$NBFORMAT_VERSION" \
  "ipykernel==$IPYKERNEL_VERSION" "dask[dataframe]==$DASK_VERSION" \
  "distributed==$DASK_VERSION"

rm -rf "$DIST"
# The sdist's sources of the last run go first: the sdist build below shares
# this target dir, and while its sources exist cargo would find the
# repository's build fresh with the library built from them (stale code).
rm -rf "$ROOT/target/py-sdist"
# -i pins the abi3 build to the venv's python; -o collects exactly one wheel.
# maturin finds zig as `python -m ziglang` of the python first on PATH.
(cd "$PKG" && PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" build --release --locked \
  --zig --compatibility manylinux2014 -i "$VPY" -o "$DIST")
shopt -s nullglob
WHEEL=("$DIST"/dvctt-*.whl)
shopt -u nullglob
[ "${#WHEEL[@]}" -eq 1 ] || { echo "expected one wheel in $DIST, got: ${WHEEL[*]:-none}"; exit 1; }
case "$(basename "${WHEEL[0]}")" in
  *-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) echo "wheel: $(basename "${WHEEL[0]}")" ;;
  *) echo "wheel is not cp39-abi3 manylinux_2_17: ${WHEEL[0]}"; exit 1 ;;
esac
# The symbols the library uses, not only the name, must fit the tag.
AUDIT="$("$VENV/bin/auditwheel" show "${WHEEL[0]}")"
tr -s ' \n' ' ' <<<"$AUDIT" \
  | grep -q 'consistent with the following platform tag: "manylinux_2_17_x86_64"' \
  || { echo "$AUDIT"; echo "auditwheel: not manylinux_2_17"; exit 1; }
# The source distribution builds (what pip builds from without a wheel).
(cd "$PKG" && "$VENV/bin/maturin" sdist -o "$ROOT/target/py-sdist")
SDIST=("$ROOT"/target/py-sdist/dvctt-*.tar.gz)
LISTING="$(tar tzf "${SDIST[0]}")" # read whole: grep -q on a pipe would cut tar short
for f in Cargo.lock core/src/lib.rs bindings-python/src/lib.rs python/dvctt/__init__.py pyproject.toml; do
  grep -qx "dvctt-[^/]*/$f" <<<"$LISTING" || { echo "sdist lacks $f"; exit 1; }
done
"$VPY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "${WHEEL[0]}"

rm -rf "$RUNDIR" && mkdir -p "$RUNDIR"
cd "$RUNDIR"
export PYTHONSAFEPATH=1 # never put the cwd or a script's folder on sys.path
export PYTHONDONTWRITEBYTECODE=1
export MPLBACKEND=Agg # charts are written to files, never shown
unset PYTHONPATH MYPYPATH

"$VPY" -c 'import dvctt; print("dvctt", dvctt.__version__, "from", dvctt.__file__); assert "site-packages" in dvctt.__file__'
"$VENV/bin/pytest" -q -p no:cacheprovider --import-mode=importlib \
  --rootdir "$RUNDIR" "$PKG/tests"

ALLOW=()
[ -f "$PKG/stubtest-allowlist.txt" ] && ALLOW=(--allowlist "$PKG/stubtest-allowlist.txt")
"$VPY" -m mypy.stubtest dvctt ${ALLOW[@]+"${ALLOW[@]}"}
"$VPY" -m mypy --strict --no-incremental "$PKG/tests/typing_usage.py"

# A wheel built from the sdist alone (what pip does where no wheel fits),
# installed into a venv of its own, must give the tested wheel's answers:
# the example plan evaluated on the example CSVs. Same target dir and flags
# as the wheel above, so only dvctt and the binding compile again (the
# crates.io dependencies are reused). The sdist's workspace has only core
# and the binding, so cargo prunes its Cargo.lock (--locked would refuse):
# built --offline, and the pruned lock may only lose entries, never gain or
# change one (the same dependency versions as the repository's lock).
SDIST_SRC="$ROOT/target/py-sdist/src"
mkdir -p "$SDIST_SRC" && tar xzf "${SDIST[0]}" -C "$SDIST_SRC"
SDIST_DIR=("$SDIST_SRC"/dvctt-*)
cp "${SDIST_DIR[0]}/Cargo.lock" "$ROOT/target/py-sdist/Cargo.lock.shipped"
# Newer than the artifacts of the same crates built above: cargo compiles
# the sdist's own sources instead of finding them fresh.
find "${SDIST_DIR[0]}" -type f \( -name '*.rs' -o -name 'Cargo.toml' \) -exec touch {} +
(cd "${SDIST_DIR[0]}" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}" PATH="$VENV/bin:$PATH" \
  "$VENV/bin/maturin" build --release --offline --zig --compatibility manylinux2014 -i "$VPY" \
  -o "$ROOT/target/py-sdist/dist")
LOCK_DIFF="$(diff "$ROOT/target/py-sdist/Cargo.lock.shipped" "${SDIST_DIR[0]}/Cargo.lock" || true)"
if grep -q '^>' <<<"$LOCK_DIFF"; then
  echo "$LOCK_DIFF"; echo "building the sdist added or changed Cargo.lock entries"; exit 1
fi
SVENV="$ROOT/target/py-sdist/venv"
"$PYTHON" -m venv "$SVENV"
"$SVENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps "$ROOT"/target/py-sdist/dist/dvctt-*.whl
EVAL='import json, pathlib, sys, dvctt
root = pathlib.Path(sys.argv[1])
kinds = ["dossiers", "survey", "staff", "procedures", "units", "publications", "outreach", "feedback"]
data = dvctt.Data.read_csv({k: root / "examples" / "data" / (k + ".csv") for k in kinds})
plan = dvctt.PlanObj((root / "examples" / "plans" / "hcm-syt-2026.json").read_text(encoding="utf-8"))
r = dvctt.evaluate(plan, data, {"by_unit": True, "as_of": "2026-12-31"}).records()
assert len(r) > 0 and "site-packages" in dvctt.__file__, dvctt.__file__
print(json.dumps(r, sort_keys=True, ensure_ascii=False))'
FROM_SDIST="$("$SVENV/bin/python" -c "$EVAL" "$ROOT")"
FROM_WHEEL="$("$VPY" -c "$EVAL" "$ROOT")"
[ "$FROM_SDIST" = "$FROM_WHEEL" ] || { echo "the wheel built from the sdist answers differently"; exit 1; }
echo "sdist: a wheel built from it installs and gives the same $("$VPY" -c 'import json, sys; print(len(json.load(sys.stdin)))' <<<"$FROM_SDIST") evaluations"
echo "python bindings: OK"

"""dvctt against DuckDB, polars and pandas in one run, on the same
in-memory Arrow table of synthetic dossiers (bench/python_cube.py's table:
100 units x 12 months x 20 sectors, codes dictionary-encoded, dates date32).

Every engine computes the same per-(unit, month, sector) counters: the
numerators and denominators of the dossier indicators (received, fully
online, submitted online by channel, fee required / paid online,
digitised) by received month, and completed early / on time / late by
completion month. The results are checked equal cell by cell before any
time is printed. dvctt runs on one thread and on every core (partial cubes
per run of record batches, merged); DuckDB and polars use every core as
they do by default, pandas one. polars and pandas get their own frames,
converted from the Arrow table before timing (in their favour).

Run by scripts/bench-python.sh --peers (arguments passed on: --rows,
--runs).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
import statistics
import sys
import time
from typing import Any, Callable, Dict, List, Tuple

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

import dvctt

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("python_cube", HERE / "python_cube.py")
assert _spec is not None and _spec.loader is not None
cube_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cube_bench)

COUNTERS: List[str] = cube_bench.COUNTERS
YEAR = cube_bench.YEAR
Key = Tuple[str, str, str]
Cells = Dict[Key, Tuple[int, ...]]


# Each engine computes its own result object (timed); `*_cells` turn it into
# comparable cells afterwards (not timed).


def run_dvctt(t: pa.Table, threads: int) -> Any:
    return dvctt.dossier_cube(t, str(YEAR), "months", threads=threads)


def run_duckdb(con: Any) -> Any:
    return con.sql(cube_bench.QUERY).to_arrow_table()


REC_FLAGS = ["fully_online", "fee_required", "paid_online", "digitized"]


def run_polars(df: pl.DataFrame) -> Any:
    lo, hi = pl.date(YEAR, 1, 1), pl.date(YEAR, 12, 31)
    keys = ["unit_code", "ym", "sector"]
    rec = (
        df.filter(pl.col("received_on").is_between(lo, hi))
        .with_columns(ym=pl.col("received_on").dt.year() * 100 + pl.col("received_on").dt.month())
        .group_by(keys)
        .agg(
            pl.len().alias("received"),
            *[pl.col(c).sum().alias(c) for c in REC_FLAGS],
            *[(pl.col("channel") == ch).sum().alias(f"channel_{ch}") for ch in ("online", "direct", "postal")],
        )
    )
    comp = (
        df.filter(pl.col("completed_on").is_between(lo, hi))
        .with_columns(ym=pl.col("completed_on").dt.year() * 100 + pl.col("completed_on").dt.month())
        .group_by(keys)
        .agg(
            pl.len().alias("completed"),
            (pl.col("completed_on") < pl.col("due_on")).sum().alias("completed_early"),
            (pl.col("completed_on") == pl.col("due_on")).sum().alias("completed_on_time"),
            (pl.col("completed_on") > pl.col("due_on")).sum().alias("completed_late"),
        )
    )
    return rec.join(comp, on=keys, how="full", coalesce=True).fill_null(0)


def run_pandas(df: pd.DataFrame) -> Any:
    keys = ["unit_code", "ym", "sector"]
    lo, hi = pd.Timestamp(f"{YEAR}-01-01"), pd.Timestamp(f"{YEAR}-12-31")
    r = df[(df["received_on"] >= lo) & (df["received_on"] <= hi)]
    r = r.assign(
        ym=r["received_on"].dt.year * 100 + r["received_on"].dt.month,
        received=1,
        **{f"channel_{ch}": (r["channel"] == ch) for ch in ("online", "direct", "postal")},
    )
    rec = r.groupby(keys, observed=True)[
        ["received", *REC_FLAGS, "channel_online", "channel_direct", "channel_postal"]
    ].sum()
    c = df[(df["completed_on"] >= lo) & (df["completed_on"] <= hi)]
    c = c.assign(
        ym=c["completed_on"].dt.year * 100 + c["completed_on"].dt.month,
        completed=1,
        completed_early=c["completed_on"] < c["due_on"],
        completed_on_time=c["completed_on"] == c["due_on"],
        completed_late=c["completed_on"] > c["due_on"],
    )
    comp = c.groupby(keys, observed=True)[
        ["completed", "completed_early", "completed_on_time", "completed_late"]
    ].sum()
    return rec.join(comp, how="outer").fillna(0).reset_index()


def cells(d: Dict[str, List[Any]]) -> Cells:
    keys = zip(d["unit_code"], (str(int(x)) for x in d["ym"]), d["sector"])
    rows = zip(*[d[c] for c in COUNTERS])
    out = {}
    for k, row in zip(keys, rows):
        v = tuple(int(x or 0) for x in row)
        if any(v):
            out[(str(k[0]), k[1], str(k[2]))] = v
    return out


def timed(fn: Callable[[], Any], runs: int) -> Tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        s = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - s)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    t: pa.Table = cube_bench.table(a.rows)
    cores = os.cpu_count() or 1
    con = duckdb.connect()
    con.register("t", t)
    pl_df = pl.from_arrow(t)
    assert isinstance(pl_df, pl.DataFrame)
    pd_df = t.to_pandas(date_as_object=False)
    for col in ("received_on", "completed_on", "due_on"):
        pd_df[col] = pd_df[col].astype("datetime64[ns]")
    print(
        f"{a.rows} dossiers as a pyarrow Table ({t.nbytes / 1e6:.1f} MB), "
        f"{cube_bench.UNITS} units x 12 months x {cube_bench.SECTORS} sectors; {cores} cores; "
        f"median of {a.runs} runs"
    )
    print(
        f"dvctt {dvctt.__version__}, duckdb {duckdb.__version__}, polars {pl.__version__}, "
        f"pandas {pd.__version__}, pyarrow {pa.__version__}"
    )
    many = f"dvctt ({cores} threads)"
    engines: Dict[str, Tuple[Callable[[], Any], Callable[[Any], Cells]]] = {
        "dvctt (1 thread)": (lambda: run_dvctt(t, 1), cube_bench.cells_of_dvctt),
        many: (lambda: run_dvctt(t, cores), cube_bench.cells_of_dvctt),
        "duckdb": (lambda: run_duckdb(con), cube_bench.cells_of_duckdb),
        "polars": (lambda: run_polars(pl_df), lambda r: cells(r.to_dict(as_series=False))),
        "pandas": (lambda: run_pandas(pd_df), lambda r: cells(r.to_dict(orient="list"))),
    }
    timings: Dict[str, float] = {}
    results: Dict[str, Cells] = {}
    for name, (fn, to_cells) in engines.items():
        timings[name], raw = timed(fn, a.runs)
        results[name] = to_cells(raw)
    reference = results["duckdb"]
    for name, r in results.items():
        if r != reference:
            diff = [k for k in set(r) | set(reference) if r.get(k) != reference.get(k)]
            sys.exit(f"{name} differs from duckdb in {len(diff)} cells, e.g. {diff[:3]}")
    total = sum(v[0] for v in reference.values())
    print(f"results equal in every engine: {len(reference)} non-empty cells, {total} dossiers received")
    for name, sec in timings.items():
        print(f"  {name:18} {sec * 1e3:9.1f} ms  ({a.rows / sec / 1e6:7.1f} M rows/s)")
    best, one = timings[many], timings["dvctt (1 thread)"]
    print(f"dvctt speed-up on {cores} cores: {one / best:.2f}x (target >= 1.8 on 2 cores)")
    for peer in ("duckdb", "polars", "pandas"):
        print(f"dvctt/{peer} time: {best / timings[peer]:.3f} (target <= 0.1 for duckdb and polars)")


if __name__ == "__main__":
    main()

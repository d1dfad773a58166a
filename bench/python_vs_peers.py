"""dvctt against DuckDB, polars and pandas in one run, on the same
in-memory Arrow table of synthetic dossiers (bench/python_cube.py's table:
100 units x 12 months x 20 sectors, codes dictionary-encoded, dates date32).

Every engine computes the same dossier indicators for the year 2026 in four
query shapes: per unit, per month, per unit and month, and per (unit,
month, sector) cell. For each group: the numerators and denominators of
the six dossier indicators (dossiers received; processed fully online;
submitted online, and by the other channels; fee required / paid online;
digitised; settled, split into early / on time / late, by completion
month) and the five ratios (100 x numerator / denominator, no value when
the denominator is 0). The results are checked equal, group by group,
before any time is printed (counts exactly, ratios to 1e-9).

dvctt counts the dossier cube over the shape's dimensions only
(`dvctt.dossier_cube(..., by=[...])`: the same grouping the peers are
given; months as buckets) on one thread and on every core, then divides
(numpy, timed with it). DuckDB and polars use every
core as they do by default, pandas one. polars and pandas get their own
frames, converted from the Arrow table before timing (in their favour).

Runs are interleaved (run 1 of every engine, then run 2, ...); the best and
the median wall time are printed, with the CPU time of the process (every
thread) during the call. The load average is printed before and after:
on a shared machine the wall times of the multi-threaded engines suffer
most. dvctt's work split over its threads is measured apart (per-thread CPU
time from /proc/self/task/*/schedstat, polled while the call runs).

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
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

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
# The five ratio indicators: (name, numerator counters, denominator counter).
RATIOS: List[Tuple[str, Tuple[str, ...], str]] = [
    ("online_dossier_share", ("fully_online",), "received"),
    ("online_submission_share", ("channel_online",), "received"),
    ("on_time_completion_rate", ("completed_early", "completed_on_time"), "completed"),
    ("online_payment_share", ("paid_online",), "fee_required"),
    ("digitized_dossier_share", ("digitized",), "received"),
]
# Query shape -> the keys it groups by.
SHAPES: Dict[str, List[str]] = {
    "per unit": ["unit_code"],
    "per month": ["ym"],
    "per unit x month": ["unit_code", "ym"],
    "per unit x month x sector": ["unit_code", "ym", "sector"],
}
Key = Tuple[str, ...]
Row = Tuple[Tuple[int, ...], Tuple[Optional[float], ...]]
Groups = Dict[Key, Row]


# --- dvctt --------------------------------------------------------------------


def run_dvctt(t: pa.Table, keys: Sequence[str], threads: int) -> Dict[str, Any]:
    """The cube over the shape's dimensions (`by=`: the GROUP BY the peers
    get too) and the ratios."""
    by = ["period" if k == "ym" else k for k in keys]
    r = dvctt.dossier_cube(t, str(YEAR), "months", threads=threads, by=by)
    out: Dict[str, Any] = {k: r[b] for k, b in zip(keys, by)}
    for c in COUNTERS:
        out[c] = r[c]
    with np.errstate(divide="ignore", invalid="ignore"):
        for name, nums, den in RATIOS:
            num = sum(out[x] for x in nums)
            d = out[den]
            out[name] = np.where(d > 0, 100.0 * num / np.maximum(d, 1), np.nan)
    return out


# --- DuckDB -------------------------------------------------------------------


def duckdb_query(keys: Sequence[str]) -> str:
    cols = ", ".join(keys)
    ratios = ",\n       ".join(
        f"100.0 * ({' + '.join(nums)}) / nullif({den}, 0) AS {name}" for name, nums, den in RATIOS
    )
    return f"""
WITH ev AS (
    SELECT unit_code, sector, year(received_on) * 100 + month(received_on) AS ym,
           1 AS rec, fully_online::INT AS fo, channel, fee_required::INT AS fee,
           paid_online::INT AS paid, digitized::INT AS dig, NULL::INT AS k
    FROM t WHERE received_on BETWEEN DATE '2026-01-01' AND DATE '2026-12-31'
    UNION ALL
    SELECT unit_code, sector, year(completed_on) * 100 + month(completed_on),
           0, 0, NULL, 0, 0, 0,
           CASE WHEN completed_on < due_on THEN 0
                WHEN completed_on = due_on THEN 1 ELSE 2 END
    FROM t WHERE completed_on BETWEEN DATE '2026-01-01' AND DATE '2026-12-31'
), g AS (
    SELECT {cols},
           sum(rec) AS received, sum(fo) AS fully_online,
           count(*) FILTER (channel = 'online') AS channel_online,
           count(*) FILTER (channel = 'direct') AS channel_direct,
           count(*) FILTER (channel = 'postal') AS channel_postal,
           sum(fee) AS fee_required, sum(paid) AS paid_online, sum(dig) AS digitized,
           count(k) AS completed,
           count(*) FILTER (k = 0) AS completed_early,
           count(*) FILTER (k = 1) AS completed_on_time,
           count(*) FILTER (k = 2) AS completed_late
    FROM ev GROUP BY {cols}
)
SELECT {", ".join(f"{k}::VARCHAR AS {k}" for k in keys)}, * EXCLUDE ({cols}),
       {ratios}
FROM g
"""


def run_duckdb(con: Any, sql: str) -> Any:
    return con.sql(sql).to_arrow_table()


# --- polars -------------------------------------------------------------------

REC_FLAGS = ["fully_online", "fee_required", "paid_online", "digitized"]
CHANNELS = ("online", "direct", "postal")


def run_polars(df: pl.DataFrame, keys: Sequence[str]) -> Any:
    lo, hi = pl.date(YEAR, 1, 1), pl.date(YEAR, 12, 31)
    keys = list(keys)
    rec = (
        df.filter(pl.col("received_on").is_between(lo, hi))
        .with_columns(ym=pl.col("received_on").dt.year() * 100 + pl.col("received_on").dt.month())
        .group_by(keys)
        .agg(
            pl.len().alias("received"),
            *[pl.col(c).sum().alias(c) for c in REC_FLAGS],
            *[(pl.col("channel") == ch).sum().alias(f"channel_{ch}") for ch in CHANNELS],
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
    out = rec.join(comp, on=keys, how="full", coalesce=True).fill_null(0)
    return out.with_columns(
        *[
            pl.when(pl.col(den) > 0)
            .then(100.0 * pl.sum_horizontal(*nums) / pl.col(den))
            .otherwise(None)
            .alias(name)
            for name, nums, den in RATIOS
        ]
    )


# --- pandas -------------------------------------------------------------------


def run_pandas(df: pd.DataFrame, keys: Sequence[str]) -> Any:
    keys = list(keys)
    lo, hi = pd.Timestamp(f"{YEAR}-01-01"), pd.Timestamp(f"{YEAR}-12-31")
    r = df[(df["received_on"] >= lo) & (df["received_on"] <= hi)]
    r = r.assign(
        ym=r["received_on"].dt.year * 100 + r["received_on"].dt.month,
        received=1,
        **{f"channel_{ch}": (r["channel"] == ch) for ch in CHANNELS},
    )
    rec = r.groupby(keys, observed=True)[
        ["received", *REC_FLAGS, *[f"channel_{ch}" for ch in CHANNELS]]
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
    out = rec.join(comp, how="outer").fillna(0)
    for name, nums, den in RATIOS:
        d = out[den].where(out[den] > 0)
        out[name] = 100.0 * sum(out[x] for x in nums) / d
    return out.reset_index()


# --- comparison -----------------------------------------------------------------


def groups(d: Dict[str, Sequence[Any]], keys: Sequence[str]) -> Groups:
    """Groups with any count, as {key: (counts, ratios)} (not timed)."""
    out: Groups = {}
    n = len(d[COUNTERS[0]])
    for i in range(n):
        counts = tuple(int(d[c][i] or 0) for c in COUNTERS)
        if not any(counts):
            continue
        key = tuple(str(int(d[k][i])) if k == "ym" else str(d[k][i]) for k in keys)
        ratios = []
        for name, _, _ in RATIOS:
            v = d[name][i]
            ratios.append(None if v is None or v != v else float(v))
        out[key] = (counts, tuple(ratios))
    return out


def same(a: Groups, b: Groups) -> List[Key]:
    bad = []
    for k in set(a) | set(b):
        ra, rb = a.get(k), b.get(k)
        if ra is None or rb is None or ra[0] != rb[0]:
            bad.append(k)
            continue
        for x, y in zip(ra[1], rb[1]):
            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9 * max(1, abs(y))):
                bad.append(k)
                break
    return bad


def as_columns(engine: str, raw: Any) -> Dict[str, Sequence[Any]]:
    if engine.startswith("dvctt"):
        return dict(raw)
    if engine == "duckdb":
        return dict(raw.to_pydict())
    if engine == "polars":
        return dict(raw.to_dict(as_series=False))
    return dict(raw.to_dict(orient="list"))


# --- timing ---------------------------------------------------------------------


def timed_call(fn: Callable[[], Any]) -> Tuple[float, float, Any]:
    c, s = time.process_time(), time.perf_counter()
    r = fn()
    return time.perf_counter() - s, time.process_time() - c, r


def thread_cpu(fn: Callable[[], Any]) -> Tuple[float, Dict[int, float]]:
    """Wall time of `fn` and the CPU time (s) each thread of this process
    used meanwhile, from /proc/self/task/*/schedstat polled every 0.5 ms
    (the last poll of a short-lived thread may miss up to 0.5 ms of it)."""
    me = threading.get_native_id()
    start: Dict[int, int] = {}
    seen: Dict[int, int] = {}
    stop = threading.Event()

    def read() -> Dict[int, int]:
        out = {}
        for tid in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{tid}/schedstat") as f:
                    out[int(tid)] = int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass
        return out

    poller_id: List[int] = []

    def poll() -> None:
        poller_id.append(threading.get_native_id())
        while not stop.is_set():
            seen.update(read())
            time.sleep(0.0005)

    start.update(read())
    p = threading.Thread(target=poll)
    p.start()
    s = time.perf_counter()
    fn()
    wall = time.perf_counter() - s
    seen.update(read())
    stop.set()
    p.join()
    per = {}
    for tid, ns in seen.items():
        if poller_id and tid == poller_id[0]:
            continue
        used = (ns - start.get(tid, 0)) / 1e9
        if used > 0.0005 or tid == me:
            per[tid] = used
    return wall, per


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pandas-runs", type=int, default=1, help="pandas is slow: fewer runs")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shape names")
    a = ap.parse_args()
    shapes = [s.strip() for s in a.shapes.split(",")]
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
        f"{a.runs} interleaved runs (pandas {a.pandas_runs})"
    )
    print(
        f"dvctt {dvctt.__version__}, duckdb {duckdb.__version__}, polars {pl.__version__}, "
        f"pandas {pd.__version__}, pyarrow {pa.__version__}"
    )
    print(f"load average before: {load()}")
    many = f"dvctt ({cores} threads)"
    verdicts: List[str] = []
    for shape in shapes:
        keys = SHAPES[shape]
        sql = duckdb_query(keys)
        engines: Dict[str, Callable[[], Any]] = {
            "dvctt (1 thread)": lambda: run_dvctt(t, keys, 1),
            many: lambda: run_dvctt(t, keys, cores),
            "duckdb": lambda: run_duckdb(con, sql),
            "polars": lambda: run_polars(pl_df, keys),
            "pandas": lambda: run_pandas(pd_df, keys),
        }
        walls: Dict[str, List[float]] = {e: [] for e in engines}
        cpus: Dict[str, List[float]] = {e: [] for e in engines}
        results: Dict[str, Groups] = {}
        for run in range(a.runs):
            for name, fn in engines.items():
                if name == "pandas" and run >= a.pandas_runs:
                    continue
                w, c, raw = timed_call(fn)
                walls[name].append(w)
                cpus[name].append(c)
                if run == 0:
                    results[name] = groups(as_columns(name, raw), keys)
        reference = results["duckdb"]
        for name, r in results.items():
            bad = same(r, reference)
            if bad:
                sys.exit(f"{shape}: {name} differs from duckdb in {len(bad)} groups, e.g. {bad[:3]}")
        total = sum(v[0][0] for v in reference.values())
        print(
            f"\n[{shape}] results equal in every engine: {len(reference)} groups, "
            f"{total} dossiers received (load {load()})"
        )
        best = {e: min(v) for e, v in walls.items()}
        for name in engines:
            print(
                f"  {name:18} best {best[name] * 1e3:8.1f} ms  median {statistics.median(walls[name]) * 1e3:8.1f} ms"
                f"  CPU (best) {min(cpus[name]) * 1e3:8.1f} ms"
            )
        for peer in ("duckdb", "polars", "pandas"):
            ratio = best[many] / best[peer]
            cpu_ratio = min(cpus[many]) / min(cpus[peer])
            target = peer != "pandas"
            line = (
                f"  dvctt/{peer}: wall {ratio:.3f}, CPU {cpu_ratio:.3f}"
                + (f" (target <= 0.1: {'met' if ratio <= 0.1 else 'NOT met'})" if target else "")
            )
            print(line)
            if target:
                verdicts.append(f"{shape} vs {peer}: {ratio:.3f}")
        print(f"  dvctt wall speed-up {cores} threads / 1: {best['dvctt (1 thread)'] / best[many]:.2f}x")
    # The work split, measured apart (the poller costs a little CPU itself).
    keys = SHAPES[shapes[-1]]
    print(f"\nwork split of dvctt ({shapes[-1]}), best of {a.runs}, load {load()}:")
    one = min(thread_cpu(lambda: run_dvctt(t, keys, 1))[1].get(threading.get_native_id(), 0.0) for _ in range(a.runs))
    splits = [thread_cpu(lambda: run_dvctt(t, keys, cores)) for _ in range(a.runs)]
    wall, per = min(splits, key=lambda x: x[0])
    me = threading.get_native_id()
    workers = sorted((v for k, v in per.items() if k != me), reverse=True)
    main_cpu = per.get(me, 0.0)
    print(f"  1 thread: CPU {one * 1e3:.1f} ms")
    print(
        f"  {cores} threads: wall {wall * 1e3:.1f} ms; caller thread CPU {main_cpu * 1e3:.1f} ms "
        f"(Python side, merge), worker threads CPU "
        + ", ".join(f"{w * 1e3:.1f}" for w in workers)
        + " ms"
    )
    if workers:
        est = main_cpu + workers[0]
        print(
            f"  balance: smallest / largest worker {workers[-1] / workers[0]:.2f}; "
            f"with {cores} free cores the call would take about caller + largest worker = "
            f"{est * 1e3:.1f} ms: speed-up {one / est:.2f}x (target >= 1.8)"
        )
    print(f"load average after: {load()}")
    print("summary (dvctt on every core / peer, best wall): " + "; ".join(verdicts))


if __name__ == "__main__":
    main()

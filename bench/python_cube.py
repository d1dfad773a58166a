"""Dossier cube through Python on Arrow input, against DuckDB in the same run.

Run by scripts/bench-python.sh. 10M synthetic dossiers (100 units x 12
months x 20 sectors, the shape of core/src/synth.rs `dossier_columns`) as a
pyarrow Table: unit, sector and channel dictionary-encoded (int32 indices),
dates as date32 (completed_on with nulls for open dossiers, due_on with
paused days folded in), booleans bit-packed. DuckDB computes the same
per-(unit, month, sector) counters in one GROUP BY over the Arrow table;
dvctt.dossier_cube counts them on one thread. Both results are compared.

Memory is measured in fresh subprocesses: the peak resident set during the
call (VmHWM, reset after the input is built) minus the resident set before
it, against the bytes of the input columns.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Any, Dict, Tuple

import duckdb
import numpy as np
import pyarrow as pa

import dvctt

UNITS, SECTORS, YEAR = 100, 20, 2026
COUNTERS = [
    "received",
    "fully_online",
    "channel_online",
    "channel_direct",
    "channel_postal",
    "fee_required",
    "paid_online",
    "digitized",
    "completed",
    "completed_early",
    "completed_on_time",
    "completed_late",
]

# The month is grouped as an integer (yyyymm) and formatted once per group:
# formatting per row (strftime) made DuckDB several times slower.
QUERY = """
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
), cells AS (
    SELECT unit_code, ym, sector,
           sum(rec) AS received, sum(fo) AS fully_online,
           count(*) FILTER (channel = 'online') AS channel_online,
           count(*) FILTER (channel = 'direct') AS channel_direct,
           count(*) FILTER (channel = 'postal') AS channel_postal,
           sum(fee) AS fee_required, sum(paid) AS paid_online, sum(dig) AS digitized,
           count(k) AS completed,
           count(*) FILTER (k = 0) AS completed_early,
           count(*) FILTER (k = 1) AS completed_on_time,
           count(*) FILTER (k = 2) AS completed_late
    FROM ev GROUP BY unit_code, ym, sector
)
SELECT unit_code::VARCHAR AS unit_code, ym::VARCHAR AS period, sector::VARCHAR AS sector,
       * EXCLUDE (unit_code, ym, sector)
FROM cells
"""


def table(n: int, seed: int = 42) -> pa.Table:
    rng = np.random.default_rng(seed)
    day0 = (np.datetime64(f"{YEAR}-01-01") - np.datetime64("1970-01-01")).astype(int)
    rec = (day0 + rng.integers(0, 365, n)).astype(np.int32)
    due = rec + 5 + rng.integers(0, 16, n).astype(np.int32)
    done = due - 3 + rng.integers(0, 6, n).astype(np.int32)
    is_open = rng.integers(0, 16, n) == 0
    ch = np.array([0, 0, 1, 2], dtype=np.int32)[rng.integers(0, 4, n)]
    fee = rng.integers(0, 2, n).astype(bool)
    fully = (ch == 0) & (rng.integers(0, 4, n) != 0)
    paid = fee & (rng.integers(0, 2, n) == 1)
    dig = rng.integers(0, 2, n).astype(bool)

    def dictionary(codes: Any, labels: Any) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), labels)

    def date(days: Any, mask: Any = None) -> pa.Array:
        return pa.array(days, pa.int32(), mask=mask).view(pa.date32())

    return pa.table(
        {
            "unit_code": dictionary(
                rng.integers(0, UNITS, n), [f"U{u:04}" for u in range(UNITS)]
            ),
            "sector": dictionary(
                rng.integers(0, SECTORS, n), [f"S{s:02}" for s in range(SECTORS)]
            ),
            "channel": dictionary(ch, ["online", "direct", "postal"]),
            "received_on": date(rec),
            "completed_on": date(done, is_open),
            "due_on": date(due),
            "fully_online": pa.array(fully),
            "fee_required": pa.array(fee),
            "paid_online": pa.array(paid),
            "digitized": pa.array(dig),
        }
    )


def run_dvctt(t: pa.Table) -> Dict[str, Any]:
    return dvctt.dossier_cube(t, str(YEAR), "months", threads=1)


def run_duckdb(t: pa.Table) -> Any:
    con = duckdb.connect()
    con.register("t", t)
    return con.sql(QUERY).to_arrow_table()


Key = Tuple[str, str, str]


def cells_of_dvctt(r: Dict[str, Any]) -> Dict[Key, Tuple[int, ...]]:
    v = np.stack([r[c] for c in COUNTERS], axis=1)
    keep = v.any(axis=1)
    keys = zip(r["unit_code"][keep], r["period"][keep], r["sector"][keep])
    return {k: tuple(int(x) for x in row) for k, row in zip(keys, v[keep])}


def cells_of_duckdb(res: Any) -> Dict[Key, Tuple[int, ...]]:
    d = res.to_pydict()
    keys = zip(d["unit_code"], d["period"], d["sector"])
    rows = zip(*[d[c] for c in COUNTERS])
    return {k: tuple(int(x or 0) for x in row) for k, row in zip(keys, rows)}


def status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def memory(engine: str, n: int) -> None:
    """In a fresh process: input bytes and the peak growth of one call."""
    t = table(n)
    import gc

    gc.collect()
    fn = run_dvctt if engine == "dvctt" else run_duckdb
    if engine == "duckdb":
        duckdb.connect().execute("SELECT 1")  # load the library before measuring
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM to the current RSS
        reset = True
    except OSError:
        reset = False
    before = status("VmRSS")
    fn(t)
    peak = status("VmHWM")
    print(json.dumps({"input": t.nbytes, "growth": peak - before, "reset": reset}))


def measure_memory(engine: str, n: int) -> Dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--memory", engine, "--rows", str(n)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--memory", choices=["dvctt", "duckdb"])
    a = ap.parse_args()
    if a.memory:
        memory(a.memory, a.rows)
        return
    t = table(a.rows)
    print(
        f"dossier cube through Python: {a.rows} rows as a pyarrow Table "
        f"({t.nbytes / 1e6:.1f} MB of columns), {UNITS} units x 12 months x {SECTORS} sectors"
    )
    threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()
    print(
        f"duckdb {duckdb.__version__} (threads: {threads[0] if threads else '?'}), "
        f"pyarrow {pa.__version__}, dvctt {dvctt.__version__} (one thread)"
    )
    ours, theirs = [], []
    r_ours = r_theirs = None
    for _ in range(a.runs):
        s = time.perf_counter()
        r_ours = run_dvctt(t)
        ours.append(time.perf_counter() - s)
        s = time.perf_counter()
        r_theirs = run_duckdb(t)
        theirs.append(time.perf_counter() - s)
    a_cells, b_cells = cells_of_dvctt(r_ours), cells_of_duckdb(r_theirs)
    if a_cells != b_cells:
        diff = [k for k in set(a_cells) | set(b_cells) if a_cells.get(k) != b_cells.get(k)]
        sys.exit(f"results differ in {len(diff)} cells, e.g. {diff[:3]}")
    total = sum(c[0] for c in a_cells.values())
    t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
    print(f"results equal: {len(a_cells)} non-empty cells, {total} dossiers received")
    print(
        f"dvctt  {t_ours * 1e3:8.1f} ms ({a.rows / t_ours / 1e6:6.1f} M rows/s) | "
        f"duckdb {t_theirs * 1e3:8.1f} ms ({a.rows / t_theirs / 1e6:6.1f} M rows/s) | "
        f"dvctt/duckdb time {t_ours / t_theirs:.3f} (target <= 0.2), median of {a.runs}"
    )
    for engine in ("dvctt", "duckdb"):
        m = measure_memory(engine, a.rows)
        print(
            f"{engine:6} memory: input columns {m['input'] / 1e6:.1f} MB, peak growth during "
            f"the call {m['growth'] / 1e6:.1f} MB -> (input + growth) / input "
            f"{(m['input'] + m['growth']) / m['input']:.2f} (target <= 1.5)"
            + ("" if m["reset"] else " [VmHWM could not be reset]")
        )


if __name__ == "__main__":
    main()

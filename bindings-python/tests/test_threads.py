"""Python threads and the GIL: the functions that release it (the dossier
cube, cube and partial merges, partial counts, judging from partial counts,
Data.from_arrow's row reading) give, called from several threads at once on
shared objects, the answers they give one by one; and while a long dvctt call
runs, another Python thread makes progress (it could not if the call held
the GIL)."""

from __future__ import annotations

import json
import pathlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import dvctt

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LOGS = ("procedures", "units", "publications", "outreach", "feedback")
# Columns of codes that look like numbers (procedure 1.001013): read as text.
TEXT = {
    "dossier_id", "unit_code", "procedure_code", "sector", "procedure_id", "person_id",
    "response_id", "publication_id", "session_id", "feedback_id", "name", "url", "rating",
}


def frame(name: str) -> pd.DataFrame:
    path = EXAMPLES / "data" / f"{name}.csv"
    cols = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    return pd.read_csv(path, dtype={c: str for c in cols if c in TEXT})


def plan() -> Dict[str, Any]:
    return json.loads((EXAMPLES / "plans" / "hcm-syt-2026.json").read_text(encoding="utf-8"))


def dossier_batch(n: int, seed: int) -> pa.RecordBatch:
    """n synthetic dossiers in the Arrow layout of an analyst's table."""
    rng = np.random.default_rng(seed)
    day0 = (np.datetime64("2026-01-01") - np.datetime64("1970-01-01")).astype(int)
    rec = (day0 + rng.integers(0, 365, n)).astype(np.int32)
    due = rec + 5 + rng.integers(0, 16, n).astype(np.int32)
    done = due - 3 + rng.integers(0, 6, n).astype(np.int32)
    ch = np.array([0, 0, 1, 2], dtype=np.int32)[rng.integers(0, 4, n)]
    fee = rng.integers(0, 2, n).astype(bool)

    def codes(k: int, labels: List[str]) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(rng.integers(0, k, n), pa.int32()), labels)

    return pa.RecordBatch.from_pydict(
        {
            "unit_code": codes(30, [f"U{u:02}" for u in range(30)]),
            "sector": codes(8, [f"S{s}" for s in range(8)]),
            "channel": pa.DictionaryArray.from_arrays(
                pa.array(ch, pa.int32()), ["online", "direct", "postal"]
            ),
            "received_on": pa.array(rec, pa.int32()).view(pa.date32()),
            "completed_on": pa.array(done, pa.int32(), mask=rng.integers(0, 10, n) == 0).view(
                pa.date32()
            ),
            "due_on": pa.array(due, pa.int32()).view(pa.date32()),
            "fully_online": pa.array((ch == 0) & (rng.integers(0, 3, n) > 0)),
            "fee_required": pa.array(fee),
            "paid_online": pa.array(fee & (rng.integers(0, 2, n) == 1)),
            "digitized": pa.array(rng.integers(0, 2, n).astype(bool)),
        }
    )


def cube_cells(r: Dict[str, Any]) -> Dict[Tuple[str, str, str], Tuple[int, ...]]:
    counters = [k for k in r if k not in ("unit_code", "period", "sector")]
    return {
        (str(u), str(p), str(s)): tuple(int(r[c][i]) for c in counters)
        for i, (u, p, s) in enumerate(zip(r["unit_code"], r["period"], r["sector"]))
    }


def records(x: Any) -> List[Any]:
    return sorted(json.dumps(r, sort_keys=True) for r in x.records())


def test_concurrent_calls_on_shared_objects_equal_the_calls_one_by_one() -> None:
    p = dvctt.PlanObj(plan())
    dossiers, survey = frame("dossiers"), frame("survey")
    log_frames = {k: frame(k) for k in LOGS}
    whole = dvctt.Data.from_arrow(dossiers=dossiers, survey=survey, **log_frames)
    logs = dvctt.Data.from_arrow(**log_frames)
    table = pa.Table.from_batches([dossier_batch(20_000, 1), dossier_batch(20_000, 2)])
    part = dvctt.partial_counts(p, whole)
    half = dvctt.partial_counts(p, dvctt.Data.from_arrow(dossiers=dossiers.iloc[:40]))
    batch = dvctt._cube._arrow_batch(table.to_batches()[0])
    cube_a = dvctt.Cube.from_batches([batch], "2026", "months")
    cube_b = dvctt.Cube.from_batches(
        [dvctt._cube._arrow_batch(table.to_batches()[1])], "2026", "months"
    )

    # Every call reads only shared objects; its answer as comparable plain data.
    calls: Dict[str, Callable[[], Any]] = {
        "dossier_cube": lambda: cube_cells(dvctt.dossier_cube(table, "2026", "months")),
        "dossier_cube threads=2": lambda: cube_cells(
            dvctt.dossier_cube(table, "2026", "months", threads=2)
        ),
        "Cube.from_batches": lambda: dvctt.Cube.from_batches([batch], "2026", "months").to_bytes(),
        "Cube.merge": lambda: cube_a.merge(cube_b).to_bytes(),
        "partial_counts": lambda: dvctt.partial_counts(p, whole).to_bytes(),
        "Partial.merge": lambda: part.merge(half).to_bytes(),
        "merge_partials": lambda: dvctt.merge_partials([part, half, part]).to_bytes(),
        "evaluate_partial": lambda: records(dvctt.evaluate_partial(p, part, logs)),
        "Data.from_arrow": lambda: records(
            dvctt.evaluate(
                p, dvctt.Data.from_arrow(dossiers=dossiers, survey=survey, **log_frames)
            )
        ),
        "evaluate": lambda: records(dvctt.evaluate(p, whole, {"by_unit": True})),
    }
    one_by_one = {name: fn() for name, fn in calls.items()}
    assert len(one_by_one["dossier_cube"]) > 0
    assert one_by_one["evaluate_partial"] == records(dvctt.evaluate(p, whole))

    rounds = 6
    jobs = [name for _ in range(rounds) for name in calls]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda name: (name, calls[name]()), jobs))
    assert len(got) == rounds * len(calls)
    for name, answer in got:
        assert answer == one_by_one[name], name


def ticks_during(call: Callable[[], Any]) -> Tuple[float, float]:
    """Runs `call` in another thread while this thread counts; returns the
    call's duration and the longest gap between this thread's ticks while
    the call ran."""
    span: Dict[str, float] = {}
    started = threading.Event()

    def worker() -> None:
        started.set()
        span["start"] = time.perf_counter()
        call()
        span["end"] = time.perf_counter()

    ticks: List[float] = []
    th = threading.Thread(target=worker)
    th.start()
    started.wait()
    while th.is_alive():
        ticks.append(time.perf_counter())
        sum(range(200))  # a little pure-Python work between ticks
    th.join()
    inside = [t for t in ticks if span["start"] <= t <= span["end"]]
    edges = [span["start"], *inside, span["end"]]
    gap = max(b - a for a, b in zip(edges, edges[1:]))
    return span["end"] - span["start"], gap


def test_another_thread_runs_while_a_long_call_counts() -> None:
    # 40 copies of one batch: a long count without the memory of 8M rows.
    table = pa.Table.from_batches([dossier_batch(200_000, 3)] * 40)
    duration, gap = ticks_during(lambda: dvctt.dossier_cube(table, "2026", "months"))
    # The detector itself: a call that holds the GIL (a C loop over a range)
    # leaves this thread no tick for about the whole call.
    held, held_gap = ticks_during(lambda: sum(range(15_000_000)))
    assert held_gap > 0.5 * held, (held, held_gap)
    # The dvctt call was long enough to tell, and this thread ran meanwhile.
    assert duration > 0.05, duration
    assert gap < 0.5 * duration, (duration, gap)


@pytest.mark.parametrize("kind", ["dossiers", "survey"])
def test_from_arrow_from_several_threads_reads_every_row(kind: str) -> None:
    df = frame(kind)
    expected = records(dvctt.compute(dvctt.Data.from_arrow(**{kind: df}), query(kind)))

    def one(_: int) -> List[Any]:
        return records(dvctt.compute(dvctt.Data.from_arrow(**{kind: df}), query(kind)))

    with ThreadPoolExecutor(max_workers=4) as pool:
        for got in pool.map(one, range(12)):
            assert got == expected


def query(kind: str) -> Dict[str, Any]:
    indicator = "online_dossier_share" if kind == "dossiers" else "satisfaction_rate"
    return {"indicator": indicator, "period": "2026", "by_unit": True}

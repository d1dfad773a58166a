"""dvctt.dossier_cube on columnar input, checked against a group-by written
here in plain Python from the definitions."""

import datetime as dt
import random
from collections import defaultdict
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import dvctt

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


def rows(n: int, seed: int) -> List[Dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        # Some received dates fall in 2025 or 2027: outside the grid.
        rec = dt.date(2025, 12, 20) + dt.timedelta(days=rng.randrange(390))
        channel = rng.choice(["online", "online", "direct", "postal"])
        due = rec + dt.timedelta(days=rng.randrange(20)) if rng.random() < 0.9 else None
        done = None
        if due is not None and rng.random() < 0.8:
            done = rec + dt.timedelta(days=rng.randrange(30))
        fee = rng.random() < 0.5
        out.append(
            {
                "unit_code": rng.choice(["U1", "U2", "U3", "X9"]),
                "sector": rng.choice(["y_te", "duoc", "bhyt"]),
                "channel": channel,
                "received_on": rec,
                "due_on": due,
                "completed_on": done,
                "paused_days": rng.randrange(4) if rng.random() < 0.2 else 0,
                "fully_online": channel == "online" and rng.random() < 0.6,
                "fee_required": fee,
                "paid_online": fee and channel == "online" and rng.random() < 0.5,
                "digitized": rng.random() < 0.5,
            }
        )
    return out


Key = Tuple[str, str, str]


def expected(data: List[Dict[str, Any]], buckets: str = "months") -> Dict[Key, List[int]]:
    """Non-zero cells by hand: reception by received month, settlement by
    completion month, against the due date pushed back by paused days."""

    def bucket(d: Optional[dt.date]) -> Optional[str]:
        if d is None or d.year != 2026:
            return None
        if buckets == "quarters":
            return f"2026Q{(d.month - 1) // 3 + 1}"
        return f"2026{d.month:02d}"

    cells: Dict[Key, List[int]] = defaultdict(lambda: [0] * len(COUNTERS))
    for r in data:
        b = bucket(r["received_on"])
        if b is not None:
            c = cells[(r["unit_code"], b, r["sector"])]
            c[0] += 1
            c[1] += r["fully_online"]
            c[2 + ["online", "direct", "postal"].index(r["channel"])] += 1
            c[5] += r["fee_required"]
            c[6] += r["paid_online"]
            c[7] += r["digitized"]
        b = bucket(r["completed_on"])
        if b is not None:
            c = cells[(r["unit_code"], b, r["sector"])]
            due = r["due_on"] + dt.timedelta(days=r["paused_days"])
            c[8] += 1
            done = r["completed_on"]
            c[9 if done < due else 10 if done == due else 11] += 1
    return dict(cells)


def non_zero(result: Dict[str, Any]) -> Dict[Key, List[int]]:
    assert list(result) == ["unit_code", "period", "sector"] + COUNTERS
    n = len(result["unit_code"])
    assert all(len(v) == n for v in result.values())
    for name in COUNTERS:
        assert result[name].dtype == np.uint64
    out = {}
    for i in range(n):
        values = [int(result[name][i]) for name in COUNTERS]
        if any(values):
            key = (result["unit_code"][i], result["period"][i], result["sector"][i])
            out[key] = values
    return out


def arrow_table(data: List[Dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(
        data,
        schema=pa.schema(
            [
                ("unit_code", pa.string()),
                ("sector", pa.string()),
                ("channel", pa.string()),
                ("received_on", pa.date32()),
                ("due_on", pa.date32()),
                ("completed_on", pa.date32()),
                ("paused_days", pa.int64()),
                ("fully_online", pa.bool_()),
                ("fee_required", pa.bool_()),
                ("paid_online", pa.bool_()),
                ("digitized", pa.bool_()),
            ]
        ),
    )


DATA = rows(3000, 1)
EXPECT = expected(DATA)


def test_arrow_table_matches_the_hand_group_by() -> None:
    assert non_zero(dvctt.dossier_cube(arrow_table(DATA), "2026")) == EXPECT


def test_dense_shape_and_order() -> None:
    r = dvctt.dossier_cube(arrow_table(DATA), "2026")
    units = sorted({x["unit_code"] for x in DATA})
    assert len(r["unit_code"]) == len(units) * 12 * 3
    # unit slowest, then bucket, then sector.
    assert list(r["period"][:3]) == ["202601"] * 3
    assert r["period"][3] == "202602"
    assert sum(int(v) for v in r["received"]) == sum(
        1 for x in DATA if x["received_on"].year == 2026
    )


def test_several_batches_sliced_at_odd_offsets_dictionaries_and_quarters() -> None:
    t = arrow_table(DATA)
    # Batches sliced at offsets that are not multiples of 8, each read with
    # its own dictionaries.
    parts = [t.slice(0, 997), t.slice(997, 1001), t.slice(1998)]
    table = pa.Table.from_batches([b for p in parts for b in p.to_batches()])
    assert table.column("unit_code").num_chunks == 3
    assert non_zero(dvctt.dossier_cube(table, "2026")) == EXPECT
    assert non_zero(dvctt.dossier_cube(table, "2026", "quarters")) == expected(
        DATA, "quarters"
    )
    # A record batch, and a column already dictionary-encoded.
    batch = parts[2].to_batches()[0]
    assert non_zero(dvctt.dossier_cube(batch, "2026")) == expected(DATA[1998:])
    encoded = parts[1].set_column(
        0, "unit_code", parts[1].column("unit_code").dictionary_encode()
    )
    assert non_zero(dvctt.dossier_cube(encoded, "2026")) == expected(DATA[997:1998])


def test_polars_pandas_and_numpy_give_the_same() -> None:
    t = arrow_table(DATA)
    assert non_zero(dvctt.dossier_cube(pl.from_arrow(t), "2026")) == EXPECT
    assert non_zero(dvctt.dossier_cube(t.to_pandas(), "2026")) == EXPECT
    cols = {
        "unit_code": np.array([r["unit_code"] for r in DATA]),
        "sector": np.array([r["sector"] for r in DATA]),
        # Channel codes instead of labels.
        "channel": np.array(
            [["online", "direct", "postal"].index(r["channel"]) for r in DATA],
            dtype=np.int8,
        ),
        "received_on": np.array([r["received_on"] for r in DATA], dtype="datetime64[D]"),
        "due_on": np.array(
            [r["due_on"] or "NaT" for r in DATA], dtype="datetime64[D]"
        ),
        "completed_on": np.array(
            [r["completed_on"] or "NaT" for r in DATA], dtype="datetime64[D]"
        ),
        "paused_days": np.array([r["paused_days"] for r in DATA]),
    }
    for name in ["fully_online", "fee_required", "paid_online", "digitized"]:
        cols[name] = np.array([r[name] for r in DATA], dtype=bool)
    assert non_zero(dvctt.dossier_cube(cols, "2026")) == EXPECT


def test_optional_columns_may_be_absent() -> None:
    data = [
        {k: v for k, v in r.items() if k not in ("paid_online", "paused_days")}
        | {"completed_on": None, "due_on": None}
        for r in DATA[:200]
    ]
    t = arrow_table([r | {"paid_online": False, "paused_days": 0} for r in data])
    t = t.drop_columns(["paid_online", "paused_days", "due_on", "completed_on"])
    got = non_zero(dvctt.dossier_cube(t, "2026"))
    want = expected([r | {"paid_online": False, "paused_days": 0} for r in data])
    assert got == want


def data_error(data: Any, period: str = "2026", buckets: str = "months") -> Any:
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dossier_cube(data, period, buckets)
    return e.value


def test_bad_rows_name_the_column_and_row() -> None:
    bad = [dict(r) for r in DATA[:50]]
    bad[17]["channel"] = "fax"
    e = data_error(arrow_table(bad))
    assert e.path == "channel[17]" and "`fax`" in e.detail
    bad = [dict(r) for r in DATA[:50]]
    i = next(i for i, r in enumerate(bad) if r["completed_on"] is not None)
    bad[i]["due_on"] = None
    e = data_error(arrow_table(bad))
    assert e.path == f"completed_on[{i}]" and "due date" in e.detail
    bad = [dict(r) for r in DATA[:50]]
    i = next(i for i, r in enumerate(bad) if r["channel"] == "direct")
    bad[i]["fully_online"] = True
    assert data_error(arrow_table(bad)).path == f"fully_online[{i}]"
    bad = [dict(r) for r in DATA[:50]]
    bad[33]["unit_code"] = None
    assert data_error(arrow_table(bad)).path == "unit_code[33]"
    bad = [dict(r) for r in DATA[:50]]
    bad[5]["paused_days"] = -1
    assert data_error(arrow_table(bad)).path == "paused_days[5]"
    # Row numbers count across batches.
    t = arrow_table(DATA[:40])
    bad = [dict(r) for r in DATA[40:80]]
    bad[3]["received_on"] = None
    table = pa.concat_tables([t, arrow_table(bad)])
    assert data_error(table).path == "received_on[43]"
    # Channel codes outside 0..2, and booleans other than 0/1.
    cols = {k: np.array([r[k] for r in DATA[:10]]) for k in ("unit_code", "sector")}
    cols["channel"] = np.array([0] * 9 + [3])
    cols["received_on"] = np.array([r["received_on"] for r in DATA[:10]], "datetime64[D]")
    cols["fully_online"] = np.zeros(10, dtype=bool)
    e = data_error(cols)
    assert e.path == "channel[9]" and "code 3" in e.detail
    cols["channel"] = np.zeros(10, dtype=np.int64)
    cols["digitized"] = np.array([0, 1, 2, 0, 0, 0, 0, 0, 0, 0])
    assert data_error(cols).path == "digitized[2]"


def test_bad_tables_and_arguments() -> None:
    t = arrow_table(DATA[:20])
    assert data_error(t.drop_columns(["channel"])).path == "channel"
    assert data_error(t, buckets="fortnights").path == "buckets"
    with pytest.raises(dvctt.PeriodError):
        dvctt.dossier_cube(t, "2026Q9")
    e = data_error(t.set_column(3, "received_on", pa.array([1.5] * 20)))
    assert e.path == "received_on"
    # Dates as ISO strings are read.
    s = t.set_column(3, "received_on", t.column("received_on").cast(pa.string()))
    assert non_zero(dvctt.dossier_cube(s, "2026")) == expected(DATA[:20])


# --- by= : a cube over some dimensions only ------------------------------------

DIMS = ["unit_code", "period", "sector"]


def _batches_with_own_dictionaries(data: List[Dict[str, Any]], cuts: List[int]) -> pa.Table:
    """Dates as pandas datetime64 (timestamp[us] in Arrow, nulls as NaT),
    strings dictionary-encoded batch by batch (each batch its own dictionary,
    in order of first appearance)."""
    df = pd.DataFrame(data)
    for col in ("received_on", "due_on", "completed_on"):
        df[col] = pd.to_datetime(df[col]).astype("datetime64[us]")
    batches = []
    for lo, hi in zip([0] + cuts, cuts + [len(df)]):
        b = pa.RecordBatch.from_pandas(df.iloc[lo:hi], preserve_index=False)
        cols = [
            b.column(i).dictionary_encode() if name in ("unit_code", "sector", "channel") else b.column(i)
            for i, name in enumerate(b.schema.names)
        ]
        batches.append(pa.RecordBatch.from_arrays(cols, names=b.schema.names))
    return pa.Table.from_batches(batches)


def _pandas_cube(data: List[Dict[str, Any]], by: List[str]) -> Dict[Tuple[str, ...], List[int]]:
    """The by= cube computed with pandas from the rows (non-zero groups)."""
    df = pd.DataFrame(data)
    for col in ("received_on", "due_on", "completed_on"):
        df[col] = pd.to_datetime(df[col])
    rec = df[df["received_on"].dt.year == 2026].assign(
        period=lambda x: x["received_on"].dt.strftime("%Y%m"),
        received=1,
        channel_online=lambda x: x["channel"] == "online",
        channel_direct=lambda x: x["channel"] == "direct",
        channel_postal=lambda x: x["channel"] == "postal",
    )
    done = df[df["completed_on"].dt.year == 2026]
    due = done["due_on"] + pd.to_timedelta(done["paused_days"], unit="D")
    done = done.assign(
        period=done["completed_on"].dt.strftime("%Y%m"),
        completed=1,
        completed_early=done["completed_on"] < due,
        completed_on_time=done["completed_on"] == due,
        completed_late=done["completed_on"] > due,
    )
    parts = []
    for frame, names in ((rec, COUNTERS[:8]), (done, COUNTERS[8:])):
        part = frame[by + names].copy() if by else frame[names].copy()
        part[names] = part[names].astype("int64")
        parts.append(part)
    both = pd.concat(parts).fillna(0)
    sums = both.groupby(by).sum() if by else both.sum().to_frame().T
    out = {}
    for key, row in sums.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        values = [int(row[c]) for c in COUNTERS]
        if any(values):
            out[tuple(str(k) for k in key) if by else ()] = values
    return out


def _groups(result: Dict[str, Any], by: List[str]) -> Dict[Tuple[str, ...], List[int]]:
    out = {}
    for i in range(len(result[COUNTERS[0]])):
        values = [int(result[c][i]) for c in COUNTERS]
        if any(values):
            out[tuple(str(result[k][i]) for k in by)] = values
    return out


@pytest.mark.parametrize("seed", [3, 4])
def test_by_equals_the_full_cube_rolled_up_and_a_pandas_group_by(seed: int) -> None:
    data = rows(2500, seed)
    table = _batches_with_own_dictionaries(data, [777, 1500, 1501])
    assert pa.types.is_timestamp(table.schema.field("received_on").type)
    assert table.column("unit_code").num_chunks == 4
    full = pd.DataFrame(dvctt.dossier_cube(table, "2026"))
    subsets = [[], ["unit_code"], ["period"], ["sector"], ["unit_code", "period"],
               ["period", "sector"], ["sector", "unit_code"], ["period", "unit_code", "sector"]]
    for by in subsets:
        kept = [d for d in DIMS if d in by]  # the result's order
        for threads in (1, 2):
            r = dvctt.dossier_cube(table, "2026", threads=threads, by=by)
            assert list(r) == kept + COUNTERS, (by, list(r))
            n = len(r["received"])
            assert all(len(v) == n for v in r.values())
            # Every combination of the kept labels, once.
            sizes = [full[d].nunique() for d in kept]
            assert n == int(np.prod(sizes)), (by, n, sizes)
            got = _groups(r, kept)
            rolled = full.groupby(kept)[COUNTERS].sum() if kept else full[COUNTERS].sum().to_frame().T
            want = {}
            for key, row in rolled.iterrows():
                key = key if isinstance(key, tuple) else (key,)
                values = [int(row[c]) for c in COUNTERS]
                if any(values):
                    want[tuple(str(k) for k in key) if kept else ()] = values
            assert got == want, f"by={by} threads={threads}: not the full cube rolled up"
            assert got == _pandas_cube(data, kept), f"by={by} threads={threads}: not pandas"


def test_by_bad_names_are_data_errors() -> None:
    t = arrow_table(DATA[:50])
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dossier_cube(t, "2026", by=["month"])
    assert e.value.path == "by[0]"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dossier_cube(t, "2026", by=["period", "period"])
    assert e.value.path == "by[1]"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dossier_cube(t, "2026", by="period")  # type: ignore[arg-type]
    assert e.value.path == "by"

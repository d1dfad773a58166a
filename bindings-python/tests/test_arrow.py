"""Arrow in and out: dvctt.Data from pyarrow, pandas, polars and DuckDB
tables of every record kind (the same records as the CSV reader gives),
column types, errors naming column and row, Parquet; dvctt.Results read
back by each library, pickled, shown in a notebook."""

from __future__ import annotations

import datetime
import json
import pathlib
import pickle
from typing import Any, Callable, Dict, List

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import dvctt

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
PLAN_FILE = ROOT / "examples" / "plans" / "hcm-syt-2026.json"

KINDS = ["dossiers", "survey", "staff", "procedures", "units", "publications", "outreach", "feedback"]
# Columns of codes that look like numbers (procedure 1.001013): read as text.
TEXT = {
    "dossier_id", "unit_code", "procedure_code", "sector", "procedure_id", "person_id",
    "response_id", "publication_id", "session_id", "feedback_id", "name", "url", "rating",
}


def header(path: pathlib.Path) -> List[str]:
    return path.read_text(encoding="utf-8").splitlines()[0].split(",")


def text_columns(path: pathlib.Path) -> List[str]:
    return [c for c in header(path) if c in TEXT]


LOADERS: Dict[str, Callable[[pathlib.Path], Any]] = {
    "pyarrow": lambda p: pacsv.read_csv(
        p, convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in text_columns(p)})
    ),
    "pandas": lambda p: pd.read_csv(p, dtype={c: str for c in text_columns(p)}),
    "polars": lambda p: pl.read_csv(p, schema_overrides={c: pl.String for c in text_columns(p)}),
    "duckdb": lambda p: duckdb.read_csv(str(p), dtype={c: "VARCHAR" for c in text_columns(p)}),
}


def same_data(a: dvctt.Data, b: dvctt.Data) -> None:
    """The same records, and the same optional columns absent (by kind and
    column: the sources are named differently, a file path or the kind)."""
    ra: Dict[str, Any] = dict(a.to_records())
    rb: Dict[str, Any] = dict(b.to_records())
    absent_a = ra.pop("absent_columns", [])
    absent_b = rb.pop("absent_columns", [])
    assert ra == rb
    assert [(x["kind"], x["column"]) for x in absent_a] == [(x["kind"], x["column"]) for x in absent_b]


@pytest.fixture(scope="module")
def from_csv() -> dvctt.Data:
    return dvctt.Data.read_csv({k: DATA / f"{k}.csv" for k in KINDS})


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("library", sorted(LOADERS))
def test_every_kind_from_every_library_equals_the_csv_reader(
    library: str, kind: str, from_csv: dvctt.Data
) -> None:
    table = LOADERS[library](DATA / f"{kind}.csv")
    data = dvctt.Data.from_arrow(**{kind: table})
    expected = from_csv.to_records()[kind]  # type: ignore[literal-required]
    assert len(expected) > 0
    assert data.counts == {kind: len(expected)}
    assert data.to_records()[kind] == expected  # type: ignore[literal-required]
    assert data.rejected == []


def test_a_whole_data_set_from_pandas_with_datetime_columns(from_csv: dvctt.Data) -> None:
    # pandas datetime64 columns (timestamp[ns] or [us] in Arrow) where dates are meant.
    frames = {}
    for k in KINDS:
        path = DATA / f"{k}.csv"
        dates = [c for c in header(path) if c.endswith("_on") or c in ("active_from", "active_to")]
        frames[k] = pd.read_csv(path, dtype={c: str for c in text_columns(path)}, parse_dates=dates)
    assert str(frames["dossiers"]["received_on"].dtype).startswith("datetime64")
    data = dvctt.Data.from_arrow(**frames)
    same_data(data, from_csv)
    assert {x["kind"] for x in data.to_records()["absent_columns"]} == {"survey", "staff"}


def test_data_kept_in_rust_gives_the_answers_of_the_dict_api(from_csv: dvctt.Data) -> None:
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    records = from_csv.to_records()
    assert dvctt.evaluate_targets(plan, from_csv) == dvctt.evaluate_targets(plan, records)
    q = {"indicator": "on_time_completion_rate", "period": "2026", "by_unit": True}
    assert dvctt.compute_indicator(from_csv, q) == dvctt.compute_indicator(records, q)
    assert dvctt.validate_dataset(from_csv) == dvctt.validate_dataset(records)


def one_batch_table(**columns: pa.Array) -> pa.Table:
    return pa.table(columns)


BASE = {
    "dossier_id": ["D1", "D2", "D3"],
    "unit_code": ["U1", "U2", "U1"],
    "procedure_code": ["1.001", "1.002", "1.001"],
    "sector": ["y_te", "y_te", "duoc"],
    "received_on": ["2026-01-05", "2026-02-10", "2026-03-15"],
    "channel": ["online", "direct", "online"],
    "fully_online": [True, False, True],
}


def dossiers(**overrides: Any) -> pa.Table:
    cols: Dict[str, Any] = dict(BASE)
    cols.update(overrides)
    return pa.table({k: v for k, v in cols.items() if v is not None})


def records_of(table: Any) -> List[Dict[str, Any]]:
    return dvctt.Data.from_arrow(dossiers=table).to_records()["dossiers"]


@pytest.mark.parametrize("string_type", [pa.string(), pa.large_string(), pa.string_view()])
def test_text_as_utf8_large_utf8_and_utf8_view(string_type: pa.DataType) -> None:
    plain = records_of(dossiers())
    t = dossiers()
    for name in ["dossier_id", "unit_code", "procedure_code", "sector", "received_on", "channel"]:
        i = t.schema.get_field_index(name)
        t = t.set_column(i, name, t.column(name).cast(string_type))
    assert records_of(t) == plain


@pytest.mark.parametrize("index", [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint32()])
def test_dictionaries_of_any_index_width_with_a_dictionary_per_batch(index: pa.DataType) -> None:
    # Two batches whose dictionaries differ (and list the same code at
    # different positions): each batch's indices are read against its own.
    def batch(ids: List[str], units: List[str], unit_dict: List[str], keys: List[int]) -> pa.RecordBatch:
        n = len(ids)
        unit = pa.DictionaryArray.from_arrays(pa.array(keys, type=index), pa.array(unit_dict))
        return pa.record_batch(
            {
                "dossier_id": ids,
                "unit_code": unit,
                "procedure_code": ["1.001"] * n,
                "sector": ["y_te"] * n,
                "received_on": pa.array([datetime.date(2026, 1, 5)] * n, pa.date32()),
                "channel": ["online"] * n,
                "fully_online": [True] * n,
            }
        )

    b1 = batch(["A", "B"], [], ["U1", "U2"], [1, 0])
    b2 = batch(["C", "D", "E"], [], ["U3", "U2", "U1"], [2, 1, 0])
    table = pa.Table.from_batches([b1, b2])
    assert table.column("unit_code").num_chunks == 2
    units = [r["unit_code"] for r in records_of(table)]
    assert units == ["U2", "U1", "U1", "U2", "U3"]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_dates_as_timestamps_date32_date64_and_text(unit: str) -> None:
    days = [datetime.date(2026, 1, 5), datetime.date(2026, 2, 10), datetime.date(2026, 3, 15)]
    stamps = pa.array([datetime.datetime(d.year, d.month, d.day) for d in days], pa.timestamp(unit))
    utc = pa.array([datetime.datetime(d.year, d.month, d.day) for d in days], pa.timestamp(unit, tz="UTC"))
    plain = records_of(dossiers())
    assert records_of(dossiers(received_on=stamps)) == plain
    assert records_of(dossiers(received_on=utc)) == plain
    assert records_of(dossiers(received_on=pa.array(days, pa.date32()))) == plain
    assert records_of(dossiers(received_on=pa.array(days, pa.date64()))) == plain


def test_booleans_as_bool_ints_and_text_and_nulls_as_empty_cells() -> None:
    plain = records_of(dossiers())
    assert records_of(dossiers(fully_online=pa.array([1, 0, 1], pa.int8()))) == plain
    assert records_of(dossiers(fully_online=["true", "FALSE", "1"])) == plain
    assert records_of(dossiers(fully_online=[1.0, 0.0, 1.0])) == plain
    # Optional columns with nulls: absent values, as empty CSV cells.
    got = records_of(
        dossiers(
            completed_on=pa.array([None, datetime.date(2026, 2, 20), None], pa.date32()),
            due_on=pa.array([None, "2026-02-25", None]),
            paused_days=pa.array([None, 2, None], pa.int64()),
            fee_required=pa.array([None, True, None]),
            paid_online=pa.array([None, False, None]),
        )
    )
    assert [r.get("completed_on") for r in got] == [None, "2026-02-20", None]
    assert [r.get("paused_days", 0) for r in got] == [0, 2, 0]
    assert [r.get("fee_required", False) for r in got] == [False, True, False]


def test_an_absent_optional_column_makes_its_indicators_not_computed() -> None:
    data = dvctt.Data.from_arrow(dossiers=dossiers())
    assert "digitized" in data.absent_columns["dossiers"]
    with pytest.raises(dvctt.NotComputedError) as e:
        dvctt.compute(data, {"indicator": "digitized_dossier_share", "period": "2026"})
    assert e.value.indicator == "digitized_dossier_share"
    assert "dossiers" in e.value.reason and "digitized" in e.value.reason
    present = dvctt.Data.from_arrow(dossiers=dossiers(digitized=[True, False, None]))
    r = dvctt.compute(present, {"indicator": "digitized_dossier_share", "period": "2026"})
    assert [row["value"] for row in r.rows()] == [pytest.approx(100 / 3)]


def test_pandas_missing_integers_as_nan_are_absent() -> None:
    df = pd.DataFrame(dict(BASE, paused_days=[float("nan"), 3.0, float("nan")]))
    got = dvctt.Data.from_arrow(dossiers=df).to_records()["dossiers"]
    assert [r.get("paused_days", 0) for r in got] == [0, 3, 0]


def data_error(**sources: Any) -> dvctt.DataError:
    with pytest.raises(dvctt.DataError) as e:
        dvctt.Data.from_arrow(**sources)
    return e.value


def test_a_missing_column_names_it() -> None:
    e = data_error(dossiers=dossiers(received_on=None))
    assert e.path == "dossiers.received_on"
    assert "missing" in e.detail and "dossier_id" in e.detail


def test_a_column_of_the_wrong_type_names_column_and_row() -> None:
    e = data_error(dossiers=dossiers(received_on=pa.array([1.5, 2.5, 3.5])))
    assert e.path == "dossiers[0].received_on"
    e = data_error(dossiers=dossiers(procedure_code=pa.array([1.001, 1.002, 1.001])))
    assert e.path == "dossiers[0].procedure_code"
    assert "Float64" in e.detail and "strings" in e.detail
    e = data_error(dossiers=dossiers(received_on=pa.array([[1], [2], [3]])))
    assert e.path == "dossiers.received_on" and "cannot be read" in e.detail


def test_an_unparseable_value_names_column_and_row() -> None:
    e = data_error(dossiers=dossiers(received_on=["2026-01-05", "2026-02-10", "15/03/2026"]))
    assert e.path == "dossiers[2].received_on"
    assert "15/03/2026" in e.detail
    e = data_error(dossiers=dossiers(channel=["online", "fax", "online"]))
    assert e.path == "dossiers[1].channel"
    noon = pa.array([datetime.datetime(2026, 1, 5, 12)] * 3, pa.timestamp("us"))
    e = data_error(dossiers=dossiers(received_on=noon))
    assert e.path == "dossiers[0].received_on" and "midnight" in e.detail
    tz = pa.array([datetime.datetime(2026, 1, 5)] * 3, pa.timestamp("us", tz="Asia/Ho_Chi_Minh"))
    e = data_error(dossiers=dossiers(received_on=tz))
    assert e.path == "dossiers.received_on" and "Asia/Ho_Chi_Minh" in e.detail


def test_nan_in_a_boolean_column_is_an_error() -> None:
    nan = pa.array([1.0, float("nan"), 1.0], from_pandas=False)
    e = data_error(dossiers=dossiers(fully_online=nan))
    assert e.path == "dossiers[1].fully_online" and "NaN" in e.detail
    # pandas hands its NaN over as a null: a missing required value.
    df = pd.DataFrame(dict(BASE, fully_online=[1.0, float("nan"), 1.0]))
    e = data_error(dossiers=df)
    assert e.path == "dossiers[1].fully_online" and "empty" in e.detail


def test_rows_over_several_batches_are_numbered_from_the_first() -> None:
    good = dossiers().to_batches()[0]
    bad = dossiers(dossier_id=["D4", "D5", "D6"], channel=["online", "online", "fax"]).to_batches()[0]
    e = data_error(dossiers=pa.Table.from_batches([good, bad]))
    assert e.path == "dossiers[5].channel"


def test_not_strict_returns_rejected_rows_and_duplicates() -> None:
    t = dossiers(dossier_id=["D1", "D1", "D3"], channel=["online", "direct", "fax"])
    data = dvctt.Data.from_arrow(dossiers=t, strict=False)
    assert data.counts == {"dossiers": 1}
    assert [(r["file"], r["line"], r["field"]) for r in data.rejected] == [
        ("dossiers", 1, "dossier_id"),
        ("dossiers", 2, "channel"),
    ]
    assert "duplicate id `D1`" in data.rejected[0]["detail"]
    html = data._repr_html_()
    assert "Dòng bị loại: 2" in html and "duplicate id" in html


def test_survey_ratings_staff_and_logs_from_polars() -> None:
    survey = pl.DataFrame(
        {
            "response_id": ["R1", "R2"],
            "unit_code": ["U1", "U1"],
            "responded_on": [datetime.date(2026, 1, 2), datetime.date(2026, 1, 3)],
            "rating": ["very_satisfied", "dissatisfied"],
            "scale": [5, 5],
        }
    )
    data = dvctt.Data.from_arrow(survey=survey)
    assert [r["rating"] for r in data.to_records()["survey"]] == ["very_satisfied", "dissatisfied"]
    e = data_error(survey=survey.with_columns(pl.lit(4).alias("scale")))
    assert e.path == "survey[0].scale"
    e = data_error(survey=survey.drop("rating", "scale"))
    assert e.path == "survey.satisfied or rating"


def test_several_sources_of_one_kind_share_the_duplicate_check() -> None:
    e = data_error(dossiers=[dossiers(), dossiers()])
    assert e.path == "dossiers#1[0].dossier_id" and "duplicate" in e.detail


def test_something_that_is_not_a_table() -> None:
    e = data_error(dossiers=[{"dossier_id": "D1"}])
    assert e.path == "dossiers#0" and "__arrow_c_stream__" in e.detail


def test_parquet_files(tmp_path: pathlib.Path, from_csv: dvctt.Data) -> None:
    paths = {}
    for k in KINDS:
        paths[k] = tmp_path / f"{k}.parquet"
        pq.write_table(LOADERS["pyarrow"](DATA / f"{k}.csv"), paths[k], row_group_size=500)
    same_data(dvctt.Data.read_parquet(paths), from_csv)
    with pytest.raises(dvctt.IoError):
        dvctt.Data.read_parquet({"dossiers": tmp_path / "none.parquet"})


def test_aggregates_with_arrow_records() -> None:
    agg = [{"indicator": "online_dossier_share", "unit_code": "U9", "period": "2026Q1",
            "numerator": 8, "denominator": 10}]
    data = dvctt.Data.from_arrow(dossiers=dossiers(), aggregates=agg)
    assert data.counts == {"dossiers": 3, "aggregates": 1}


def test_data_pickles(from_csv: dvctt.Data) -> None:
    back = pickle.loads(pickle.dumps(from_csv))
    assert isinstance(back, dvctt.Data)
    assert back.to_records() == from_csv.to_records()
    assert type(from_csv).__module__ == "dvctt._dvctt"


# --- results out ---------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluations(from_csv: dvctt.Data) -> dvctt.Results:
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    return dvctt.evaluate(plan, from_csv, {"by_unit": True, "as_of": "2026-12-31"})


def test_evaluations_as_a_tidy_table_read_by_every_library(
    evaluations: dvctt.Results, from_csv: dvctt.Data
) -> None:
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    plain = dvctt.evaluate_targets(plan, from_csv, {"by_unit": True, "as_of": "2026-12-31"})
    assert evaluations.records() == plain
    table = pa.table(evaluations)
    assert table.num_rows == len(plain) == len(evaluations) > 2
    assert table.column_names[:11] == [
        "target", "indicator", "unit", "period", "numerator", "denominator", "value",
        "comparator", "threshold", "status", "gap",
    ]
    assert table.schema.field("as_of").type == pa.date32()
    rows = table.to_pylist()
    for row, e in zip(rows, plain):
        assert (row["target"], row["unit"], row["status"], row["value"]) == (
            e["target_id"], e["unit_code"], e["status"], e["value"],
        )
        assert row["threshold"] == e["applicable_threshold"] and row["gap"] == e["gap_pp"]
        assert row["as_of"] == datetime.date(2026, 12, 31)
    df = pl.DataFrame(evaluations)
    assert df.shape == (table.num_rows, table.num_columns)
    assert df["status"].to_list() == [e["status"] for e in plain]
    pdf = evaluations.to_pandas()
    assert list(pdf["target"]) == [e["target_id"] for e in plain]
    direct = pd.DataFrame.from_arrow(evaluations)  # pandas 3 reads the stream itself
    assert list(direct["status"]) == [e["status"] for e in plain]
    assert evaluations.to_polars().equals(df)
    tbl = evaluations
    assert duckdb.sql("select count(*) from tbl").fetchall() == [(len(plain),)]


def test_indicator_results_and_parts(from_csv: dvctt.Data) -> None:
    q = {"indicator": "on_time_completion_rate", "period": "2026", "by_unit": True}
    r = dvctt.compute(from_csv, q)
    plain = dvctt.compute_indicator(from_csv, q)
    assert r.kind == "indicators" and r.records() == plain
    parts = pa.table(r.parts)
    n_parts = sum(len(x["parts"]) for x in plain)
    assert parts.num_rows == n_parts > 0
    assert parts.column_names == ["indicator", "unit", "period", "part", "count", "share"]
    with pytest.raises(dvctt.DataError):
        r.parts.parts


def test_scores_roll_up_and_tasks_as_tables(from_csv: dvctt.Data) -> None:
    profile = dvctt.default_scoring_profile()
    s = dvctt.score(profile, from_csv, {"period": "2026"})
    cards = dvctt.compute_scores(profile, from_csv, {"period": "2026"})
    assert len(s) == sum(len(c["items"]) for c in cards) > 0
    assert pa.table(s).column("item").to_pylist() == [i["item_id"] for c in cards for i in c["items"]]
    org = json.loads((ROOT / "examples" / "org" / "hcm-health-2026.json").read_text(encoding="utf-8"))
    q = {"indicator": "online_dossier_share", "period": "2026"}
    ru = dvctt.roll_up(from_csv, q, org)
    plain = dvctt.compute_rolled_up(from_csv, q, org)
    assert ru.records() == plain["results"] and ru.unplaced == plain["unplaced"]
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    acts = dvctt.read_activities_csv_text((DATA / "activities.csv").read_text(encoding="utf-8"))
    t = dvctt.task_table(plan, acts["activities"], "2026", "2026-12-31")
    assert t.records() == dvctt.check_tasks(plan, acts["activities"], "2026", "2026-12-31")
    assert pa.table(t).schema.field("kept").type == pa.bool_()


def every_result_kind(from_csv: dvctt.Data) -> Dict[str, dvctt.Results]:
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    org = json.loads((ROOT / "examples" / "org" / "hcm-health-2026.json").read_text(encoding="utf-8"))
    acts = dvctt.read_activities_csv_text((DATA / "activities.csv").read_text(encoding="utf-8"))
    q = {"indicator": "on_time_completion_rate", "period": "2026", "by_unit": True}
    indicators = dvctt.compute(from_csv, q)
    return {
        "evaluations": dvctt.evaluate(plan, from_csv, {"by_unit": True}),
        "indicators": indicators,
        "parts": indicators.parts,
        "scores": dvctt.score(dvctt.default_scoring_profile(), from_csv, {"period": "2026"}),
        "roll_up": dvctt.roll_up(from_csv, {"indicator": "online_dossier_share", "period": "2026"}, org),
        "tasks": dvctt.task_table(plan, acts["activities"], "2026", "2026-12-31"),
    }


def test_every_result_kind_read_back_by_every_library_and_pickled(from_csv: dvctt.Data) -> None:
    for name, r in every_result_kind(from_csv).items():
        expected = pa.table(r)
        assert expected.num_rows == len(r) > 0, name
        rows = expected.to_pylist()
        # polars and pandas read the stream themselves; DuckDB scans the object.
        assert pl.DataFrame(r).to_arrow().to_pylist() == rows, name
        assert r.to_polars().to_arrow().to_pylist() == rows, name
        pdf = pd.DataFrame.from_arrow(r)
        assert list(pdf.columns) == expected.column_names, name
        assert len(pdf) == expected.num_rows, name
        assert r.to_pandas().shape == pdf.shape, name
        rel = r
        got = duckdb.sql("select * from rel").to_arrow_table()
        assert got.column_names == expected.column_names, name
        assert got.num_rows == expected.num_rows, name
        assert duckdb.sql("select count(*) from rel").fetchall() == [(len(r),)], name
        back = pickle.loads(pickle.dumps(r))
        assert pa.table(back).equals(expected), name
        assert back.records() == r.records(), name


def test_the_cube_read_back_by_every_library() -> None:
    t = pacsv.read_csv(
        DATA / "dossiers.csv",
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in text_columns(DATA / "dossiers.csv")}
        ),
    )
    r = dvctt.dossier_cube(t, "2026", "quarters")
    expected = pa.table(r)
    assert expected.num_rows == len(r["unit_code"]) > 0
    assert int(pc_sum(expected, "received")) == t.num_rows
    assert pl.DataFrame(r).to_arrow().to_pylist() == expected.to_pylist()
    pdf = pd.DataFrame(r)
    assert pdf["received"].sum() == t.num_rows
    cube = expected
    assert duckdb.sql("select sum(received) from cube").fetchall() == [(t.num_rows,)]


def pc_sum(t: pa.Table, col: str) -> int:
    return sum(int(x) for x in t.column(col).to_pylist())


def test_results_pickle(evaluations: dvctt.Results) -> None:
    back = pickle.loads(pickle.dumps(evaluations))
    assert isinstance(back, dvctt.Results) and back.kind == "evaluations"
    assert pa.table(back).equals(pa.table(evaluations))
    assert back.records() == evaluations.records()


def test_notebook_display_in_vietnamese_then_english(evaluations: dvctt.Results) -> None:
    html = evaluations._repr_html_()
    assert "Đánh giá chỉ tiêu" in html and "Tỷ lệ hồ sơ trực tuyến toàn trình" in html
    statuses = {r["status"] for r in evaluations.records()}
    labels = {"met": "đạt", "off_track": "chậm tiến độ", "at_risk": "có nguy cơ không đạt",
              "on_track": "đúng tiến độ", "no_data": "không có dữ liệu"}
    for s in statuses:
        assert f">{labels[s]}</td>" in html, s
    assert "color:#" in html
    evaluations.lang = "en"
    try:
        en = evaluations._repr_html_()
        assert "Target evaluations" in en and "Dossiers fully online" in en
    finally:
        evaluations.lang = "vi"
    with pytest.raises(dvctt.DataError):
        evaluations.lang = "fr"
    # The publishing table goes to the workbook writers.
    assert dvctt.tables_to_xlsx([evaluations.table()])[:2] == b"PK"



def test_plan_display_in_vietnamese_then_english() -> None:
    raw = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    plan = dvctt.PlanObj(raw)
    html = plan._repr_html_()
    assert html == plan.to_html() and html.startswith("<div>")
    assert raw["title"] in html and "Cơ quan ban hành: " + raw["issuer"] in html
    # Every target and task is a row, its indicator named in Vietnamese.
    for t in raw["targets"]:
        assert f">{t['id']}</td>" in html, t["id"]
    for t in raw["tasks"]:
        assert f">{t['id']}</td>" in html, t["id"]
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình" in html and ">80,0%</td>" in html
    assert "hằng quý (ít nhất 1)" in html and "thường xuyên (ít nhất 1 mỗi quý)" in html
    en = plan.to_html(lang="en")
    assert "Issuer: " + raw["issuer"] in en and "Dossiers fully online" in en
    assert ">80.0%</td>" in en and "quarterly (at least 1)" in en
    assert "Tỷ lệ hồ sơ" not in en
    with pytest.raises(dvctt.DataError):
        plan.to_html(lang="fr")


def test_org_and_profile_display_in_vietnamese_then_english() -> None:
    raw = json.loads((ROOT / "examples" / "org" / "hcm-health-2026.json").read_text(encoding="utf-8"))
    org = dvctt.OrgObj(raw)
    html = org._repr_html_()
    assert html == org.to_html() and html.startswith("<div>")
    assert f"<b>{raw['title']}</b>" in html and f"Số đơn vị: {len(raw['units'])}<br>" in html
    # Every unit is a row with its parent.
    for u in raw["units"]:
        assert f">{u['code']}</td>" in html, u["code"]
    chorr = next(u for u in raw["units"] if u["code"] == "BV-CHORAY")
    assert f">{chorr['name']}</td><td style=\"text-align:right;\">3</td><td style=\"text-align:left;\">BYT</td>" in html
    en = org.to_html(lang="en")
    assert f"Units: {len(raw['units'])}<br>" in en and "<th>Parent</th>" in en and "Số đơn vị" not in en
    profile_doc = dvctt.default_scoring_profile()
    profile = dvctt.ProfileObj(profile_doc)
    html = profile._repr_html_()
    assert html == profile.to_html() and profile_doc["title"] in html
    for g in profile_doc["groups"]:
        assert f">{g['name_vi']}</td>" in html, g["id"]
    for i in profile_doc["items"]:
        assert f">{i['id']}</td>" in html and f">{i['name_vi']}</td>" in html, i["id"]
    en = profile.to_html(lang="en")
    for i in profile_doc["items"]:
        assert f">{i['name_en']}</td>" in en, i["id"]
    with pytest.raises(dvctt.DataError):
        org.to_html(lang="fr")
    with pytest.raises(dvctt.DataError):
        profile.to_html(lang="fr")


# --- charts ----------------------------------------------------------------------


def test_progress_and_trajectory_charts_saved_as_png_and_svg(
    evaluations: dvctt.Results, from_csv: dvctt.Data, tmp_path: pathlib.Path
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    fig = evaluations.plot(path=tmp_path / "progress.png")
    png = (tmp_path / "progress.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    targets = {r["target"] for r in evaluations.rows()}
    assert len(fig.axes) == len(targets)
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert any(label.startswith("tất cả") for label in labels)
    fig.savefig(tmp_path / "progress.svg")
    assert b"<svg" in (tmp_path / "progress.svg").read_bytes()
    en = evaluations.plot(lang="en", target=sorted(targets)[0])
    assert len(en.axes) == 1
    assert any(t.get_text().startswith("all") for t in en.axes[0].get_yticklabels())
    # A trajectory from the plan judged at several dates.
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    dates = ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]
    series = dvctt.Results.concat([dvctt.evaluate(plan, from_csv, {"as_of": d}) for d in dates])
    assert len(series) == 4 * len(dvctt.evaluate(plan, from_csv, {"as_of": dates[0]}))
    traj = series.plot(kind="trajectory", path=tmp_path / "trajectory.svg")
    ticks = [t.get_text() for t in traj.axes[0].get_xticklabels()]
    assert ticks == dates
    assert (tmp_path / "trajectory.svg").stat().st_size > 1000
    with pytest.raises(ValueError):
        evaluations.plot(target="no-such-target")
    with pytest.raises(dvctt.DataError):
        dvctt.Results.concat([evaluations, dvctt.compute(from_csv, {"indicator": "online_dossier_share", "period": "2026"})])


# --- the cube on several threads ---------------------------------------------------


def cube_frame(cube: Dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(cube)
    dims = [c for c in ("unit_code", "period", "sector") if c in frame.columns]
    return (frame.sort_values(dims) if dims else frame).reset_index(drop=True)


def test_the_cube_on_several_threads_counts_the_same() -> None:
    table = LOADERS["pyarrow"](DATA / "dossiers.csv")
    one = dvctt.dossier_cube(table, "2026", "months", threads=1)
    # The same table, in the same order, whatever the number of threads
    # (the default: every core): units and sectors sorted by code.
    assert list(one["unit_code"]) == sorted(one["unit_code"])
    for threads in (2, 3, 0):
        many = dvctt.dossier_cube(table, "2026", "months", threads=threads)
        pd.testing.assert_frame_equal(pd.DataFrame(one), pd.DataFrame(many))
    pd.testing.assert_frame_equal(pd.DataFrame(one), pd.DataFrame(dvctt.dossier_cube(table, "2026")))
    # A dict of numpy arrays is cut into runs of rows as well.
    frame = table.to_pandas()
    arrays = {c: frame[c].to_numpy() for c in frame.columns}
    for threads in (1, 2, 0):
        got = dvctt.dossier_cube(arrays, "2026", "months", threads=threads)
        pd.testing.assert_frame_equal(pd.DataFrame(one), pd.DataFrame(got))
    late = dict(arrays, paused_days=np.where(np.arange(len(frame)) == 3500, -1, 0))
    with pytest.raises(dvctt.DataError) as e:
        dvctt.dossier_cube(late, "2026", "months", threads=2)
    assert e.value.path == "paused_days[3500]"
    # A bad row in a later run is named as on one thread.
    bad = table.set_column(
        table.schema.get_field_index("completed_on"),
        "completed_on",
        pa.array([None] * 3000 + ["2025-01-01"] + [None] * (table.num_rows - 3001), pa.string()),
    )
    with pytest.raises(dvctt.DataError) as one_err:
        dvctt.dossier_cube(bad, "2026", "months")
    with pytest.raises(dvctt.DataError) as many_err:
        dvctt.dossier_cube(bad, "2026", "months", threads=2)
    assert many_err.value.path == one_err.value.path
    assert "3000" in many_err.value.path


# --- beyond one machine: partial cubes, pickled and merged; Dask ------------------


def test_cubes_pickle_and_merge_to_the_whole() -> None:
    from dvctt.dask import merge, partial_cube

    table = LOADERS["pyarrow"](DATA / "dossiers.csv")
    half = table.num_rows // 2
    a = partial_cube(table.slice(0, half), "2026", "months")
    b = partial_cube(table.slice(half), "2026", "months")
    a2 = pickle.loads(pickle.dumps(a))
    assert isinstance(a2, dvctt.Cube) and a2.to_bytes() == a.to_bytes()
    whole = dvctt.dossier_cube(table, "2026", "months")
    from dvctt._cube import _table

    merged = _table(merge(a2, b)._raw())
    pd.testing.assert_frame_equal(cube_frame(whole), cube_frame(merged))
    with pytest.raises(dvctt.DataError):
        a.merge(partial_cube(table, "2026", "quarters"))
    with pytest.raises(dvctt.DataError):
        dvctt.Cube(b"not a cube")


def test_dask_partitions_counted_in_other_processes_equal_one_machine() -> None:
    import dask.dataframe as dd

    import dvctt.dask

    df = pd.read_csv(DATA / "dossiers.csv", dtype={c: str for c in text_columns(DATA / "dossiers.csv")},
                     parse_dates=["received_on", "due_on", "completed_on"])
    ddf = dd.from_pandas(df, npartitions=5)
    got = dvctt.dask.dossier_cube(ddf, "2026", "months", split_every=2, scheduler="processes")
    whole = dvctt.dossier_cube(df, "2026", "months")
    pd.testing.assert_frame_equal(cube_frame(whole), cube_frame(got))
    assert int(got["received"].sum()) == len(df)


def test_partial_cubes_by_some_dimensions_merge_to_the_whole_rolled_up() -> None:
    from dvctt._cube import _table
    from dvctt.dask import merge, partial_cube

    table = LOADERS["pyarrow"](DATA / "dossiers.csv")
    third = table.num_rows // 3
    pieces = [table.slice(0, third), table.slice(third, third), table.slice(2 * third)]
    for by in (["unit_code"], ["period"], ["unit_code", "sector"], []):
        cubes = [pickle.loads(pickle.dumps(partial_cube(p, "2026", "months", by=by))) for p in pieces]
        merged = _table(merge(*cubes)._raw())
        whole = dvctt.dossier_cube(table, "2026", "months", by=by)
        assert [c for c in merged if c in ("unit_code", "period", "sector")] == by
        pd.testing.assert_frame_equal(cube_frame(whole), cube_frame(merged))
        # The full cube summed over the dimensions left out, computed here
        # with pandas, independently of the rolled-up counting.
        full = pd.DataFrame(dvctt.dossier_cube(table, "2026", "months"))
        counters = [c for c in full.columns if c not in ("unit_code", "period", "sector")]
        if by:
            summed = full.groupby(by, sort=True)[counters].sum().reset_index()
        else:
            summed = full[counters].sum().to_frame().T
        got = pd.DataFrame(merged).sort_values(by).reset_index(drop=True) if by else pd.DataFrame(merged)
        pd.testing.assert_frame_equal(
            got[by + counters].astype({c: "uint64" for c in counters}),
            summed[by + counters].astype({c: "uint64" for c in counters}),
            check_dtype=False,
        )
    by_unit = partial_cube(pieces[0], "2026", "months", by=["unit_code"])
    assert repr(by_unit) == "dvctt.Cube(units=5, by=['unit_code'])", repr(by_unit)
    # A cube by unit does not merge with a full one.
    with pytest.raises(dvctt.DataError, match="cannot be merged"):
        by_unit.merge(partial_cube(pieces[1], "2026", "months"))
    with pytest.raises(dvctt.DataError, match="by"):
        partial_cube(pieces[0], "2026", "months", by="unit_code")
    with pytest.raises(dvctt.DataError):
        partial_cube(pieces[0], "2026", "months", by=["province"])


def test_dask_dossier_cube_by_unit_equals_one_machine() -> None:
    import dask.dataframe as dd

    import dvctt.dask

    table = LOADERS["pyarrow"](DATA / "dossiers.csv")
    ddf = dd.from_pandas(table.to_pandas(), npartitions=4)
    got = dvctt.dask.dossier_cube(ddf, "2026", "quarters", split_every=2, by=["unit_code"], scheduler="sync")
    whole = dvctt.dossier_cube(table, "2026", "quarters", by=["unit_code"])
    assert list(got)[0] == "unit_code" and "period" not in got and "sector" not in got
    pd.testing.assert_frame_equal(cube_frame(whole), cube_frame(got))
    full = dvctt.dossier_cube(table, "2026", "quarters")
    assert int(got["received"].sum()) == int(full["received"].sum()) > 0


def test_dask_on_a_local_cluster_of_processes() -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import dvctt.dask

    table = LOADERS["pyarrow"](DATA / "dossiers.csv")
    ddf = dd.from_pandas(table.to_pandas(), npartitions=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            got = dvctt.dask.dossier_cube(ddf, "2026", "quarters", split_every=2)
    whole = dvctt.dossier_cube(table, "2026", "quarters")
    pd.testing.assert_frame_equal(cube_frame(whole), cube_frame(got))

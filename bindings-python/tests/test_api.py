"""The Python API: the bundled example end to end, type and error translation."""

from __future__ import annotations

import datetime
import json
import math
import pathlib
import pickle
import types
from typing import Any, Dict, List, Optional, Type

import pytest

import dvctt
from dvctt import _dvctt

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DATA = EXAMPLES / "data"
PLAN_FILE = EXAMPLES / "plans" / "hcm-syt-2026.json"

DOSSIER_HEADER = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n"

VARIANTS = ["Plan", "UnknownIndicator", "Csv", "MissingColumn", "Period", "Data", "Io"]


def dossier(i: int, received_on: Any = "2026-01-05", online: bool = True) -> Dict[str, Any]:
    return {
        "dossier_id": f"D{i}",
        "unit_code": "U1",
        "procedure_code": "1.001",
        "sector": "y_te",
        "received_on": received_on,
        "channel": "online" if online else "direct",
        "fully_online": online,
    }


def keys(td: Any) -> "set[str]":
    return set(td.__required_keys__) | set(td.__optional_keys__)


@pytest.fixture(scope="module")
def example_plan() -> dvctt.Plan:
    # The HCMC plan's targets computed from the dossier and survey files read
    # here; its procedure- and publication-based targets are judged by the CLI
    # tests (cli/tests/examples.rs) on the whole bundled data set.
    plan: Dict[str, Any] = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    plan["targets"] = [
        t for t in plan["targets"] if t["indicator"] in ("online_dossier_share", "satisfaction_rate")
    ]
    return dvctt.load_plan(json.dumps(plan))


@pytest.fixture(scope="module")
def example_load() -> dvctt.DatasetLoad:
    return dvctt.read_csv_files(
        {
            "dossiers": DATA / "dossiers.csv",  # os.PathLike
            "survey": str(DATA / "survey.csv"),  # str
            "staff": DATA / "staff.csv",
        }
    )


# --- the installed package -------------------------------------------------


def test_installed_native_module_is_abi3() -> None:
    assert _dvctt.__file__ is not None and _dvctt.__file__.endswith(".abi3.so")


def test_version_and_all() -> None:
    assert dvctt.__version__ == _dvctt.__version__
    assert all(part.isdigit() for part in dvctt.__version__.split("."))
    for name in dvctt.__all__:
        assert hasattr(dvctt, name), name
    for name in _dvctt.__all__:
        assert hasattr(_dvctt, name), name


def readme_api_names(column: int) -> "set[str]":
    """The names in one column of the README's API table (0 operation,
    1 Rust, 2 Python, 3 JS, 4 Kotlin): every identifier in backticks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## API\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    assert len(rows) > 30, rows
    names = set()
    for row in rows:
        cells = row.strip("|").split("|")
        assert len(cells) == 5, row
        for i, quoted in enumerate(cells[column].split("`")):
            if i % 2 == 1 and quoted.isidentifier():
                names.add(quoted)
    return names


def test_exports_exactly_the_readme_api_functions() -> None:
    functions = (types.FunctionType, types.BuiltinFunctionType)
    expected = readme_api_names(2)
    in_all = {n for n in dvctt.__all__ if isinstance(getattr(dvctt, n), functions)}
    public = {
        n for n, v in vars(dvctt).items() if not n.startswith("_") and isinstance(v, functions)
    }
    assert in_all == expected, (sorted(in_all - expected), sorted(expected - in_all))
    assert public == expected, (sorted(public - expected), sorted(expected - public))


# --- the bundled example -----------------------------------------------------


def test_example_plan(example_plan: dvctt.Plan) -> None:
    assert example_plan["schema"] == "dvctt/plan@1"
    assert example_plan["id"] == "hcm-syt-2026"
    assert len(example_plan["targets"]) == 2
    assert {t["indicator"] for t in example_plan["targets"]} == {
        "online_dossier_share",
        "satisfaction_rate",
    }
    assert all(t["comparator"] == ">=" for t in example_plan["targets"])
    assert keys(dvctt.Plan) == set(example_plan)
    for t in example_plan["targets"]:
        assert keys(dvctt.Target) == set(t)
        assert keys(dvctt.Scope) == set(t["scope"])
        datetime.date.fromisoformat(t["deadline"])


def test_example_csv_files(example_load: dvctt.DatasetLoad) -> None:
    assert keys(dvctt.DatasetLoad) == set(example_load)
    ds = example_load["dataset"]
    assert keys(dvctt.Dataset) == set(ds)
    assert example_load["rejected"] == []
    for kind, file in [("dossiers", "dossiers.csv"), ("survey", "survey.csv"), ("staff", "staff.csv")]:
        lines = [x for x in (DATA / file).read_text(encoding="utf-8").splitlines()[1:] if x.strip()]
        assert len(ds[kind]) == len(lines)  # type: ignore[literal-required]
    assert ds["aggregates"] == []
    assert keys(dvctt.Dossier) == set(ds["dossiers"][0])
    assert keys(dvctt.SurveyResponse) == set(ds["survey"][0])
    assert keys(dvctt.StaffMember) == set(ds["staff"][0])
    datetime.date.fromisoformat(ds["dossiers"][0]["received_on"])
    # the same files one at a time give the same records
    one = dvctt.read_csv_file("survey", DATA / "survey.csv")
    assert one["dataset"]["survey"] == ds["survey"]
    assert one["dataset"]["dossiers"] == []


def test_example_evaluation(example_plan: dvctt.Plan, example_load: dvctt.DatasetLoad) -> None:
    rows = dvctt.evaluate_targets(example_plan, example_load["dataset"], {"by_unit": True})
    units = {d["unit_code"] for d in example_load["dataset"]["dossiers"]}
    assert len(units) == 5
    targets = [t["id"] for t in example_plan["targets"]]
    # per target: one row for all units, then one per unit
    assert [r["target_id"] for r in rows] == [t for t in targets for _ in range(1 + len(units))]
    for r in rows:
        assert keys(dvctt.TargetEvaluation) == set(r)
        assert r["period"] == example_plan["period"]
        assert r["source"] == "records"
        assert r["denominator"] > 0
        assert r["value"] is not None and r["gap_pp"] is not None
        assert math.isclose(r["value"], 100 * r["numerator"] / r["denominator"], rel_tol=1e-12)
        assert math.isclose(r["gap_pp"], r["value"] - r["threshold"], abs_tol=1e-9)
        # judged as of the period end, which is the deadline: met or off track
        assert r["as_of"] == r["deadline"] == r["applicable_deadline"]
        assert r["status"] == ("met" if r["value"] >= r["threshold"] else "off_track")
    for t in targets:
        mine = [r for r in rows if r["target_id"] == t]
        assert mine[0]["unit_code"] is None
        assert {r["unit_code"] for r in mine[1:]} == units
        assert sum(r["numerator"] for r in mine[1:]) == mine[0]["numerator"]
        assert sum(r["denominator"] for r in mine[1:]) == mine[0]["denominator"]
    # without options: only the rows for all units; the plan is a plain dict, so a copy works too
    totals = dvctt.evaluate_targets(json.loads(json.dumps(example_plan)), example_load["dataset"])
    assert totals == [r for r in rows if r["unit_code"] is None]


def test_compute_matches_evaluation(example_load: dvctt.DatasetLoad) -> None:
    q: dvctt.Query = {"indicator": "online_dossier_share", "period": "2026", "by_unit": True}
    results = dvctt.compute_indicator(example_load["dataset"], q)
    assert len(results) == 5
    for r in results:
        assert keys(dvctt.IndicatorResult) == set(r)
        assert r["indicator"] == "online_dossier_share" and r["source"] == "records"
        assert r["value"] == pytest.approx(100 * r["numerator"] / r["denominator"])


def test_catalogue() -> None:
    cat = dvctt.indicator_catalogue()
    assert [c["id"] for c in cat] == [
        "online_dossier_share",
        "online_submission_share",
        "on_time_completion_rate",
        "online_payment_share",
        "digitized_dossier_share",
        "satisfaction_rate",
        "trained_staff_coverage",
        "full_process_procedure_share",
        "trained_community_team_coverage",
        "communicated_staff_coverage",
        "unit_portal_promotion_share",
        "feedback_addressed_rate",
        "adult_usage_rate",
        "student_coverage",
        "dossiers_received",
        "people_guided",
        "products_published",
        "events_held",
    ]
    for c in cat:
        assert keys(dvctt.IndicatorInfo) == set(c)
        assert c["source"] in (
            "dossiers",
            "survey",
            "staff",
            "procedures",
            "units",
            "publications",
            "outreach",
            "feedback",
            "aggregates",
        )
        assert c["period_aggregation"] in ("sum", "latest", "distinct")
        assert (c["unit"] == "%") == (c["denominator"] != "")


def test_query_fills_defaults() -> None:
    q = dvctt.validate_query({"indicator": "satisfaction_rate", "period": "2026"})
    assert keys(dvctt.Query) == set(q)
    assert q["by_unit"] is False
    assert q["scope"] == {"units": [], "sectors": []}
    assert q["source"] == "auto"
    assert q["satisfaction_rule"] == {"three_level_top": 2, "five_level_top": 2}


def test_survey_ratings_and_staff_roles() -> None:
    text = (
        "response_id,unit_code,responded_on,rating,scale\n"
        "R1,U1,2026-03-01,Rất hài lòng,5\n"
        "R2,U1,2026-03-02,bình thường,5\n"
        "R3,U1,2026-03-03,5,5\n"
        "R4,U1,2026-03-04,Bình thường,3\n"
    )
    load = dvctt.read_csv_text("survey", text, "survey.csv", strict=False)
    assert [(r["line"], r["field"]) for r in load["rejected"]] == [(5, "rating")]
    survey = load["dataset"]["survey"]
    assert [r["rating"] for r in survey] == ["very_satisfied", "neutral", "very_dissatisfied"]
    assert keys(dvctt.SurveyResponse) == set(survey[0]) and survey[0]["satisfied"] is None
    q: dvctt.Query = {
        "indicator": "satisfaction_rate",
        "period": "2026",
        "satisfaction_rule": {"five_level_top": 3},
    }
    (r,) = dvctt.compute_indicator(load["dataset"], q)
    assert (r["numerator"], r["denominator"]) == (2, 3)
    shares = {p["name"]: p["share"] for p in r["parts"]}
    assert shares["level:neutral"] == pytest.approx(100 / 3)
    assert keys(dvctt.Part) == set(r["parts"][0])
    with pytest.raises(dvctt.DataError) as e:
        dvctt.compute_indicator(load["dataset"], {**q, "satisfaction_rule": {"five_level_top": 5}})
    assert e.value.path == "satisfaction_rule.five_level_top"
    staff: dvctt.Dataset = {
        "staff": [
            {"person_id": "A", "unit_code": "U1", "in_scope": False, "role": "official",
             "communicated_on": "2025-12-20"},
            {"person_id": "B", "unit_code": "U1", "in_scope": True, "trained_on": "2026-01-02"},
        ]
    }
    # 2026VN starts on 15 Dec 2025: A's communication counts.
    (c,) = dvctt.compute_indicator(
        staff, {"indicator": "communicated_staff_coverage", "period": "2026VN"}
    )
    assert (c["numerator"], c["denominator"]) == (1, 2)
    # No role: an operator (B, trained, counts for trained_staff_coverage).
    assert dvctt.validate_dataset(staff)["staff"][1]["role"] is None
    (t,) = dvctt.compute_indicator(staff, {"indicator": "trained_staff_coverage", "period": "2026"})
    assert (t["numerator"], t["denominator"]) == (1, 1)


# --- type conversion ---------------------------------------------------------


def test_dates_accept_datetime_date() -> None:
    with_str = {"dossiers": [dossier(1, "2026-03-02")], "staff": [
        {"person_id": "P1", "unit_code": "U1", "in_scope": True, "trained_on": "2026-01-31"}
    ]}
    with_date = {"dossiers": [dossier(1, datetime.date(2026, 3, 2))], "staff": [
        {"person_id": "P1", "unit_code": "U1", "in_scope": True, "trained_on": datetime.date(2026, 1, 31)}
    ]}
    out = dvctt.validate_dataset(with_date)
    assert out == dvctt.validate_dataset(with_str)
    assert out["dossiers"][0]["received_on"] == "2026-03-02"
    q: Dict[str, Any] = {"indicator": "online_dossier_share", "period": "2026Q1"}
    assert dvctt.compute_indicator(with_date, q) == dvctt.compute_indicator(with_str, q)


def test_plan_accepts_date_deadline(example_plan: dvctt.Plan) -> None:
    plan: Dict[str, Any] = json.loads(json.dumps(example_plan))
    plan["targets"][0]["deadline"] = datetime.date(2026, 6, 30)
    plan["issued_on"] = datetime.date(2026, 4, 20)
    rows = dvctt.evaluate_targets(plan, {})
    assert rows[0]["deadline"] == "2026-06-30"
    assert rows[0]["status"] == "no_data" and rows[0]["value"] is None


def test_datetime_is_not_a_date() -> None:
    with pytest.raises(dvctt.DataError) as info:
        dvctt.validate_dataset({"dossiers": [dossier(1), dossier(2, datetime.datetime(2026, 1, 1, 8))]})
    assert info.value.path == "dossiers[1].received_on"


def test_other_mappings_and_sequences() -> None:
    data = types.MappingProxyType({"dossiers": (dossier(1), dossier(2, online=False))})
    out = dvctt.validate_dataset(data)
    assert [d["dossier_id"] for d in out["dossiers"]] == ["D1", "D2"]


@pytest.mark.parametrize(
    "bad, path",
    [
        (float("nan"), "dossiers[0].fully_online"),
        ({1: "x"}, "dossiers[0].fully_online"),
        (object(), "dossiers[0].fully_online"),
    ],
)
def test_unconvertible_values_are_data_errors(bad: Any, path: str) -> None:
    d = dossier(1)
    d["fully_online"] = bad
    with pytest.raises(dvctt.DataError) as info:
        dvctt.validate_dataset({"dossiers": [d]})
    assert info.value.path == path
    assert info.value.variant == "Data"


def test_unconvertible_plan_value_is_plan_error(example_plan: dvctt.Plan) -> None:
    plan: Dict[str, Any] = json.loads(json.dumps(example_plan))
    plan["targets"][1]["threshold"] = float("inf")
    with pytest.raises(dvctt.PlanError) as info:
        dvctt.evaluate_targets(plan, {})
    assert info.value.path == "targets[1].threshold"


def test_plan_dict_is_validated(example_plan: dvctt.Plan) -> None:
    plan: Dict[str, Any] = json.loads(json.dumps(example_plan))
    plan["targets"][1]["id"] = plan["targets"][0]["id"]
    with pytest.raises(dvctt.PlanError) as info:
        dvctt.evaluate_targets(plan, {})
    assert info.value.path == "targets[1].id"


def test_bad_options(example_plan: dvctt.Plan) -> None:
    with pytest.raises(dvctt.DataError) as info:
        dvctt.evaluate_targets(example_plan, {}, {"by_units": True})
    assert info.value.path == "options.by_units"
    assert "by_units" in info.value.detail


# --- errors ------------------------------------------------------------------


def test_hierarchy() -> None:
    assert issubclass(dvctt.Error, Exception)
    assert dvctt.Error.__module__ == "dvctt"
    assert dvctt.Error is _dvctt.Error
    for v in VARIANTS:
        cls: Type[dvctt.Error] = getattr(dvctt, f"{v}Error")
        assert issubclass(cls, dvctt.Error) and cls is not dvctt.Error
        assert cls.__module__ == "dvctt" and cls.__name__ == f"{v}Error"
        assert cls.__doc__


def test_malformed_plan_json() -> None:
    with pytest.raises(dvctt.PlanError) as info:
        dvctt.load_plan('{"schema": "dvctt/plan@1", "id": ')
    e = info.value
    assert (e.variant, e.path) == ("Plan", "$")
    assert "not valid JSON" in e.detail
    assert str(e) == f"plan: {e.path}: {e.detail}"


def test_unknown_indicator_in_plan(example_plan: dvctt.Plan) -> None:
    plan: Dict[str, Any] = json.loads(json.dumps(example_plan))
    plan["targets"][1]["indicator"] = "happiness"
    with pytest.raises(dvctt.UnknownIndicatorError) as info:
        dvctt.load_plan(json.dumps(plan))
    e = info.value
    assert (e.id, e.path) == ("happiness", "targets[1].indicator")
    assert "satisfaction_rate" in e.known.split(", ")
    assert str(e) == f"unknown indicator `{e.id}` at {e.path} (known: {e.known})"


def test_unknown_indicator_in_query() -> None:
    with pytest.raises(dvctt.UnknownIndicatorError) as info:
        dvctt.compute_indicator({}, {"indicator": "online_share", "period": "2026"})
    assert (info.value.id, info.value.path) == ("online_share", "indicator")


def test_csv_bad_date() -> None:
    text = DOSSIER_HEADER + "D1,U1,1.001,y_te,2026-01-05,online,true\nD2,U1,1.001,y_te,2026-02-30,online,true\n"
    with pytest.raises(dvctt.CsvError) as info:
        dvctt.read_csv_text("dossiers", text, "hs.csv")
    e = info.value
    assert (e.variant, e.file, e.line, e.field) == ("Csv", "hs.csv", 3, "received_on")
    assert isinstance(e.line, int)
    assert str(e) == f"{e.file}: line {e.line}: field `{e.field}`: {e.detail}"
    # lenient: the row is reported, not raised
    load = dvctt.read_csv_text("dossiers", text, "hs.csv", strict=False)
    assert len(load["dataset"]["dossiers"]) == 1
    assert load["rejected"] == [
        {"file": "hs.csv", "line": 3, "field": "received_on", "detail": e.detail}
    ]
    # last_line is there only for a row that runs over several lines
    assert set(dvctt.RejectedRow.__required_keys__) == set(load["rejected"][0])
    assert keys(dvctt.RejectedRow) == set(load["rejected"][0]) | {"last_line"}


def test_csv_default_file_name() -> None:
    with pytest.raises(dvctt.CsvError) as info:
        dvctt.read_csv_text("dossiers", DOSSIER_HEADER + "D1,U1,1.001,y_te,2026-01-05,online,maybe\n")
    assert (info.value.file, info.value.line, info.value.field) == ("<text>", 2, "fully_online")


def test_missing_column() -> None:
    with pytest.raises(dvctt.MissingColumnError) as info:
        dvctt.read_csv_text("staff", "person_id,unit_code,in_scope\nP1,U1,true\n", "nv.csv")
    e = info.value
    assert (e.variant, e.file, e.column) == ("MissingColumn", "nv.csv", "trained_on")
    assert str(e) == "nv.csv: missing required column `trained_on`"


def test_dataset_error_path() -> None:
    with pytest.raises(dvctt.DataError) as info:
        dvctt.validate_dataset({"dossiers": [dossier(1), dossier(2, "2026-02-30")]})
    assert info.value.path == "dossiers[1].received_on"
    assert str(info.value) == f"data: {info.value.path}: {info.value.detail}"


def test_period_error() -> None:
    with pytest.raises(dvctt.PeriodError) as info:
        dvctt.compute_indicator({}, {"indicator": "satisfaction_rate", "period": "2026Q5"})
    assert info.value.value == "2026Q5"


@pytest.mark.parametrize("kind", ["dossier", "Dossiers", "", "aggregates"])
def test_invalid_kind(kind: str) -> None:
    with pytest.raises(dvctt.DataError) as info:
        dvctt.read_csv_text(kind, DOSSIER_HEADER)  # type: ignore[arg-type]
    assert info.value.path == "kind"
    with pytest.raises(dvctt.DataError):
        dvctt.read_csv_file(kind, DATA / "dossiers.csv")  # type: ignore[arg-type]


def test_missing_file_is_io_error(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(dvctt.IoError) as info:
        dvctt.read_csv_file("dossiers", missing)
    assert info.value.path == str(missing)
    assert info.value.detail
    with pytest.raises(dvctt.IoError) as info:
        dvctt.read_csv_files([("dossiers", DATA / "dossiers.csv"), ("staff", missing)])
    assert info.value.path == str(missing)


def test_wrong_python_type_for_a_path_is_type_error() -> None:
    with pytest.raises(TypeError):
        dvctt.read_csv_file("dossiers", 42)  # type: ignore[arg-type]


def test_every_error_is_catchable_as_dvctt_error() -> None:
    calls: List[Any] = [
        lambda: dvctt.load_plan("[]"),
        lambda: dvctt.compute_indicator({}, {"indicator": "x", "period": "2026"}),
        lambda: dvctt.read_csv_text("survey", "response_id\n"),
        lambda: dvctt.read_csv_text("dossiers", DOSSIER_HEADER + "D1,U1\n"),
        lambda: dvctt.compute_indicator({}, {"indicator": "satisfaction_rate", "period": "x"}),
        lambda: dvctt.validate_dataset({"dossiers": 1}),
        lambda: dvctt.read_csv_file("staff", "/nonexistent/dvctt/staff.csv"),
    ]
    seen = set()
    for call in calls:
        try:
            call()
        except dvctt.Error as e:
            seen.add(e.variant)
            assert type(e).__name__ == f"{e.variant}Error"
        else:
            pytest.fail("no exception")
    assert seen == set(VARIANTS)


def test_exception_pickles_with_attributes() -> None:
    with pytest.raises(dvctt.CsvError) as info:
        dvctt.read_csv_text("dossiers", DOSSIER_HEADER + "D1,U1,1.001,y_te,bad,online,true\n", "a.csv")
    e = pickle.loads(pickle.dumps(info.value))
    assert type(e) is dvctt.CsvError
    assert (e.file, e.line, e.field, str(e)) == ("a.csv", 2, "received_on", str(info.value))


def test_tasks_and_activity_log() -> None:
    plan: dvctt.Plan = {
        "schema": "dvctt/plan@1",
        "id": "p",
        "title": "t",
        "issuer": "i",
        "period": "2026",
        "targets": [],
        "tasks": [
            {
                "id": "products",
                "title": "Mỗi quý có ít nhất 01 sản phẩm",
                "lead_units": ["VP"],
                "cadence": {"kind": "quarterly", "min": 1},
            }
        ],
    }
    load = dvctt.read_activities_csv_text(
        "activity_id,task_id,unit_code,date,count\n"
        "A1,products,VP,2026-01-05,\nA2,products,VP,2026-04-05,x\n",
        "a.csv",
        strict=False,
    )
    assert [a["activity_id"] for a in load["activities"]] == ["A1"]
    assert load["activities"][0]["count"] is None
    assert (load["rejected"][0]["line"], load["rejected"][0]["field"]) == (3, "count")
    with pytest.raises(dvctt.CsvError) as info:
        dvctt.read_activities_csv_text("activity_id,task_id,unit_code,date\nA1,t,U,2026-1-1\n")
    assert info.value.field == "date"
    rows = dvctt.check_tasks(plan, load["activities"], as_of=datetime.date(2026, 7, 1))
    assert len(rows) == 1
    r = rows[0]
    assert keys(dvctt.TaskCheck) == set(r)
    assert (r["required"], r["done"], r["kept"]) == (4, 1, False)
    assert r["missed_periods"] == ["2026Q2"]
    assert r["pending_periods"] == ["2026Q3", "2026Q4"]
    # activities given as dicts are validated with their path
    with pytest.raises(dvctt.DataError) as err:
        dvctt.check_tasks(plan, [{"activity_id": "A", "task_id": "t", "unit_code": "U"}])
    assert err.value.path == "activities[0]"
    with pytest.raises(dvctt.PeriodError):
        dvctt.check_tasks(plan, [], period="2026Q5")


def test_cascade_check() -> None:
    def plan(pid: str, threshold: float, implements: Optional[str]) -> Dict[str, Any]:
        p: Dict[str, Any] = {
            "schema": "dvctt/plan@1",
            "id": pid,
            "title": "t",
            "issuer": "i",
            "period": "2026",
            "targets": [
                {
                    "id": "online",
                    "description": "online",
                    "indicator": "online_dossier_share",
                    "comparator": ">=",
                    "threshold": threshold,
                    "deadline": "2026-12-31",
                }
            ],
        }
        if implements:
            p["implements"] = {"plan_id": implements}
        return p

    found = dvctt.cascade_check([plan("parent", 80, None), plan("child", 70, "parent")])
    assert len(found) == 1
    f = found[0]
    assert keys(dvctt.CascadeFinding) == set(f)
    assert (f["plan_id"], f["target_id"], f["parent_target_id"], f["severity"]) == (
        "child",
        "online",
        "online",
        "warning",
    )
    with pytest.raises(dvctt.PlanError) as err:
        dvctt.cascade_check([plan("a", 80, None), {"schema": "dvctt/plan@1"}])
    assert err.value.path.startswith("plans[1].")


# --- campaign logs: procedures, units, publications, outreach, feedback -----

LOG_FILES = {
    "procedures": "procedure_id,unit_code,sector,name,eligible_full_process,full_process_online,online_since\n"
    "1.001,U1,y_te,Cấp phép,true,true,2026-01-01\n"
    "1.002,U1,y_te,Gia hạn,true,false,\n",
    "units": "unit_code,name,active_from,active_to\nU1,Sở Y tế,,\nU2,Bệnh viện A,,2025-12-31\n",
    "publications": "publication_id,unit_code,published_on,channel,kind,url\n"
    "B1,U1,2026-02-01,portal,guidance,https://example.vn/hd\n"
    "B2,U1,2026-02-03,radio,,\n",
    "outreach": "session_id,unit_code,held_on,kind,people_guided,dossiers_helped,members\n"
    "S1,U1,2026-01-15,event,40,12,5\nS2,U1,2026-01-16,door_to_door,7,,\n",
    "feedback": "feedback_id,unit_code,received_on,addressed_on,public\n"
    "F1,U1,2026-01-02,2026-01-05,\nF2,U1,2026-01-03,,\n",
}


def test_campaign_logs(tmp_path: pathlib.Path) -> None:
    for kind, text in LOG_FILES.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
    with pytest.raises(dvctt.CsvError) as info:
        dvctt.read_csv_files({"publications": tmp_path / "publications.csv"})
    assert (info.value.line, info.value.field) == (3, "channel")
    load = dvctt.read_csv_files(
        [(kind, tmp_path / f"{kind}.csv") for kind in LOG_FILES], strict=False
    )
    assert [(r["file"].endswith("publications.csv"), r["line"]) for r in load["rejected"]] == [
        (True, 3)
    ]
    ds = load["dataset"]
    assert keys(dvctt.Dataset) == set(ds)
    assert keys(dvctt.Procedure) == set(ds["procedures"][0])
    assert keys(dvctt.UnitEntry) == set(ds["units"][0])
    assert keys(dvctt.Publication) == set(ds["publications"][0])
    assert keys(dvctt.OutreachSession) == set(ds["outreach"][0])
    assert keys(dvctt.Feedback) == set(ds["feedback"][0])
    assert ds["feedback"][0]["public"] is None
    assert ds["outreach"][1]["members"] is None

    def value(indicator: str) -> Any:
        (r,) = dvctt.compute_indicator(ds, {"indicator": indicator, "period": "2026Q1"})
        return r["numerator"], r["denominator"], r["value"]

    assert value("full_process_procedure_share") == (1, 2, 50)
    assert value("unit_portal_promotion_share") == (1, 1, 100)  # U2 ended in 2025
    assert value("feedback_addressed_rate") == (1, 2, 50)
    assert value("products_published") == (1, 0, 1)
    assert value("people_guided") == (47, 0, 47)
    assert value("events_held") == (1, 0, 1)
    with pytest.raises(dvctt.DataError) as data_info:
        dvctt.validate_dataset(
            {"units": [{"unit_code": "U1", "name": "A", "active_from": "2026-02", "active_to": None}]}
        )
    assert data_info.value.path == "units[0].active_from"
    with pytest.raises(dvctt.DataError) as data_info:
        dvctt.validate_dataset(
            {"units": [{"unit_code": "U1", "name": "A", "active_from": "2026-02-01", "active_to": "2026-01-31"}]}
        )
    assert data_info.value.path == "units[0].active_to"
# --- scoring profiles ----------------------------------------------------------


def test_default_scoring_profile() -> None:
    p = dvctt.default_scoring_profile()
    assert p["schema"] == "dvctt/scoring-profile@1"
    assert sum(g["max_points"] for g in p["groups"]) == 100
    indicators = {i["indicator"]: i["threshold"] for i in p["items"] if i["indicator"]}
    assert indicators["online_submission_share"] == 50
    assert indicators["digitized_dossier_share"] == 80
    assert indicators["satisfaction_rate"] == 90
    assert dvctt.validate_scoring_profile(p) == p
    assert dvctt.load_scoring_profile(json.dumps(p)) == p


def test_compute_scores_on_example(example_load: dvctt.DatasetLoad) -> None:
    profile = dvctt.default_scoring_profile()
    cards = dvctt.compute_scores(profile, example_load["dataset"], {"period": "2026"})
    assert len(cards) == 1
    card = cards[0]
    assert keys(dvctt.ScoreCard) == set(card)
    assert keys(dvctt.ItemScore) == set(card["items"][0])
    assert keys(dvctt.GroupScore) == set(card["groups"][0])
    assert card["unit_code"] is None and card["max_points"] == 100
    assert 0 < card["points"] <= card["points_available"] <= card["max_points"]
    assert card["not_computed"] == [i["id"] for i in profile["items"] if not i["indicator"]]
    assert card["not_computed"]
    assert math.isclose(card["points"], sum(g["points"] for g in card["groups"]))
    by_unit = dvctt.compute_scores(profile, example_load["dataset"], {"period": "2026", "by_unit": True})
    assert len(by_unit) > 1 and all(c["unit_code"] for c in by_unit)


def test_scoring_errors() -> None:
    p: Dict[str, Any] = dict(dvctt.default_scoring_profile())
    p["items"] = [dict(p["items"][0], threshold=120)]
    with pytest.raises(dvctt.DataError) as err:
        dvctt.validate_scoring_profile(p)
    assert err.value.path == "items[0].threshold"
    with pytest.raises(dvctt.DataError) as err:
        dvctt.load_scoring_profile("{")
    assert err.value.path == "$"
    with pytest.raises(dvctt.DataError) as err:
        dvctt.compute_scores(dvctt.default_scoring_profile(), {}, {"period": "2026", "unit": "U1"})
    assert err.value.path == "query.unit"
    with pytest.raises(dvctt.PeriodError):
        dvctt.compute_scores(dvctt.default_scoring_profile(), {}, {"period": "2026Q5"})


ORG_FILE = EXAMPLES / "org" / "hcm-health-2026.json"


def test_org_document_and_unit_queries() -> None:
    org = dvctt.load_org(ORG_FILE.read_text(encoding="utf-8"))
    assert org["schema"] == "dvctt/org@1"
    assert keys(dvctt.OrgDocument) == set(org)
    assert keys(dvctt.OrgUnit) == set(org["units"][0])
    assert set(org["reorganisations"][0]) == keys(dvctt.Reorganisation)
    assert dvctt.validate_org(org) == org
    level1 = dvctt.org_units_at(org, datetime.date(2026, 1, 1), level=1)
    assert [u["code"] for u in level1] == ["BYT", "SYT-HCM"]
    before = [u["code"] for u in dvctt.org_units_at(org, "2025-06-30", 1)]
    assert before == ["BYT", "SYT-BD", "SYT-BRVT", "SYT-HCM"]
    kids = [u["code"] for u in dvctt.org_children(org, "PYT-Q1", "2025-06-30")]
    assert kids == ["TYT-BENNGHE", "TYT-DAKAO"]
    up = [u["code"] for u in dvctt.org_ancestors(org, "TYT-DAKAO", "2025-06-30")]
    assert up == ["PYT-Q1", "SYT-HCM"]
    succ = dvctt.org_successors(org, "BD-VP", "2025-06-30", datetime.date(2026, 1, 1))
    assert succ == [{"unit_code": "SYT-VP", "share": 1.0}]
    assert keys(dvctt.UnitShare) == set(succ[0])
    pred = dvctt.org_predecessors(org, "TYT-SAIGON", "2025-07-01", "2025-06-30")
    assert [p["unit_code"] for p in pred] == ["TYT-BENNGHE", "TYT-DAKAO"]
    with pytest.raises(dvctt.DataError) as err:
        dvctt.org_children(org, "NOPE", "2026-01-01")
    assert (err.value.path, err.value.detail) == ("code", "unknown unit `NOPE`")
    with pytest.raises(dvctt.DataError) as err:
        dvctt.org_units_at(org, "2026-02-30")
    assert err.value.path == "date"
    bad = dict(org, units=[dict(org["units"][0], level=0)])
    with pytest.raises(dvctt.DataError) as err:
        dvctt.validate_org(bad)
    assert err.value.path == "units[0].level"
    with pytest.raises(dvctt.DataError) as err:
        dvctt.load_org("{")
    assert err.value.path == "$"


def test_compute_rolled_up() -> None:
    org = dvctt.load_org(ORG_FILE.read_text(encoding="utf-8"))
    survey = [
        {"response_id": "R1", "unit_code": "BD-VP", "responded_on": "2024-03-01", "satisfied": True},
        {"response_id": "R2", "unit_code": "SYT-VP", "responded_on": "2024-03-01", "satisfied": False},
        {"response_id": "R3", "unit_code": "SYT-VP", "responded_on": "2024-03-02", "satisfied": True},
        {"response_id": "R4", "unit_code": "ZZ", "responded_on": "2024-03-02", "satisfied": True},
    ]
    query: dvctt.Query = {"indicator": "satisfaction_rate", "period": "2024"}
    spec: dvctt.RollUpSpec = {"units": ["SYT-HCM", "SYT-VP"], "date": datetime.date(2026, 12, 31)}
    r = dvctt.compute_rolled_up({"survey": survey}, query, org, spec)
    assert keys(dvctt.RollUp) == set(r)
    assert r["date"] == "2026-12-31"
    assert [(x["unit_code"], x["numerator"], x["denominator"]) for x in r["results"]] == [
        ("SYT-HCM", 2.0, 3.0),
        ("SYT-VP", 2.0, 3.0),
    ]
    assert keys(dvctt.IndicatorResult) == set(r["results"][0])
    assert r["unplaced"] == [
        {"unit_code": "ZZ", "reason": "unknown_unit", "numerator": 1.0, "denominator": 1.0}
    ]
    assert keys(dvctt.UnplacedFigures) == set(r["unplaced"][0])
    # Default spec: every unit on the period's last day.
    every = dvctt.compute_rolled_up({"survey": survey}, query, org)
    assert every["date"] == "2024-12-31"
    assert {x["unit_code"] for x in every["results"]} >= {"SYT-BD", "BD-VP"}
    with pytest.raises(dvctt.DataError) as err:
        dvctt.compute_rolled_up({}, query, org, {"level": 1, "units": ["BYT"]})
    assert err.value.path == "spec.level"
    with pytest.raises(dvctt.DataError) as err:
        dvctt.compute_rolled_up({}, query, org, {"date": "soon"})
    assert err.value.path == "spec.date"


# --- reports -------------------------------------------------------------------

REPORTS = EXAMPLES / "reports"
ORG_FILE = EXAMPLES / "org" / "hcm-health-2026.json"
NOW = "2026-04-01T00:00:00+07:00"


def test_build_validate_and_serialise_a_unit_report(example_plan: dvctt.Plan) -> None:
    report: dvctt.UnitReport = {
        "schema": "dvctt/unit-report@1",
        "plan": {"id": "hcm-syt-2026"},
        "unit": "BV-NHIDONG1",
        "period": "2026VNQ1",
        "submitted_at": "2026-03-18T16:45:00+07:00",
        "indicators": [
            {"indicator": "online_dossier_share", "numerator": 412, "denominator": 398},
        ],
        "narrative": {"results_achieved": "Đăng tin hướng dẫn."},
    }
    org = json.loads(ORG_FILE.read_text(encoding="utf-8"))
    found = dvctt.validate_report(report, example_plan, org, NOW)
    assert [(f["rule"], f["severity"], f["path"]) for f in found] == [
        ("R001-numerator-exceeds-denominator", "error", "indicators[0].numerator"),
        ("R009-required-indicator-missing", "error", "indicators"),
    ]
    assert keys(dvctt.Finding) == set(found[0])
    assert "412" in found[0]["message_vi"] and "exceeds" in found[0]["message_en"]
    # an aware datetime is accepted for `now`; a naive one is not
    aware = datetime.datetime(2026, 4, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    assert dvctt.validate_report(report, example_plan, org, aware) == found
    with pytest.raises(dvctt.DataError) as err:
        dvctt.validate_report(report, example_plan, org, datetime.datetime(2026, 4, 1))
    assert err.value.path == "now"
    # a report submitted after `now` is in the future
    future = dvctt.validate_report(report, example_plan, None, "2026-03-01T00:00:00+07:00")
    assert "R012-submitted-in-future" in {f["rule"] for f in future}
    # canonical JSON: sorted keys, parsed back equal
    text = dvctt.report_to_json(report)
    assert json.loads(text)["unit"] == "BV-NHIDONG1"
    assert text.index('"indicators"') < text.index('"narrative"') < text.index('"plan"')


def test_unknown_fields_survive_a_round_trip() -> None:
    report = json.loads((REPORTS / "nhidong1-2026VNQ1.json").read_text(encoding="utf-8"))
    assert report["app"] == {"name": "cong-bao-cao", "version": "3.2.0"}
    report["indicators"][0]["source"] = "his"
    read = dvctt.read_report(report)
    assert read["findings"] == []
    assert read["report"]["app"] == report["app"]
    back = json.loads(dvctt.report_to_json(read["report"]))
    # known fields absent from the input come back with their defaults
    assert back == dict(report, tasks=[])


def test_example_reports_validate(example_plan: dvctt.Plan) -> None:
    org = json.loads(ORG_FILE.read_text(encoding="utf-8"))
    for name, errors in [
        ("nhidong1-2026VNQ1.json", 0),
        ("dalieu-2026VNQ1-with-errors.json", 3),
        ("team-saigon-2026VNM03.json", 0),
    ]:
        text = (REPORTS / name).read_text(encoding="utf-8")
        found = dvctt.validate_report(text, example_plan, org, NOW)
        assert sum(f["severity"] == "error" for f in found) == errors, (name, found)


def test_team_report_without_plan() -> None:
    team: dvctt.TeamReport = {
        "schema": "dvctt/team-report@1",
        "commune": "X-1",
        "period": "2026VNM03",
        "submitted_at": "2026-03-15T08:10:00+07:00",
        "sessions": {"door_to_door": 0, "one_stop_shop": 0},
        "people_guided": 10,
        "dossiers_submitted": 12,
    }
    found = dvctt.validate_report(team, now=NOW)
    assert [f["rule"] for f in found] == [
        "R020-dossiers-exceed-guided",
        "R021-guided-without-sessions",
    ]


def test_not_a_report_is_an_error() -> None:
    with pytest.raises(dvctt.DataError) as err:
        dvctt.validate_report("{not json")
    assert err.value.path == "$"
    with pytest.raises(dvctt.DataError) as err:
        dvctt.read_report({"schema": "dvctt/unit-report@9"})
    assert err.value.path == "schema"
    with pytest.raises(dvctt.DataError) as err:
        dvctt.current_reports([{"schema": "dvctt/team-report@1"}])
    assert err.value.path.startswith("reports[0]")


def test_current_reports_and_rules() -> None:
    base = json.loads((REPORTS / "nhidong1-2026VNQ1.json").read_text(encoding="utf-8"))
    later = dict(base, submitted_at="2026-03-19T08:00:00+07:00")
    sup = dvctt.current_reports([base, later])
    assert sup["current"] == [1]
    assert [(s["report"], s["by"], s["finding"]["rule"]) for s in sup["superseded"]] == [
        (0, 1, "R018-superseded")
    ]
    rules = dvctt.report_rules()
    assert keys(dvctt.RuleInfo) == set(rules[0])
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in ids:
        assert f"`{r}`" in readme, r


def test_form06_from_the_example_data() -> None:
    load = dvctt.read_csv_file("dossiers", str(DATA / "dossiers.csv"), True)
    org = json.loads((EXAMPLES / "org" / "hcm-health-2026.json").read_text(encoding="utf-8"))
    form: dvctt.TthcForm06 = dvctt.tthc_form06(load["dataset"], ["SYT-HCM"], "2026Q2", org)
    assert form["schema"] == "dvctt/tthc-form-06@1" and form["unit"] == "SYT-HCM"
    assert keys(dvctt.TthcForm06) - {"id"} == set(form)
    row = form["rows"][0]
    assert keys(dvctt.Form06Row) == set(row)
    assert keys(dvctt.Form06Received) == set(row["received"])
    assert keys(dvctt.Form06Settled) == set(row["settled"])
    assert keys(dvctt.Form06InProgress) == set(row["in_progress"])
    t = form["total"]
    assert t["received"]["total"] == t["settled"]["total"] + t["in_progress"]["total"] > 0
    assert t["received"]["carried_over"] > 0
    assert sum(r["received"]["online"] for r in form["rows"]) == t["received"]["online"]
    # A computed form has no finding and reads back as a report.
    assert dvctt.validate_report(form, None, org, "2026-11-30T00:00:00+07:00") == []
    assert json.loads(dvctt.report_to_json(form))["total"] == t
    tables = dvctt.form06_tables(form)
    assert [x["key"] for x in tables] == ["form06"]
    assert len(tables[0]["rows"]) == len(form["rows"]) + 1
    assert tables[0]["rows"][-1][1] == {"kind": "integer", "value": t["received"]["total"]}
    assert "Số kỳ trước chuyển qua" in dvctt.tables_to_markdown(tables)
    assert dvctt.tables_to_xlsx(tables)[:2] == b"PK"
    broken = dict(form, total=dict(t, received=dict(t["received"], online=0)))
    rules = {f["rule"] for f in dvctt.validate_report(broken, None, None, "2026-11-30T00:00:00+07:00")}
    assert rules == {"R024-form06-received-total", "R028-form06-total-row"}


def test_form06_errors() -> None:
    with pytest.raises(dvctt.DataError) as e:
        dvctt.tthc_form06({"dossiers": []}, [], "2026Q1")
    assert e.value.path == "units"
    with pytest.raises(dvctt.PeriodError):
        dvctt.tthc_form06({"dossiers": []}, ["U1"], "2026Q9")
    with pytest.raises(dvctt.DataError) as e:
        dvctt.form06_tables({"schema": "dvctt/team-report@1", "commune": "X", "period": "2026Q1",
                             "submitted_at": "2026-04-01T00:00:00+07:00"})
    assert e.value.path == "schema"


def test_consolidate_the_bundled_example() -> None:
    d = REPORTS / "hcm-2026VNQ1"
    names = ["syt-vp.json", "ttksbt.json", "dalieu-first.json", "dalieu-corrected.json", "dkbd.json"]
    reports = [(d / n).read_text(encoding="utf-8") for n in names]
    reports.append(json.loads((REPORTS / "nhidong1-2026VNQ1.json").read_text(encoding="utf-8")))
    plan = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    call = json.loads((d / "call.json").read_text(encoding="utf-8"))
    org = dvctt.load_org((EXAMPLES / "org" / "hcm-health-2026.json").read_text(encoding="utf-8"))
    c = dvctt.consolidate(
        plan,
        reports,
        {"period": "2026VNQ1", "org": org, "root": "SYT-HCM", "obligations": [call],
         "now": "2026-04-01T00:00:00+07:00"},
    )
    assert keys(dvctt.ConsolidatedReport) == set(c)
    assert keys(dvctt.ReportingSummary) == set(c["reporting"])
    assert keys(dvctt.UnitRow) == set(c["units"][0])
    assert keys(dvctt.ConsolidatedFigure) == set(c["total"][0])
    assert keys(dvctt.ConsolidatedTarget) == set(c["targets"][0])
    assert keys(dvctt.TaskSummary) == set(c["tasks"][0])
    assert keys(dvctt.ReportEntry) == set(c["reports"][0])
    # Six expected (the call's reporters), five sent (BV-BARIA did not).
    r = c["reporting"]
    assert (r["expected"], r["received"]) == (6, 5)
    assert [m["unit"] for m in r["missing"]] == ["BV-BARIA"]
    assert sorted(l["unit"] for l in r["late"]) == ["BV-DALIEU", "TTKSBT"]
    assert [e["superseded_by"] for e in c["reports"]][2] == 3
    tables = dvctt.consolidated_tables(c, public=True)
    assert [t["key"] for t in tables] == ["reporting", "units", "consolidated", "differences", "tasks"]
    assert "*" in dvctt.tables_to_markdown(tables)
    csv = dvctt.consolidated_tidy_csv(c, public=True)
    assert csv.startswith("unit,period,indicator,numerator,denominator,value,source,suppressed\n")
    with pytest.raises(dvctt.DataError) as e:
        dvctt.consolidate(plan, reports, {"period": "2026VNM01", "obligations": [call]})
    assert e.value.path == "options.obligations[0].frequency"
    with pytest.raises(dvctt.DataError) as e:
        dvctt.consolidated_tidy_csv(dict(c, schema="x"))
    assert e.value.path == "schema"

"""Runs every conformance vector (tests/conformance/*.json at the repository
root) through the Python API; the rule is in tests/conformance/README.md."""

from __future__ import annotations

import base64
import json
import math
import pathlib
from typing import Any, Callable, Dict

import pytest

import dvctt

TESTS = pathlib.Path(__file__).resolve().parents[2] / "tests"
VECTORS = TESTS / "conformance"
# The conformance vectors and the bad-input catalogue (same format).
FILES = sorted(
    f"{d}/{p.name}" for d in ["conformance", "bad-inputs"] for p in (TESTS / d).glob("*.json")
)


def test_vectors_found() -> None:
    assert len(FILES) >= 12, f"only {len(FILES)} vectors in {VECTORS}"


def _load_plan(i: Dict[str, Any]) -> Any:
    p = dvctt.load_plan(i["plan_json"])
    return {"id": p["id"], "period": p["period"], "target_ids": [t["id"] for t in p["targets"]]}


#: Every list of a dataset, as the ``dataset`` op counts them.
KINDS = (
    "dossiers",
    "survey",
    "staff",
    "aggregates",
    "procedures",
    "units",
    "publications",
    "outreach",
    "feedback",
)


def _read_csv(i: Dict[str, Any]) -> Any:
    load = dvctt.read_csv_text(i["kind"], i["text"], i["file"], i["strict"])
    d = load["dataset"]
    records = sum(len(d.get(k, [])) for k in KINDS)
    return {
        "records": records,
        "rejected": load["rejected"],
        "absent_columns": d.get("absent_columns", []),
    }


def _read_bytes(i: Dict[str, Any]) -> Any:
    if "path" in i:
        data = (TESTS.parent / i["path"]).read_bytes()
    elif "base64" in i:
        data = base64.b64decode(i["base64"])
    else:
        data = i["text"].encode("utf-8")
    load = dvctt.read_bytes(i["kind"], data, i["file"], i.get("options"), i["strict"])
    d = load["dataset"]
    return {
        "records": sum(len(d.get(k, [])) for k in KINDS),
        "rejected": load["rejected"],
        "absent_columns": d.get("absent_columns", []),
    }


def _dataset(i: Dict[str, Any]) -> Any:
    d = dvctt.validate_dataset(i["data"])
    return {k: len(d.get(k, [])) for k in KINDS}


def _compute(i: Dict[str, Any]) -> Any:
    return dvctt.compute_indicator(i["data"], i["query"])


def _evaluate(i: Dict[str, Any]) -> Any:
    return dvctt.evaluate_targets(i["plan"], i["data"], i.get("options"))


def _check_tasks(i: Dict[str, Any]) -> Any:
    log = dvctt.read_activities_csv_text(i["activities_csv"], "activities.csv", True)
    return dvctt.check_tasks(i["plan"], log["activities"], i.get("period"), i.get("as_of"))


def _cascade(i: Dict[str, Any]) -> Any:
    return dvctt.cascade_check(i["plans"])


def _score(i: Dict[str, Any]) -> Any:
    return dvctt.compute_scores(i["profile"], i["data"], i["query"])


def _load_org(i: Dict[str, Any]) -> Any:
    o = dvctt.load_org(i["org_json"])
    return {
        "title": o.get("title"),
        "units": len(o["units"]),
        "reorganisations": len(o.get("reorganisations", [])),
    }


def _org_call(org: Dict[str, Any], c: Dict[str, Any]) -> Any:
    fn = c["fn"]
    if fn == "units_at":
        return [u["code"] for u in dvctt.org_units_at(org, c["date"], c.get("level"))]
    if fn == "children":
        return [u["code"] for u in dvctt.org_children(org, c["code"], c["date"])]
    if fn == "ancestors":
        return [u["code"] for u in dvctt.org_ancestors(org, c["code"], c["date"])]
    if fn == "successors":
        return dvctt.org_successors(org, c["code"], c["date"], c["other_date"])
    if fn == "predecessors":
        return dvctt.org_predecessors(org, c["code"], c["date"], c["other_date"])
    raise AssertionError(f"unknown org_units fn {fn!r}")


def _org_units(i: Dict[str, Any]) -> Any:
    return [_org_call(i["org"], c) for c in i["calls"]]


def _compute_rolled_up(i: Dict[str, Any]) -> Any:
    return dvctt.compute_rolled_up(i["data"], i["query"], i["org"], i.get("spec"))


def _validate_report(i: Dict[str, Any]) -> Any:
    return dvctt.validate_report(i["report_json"], i.get("plan"), i.get("org"), i.get("now"))


def _report_round_trip(i: Dict[str, Any]) -> Any:
    return json.loads(dvctt.report_to_json(i["report_json"]))


def _current_reports(i: Dict[str, Any]) -> Any:
    return dvctt.current_reports(i["reports"])


def _form06(i: Dict[str, Any]) -> Any:
    data = dvctt.read_csv_text("dossiers", i["dossiers_csv"], "dossiers.csv", True)["dataset"]
    f = dvctt.tthc_form06(data, i["units"], i["period"], i.get("org"))
    return {"unit": f["unit"], "units": f.get("units", []), "rows": f["rows"], "total": f["total"]}


def _consolidate(i: Dict[str, Any]) -> Any:
    return dvctt.consolidate(i["plan"], i["reports"], i["options"])


def _export_tables(i: Dict[str, Any]) -> Any:
    return {
        "markdown": dvctt.tables_to_markdown(i["tables"], i["lang"]),
        "csv": [dvctt.table_to_csv(t) for t in i["tables"]],
    }


def _dhis2_data_value_set(i: Dict[str, Any]) -> Any:
    results = [r for q in i["queries"] for r in dvctt.compute_indicator(i["data"], q)]
    return json.loads(dvctt.dhis2_data_value_set(results, i["mapping"]))


def _dhis2_read_data_value_set(i: Dict[str, Any]) -> Any:
    got = dvctt.dhis2_read_data_value_set(json.dumps(i["payload"]), i["mapping"])
    return {"aggregates": got["aggregates"], "not_imported": len(got["not_imported"])}


def _dhis2_read_adx(i: Dict[str, Any]) -> Any:
    got = dvctt.dhis2_read_adx(i["xml"], i["mapping"])
    return {"aggregates": got["aggregates"], "not_imported": len(got["not_imported"])}


def _dhis2_org_units(i: Dict[str, Any]) -> Any:
    return {"units": dvctt.dhis2_org_units(json.dumps(i["payload"]))["units"]}


def _plan_report(i: Dict[str, Any]) -> Any:
    log = dvctt.read_activities_csv_text(i["activities_csv"], "activities.csv", True)
    report = dvctt.plan_report(i["plan"], i["data"], log["activities"], i["options"])
    tables = dvctt.plan_report_tables(report)
    return {
        "report": report,
        "table_keys": [t["key"] for t in tables],
        "targets_csv": dvctt.table_to_csv(tables[1]),
    }


OPS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "load_plan": _load_plan,
    "read_csv": _read_csv,
    "read_bytes": _read_bytes,
    "dataset": _dataset,
    "compute": _compute,
    "evaluate": _evaluate,
    "check_tasks": _check_tasks,
    "cascade": _cascade,
    "score": _score,
    "load_org": _load_org,
    "org_units": _org_units,
    "compute_rolled_up": _compute_rolled_up,
    "validate_report": _validate_report,
    "report_round_trip": _report_round_trip,
    "current_reports": _current_reports,
    "consolidate": _consolidate,
    "export_tables": _export_tables,
    "form06": _form06,
    "dhis2_data_value_set": _dhis2_data_value_set,
    "dhis2_read_data_value_set": _dhis2_read_data_value_set,
    "dhis2_org_units": _dhis2_org_units,
    "dhis2_read_adx": _dhis2_read_adx,
    "plan_report": _plan_report,
}


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def matches(expected: Any, actual: Any, at: str = "$") -> None:
    """Every expected key present and equal; numbers within 1e-9; lists same length."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{at}: expected an object, got {actual!r}"
        for k, ev in expected.items():
            assert k in actual, f"{at}.{k}: missing in {actual!r}"
            matches(ev, actual[k], f"{at}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{at}: expected a list, got {actual!r}"
        assert len(expected) == len(actual), (
            f"{at}: expected {len(expected)} items, got {len(actual)}: {actual!r}"
        )
        for n, (ev, av) in enumerate(zip(expected, actual)):
            matches(ev, av, f"{at}[{n}]")
    elif _is_number(expected):
        assert _is_number(actual), f"{at}: expected {expected!r}, got {actual!r}"
        assert math.isclose(expected, actual, rel_tol=0.0, abs_tol=1e-9), (
            f"{at}: expected {expected!r}, got {actual!r}"
        )
    else:
        assert type(expected) is type(actual) and expected == actual, (
            f"{at}: expected {expected!r}, got {actual!r}"
        )


@pytest.mark.parametrize("name", FILES)
def test_vector(name: str) -> None:
    vector = json.loads((TESTS / name).read_text(encoding="utf-8"))
    run = OPS[vector["op"]]
    expect = vector["expect"]
    if "error" in expect:
        err = expect["error"]
        cls = getattr(dvctt, f"{err['variant']}Error")
        assert issubclass(cls, dvctt.Error)
        with pytest.raises(dvctt.Error) as info:
            run(vector["input"])
        e = info.value
        assert type(e) is cls, f"expected {cls.__name__}, got {type(e).__name__}: {e}"
        for field, value in err.items():
            assert hasattr(e, field), f"{type(e).__name__} has no attribute {field!r}"
            matches(value, getattr(e, field), f"error.{field}")
    else:
        matches(expect["output"], run(vector["input"]))

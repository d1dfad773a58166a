"""Judging a plan from partial counts (dvctt.Partial, dvctt.dask.evaluate)
and documents kept in Rust (dvctt.PlanObj, OrgObj, ProfileObj)."""

from __future__ import annotations

import json
import pathlib
import pickle
from typing import Any, Dict, List

import pandas as pd
import pytest

import dvctt

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LARGE = ("dossiers", "survey", "staff")
LOGS = ("procedures", "units", "publications", "outreach", "feedback")
# Columns of codes that look like numbers (procedure 1.001013): read as text.
TEXT = {
    "dossier_id", "unit_code", "procedure_code", "sector", "procedure_id", "person_id",
    "response_id", "publication_id", "session_id", "feedback_id", "name", "url", "rating",
}


def frame(path: pathlib.Path) -> pd.DataFrame:
    cols = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    return pd.read_csv(path, dtype={c: str for c in cols if c in TEXT})


def frames(folder: str) -> Dict[str, pd.DataFrame]:
    d = EXAMPLES / "data" / folder
    return {k: frame(d / f"{k}.csv") for k in LARGE + LOGS if (d / f"{k}.csv").exists()}


def aggregates(folder: str) -> List[Any]:
    p = EXAMPLES / "data" / folder / "aggregates.json"
    return json.loads(p.read_text(encoding="utf-8"))["aggregates"] if p.exists() else []


def plan(name: str) -> Dict[str, Any]:
    return json.loads((EXAMPLES / "plans" / f"{name}.json").read_text(encoding="utf-8"))


def whole_and_logs(folder: str) -> "tuple[dvctt.Data, dvctt.Data]":
    f = frames(folder)
    agg = aggregates(folder)
    whole = dvctt.Data.from_arrow(**f, aggregates=agg)
    logs = dvctt.Data.from_arrow(**{k: v for k, v in f.items() if k in LOGS}, aggregates=agg)
    return whole, logs


def cut(df: pd.DataFrame, n: int) -> List[pd.DataFrame]:
    """n uneven parts (the second one empty)."""
    bounds = [0, len(df) // 3, len(df) // 3] + [len(df) * i // n for i in range(3, n)] + [len(df)]
    return [df.iloc[a:b] for a, b in zip(bounds, bounds[1:])]


def with_data(results: dvctt.Results) -> List[str]:
    return sorted({r["target_id"] for r in results.records() if r["denominator"] > 0})


@pytest.mark.parametrize("by_unit", [False, True])
def test_merged_partials_judge_as_the_whole_data_set(by_unit: bool) -> None:
    p = plan("hcm-syt-2026")
    whole, logs = whole_and_logs("")
    f = frames("")
    parts = []
    for kind in ("dossiers", "survey"):
        for piece in cut(f[kind], 4):
            part = dvctt.partial_counts(p, dvctt.Data.from_arrow(**{kind: piece}))
            back = pickle.loads(pickle.dumps(part))
            assert back == part
            parts.append(back)
    merged = dvctt.merge_partials(parts)
    assert merged.rows == {"dossiers": len(f["dossiers"]), "survey": len(f["survey"]), "staff": 0}
    opts = {"by_unit": by_unit}
    got = dvctt.evaluate_partial(p, merged, logs, opts)
    expected = dvctt.evaluate(p, whole, opts)
    assert got.records() == expected.records()
    # Dossier and survey targets had data (the equality is not of empty rows).
    indicators = {t["id"]: t["indicator"] for t in p["targets"]}
    judged = {indicators[t] for t in with_data(got)}
    assert {"online_dossier_share", "satisfaction_rate"} <= judged, judged


def test_log_targets_without_logs_are_not_computed() -> None:
    p = plan("hcm-syt-2026")
    f = frames("")
    part = dvctt.partial_counts(p, dvctt.Data.from_arrow(dossiers=f["dossiers"]))
    with pytest.raises(dvctt.NotComputedError) as e:
        dvctt.evaluate_partial(p, part)
    assert "no procedures records" in e.value.reason


def test_partials_of_other_plans_and_bad_bytes_are_errors() -> None:
    f = frames("")
    data = dvctt.Data.from_arrow(dossiers=f["dossiers"])
    a = dvctt.partial_counts(plan("hcm-syt-2026"), data)
    b = dvctt.partial_counts(plan("qd-1588-ttg"), data)
    with pytest.raises(dvctt.DataError, match="different time buckets"):
        a.merge(b)
    with pytest.raises(dvctt.DataError) as e:
        dvctt.Partial(a.to_bytes()[:20])
    assert e.value.path.startswith("partial") or e.value.path.startswith("cube")
    with pytest.raises(dvctt.DataError):
        dvctt.merge_partials([])


@pytest.mark.parametrize(
    "folder, plan_name",
    [("", "hcm-syt-2026"), ("brvt-2025", "brvt-ubnd-159-2025")],
)
def test_dask_evaluate_in_other_processes_equals_one_machine(folder: str, plan_name: str) -> None:
    import dask.dataframe as dd

    import dvctt.dask

    p = plan(plan_name)
    whole, logs = whole_and_logs(folder)
    f = frames(folder)
    ddfs = {k: dd.from_pandas(f[k], npartitions=3) for k in LARGE if k in f}
    opts = {"by_unit": True}
    got = dvctt.dask.evaluate(
        dvctt.PlanObj(p), **ddfs, data=logs, options=opts, split_every=2, scheduler="processes"
    )
    expected = dvctt.evaluate(p, whole, opts)
    assert got.records() == expected.records()
    assert len(with_data(got)) >= 2


def test_dask_evaluate_on_a_local_cluster_of_processes() -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import dvctt.dask

    p = plan("brvt-syt-81-2025")
    whole, logs = whole_and_logs("brvt-2025")
    f = frames("brvt-2025")
    ddfs = {k: dd.from_pandas(f[k], npartitions=2) for k in LARGE}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            got = dvctt.dask.evaluate(p, **ddfs, data=logs)
    assert got.records() == dvctt.evaluate(p, whole).records()
    indicators = {t["id"]: t["indicator"] for t in p["targets"]}
    assert any(indicators[t].endswith("staff_coverage") for t in with_data(got))


# --- documents kept in Rust ------------------------------------------------


def test_plan_obj_is_taken_wherever_a_plan_is() -> None:
    doc = plan("hcm-syt-2026")
    text = (EXAMPLES / "plans" / "hcm-syt-2026.json").read_text(encoding="utf-8")
    obj = dvctt.PlanObj(doc)
    assert dvctt.PlanObj(text) == obj
    assert obj.to_dict() == dvctt.load_plan(text)
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert "hcm" in repr(obj).lower() or "targets=" in repr(obj)
    whole, _ = whole_and_logs("")
    assert dvctt.evaluate(obj, whole).records() == dvctt.evaluate(doc, whole).records()
    assert dvctt.evaluate_targets(obj, whole) == dvctt.evaluate_targets(doc, whole)
    assert dvctt.check_tasks(obj, []) == dvctt.check_tasks(doc, [])
    assert dvctt.cascade_check([obj, doc]) == dvctt.cascade_check([doc, doc])


def test_a_bad_plan_obj_is_a_plan_error() -> None:
    doc = plan("hcm-syt-2026")
    doc["targets"][0]["threshold"] = "eighty"
    with pytest.raises(dvctt.PlanError) as e:
        dvctt.PlanObj(doc)
    assert "threshold" in e.value.path
    with pytest.raises(dvctt.PlanError):
        dvctt.PlanObj("{not json")


def test_org_and_profile_objects() -> None:
    org_path = next((EXAMPLES / "org").glob("*.json"))
    org_doc = json.loads(org_path.read_text(encoding="utf-8"))
    org = dvctt.OrgObj(org_doc)
    assert pickle.loads(pickle.dumps(org)) == org
    date = "2025-06-30"
    assert dvctt.org_units_at(org, date) == dvctt.org_units_at(org_doc, date)
    profile_doc = dvctt.default_scoring_profile()
    profile = dvctt.ProfileObj(profile_doc)
    assert profile.to_dict() == profile_doc
    whole, _ = whole_and_logs("")
    q = {"period": "2026"}
    assert dvctt.compute_scores(profile, whole, q) == dvctt.compute_scores(profile_doc, whole, q)
    assert dvctt.score(profile, whole, q).records() == dvctt.score(profile_doc, whole, q).records()

"""The main report (``plan_report``, ``plan_report_tables``): the same
document as ``dvctt report --json`` on a bundled example, its tables as a
workbook, and errors that name the option at fault."""

from __future__ import annotations

import io
import json
import pathlib
from typing import Any, List

import openpyxl
import pytest

import dvctt

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUNDLED = [
    "hcm-syt-2026",
    "qd-1588-ttg",
    "brvt-ubnd-159-2025",
    "brvt-syt-81-2025",
    "brvt-syt-2025-cchc",
    "thanhhoa-syt-2021-2022",
]
KINDS = ["dossiers", "survey", "staff", "procedures", "units", "publications", "outreach", "feedback"]


def _hcm_report(monkeypatch: pytest.MonkeyPatch) -> dvctt.PlanReport:
    # Relative paths from the repository root, as the CLI names the files.
    monkeypatch.chdir(ROOT)
    plan = dvctt.load_plan((ROOT / "examples/plans/hcm-syt-2026.json").read_text("utf-8"))
    sources: List[Any] = [(k, f"examples/data/{k}.csv") for k in KINDS]
    load = dvctt.read_csv_files(sources, strict=False)
    acts = dvctt.read_activities_csv_text(
        (ROOT / "examples/data/activities.csv").read_text("utf-8"), "examples/data/activities.csv", False
    )
    # The bundled plans in the CLI's order (cli/src/example.rs): the cascade's
    # findings come plan by plan.
    plans: List[Any] = [dvctt.load_plan((ROOT / f"examples/plans/{p}.json").read_text("utf-8")) for p in BUNDLED]
    options: dvctt.PlanReportOptions = {"plans": plans, "rejected": load["rejected"] + acts["rejected"]}
    return dvctt.plan_report(plan, load["dataset"], acts["activities"], options)


def test_plan_report_is_what_the_cli_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _hcm_report(monkeypatch)
    # tests/golden/report-hcm.out: `dvctt report --example hcm-syt-2026 --json`.
    golden = json.loads((ROOT / "tests/golden/report-hcm.out").read_text("utf-8"))
    assert json.loads(json.dumps(report)) == golden


def test_plan_report_tables_make_a_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _hcm_report(monkeypatch)
    tables = dvctt.plan_report_tables(report)
    assert [t["key"] for t in tables] == ["summary", "targets", "tasks", "cascade", "indicators", "rejected"]
    wb = openpyxl.load_workbook(io.BytesIO(dvctt.tables_to_xlsx(tables, "en")))
    assert wb.sheetnames[1:3] == ["Targets", "Task checks"]
    targets = wb["Targets"]
    # Row 1 the title, row 2 the headings, then the ratio targets first.
    assert [c.value for c in targets[2]][:5] == ["Target", "Unit", "Indicator", "Period", "Value"]
    first = report["targets"][0]
    assert targets.cell(3, 1).value == first["target_id"]
    value = first["value"]
    assert value is not None
    assert targets.cell(3, 5).value == pytest.approx(value / 100)
    # The document round-trips: its tables from the JSON form are the same.
    assert dvctt.plan_report_tables(json.loads(json.dumps(report))) == tables


def test_bad_options_name_the_option() -> None:
    plan = dvctt.load_plan((ROOT / "examples/plans/hcm-syt-2026.json").read_text("utf-8"))
    with pytest.raises(dvctt.DataError) as e:
        dvctt.plan_report(plan, {}, [], {"as_of": "2026-02-30"})
    assert e.value.path == "options.as_of"
    bad = dict(plan, targets=[dict(plan["targets"][0], threshold=120)])
    with pytest.raises(dvctt.PlanError) as p:
        dvctt.plan_report(plan, {}, None, {"plans": [bad]})
    assert p.value.path == "options.plans[0].targets[0].threshold"
    with pytest.raises(dvctt.DataError) as u:
        dvctt.plan_report(plan, {}, None, {"by_units": True})
    assert u.value.path.startswith("options")

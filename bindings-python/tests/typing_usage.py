"""Checked with `mypy --strict` against the installed wheel (not run)."""

from __future__ import annotations

import datetime
import pathlib
from typing import Dict, List, Optional

import dvctt
from dvctt import (
    Dataset,
    DatasetLoad,
    EvaluateOptions,
    IndicatorInfo,
    IndicatorResult,
    Plan,
    Query,
    TargetEvaluation,
)


def load(plan_path: pathlib.Path, data_dir: pathlib.Path) -> List[TargetEvaluation]:
    plan: Plan = dvctt.load_plan(plan_path.read_text(encoding="utf-8"))
    loaded: DatasetLoad = dvctt.read_csv_files(
        {"dossiers": data_dir / "dossiers.csv", "survey": str(data_dir / "survey.csv")}
    )
    more: DatasetLoad = dvctt.read_csv_files(
        [("outreach", data_dir / "outreach.csv"), ("feedback", data_dir / "feedback.csv")],
        strict=False,
    )
    print(len(more["dataset"].get("outreach", [])))
    for row in loaded["rejected"]:
        print(f"{row['file']}:{row['line']}: {row['field']}: {row['detail']}")
    options: EvaluateOptions = {"by_unit": True, "source": "records"}
    return dvctt.evaluate_targets(plan, loaded["dataset"], options)


def met_share(rows: List[TargetEvaluation]) -> float:
    judged = [r for r in rows if r["status"] != "no_data"]
    met = sum(1 for r in judged if r["status"] == "met")
    return met / len(judged) if judged else 0.0


def gaps(rows: List[TargetEvaluation]) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for r in rows:
        gap: Optional[float] = r["gap_pp"]
        if r["unit_code"] is None and gap is not None:
            out[r["target_id"]] = gap
    return out


def compute() -> List[IndicatorResult]:
    data: Dataset = {
        "dossiers": [
            {
                "dossier_id": "D1",
                "unit_code": "U1",
                "procedure_code": "1.001",
                "sector": "y_te",
                "received_on": "2026-01-05",
                "channel": "online",
                "fully_online": True,
            }
        ],
        "survey": [
            {"response_id": "R1", "unit_code": "U1", "responded_on": "2026-01-05", "satisfied": True},
            {
                "response_id": "R2",
                "unit_code": "U1",
                "responded_on": "2026-01-05",
                "rating": "neutral",
                "scale": 5,
            },
        ],
        "staff": [
            {"person_id": "P1", "unit_code": "U1", "in_scope": True, "role": "community_team"}
        ],
    }
    q: Query = {"indicator": "online_dossier_share", "period": "2026Q1"}
    checked: Query = dvctt.validate_query(q)
    validated: Dataset = dvctt.validate_dataset(data)
    results = dvctt.compute_indicator(validated, checked)
    values: List[Optional[float]] = [r["value"] for r in results]
    print(values)
    # untyped dicts (e.g. with datetime.date values) are accepted as mappings
    raw = {"dossiers": [{"received_on": datetime.date(2026, 1, 5)}]}
    return dvctt.compute_indicator(raw, {"indicator": "satisfaction_rate", "period": "2026"})


def catalogue() -> List[str]:
    infos: List[IndicatorInfo] = dvctt.indicator_catalogue()
    return [f"{i['id']} ({i['unit']}, {i['period_aggregation']})" for i in infos]


def describe(text: str) -> str:
    try:
        dvctt.read_csv_text("dossiers", text, file="hs.csv", strict=True)
    except dvctt.CsvError as e:
        line: int = e.line
        return f"{e.file}:{line}: {e.field}: {e.detail}"
    except dvctt.MissingColumnError as e:
        return f"{e.file}: add column {e.column}"
    except dvctt.UnknownIndicatorError as e:
        return f"{e.id} at {e.path}; known: {e.known}"
    except dvctt.PeriodError as e:
        return f"{e.value}: {e.detail}"
    except (dvctt.PlanError, dvctt.DataError, dvctt.IoError) as e:
        return f"{e.variant} at {e.path}: {e.detail}"
    except dvctt.Error as e:
        return f"{e.variant}: {e}"
    return "ok"


version: str = dvctt.__version__


def tasks(plan: Plan, log_text: str) -> List[dvctt.TaskCheck]:
    log: dvctt.ActivityLoad = dvctt.read_activities_csv_text(log_text, "activities.csv")
    rows = dvctt.check_tasks(plan, log["activities"], None, datetime.date(2026, 6, 30))
    missed: List[str] = [p for r in rows if not r["kept"] for p in r["missed_periods"]]
    print(missed)
    return rows


def cascade(plans: List[Plan]) -> List[str]:
    found: List[dvctt.CascadeFinding] = dvctt.cascade_check(plans)
    return [f["message"] for f in found if f["severity"] == "warning"]


def statuses(rows: List[TargetEvaluation]) -> List[Optional[float]]:
    behind = [r for r in rows if r["status"] in ("at_risk", "off_track")]
    return [r["ci_low"] for r in behind if not r["too_few_responses"]]


def milestone_plan() -> Plan:
    cadence: dvctt.Cadence = {"kind": "within", "from": "2021-01-01", "to": "2022-12-31"}
    return {
        "schema": "dvctt/plan@1",
        "id": "p",
        "title": "t",
        "issuer": "i",
        "period": "2025",
        "legal_basis": ["Quyết định 1588/QĐ-TTg", {"number": "159/KH-UBND"}],
        "targets": [
            {
                "id": "adults",
                "description": "adults",
                "indicator": "online_dossier_share",
                "comparator": ">=",
                "threshold": 70,
                "deadline": "2030-12-31",
                "baseline": {"value": 30, "date": "2024-12-31"},
                "milestones": [{"deadline": "2025-12-31", "threshold": 50}],
            }
        ],
        "tasks": [{"id": "t", "title": "t", "cadence": cadence}],
    }


def scores(data: Dataset) -> List[float]:
    profile: dvctt.ScoringProfile = dvctt.default_scoring_profile()
    query: dvctt.ScoreQuery = {"period": "2026", "by_unit": True}
    cards: List[dvctt.ScoreCard] = dvctt.compute_scores(profile, data, query)
    missing: List[str] = [i for c in cards for i in c["no_data"]]
    print(missing)
    status: dvctt.ItemStatus = cards[0]["items"][0]["status"]
    print(status)
    return [c["points"] / c["points_available"] for c in cards if c["points_available"]]


def rolled_up(org_json: str, data: Dataset) -> List[float]:
    org: dvctt.OrgDocument = dvctt.load_org(org_json)
    units: List[dvctt.OrgUnit] = dvctt.org_units_at(org, datetime.date(2026, 1, 1), level=1)
    shares: List[dvctt.UnitShare] = dvctt.org_successors(org, units[0]["code"], "2025-06-30", "2026-01-01")
    spec: dvctt.RollUpSpec = {"level": 1, "date": "2026-12-31"}
    r: dvctt.RollUp = dvctt.compute_rolled_up(data, {"indicator": "satisfaction_rate", "period": "2026"}, org, spec)
    lost: List[dvctt.UnplacedFigures] = r["unplaced"]
    reason: dvctt.UnplacedReason = lost[0]["reason"] if lost else "unknown_unit"
    print(reason, len(shares))
    return [x["value"] or 0.0 for x in r["results"]]


def monthly_received(columns: Dict[str, object]) -> int:
    cube = dvctt.dossier_cube(columns, "2026", buckets="months")
    return int(cube["received"].sum())


def form06_overdue(data: Dataset, org: dvctt.OrgDocument) -> int:
    form: dvctt.TthcForm06 = dvctt.tthc_form06(data, ["SYT-HCM"], "2026VNQ1", org)
    rows: List[dvctt.Form06Row] = form["rows"]
    tables: List[dvctt.Table] = dvctt.form06_tables(form)
    print(len(tables), len(rows), form.get("units", []))
    return form["total"]["in_progress"]["overdue"]


def arrow_in_and_out(plan: Plan, frame: object, data_dir: pathlib.Path) -> int:
    # Anything with __arrow_c_stream__ is a table; `object` is refused.
    data: dvctt.Data = dvctt.Data.read_csv({"dossiers": data_dir / "dossiers.csv"})
    more = dvctt.Data.read_parquet([("survey", data_dir / "survey.parquet")], strict=False)
    counts: Dict[str, int] = data.counts
    rejected: List[dvctt.RejectedRow] = more.rejected
    results: dvctt.Results = dvctt.evaluate(plan, data, {"by_unit": True})
    plain: List[TargetEvaluation] = dvctt.evaluate_targets(plan, data)
    on_time = dvctt.compute(data, {"indicator": "on_time_completion_rate", "period": "2026"})
    table: dvctt.Table = on_time.parts.table()
    both = dvctt.Results.concat([results, results])
    results.lang = "en"
    html: str = both.to_html(lang="vi", max_rows=10)
    cube = dvctt.Cube(b"")
    merged: dvctt.Cube = cube.merge(cube)
    print(counts, rejected, plain, table, html, merged.to_bytes())
    return len(results) + len(both)


def kept_documents_and_partials(plan: Plan, org: dvctt.OrgDocument, data: dvctt.Data) -> int:
    kept = dvctt.PlanObj(plan)
    again: Plan = kept.to_dict()
    tree = dvctt.OrgObj(org)
    profile = dvctt.ProfileObj(dvctt.default_scoring_profile())
    units: List[dvctt.OrgUnit] = dvctt.org_units_at(tree, "2026-01-01")
    cards: List[dvctt.ScoreCard] = dvctt.compute_scores(profile, data, {"period": "2026"})
    part: dvctt.Partial = dvctt.partial_counts(kept, data)
    merged = dvctt.merge_partials([part, part.merge(part)])
    rows: Dict[str, int] = merged.rows
    judged: dvctt.Results = dvctt.evaluate_partial(kept, merged, data, {"by_unit": True})
    shown: str = tree.to_html(lang="en") + profile._repr_html_()
    print(again, units, cards, rows, shown, dvctt.cascade_check([kept, plan]))
    return len(judged)

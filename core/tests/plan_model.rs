//! The extended plan model: every example plan loads, new fields parse and
//! validate with JSON paths, and the cascade check.

use dvctt::{api::cascade_check, DvcttError, Plan, Severity};
use serde_json::{json, Value};
use std::path::PathBuf;

#[test]
fn every_example_plan_loads() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/plans");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("examples/plans") {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let text = std::fs::read_to_string(&p).unwrap();
            Plan::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            n += 1;
        }
    }
    assert!(n >= 1);
}

fn base(targets: Value) -> Value {
    json!({"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2025",
           "targets": targets})
}

fn target(extra: Value) -> Value {
    let mut t = json!({"id": "adults", "description": "adults", "indicator": "online_dossier_share",
                       "comparator": ">=", "threshold": 70, "deadline": "2030-12-31"});
    t.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    t
}

fn plan_error(v: Value) -> (String, String) {
    match Plan::from_value(v) {
        Err(DvcttError::Plan { path, detail }) => (path, detail),
        other => panic!("expected a plan error, got {other:?}"),
    }
}

#[test]
fn full_plan_shape() {
    let v = json!({
        "schema": "dvctt/plan@1", "id": "brvt-syt-2025", "number": "81/KH-SYT",
        "title": "Kế hoạch", "issuer": "Sở Y tế tỉnh Bà Rịa - Vũng Tàu", "issued_on": "2025-05-08",
        "period": "2025",
        "legal_basis": ["Quyết định số 1588/QĐ-TTg", {"number": "159/KH-UBND", "date": "2025-04-24"}],
        "implements": {"plan_id": "brvt-ubnd-2025", "number": "159/KH-UBND"},
        "supersedes": [{"number": "42/KH-SYT", "date": "2025-03-25"}],
        "themes": ["Lợi ích của DVCTT"],
        "targets": [target(json!({
            "baseline": {"value": 30, "date": "2024-12-31"},
            "milestones": [{"deadline": "2025-12-31", "threshold": 50}]
        }))],
        "tasks": [{"id": "t1", "title": "Truyền thông", "lead_units": ["KHTC"],
                   "cadence": {"kind": "regular"}},
                  {"id": "t2", "title": "Ngày CĐS", "lead_units": ["KHTC"], "cooperating_units": ["VP"],
                   "cadence": {"kind": "yearly_on", "month": 10, "day": 10}}],
        "reporting": [{"id": "r1", "reporters": ["các đơn vị"], "to": "UBND tỉnh",
                       "frequency": "yearly", "due": {"kind": "fixed_date", "month": 11, "day": 30}}]
    });
    let p = Plan::from_value(v).unwrap();
    assert_eq!(
        p.legal_basis[0].title.as_deref(),
        Some("Quyết định số 1588/QĐ-TTg")
    );
    assert_eq!(p.legal_basis[1].number.as_deref(), Some("159/KH-UBND"));
    assert_eq!(p.targets[0].points().len(), 2);
    let back = serde_json::to_value(&p).unwrap();
    assert_eq!(
        back["tasks"][0]["cadence"],
        json!({"kind": "regular", "per": "quarter", "min": 1})
    );
    assert_eq!(Plan::from_value(back).unwrap(), p);
}

#[test]
fn milestone_and_baseline_rules() {
    let cases = [
        (
            json!({"milestones": [{"deadline": "2031-01-01", "threshold": 50}]}),
            "targets[0].milestones[0].deadline",
        ),
        (
            json!({"milestones": [{"deadline": "2027-12-31", "threshold": 50},
                                  {"deadline": "2025-12-31", "threshold": 40}]}),
            "targets[0].milestones[1].deadline",
        ),
        (
            json!({"milestones": [{"deadline": "2025-12-31", "threshold": 60},
                                  {"deadline": "2027-12-31", "threshold": 50}]}),
            "targets[0].milestones[1].threshold",
        ),
        (
            json!({"milestones": [{"deadline": "2025-12-31", "threshold": 80}]}),
            "targets[0].milestones[0].threshold",
        ),
        (
            json!({"milestones": [{"deadline": "2030-12-31", "threshold": 60}]}),
            "targets[0].milestones[0].threshold",
        ),
        (
            json!({"baseline": {"value": 30, "date": "2025-12-31"},
                   "milestones": [{"deadline": "2025-12-31", "threshold": 50}]}),
            "targets[0].baseline.date",
        ),
        (
            json!({"baseline": {"value": 130, "date": "2024-12-31"}}),
            "targets[0].baseline.value",
        ),
        (
            json!({"direction": "lower_is_better"}),
            "targets[0].direction",
        ),
        (json!({"direction": "sideways"}), "targets[0].direction"),
    ];
    for (extra, path) in cases {
        let (got, detail) = plan_error(base(json!([target(extra.clone())])));
        assert_eq!(got, path, "{extra}: {detail}");
    }
    // Lower is better: thresholds must not rise.
    let ok = target(json!({"comparator": "<=", "threshold": 10,
                           "milestones": [{"deadline": "2025-12-31", "threshold": 20}]}));
    Plan::from_value(base(json!([ok]))).unwrap();
}

#[test]
fn reporting_and_references_rules() {
    let mut v = base(json!([]));
    v["reporting"] = json!([{"id": "r", "reporters": ["U1"], "to": "SNV", "frequency": "quarterly",
                             "due": {"kind": "fixed_date", "month": 2, "day": 30}}]);
    assert_eq!(plan_error(v.clone()).0, "reporting[0].due");
    v["reporting"][0]["due"] = json!({"kind": "days_after_period_end", "days": 5, "x": 1});
    assert_eq!(plan_error(v.clone()).0, "reporting[0].due");
    v["reporting"][0]["due"] = json!({"kind": "days_after_period_end", "days": 5});
    Plan::from_value(v.clone()).unwrap();
    v["implements"] = json!({});
    assert_eq!(plan_error(v.clone()).0, "implements");
    v["implements"] = json!({"numbr": "1"});
    assert_eq!(plan_error(v).0, "implements.numbr");
}

fn plan(id: &str, number: &str, period: &str, implements: Value, targets: Value) -> Plan {
    let mut v = json!({"schema": "dvctt/plan@1", "id": id, "number": number, "title": "t",
                       "issuer": "i", "period": period, "targets": targets});
    if !implements.is_null() {
        v["implements"] = implements;
    }
    Plan::from_value(v).unwrap()
}

fn t(id: &str, ind: &str, cmp: &str, th: f64, deadline: &str, extra: Value) -> Value {
    let mut v = json!({"id": id, "description": id, "indicator": ind, "comparator": cmp,
                       "threshold": th, "deadline": deadline});
    v.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    v
}

#[test]
fn cascade_findings() {
    let national = plan(
        "qd1588",
        "1588/QĐ-TTg",
        "2023-01-01..2025-12-31",
        Value::Null,
        json!([
            t(
                "sat-90",
                "satisfaction_rate",
                ">=",
                90.0,
                "2025-12-31",
                json!({})
            ),
            t(
                "sat-land-85",
                "satisfaction_rate",
                ">=",
                85.0,
                "2025-12-31",
                json!({"scope": {"sectors": ["land"]}})
            ),
            t(
                "online-80",
                "online_dossier_share",
                ">=",
                80.0,
                "2025-12-31",
                json!({})
            ),
        ]),
    );
    // HCMC 2026: ≥ 95% satisfaction (fine), ≥ 70% online (looser).
    let hcm = plan(
        "hcm-2026",
        "",
        "2026",
        json!({"number": " 1588/qđ-ttg "}),
        json!([
            t(
                "sat-95",
                "satisfaction_rate",
                ">=",
                95.0,
                "2026-12-31",
                json!({})
            ),
            t(
                "online-70",
                "online_dossier_share",
                ">=",
                70.0,
                "2026-12-31",
                json!({})
            ),
            t(
                "train",
                "trained_staff_coverage",
                "=",
                100.0,
                "2026-12-31",
                json!({})
            ),
            t(
                "land-85",
                "satisfaction_rate",
                ">=",
                85.0,
                "2026-12-31",
                json!({"scope": {"sectors": ["land"]}})
            ),
        ]),
    );
    // A 2025 plan asking 80% only by mid-2026: later deadline.
    let late = plan(
        "late",
        "",
        "2025",
        json!({"plan_id": "qd1588"}),
        json!([t(
            "online-80-late",
            "online_dossier_share",
            ">=",
            80.0,
            "2026-06-30",
            json!({"period": "2025"})
        )]),
    );
    let orphan = plan(
        "orphan",
        "",
        "2026",
        json!("Kế hoạch 99/KH-UBND"),
        json!([]),
    );
    let f = cascade_check(vec![national, hcm, late, orphan]);
    let brief: Vec<(Option<&str>, Option<&str>, Severity)> = f
        .iter()
        .map(|x| {
            (
                x.target_id.as_deref(),
                x.parent_target_id.as_deref(),
                x.severity,
            )
        })
        .collect();
    assert_eq!(
        brief,
        vec![
            (Some("sat-95"), Some("sat-90"), Severity::Info),
            (Some("online-70"), Some("online-80"), Severity::Warning),
            (Some("train"), None, Severity::Info),
            (Some("land-85"), Some("sat-land-85"), Severity::Info),
            (Some("online-80-late"), Some("online-80"), Severity::Warning),
            (None, None, Severity::Info),
        ],
        "{f:#?}"
    );
    assert!(
        f[1].message.contains(">= 70 by 2026-12-31"),
        "{}",
        f[1].message
    );
    assert!(
        f[4].message.starts_with("later deadline"),
        "{}",
        f[4].message
    );
}

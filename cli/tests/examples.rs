//! The bundled examples: every plan file loads and is bundled, and every
//! target of every bundled plan is judged and every task checked (that the
//! data regenerate byte for byte is tested in `xtask`).

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dvctt(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the dvctt binary runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

fn plan_files() -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root().join("examples/plans")).expect("examples/plans") {
        let p = e.expect("a directory entry").path();
        if p.extension().is_some_and(|x| x == "json") {
            let text = std::fs::read_to_string(&p).expect("readable");
            dvctt::api::load_plan(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            out.push((p, serde_json::from_str(&text).expect("JSON")));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn bundled() -> Vec<String> {
    let (ok, out, err) = dvctt(&["examples"]);
    assert!(ok, "{err}");
    out.lines()
        .map(|l| l.split_whitespace().next().expect("an id").to_string())
        .collect()
}

#[test]
fn every_plan_file_loads_and_is_bundled() {
    let files = plan_files();
    assert_eq!(files.len(), 6, "the six example plans");
    let ids: BTreeSet<String> = files
        .iter()
        .map(|(_, v)| v["id"].as_str().expect("an id").to_string())
        .collect();
    let names: BTreeSet<String> = bundled().into_iter().collect();
    assert_eq!(ids, names);
    for (p, v) in &files {
        let stem = p.file_stem().and_then(|s| s.to_str()).expect("a name");
        assert_eq!(
            v["id"],
            stem,
            "{}: file named after the plan id",
            p.display()
        );
    }
}

const STATUSES: [&str; 5] = ["met", "on_track", "at_risk", "off_track", "no_data"];

fn report(name: &str) -> Value {
    let (ok, out, err) = dvctt(&["report", "--example", name, "--json"]);
    assert!(ok, "{name}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_target_judged_every_task_checked() {
    let mut seen_status = BTreeSet::new();
    let (mut kept, mut missed) = (0, 0);
    for name in bundled() {
        let r = report(&name);
        let plan = &r["plan"];
        assert_eq!(plan["id"], name.as_str());
        assert_eq!(r["rejected"], Value::Array(vec![]), "{name}");
        assert_eq!(r["target_errors"], Value::Array(vec![]), "{name}");
        // one judgement per target, in plan order, each with a status
        let targets = plan["targets"].as_array().expect("targets");
        let rows = r["targets"].as_array().expect("target rows");
        let ids: Vec<&Value> = targets.iter().map(|t| &t["id"]).collect();
        let judged: Vec<&Value> = rows.iter().map(|e| &e["target_id"]).collect();
        assert_eq!(ids, judged, "{name}");
        for e in rows {
            let s = e["status"].as_str().expect("a status");
            assert!(STATUSES.contains(&s), "{name}: {s}");
            seen_status.insert(s.to_string());
            if s == "no_data" {
                assert_eq!(e["value"], Value::Null);
            } else {
                assert!(e["value"].is_number(), "{name}: {e}");
            }
        }
        // one check per task and lead unit
        let mut want = BTreeSet::new();
        for t in plan["tasks"].as_array().expect("tasks") {
            for u in t["lead_units"].as_array().expect("lead units") {
                want.insert((t["id"].to_string(), u.to_string()));
            }
        }
        let checks = r["tasks"].as_array().expect("task checks");
        let got: BTreeSet<(String, String)> = checks
            .iter()
            .map(|c| (c["task_id"].to_string(), c["unit_code"].to_string()))
            .collect();
        assert_eq!(got, want, "{name}");
        assert_eq!(checks.len(), want.len(), "{name}");
        for c in checks {
            let k = c["kept"].as_bool().expect("kept");
            let m = c["missed_periods"].as_array().expect("missed").len();
            assert_eq!(k, m == 0, "{name}: {c}");
            if k {
                kept += 1;
            } else {
                missed += 1;
            }
        }
        // the cascade chain starts at the plan and follows `implements`
        let chain = r["cascade"]["chain"].as_array().expect("chain");
        assert_eq!(chain[0], name.as_str());
        assert!(r["cascade"]["findings"].is_array());
    }
    for s in ["met", "at_risk", "off_track", "no_data"] {
        assert!(seen_status.contains(s), "no target is {s}: {seen_status:?}");
    }
    assert!(kept > 0 && missed > 0, "kept {kept}, missed {missed}");
}

#[test]
fn the_cascade_runs_from_the_department_to_the_decision() {
    let r = report("brvt-syt-81-2025");
    let chain: Vec<&str> = r["cascade"]["chain"]
        .as_array()
        .expect("chain")
        .iter()
        .map(|v| v.as_str().expect("an id"))
        .collect();
    assert_eq!(
        chain,
        ["brvt-syt-81-2025", "brvt-ubnd-159-2025", "qd-1588-ttg"]
    );
    let findings = r["cascade"]["findings"].as_array().expect("findings");
    let refines = |plan: &str, target: &str, parent: &str| {
        findings.iter().any(|f| {
            f["plan_id"] == plan && f["target_id"] == target && f["parent_target_id"] == parent
        })
    };
    assert!(refines(
        "brvt-syt-81-2025",
        "online-dossiers-80",
        "online-dossiers-80"
    ));
    assert!(refines(
        "brvt-ubnd-159-2025",
        "adults-usage",
        "adults-usage"
    ));
    // the sector-scoped 85% is looser than the national 90%
    assert!(findings.iter().any(|f| f["plan_id"] == "brvt-ubnd-159-2025"
        && f["target_id"] == "satisfaction-85-land-construction-investment"
        && f["severity"] == "warning"));
}

#[test]
fn example_without_a_name_is_hcmc_2026() {
    let (ok, out, err) = dvctt(&["report", "--example"]);
    assert!(ok, "{err}");
    assert!(out.contains("Ngành Y tế Thành phố năm 2026"), "{out}");
    let (ok, _, err) = dvctt(&["report", "--example", "no-such-plan"]);
    assert!(!ok);
    assert!(
        err.contains("hcm-syt-2026") && err.contains("qd-1588-ttg"),
        "{err}"
    );
}

#[test]
fn org_files_load_and_hold_every_lead_unit() {
    let mut codes = BTreeSet::new();
    for e in std::fs::read_dir(root().join("examples/org")).expect("examples/org") {
        let p = e.expect("an entry").path();
        let text = std::fs::read_to_string(&p).expect("readable");
        dvctt::OrgTree::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let v: Value = serde_json::from_str(&text).expect("JSON");
        for u in v["units"].as_array().expect("units") {
            codes.insert(u["code"].as_str().expect("a code").to_string());
        }
    }
    for (p, v) in plan_files() {
        for t in v["tasks"].as_array().expect("tasks") {
            for u in t["lead_units"].as_array().expect("lead units") {
                let u = u.as_str().expect("a code");
                assert!(
                    codes.contains(u),
                    "{}: lead unit {u} in no org file",
                    p.display()
                );
            }
        }
    }
}

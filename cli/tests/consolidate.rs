//! `dvctt consolidate --example`: the figures expected are derived here from
//! how the example is built (its call, dates and numbers), not copied from
//! the program's output.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dvctt(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the dvctt binary runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

#[test]
fn the_example_prints_completeness_timeliness_missing_late_duplicate_difference() {
    let call = json("examples/reports/hcm-2026VNQ1/call.json");
    let expected = call["reporters"].as_array().unwrap().len();
    assert_eq!(expected, 6);
    // 2026VNQ1 ends on 14 March 2026; the call gives 5 days: due 19 March.
    assert_eq!(call["due"]["days"], 5);
    let due = "2026-03-19";
    let dir = "examples/reports/hcm-2026VNQ1";
    let files = [
        format!("{dir}/syt-vp.json"),
        format!("{dir}/ttksbt.json"),
        "examples/reports/nhidong1-2026VNQ1.json".to_string(),
        format!("{dir}/dalieu-corrected.json"),
        format!("{dir}/dkbd.json"),
    ];
    // Received: the five expected units with a report (BV-BARIA has none);
    // on time: submitted on or before the due day in Vietnam time.
    let mut on_time = 0;
    let mut late = Vec::new();
    for f in &files {
        let r = json(f);
        let at = r["submitted_at"].as_str().unwrap();
        assert!(at.ends_with("+07:00"), "{f}");
        let day = &at[..10];
        if day <= due {
            on_time += 1;
        } else {
            let d: u32 = day[8..10].parse().unwrap();
            late.push((r["unit"].as_str().unwrap().to_string(), d - 19));
        }
    }
    assert_eq!(on_time, 3);
    // Vietnamese by default, English with --en.
    let (ok, vi) = dvctt(&["consolidate", "--example"]);
    assert!(ok, "{vi}");
    assert!(
        vi.contains(&format!("đầy đủ: 5/{expected} = 83,3%")),
        "{vi}"
    );
    assert!(vi.contains("chưa gửi: BV-BARIA"), "{vi}");
    let (ok, out) = dvctt(&["consolidate", "--example", "--en"]);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("completeness: 5/{expected} = 83.3%")),
        "{out}"
    );
    assert!(
        out.contains(&format!("timeliness: {on_time}/{expected} = 50.0%")),
        "{out}"
    );
    assert!(
        out.contains(&format!("missing: BV-BARIA (due {due})")),
        "{out}"
    );
    for (unit, days) in &late {
        assert!(
            out.contains(&format!("late: {unit} (due {due}"))
                && out.contains(&format!("{days} day(s) late")),
            "{unit} {days}: {out}"
        );
    }
    assert_eq!(late.len(), 2);
    assert!(
        out.contains("duplicate: BV-DALIEU 2026VNQ1 submitted 2026-03-16T08:00:00+07:00"),
        "{out}"
    );
    // One difference: BV-NHIDONG1 reports 412/498 online; its dossiers give
    // another figure, more than 2 pp away.
    let flagged: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.trim_start()
                .starts_with("R033-figure-contradicts-records")
        })
        .collect();
    assert_eq!(flagged.len(), 2, "{out}"); // once in the differences, once in the findings
    assert!(flagged.iter().all(|l| l.contains("BV-NHIDONG1")));
    assert!(out.contains("indicators[0].numerator"));
    assert!(out.contains("1 flagged"), "{out}");
    // The online total over the root SYT-HCM: Σ of the five consolidated
    // reports' numerators and denominators, never an average.
    let (mut n, mut d) = (0, 0);
    for f in &files {
        let r = json(f);
        let v = r["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["indicator"] == "online_dossier_share")
            .unwrap();
        n += v["numerator"].as_i64().unwrap();
        d += v["denominator"].as_i64().unwrap();
    }
    let line = format!(
        "online_dossier_share           {n}/{d} = {:.1}%",
        100.0 * n as f64 / d as f64
    );
    assert!(out.contains(&line), "{line}\n{out}");
    assert!(out.contains("BV-CHORAY    not expected (outside the root: not summed)"));
    assert!(out.contains("R030-report-not-expected"));
}

#[test]
fn the_example_writes_json_csv_and_tables() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-consolidate-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let p = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let (ok, out) = dvctt(&[
        "consolidate",
        "--example",
        "--public",
        "--out",
        &p("c.json"),
        "--csv",
        &p("c.csv"),
        &format!("--md={}", p("c.md")),
        "--xlsx",
        &p("c.xlsx"),
        &format!("--html={}", p("c.html")),
    ]);
    assert!(ok, "{out}");
    let c: Value = serde_json::from_str(&std::fs::read_to_string(p("c.json")).unwrap()).unwrap();
    assert_eq!(c["schema"], "dvctt/consolidated-report@1");
    assert_eq!(c["reporting"]["missing"][0]["unit"], "BV-BARIA");
    // For Excel, as `report --csv`: a byte-order mark, then the header.
    let csv = std::fs::read_to_string(p("c.csv")).unwrap();
    assert!(csv.starts_with(
        "\u{feff}unit,period,indicator,numerator,denominator,value,source,suppressed\n"
    ));
    // BV-DKBD's portal figure is 1/1: below k = 5, withheld.
    assert!(
        csv.contains("BV-DKBD,2026VNQ1,unit_portal_promotion_share,,,,reported,true"),
        "{csv}"
    );
    let md = std::fs::read_to_string(p("c.md")).unwrap();
    assert!(md.contains("k = 5"));
    assert!(std::fs::read(p("c.xlsx")).unwrap().starts_with(b"PK"));
    // --no-bom: the CSV for machines, header first.
    let (ok, out) = dvctt(&["consolidate", "--example", "--csv", &p("m.csv"), "--no-bom"]);
    assert!(ok, "{out}");
    assert!(std::fs::read(p("m.csv"))
        .unwrap()
        .starts_with(b"unit,period,"));
}

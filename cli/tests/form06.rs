//! `dvctt form06`: on the bundled data the totals equal a count done here by
//! plain string parsing of the CSV, and the form's identities hold.

use chrono::{Days, NaiveDate};
use serde_json::Value;
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

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

/// [received, online, direct_or_postal, carried_over, settled, early,
/// on_time, late, in_progress, within, overdue] over the units given.
fn count(units: &[&str], start: &str, end: &str) -> [i64; 11] {
    let text = std::fs::read_to_string(root().join("examples/data/dossiers.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (u, rec, ch, due, done, paused) = (
        col("unit_code"),
        col("received_on"),
        col("channel"),
        col("due_on"),
        col("completed_on"),
        col("paused_days"),
    );
    let (start, end) = (date(start), date(end));
    let mut c = [0i64; 11];
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        let r = date(f[rec]);
        let d = (!f[done].is_empty()).then(|| date(f[done]));
        if !units.contains(&f[u]) || r > end || d.is_some_and(|d| d < start) {
            continue;
        }
        c[0] += 1;
        c[if r < start {
            3
        } else if f[ch] == "online" {
            1
        } else {
            2
        }] += 1;
        let due = (!f[due].is_empty())
            .then(|| date(f[due]) + Days::new(f[paused].parse::<u64>().unwrap_or(0)));
        match d.filter(|d| *d <= end) {
            Some(d) => {
                c[4] += 1;
                let due = due.expect("settled dossiers have a due date");
                c[if d < due {
                    5
                } else if d == due {
                    6
                } else {
                    7
                }] += 1;
            }
            None => {
                c[8] += 1;
                c[if due.is_some_and(|x| x < end) { 10 } else { 9 }] += 1;
            }
        }
    }
    c
}

fn counts(row: &Value) -> [i64; 11] {
    let g = |a: &str, b: &str| row[a][b].as_i64().expect("an integer");
    [
        g("received", "total"),
        g("received", "online"),
        g("received", "direct_or_postal"),
        g("received", "carried_over"),
        g("settled", "total"),
        g("settled", "early"),
        g("settled", "on_time"),
        g("settled", "late"),
        g("in_progress", "total"),
        g("in_progress", "within_deadline"),
        g("in_progress", "overdue"),
    ]
}

#[test]
fn example_totals_equal_an_independent_count() {
    let (ok, out, err) = dvctt(&["form06", "--example", "--json"]);
    assert!(ok, "{err}");
    let form: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(form["schema"], "dvctt/tthc-form-06@1");
    assert_eq!(form["unit"], "SYT-HCM");
    assert_eq!(form["period"], "2026Q2");
    // SYT-HCM's subtree on 30 June 2026, of the units that have records.
    let units = ["SYT-VP", "TTKSBT", "BV-NHIDONG1", "BV-DALIEU"];
    let expected = count(&units, "2026-04-01", "2026-06-30");
    assert!(
        expected[3] > 0 && expected[10] > 0 && expected[7] > 0,
        "{expected:?}"
    );
    let total = counts(&form["total"]);
    assert_eq!(total, expected);
    let mut sums = [0i64; 11];
    for row in form["rows"].as_array().unwrap() {
        let c = counts(row);
        assert_eq!(c[0], c[1] + c[2] + c[3]);
        assert_eq!(c[4], c[5] + c[6] + c[7]);
        assert_eq!(c[8], c[9] + c[10]);
        assert_eq!(c[0], c[4] + c[8]);
        for (s, v) in sums.iter_mut().zip(c) {
            *s += v;
        }
    }
    assert_eq!(sums, total);

    // Two units without an org tree, over a Vietnamese reporting quarter.
    let (ok, out, err) = dvctt(&[
        "form06",
        "--dossiers",
        "examples/data/dossiers.csv",
        "--unit",
        "BV-CHORAY",
        "--unit",
        "TTKSBT",
        "--period",
        "2026VNQ2",
        "--json",
    ]);
    assert!(ok, "{err}");
    let form: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(form["units"], serde_json::json!(["BV-CHORAY", "TTKSBT"]));
    let expected = count(&["BV-CHORAY", "TTKSBT"], "2026-03-15", "2026-06-14");
    assert_eq!(counts(&form["total"]), expected);
}

#[test]
fn text_table_in_both_languages() {
    let (ok, out, err) = dvctt(&["form06", "--example"]);
    assert!(ok, "{err}");
    assert!(out.contains("Biểu số 06/VPCP/KSTT"), "{out}");
    assert!(
        out.contains("(4) Số hồ sơ nhận giải quyết: Số kỳ trước chuyển qua"),
        "{out}"
    );
    assert!(out.contains("\nTổng cộng "), "{out}");
    assert!(!out.contains("Total"), "{out}");
    let (ok, out, err) = dvctt(&["form06", "--example", "--en"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("(4) Dossiers received: Carried over from the previous period"),
        "{out}"
    );
    assert!(
        out.contains("\nTotal ") && !out.contains("Tổng cộng"),
        "{out}"
    );
}

#[test]
fn xlsx_markdown_and_html() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-form06-x-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let xlsx = dir.join("form06.xlsx");
    let (ok, out, err) = dvctt(&[
        "form06",
        "--example",
        "--md",
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let bytes = std::fs::read(&xlsx).expect("the workbook is written");
    assert!(
        bytes.starts_with(b"PK\x03\x04") && bytes.len() > 1000,
        "{} bytes",
        bytes.len()
    );
    assert!(out.contains("| Lĩnh vực giải quyết |"), "{out}");
    assert!(out.contains("Số kỳ trước chuyển qua"), "{out}");
    let (ok, out, err) = dvctt(&["form06", "--example", "--html", "--en"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("<table") && out.contains("Carried over from the previous period"),
        "{out}"
    );
}

#[test]
fn bad_input_names_file_line_and_field() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-form06-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let csv = dir.join("dossiers.csv");
    std::fs::write(
        &csv,
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,due_on,completed_on\n\
         1,U,P,s,2026-01-02,online,true,2026-01-10,2026-01-09\n\
         2,U,P,s,2026-13-02,online,true,2026-01-10,\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let (ok, _, err) = dvctt(&[
        "form06",
        "--dossiers",
        path,
        "--unit",
        "U",
        "--period",
        "2026Q1",
        "--strict",
    ]);
    assert!(!ok);
    assert!(
        err.contains("dossiers.csv") && err.contains('3') && err.contains("received_on"),
        "{err}"
    );
    // Lenient: the row is reported, the form made from the others.
    let (ok, out, err) = dvctt(&[
        "form06",
        "--dossiers",
        path,
        "--unit",
        "U",
        "--period",
        "2026Q1",
        "--json",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("rejected:") && err.contains(":3 received_on"),
        "{err}"
    );
    let form: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(form["total"]["settled"]["early"], 1);
    let (ok, _, err) = dvctt(&[
        "form06",
        "--dossiers",
        path,
        "--unit",
        "U",
        "--period",
        "2026Q5",
    ]);
    assert!(!ok && err.contains("--period"), "{err}");
}

#[test]
fn the_same_input_gives_the_same_workbook() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-form06-same-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let bytes = |name: &str, extra: &[&str]| {
        let path = dir.join(name);
        let p = path.to_string_lossy().into_owned();
        let (ok, _, err) = dvctt(&[&["form06", "--example", "--xlsx", &p][..], extra].concat());
        assert!(ok, "{err}");
        std::fs::read(&path).unwrap()
    };
    // The example is made at a fixed instant: the same bytes on every run.
    let a = bytes("a.xlsx", &[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(a, bytes("b.xlsx", &[]), "the example's workbook changed");
    // An instant given: written on the form, the same bytes for the same one.
    let now = ["--now", "2026-07-05T09:30:00+07:00"];
    let c = bytes("c.xlsx", &now);
    assert_ne!(a, c);
    assert_eq!(c, bytes("d.xlsx", &now));
    let (ok, text, _) = dvctt(&["form06", "--example", "--now", "2026-07-05T09:30:00+07:00"]);
    assert!(ok);
    assert!(text.contains("lập lúc 2026-07-05T09:30:00+07:00"), "{text}");
    let (ok, _, err) = dvctt(&["form06", "--example", "--now", "5 July"]);
    assert!(!ok);
    assert!(err.contains("--now"), "{err}");
}

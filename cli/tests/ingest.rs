//! Real exports on the command line: read options, workbooks, absent
//! columns, and `report` (which streams dossier files) giving what
//! holding the rows (`--hold`) gives.

use std::process::Command;

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (exit code, stdout, stderr) of `dvctt ARGS` run from the repository root.
fn dvctt(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const PLAN: &str = "examples/plans/hcm-syt-2026.json";

#[test]
fn stream_gives_the_same_report() {
    let base = [
        "report",
        "--plan",
        PLAN,
        "--dossiers",
        "examples/data/dossiers.csv",
        "--dossiers",
        "tests/sheets/dossiers.xlsx",
        "--survey",
        "examples/data/survey.csv",
        "--staff",
        "examples/data/staff.csv",
        "--json",
        "--by-unit",
    ];
    let held = dvctt(&[&base[..], &["--hold"]].concat());
    let streamed = dvctt(&base);
    assert_eq!(held.0, 0, "{}", held.2);
    assert_eq!(streamed.0, 0, "{}", streamed.2);
    assert_eq!(held.1, streamed.1);
    assert_eq!(held.2, streamed.2);
    // The workbook's two bad rows are reported, and the roster's absent
    // columns make their indicators not computed.
    assert!(
        held.2.contains("dossiers.xlsx[Hồ sơ]:9 received_on"),
        "{}",
        held.2
    );
    assert!(held
        .1
        .contains("examples/data/staff.csv has no `communicated_on` column"));
}

#[test]
fn read_options_on_the_command_line() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-cli-ingest-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let file = dir.join("us.csv");
    std::fs::write(
        &file,
        "dossier_id|unit_code|procedure_code|sector|received_on|channel|fully_online\n\
         D1|SYT-VP|1.001|y_te|09/13/2026|online|true\n",
    )
    .unwrap();
    let f = file.to_string_lossy();
    let args = ["report", "--plan", PLAN, "--dossiers", &f, "--json"];
    // Detected: `|` splits the header; month-first dates are refused.
    let (code, _, err) = dvctt(&args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("there is no month 13"), "{err}");
    // Named: the format reads them.
    let (code, out, err) = dvctt(&[&args[..], &["--date-format", "%m/%d/%Y"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"dossiers\": 1"), "{out}");
    // A bad option value is bad input (exit 1), named.
    let (code, _, err) = dvctt(&[&args[..], &["--delimiter", "#"]].concat());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("delimiter"), "{err}");
}

/// The figure of `indicator` (whole area) in a `report --json`, or `None`
/// when it is listed as not computed (with the reason).
fn figure(out: &str, indicator: &str) -> Result<f64, String> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap();
    let found = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == indicator && r["unit_code"].is_null());
    if let Some(r) = found {
        return Ok(r["value"].as_f64().unwrap());
    }
    let nc = v["indicators_not_computed"].as_array().unwrap();
    let e = nc.iter().find(|r| r["indicator"] == indicator).unwrap();
    Err(e["error"].as_str().unwrap().to_string())
}

#[test]
fn a_record_kind_not_given_is_not_counted_as_zero() {
    let base = ["report", "--plan", PLAN, "--json"];
    // Only dossiers given: no outreach or publication file, so the people
    // guided, events and products are unknown, not 0 (streamed or held).
    for hold in [&[][..], &["--hold"][..]] {
        let args = [
            &base[..],
            &["--dossiers", "examples/data/dossiers.csv"],
            hold,
        ]
        .concat();
        let (code, out, err) = dvctt(&args);
        assert_eq!(code, 0, "{err}");
        let why = figure(&out, "people_guided").unwrap_err();
        assert!(why.contains("no records of `outreach` were given"), "{why}");
        assert!(figure(&out, "events_held").is_err());
        let why = figure(&out, "products_published").unwrap_err();
        assert!(why.contains("`publications`"), "{why}");
        assert!(figure(&out, "dossiers_received").unwrap() > 0.0);
    }
    // The outreach file given: its figures; no dossier file: not computed.
    let (code, out, err) =
        dvctt(&[&base[..], &["--outreach", "examples/data/outreach.csv"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(figure(&out, "people_guided").unwrap() > 0.0);
    let why = figure(&out, "dossiers_received").unwrap_err();
    assert!(why.contains("no records of `dossiers` were given"), "{why}");
}

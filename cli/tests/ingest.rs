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
    let dir = std::env::temp_dir().join(format!("dvctt-cli-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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
    std::fs::remove_dir_all(&dir).ok();
}

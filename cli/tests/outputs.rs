//! One convention for the output options of every command (see
//! `cli/src/dest.rs`): `--json`, `--md`, `--html` alone print that format
//! on stdout instead of the text view; with `=FILE` they write the file
//! (announced on stderr) and stdout keeps the text view; `--xlsx -` writes
//! the workbook on stdout; two outputs on stdout are a usage error; a
//! file name after a space is not taken for an output.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Run {
    code: i32,
    out: Vec<u8>,
    err: String,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8(self.out.clone()).expect("UTF-8 stdout")
    }
}

fn dvctt(args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the dvctt binary runs");
    Run {
        code: o.status.code().expect("exited"),
        out: o.stdout,
        err: String::from_utf8(o.stderr).expect("UTF-8 stderr"),
    }
}

/// A directory removed when the value is dropped (also when a test fails).
fn temp(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("dvctt-outputs-{tag}-"))
        .tempdir()
        .unwrap()
}

/// Each command with the arguments that give it something to print.
const COMMANDS: [&[&str]; 5] = [
    &["report", "--example"],
    &["form06", "--example"],
    &["consolidate", "--example"],
    &["score", "--example"],
    &[
        "validate",
        "examples/reports/nhidong1-2026VNQ1.json",
        "--plan",
        "examples/plans/hcm-syt-2026.json",
    ],
];

fn with(base: &[&str], more: &[&str]) -> Vec<String> {
    base.iter().chain(more).map(|s| s.to_string()).collect()
}

fn run(args: &[String]) -> Run {
    dvctt(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn json_alone_prints_it_and_json_with_a_file_writes_it_beside_the_text_view() {
    let tmp = temp("json");
    let dir = tmp.path();
    for base in COMMANDS {
        let name = base[0];
        let text = run(&with(base, &[]));
        assert_eq!(text.code, 0, "{name}: {}", text.err);
        let printed = run(&with(base, &["--json"]));
        assert_eq!(printed.code, 0, "{name}: {}", printed.err);
        let v: serde_json::Value =
            serde_json::from_slice(&printed.out).unwrap_or_else(|e| panic!("{name} --json: {e}"));
        let file = dir.join(format!("{name}.json"));
        let arg = format!("--json={}", file.display());
        let written = run(&with(base, &[&arg]));
        assert_eq!(written.code, 0, "{name}: {}", written.err);
        // The same document in the file; stdout is the text view, as
        // without the option; the file is announced on stderr.
        let in_file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(in_file, v, "{name}");
        assert_eq!(written.out, text.out, "{name}");
        assert!(
            written.err.contains(&format!("wrote {}", file.display())),
            "{name}: {}",
            written.err
        );
        // `=-` is stdout.
        assert_eq!(run(&with(base, &["--json=-"])).out, printed.out, "{name}");
    }
}

#[test]
fn markdown_and_html_print_alone_or_go_to_their_file_in_every_command_with_tables() {
    let tmp = temp("pages");
    let dir = tmp.path();
    for base in &COMMANDS[..3] {
        let name = base[0];
        let text = run(&with(base, &[]));
        let md = run(&with(base, &["--md"]));
        assert_eq!(md.code, 0, "{name}: {}", md.err);
        assert!(md.text().starts_with("## "), "{name}: {}", md.text());
        let html = run(&with(base, &["--html"]));
        assert_eq!(html.code, 0, "{name}: {}", html.err);
        assert!(html.text().starts_with("<!DOCTYPE html>"), "{name}");
        let (md_file, html_file) = (
            dir.join(format!("{name}.md")),
            dir.join(format!("{name}.html")),
        );
        let both = run(&with(
            base,
            &[
                &format!("--md={}", md_file.display()),
                &format!("--html={}", html_file.display()),
            ],
        ));
        assert_eq!(both.code, 0, "{name}: {}", both.err);
        assert_eq!(both.out, text.out, "{name}: the text view on stdout");
        assert_eq!(std::fs::read(&md_file).unwrap(), md.out, "{name}");
        assert_eq!(std::fs::read(&html_file).unwrap(), html.out, "{name}");
        // One on stdout, the other in a file.
        let mixed = run(&with(
            base,
            &["--md", &format!("--html={}", html_file.display())],
        ));
        assert_eq!(mixed.out, md.out, "{name}");
    }
}

#[test]
fn a_workbook_goes_to_its_file_or_with_a_dash_to_stdout() {
    let tmp = temp("xlsx");
    let dir = tmp.path();
    for base in &COMMANDS[..3] {
        let name = base[0];
        let piped = run(&with(base, &["--xlsx", "-"]));
        assert_eq!(piped.code, 0, "{name}: {}", piped.err);
        assert!(
            piped.out.starts_with(b"PK\x03\x04"),
            "{name}: a ZIP archive"
        );
        let file = dir.join(format!("{name}.xlsx"));
        let written = run(&with(base, &["--xlsx", &file.display().to_string()]));
        assert_eq!(written.code, 0, "{name}: {}", written.err);
        assert_eq!(std::fs::read(&file).unwrap(), piped.out, "{name}");
    }
}

#[test]
fn two_outputs_on_stdout_are_a_usage_error() {
    for base in &COMMANDS[..3] {
        let r = run(&with(base, &["--md", "--json"]));
        assert_eq!(r.code, 2, "{}", base[0]);
        assert!(r.out.is_empty());
        assert!(
            r.err
                .contains("--json, --md: only one output can go to stdout")
                || r.err
                    .contains("--md, --json: only one output can go to stdout"),
            "{}: {}",
            base[0],
            r.err
        );
        let r = run(&with(base, &["--html", "--xlsx", "-"]));
        assert_eq!(r.code, 2, "{}: {}", base[0], r.err);
    }
}

#[test]
fn a_file_after_a_space_is_not_taken_for_an_output() {
    // `consolidate --md r.json` must not write Markdown over an input: the
    // file is an argument of its own (a report to read here).
    let tmp = temp("space");
    let dir = tmp.path();
    let input = dir.join("unit-report.json");
    let original = std::fs::read(root().join("examples/reports/nhidong1-2026VNQ1.json")).unwrap();
    std::fs::write(&input, &original).unwrap();
    let r = dvctt(&[
        "consolidate",
        "--md",
        &input.display().to_string(),
        "--plan",
        "examples/plans/hcm-syt-2026.json",
    ]);
    assert!(r.text().starts_with("## "), "{}", r.err);
    assert_eq!(std::fs::read(&input).unwrap(), original);
    // A command without file arguments refuses the stray name (usage,
    // exit code 2), saying how to attach it.
    for cmd in ["report", "form06"] {
        let r = dvctt(&[cmd, "--example", "--html", "r.html"]);
        assert_eq!(r.code, 2, "{cmd}");
        assert!(r.out.is_empty(), "{cmd}");
        assert!(
            r.err.contains("unexpected argument 'r.html' found: an output file is attached with `=`, e.g. --html=r.html"),
            "{cmd}: {}",
            r.err
        );
        assert!(!root().join("r.html").exists());
    }
}

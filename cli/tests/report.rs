//! `dvctt report` and the conventions every command follows: Vietnamese by
//! default and `--en`, data on stdout and diagnostics on stderr, repeated
//! record options read together, exit codes (0 done, 1 bad input, 2 usage,
//! 3 a check failed), `--help` with examples, and the files `report`
//! writes (XLSX read back with calamine, CSV with a byte-order mark).

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn dvctt(args: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the dvctt binary runs");
    Run {
        code: o.status.code().expect("exited"),
        out: String::from_utf8(o.stdout).expect("UTF-8 stdout"),
        err: String::from_utf8(o.stderr).expect("UTF-8 stderr"),
    }
}

/// A directory removed when the value is dropped (also when a test fails).
fn temp(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("dvctt-report-{tag}-"))
        .tempdir()
        .unwrap()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn vietnamese_by_default_english_with_en() {
    let vi = dvctt(&["report", "--example"]);
    assert_eq!(vi.code, 0, "{}", vi.err);
    for want in [
        "Đánh giá chỉ tiêu",
        "Kiểm tra nhiệm vụ",
        "chậm tiến độ",
        "78,88%",
    ] {
        assert!(vi.out.contains(want), "{want}: {}", vi.out);
    }
    assert!(!vi.out.contains("off track"));
    let en = dvctt(&["report", "--example", "--en"]);
    assert_eq!(en.code, 0, "{}", en.err);
    for want in ["Targets", "Task checks", "off track", "78.88%"] {
        assert!(en.out.contains(want), "{want}: {}", en.out);
    }
    assert!(!en.out.contains("chậm tiến độ"));
    // Every command takes --en.
    for cmd in ["report", "form06", "score", "consolidate"] {
        assert_eq!(dvctt(&[cmd, "--example", "--en"]).code, 0, "{cmd}");
    }
}

/// The bundled dossiers cut in two files at `at` data rows; the second gets
/// a row with a bad date (its line 3).
fn split_dossiers(dir: &Path, at: usize) -> (PathBuf, PathBuf, usize) {
    let text = std::fs::read_to_string(root().join("examples/data/dossiers.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let (a, b) = rows.split_at(at);
    let mut second: Vec<String> = b.iter().map(|r| r.to_string()).collect();
    let mut f: Vec<String> = second[1].split(',').map(String::from).collect();
    f[4] = "31/02/2026".into();
    second[1] = f.join(",");
    let p1 = dir.join("part1.csv");
    let p2 = dir.join("part2.csv");
    std::fs::write(&p1, format!("{header}\n{}\n", a.join("\n"))).unwrap();
    std::fs::write(&p2, format!("{header}\n{}\n", second.join("\n"))).unwrap();
    (p1, p2, rows.len())
}

/// `dvctt report` on the HCMC plan with two dossier files, and `extra`.
fn report_of(a: &Path, b: &Path, extra: &[&str]) -> Run {
    let (a, b) = (s(a), s(b));
    let plan = "examples/plans/hcm-syt-2026.json";
    let mut args = vec!["report", "--plan", plan, "--dossiers", &a, "--dossiers", &b];
    args.extend_from_slice(extra);
    dvctt(&args)
}

#[test]
fn repeated_dossiers_are_read_together_and_diagnostics_go_to_stderr() {
    let tmp = temp("files");
    let dir = tmp.path();
    let (p1, p2, total) = split_dossiers(dir, 1500);
    let r = report_of(&p1, &p2, &["--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).expect("stdout is JSON only");
    // Every row of both files, less the one refused.
    assert_eq!(v["records"]["dossiers"], total - 1);
    assert_eq!(v["rejected"][0]["line"], 3);
    assert!(
        r.err
            .contains(&format!("rejected: {}:3 received_on", s(&p2))),
        "{}",
        r.err
    );
    // Text: the refused row on stderr, not among the data.
    let t = report_of(&p1, &p2, &[]);
    assert_eq!(t.code, 0, "{}", t.err);
    assert!(t.err.contains("rejected: ") && !t.out.contains("rejected: "));
    assert!(t.out.contains("1 dòng bị loại"), "{}", t.out);
    // --strict: the bad row is bad input (exit 1), named by file and line.
    let st = report_of(&p1, &p2, &["--strict"]);
    assert_eq!(st.code, 1);
    assert!(
        st.err.contains("part2.csv") && st.err.contains('3'),
        "{}",
        st.err
    );
    // The same file twice: every id repeats; each repeat is a refused row
    // (an error with --strict), none is counted twice.
    let dup = report_of(&p1, &p1, &["--json"]);
    assert_eq!(dup.code, 0, "{}", dup.err);
    let v: Value = serde_json::from_str(&dup.out).unwrap();
    assert_eq!(v["records"]["dossiers"], 1500);
    assert_eq!(v["rejected"].as_array().unwrap().len(), 1500);
    assert!(dup.err.contains("duplicate id"), "{}", dup.err);
    let dup = report_of(&p1, &p1, &["--strict"]);
    assert_eq!(dup.code, 1);
    assert!(
        dup.err.contains("part1.csv") && dup.err.contains("dossier_id"),
        "{}",
        dup.err
    );
}

#[test]
fn exit_codes_tell_bad_input_usage_and_failed_checks_apart() {
    // 1: a file that does not exist.
    let r = dvctt(&["report", "--plan", "no/such/plan.json"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("no/such/plan.json") && r.out.is_empty());
    // 2: usage.
    assert_eq!(dvctt(&["report", "--no-such-option"]).code, 2);
    assert_eq!(dvctt(&["report", "--example", "--fail-on", "late"]).code, 2);
    // 3: --fail-on matched; the report is still printed. HCMC 2026 has
    // targets off track; Decision 1588 has targets at risk, none off track.
    let r = dvctt(&["report", "--example", "--fail-on", "off_track"]);
    assert_eq!(r.code, 3, "{}", r.err);
    assert!(r.out.contains("Đánh giá chỉ tiêu"));
    assert!(r.err.contains("online-dossiers-80"), "{}", r.err);
    let r = dvctt(&[
        "report",
        "--example",
        "qd-1588-ttg",
        "--fail-on",
        "off_track",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    let r = dvctt(&["report", "--example", "qd-1588-ttg", "--fail-on", "at_risk"]);
    assert_eq!(r.code, 3, "{}", r.err);
    // validate: 3 on error findings, 0 without.
    let plan = "examples/plans/hcm-syt-2026.json";
    let bad = dvctt(&[
        "validate",
        "examples/reports/dalieu-2026VNQ1-with-errors.json",
        "--plan",
        plan,
    ]);
    assert_eq!(bad.code, 3, "{}", bad.err);
    let good = dvctt(&[
        "validate",
        "examples/reports/nhidong1-2026VNQ1.json",
        "--plan",
        plan,
    ]);
    assert_eq!(good.code, 0, "{}{}", good.out, good.err);
}

#[test]
fn help_shows_an_example_per_command() {
    // Every command `dvctt --help` lists (and every dhis2 subcommand).
    let commands = |args: &[&str]| -> Vec<String> {
        let out = dvctt(args).out;
        let list = out.split("Commands:\n").nth(1).expect("a command list");
        list.lines()
            .take_while(|l| l.starts_with("  "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|c| *c != "help")
            .map(String::from)
            .collect()
    };
    let mut all: Vec<Vec<String>> = commands(&["--help"]).into_iter().map(|c| vec![c]).collect();
    assert!(all.len() >= 7, "{all:?}");
    let subs = commands(&["dhis2", "--help"]);
    assert_eq!(subs, ["export", "import", "org"]);
    all.extend(subs.into_iter().map(|s| vec!["dhis2".to_string(), s]));
    for cmd in all {
        let mut args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        args.push("--help");
        let r = dvctt(&args);
        assert_eq!(r.code, 0);
        let example = format!("dvctt {}", cmd.join(" "));
        assert!(r.out.contains("Example"), "{cmd:?}: {}", r.out);
        assert!(
            r.out.lines().any(|l| l.trim_start().starts_with(&example)),
            "{cmd:?}: no example line `{example} …`: {}",
            r.out
        );
    }
    assert!(dvctt(&["--help"]).out.contains("Exit codes"));
}

/// The count indicators (the others are ratios).
const COUNTS: [&str; 4] = [
    "dossiers_received",
    "people_guided",
    "products_published",
    "events_held",
];

fn f(sheet: &calamine::Range<Data>, r: u32, c: u32) -> Data {
    sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn report_xlsx_of_every_bundled_example_reads_back() {
    let tmp = temp("xlsx");
    let dir = tmp.path();
    let list = dvctt(&["examples"]);
    let ids: Vec<&str> = list
        .out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(ids.len() >= 6, "{ids:?}");
    for id in ids {
        let path = s(&dir.join(format!("{id}.xlsx")));
        let r = dvctt(&["report", "--example", id, "--xlsx", &path, "--json"]);
        assert_eq!(r.code, 0, "{id}: {}", r.err);
        let v: Value = serde_json::from_str(&r.out).unwrap();
        let mut wb: Xlsx<_> = open_workbook(&path).expect("calamine opens it");
        let names = wb.sheet_names();
        assert_eq!(
            names,
            [
                "Báo cáo kết quả ".to_string() + v["plan"]["number"].as_str().unwrap_or(id),
                "Đánh giá chỉ tiêu".into(),
                "Kiểm tra nhiệm vụ".into(),
                names[3].clone(),
                names[4].clone(),
                "Dòng dữ liệu bị loại".into(),
            ]
            // A character a sheet name cannot hold (`:`, `/`) is a space,
            // one space where several would meet.
            .map(|n| {
                let n = n.replace('/', " ");
                let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
                n.chars().take(31).collect::<String>()
            }),
            "{id}"
        );
        // The targets: ratio targets first, each value the JSON's as a fraction.
        let targets = wb.worksheet_range(&names[1]).unwrap();
        assert_eq!(f(&targets, 1, 4), Data::String("Kết quả".into()));
        let evals = v["targets"].as_array().unwrap();
        let is_ratio = |e: &Value| !COUNTS.contains(&e["indicator"].as_str().unwrap());
        let ratios = evals.iter().filter(|e| is_ratio(e)).count();
        for (i, e) in evals.iter().enumerate() {
            let id_cell =
                |r: u32| f(&targets, r, 0) == Data::String(e["target_id"].as_str().unwrap().into());
            let unit = e["unit_code"].as_str().unwrap_or("tất cả");
            let r = (2..2 + evals.len() as u32)
                .find(|&r| id_cell(r) && f(&targets, r, 1) == Data::String(unit.into()))
                .unwrap_or_else(|| panic!("{id}: no row for target {i}"));
            assert_eq!(
                r < 2 + ratios as u32,
                is_ratio(e),
                "{id}: ratio targets first"
            );
            match (e["value"].as_f64(), f(&targets, r, 4)) {
                (Some(x), Data::Float(got)) => {
                    let want = if is_ratio(e) { x / 100.0 } else { x };
                    assert!(
                        (got - want).abs() < 1e-9,
                        "{id} {}: {got} vs {want}",
                        e["target_id"]
                    );
                }
                (None, Data::Empty) => {}
                other => panic!("{id} {}: {other:?}", e["target_id"]),
            }
        }
        // The chart of progress to target, when there is a ratio target.
        let file = std::fs::File::open(&path).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let has_chart = zip.by_name("xl/charts/chart1.xml").is_ok();
        assert_eq!(has_chart, ratios > 0, "{id}");
        // The indicators: one row per catalogue indicator.
        let ind = wb.worksheet_range(&names[4]).unwrap();
        let n = v["indicators"].as_array().unwrap().len()
            + v["indicators_not_computed"].as_array().unwrap().len();
        assert_ne!(f(&ind, 1 + n as u32, 0), Data::Empty, "{id}");
        assert_eq!(f(&ind, 2 + n as u32, 0), Data::Empty, "{id}");
    }
}

#[test]
fn csv_dir_has_one_file_per_table_with_a_bom_unless_asked() {
    let tmp = temp("csv");
    let dir = tmp.path();
    let out = dir.join("out");
    let r = dvctt(&["report", "--example", "--csv", &s(&out)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("wrote ") && !r.out.contains("wrote "));
    for key in [
        "summary",
        "targets",
        "tasks",
        "cascade",
        "indicators",
        "rejected",
    ] {
        let bytes = std::fs::read(out.join(format!("{key}.csv"))).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{key}");
    }
    let targets = std::fs::read_to_string(out.join("targets.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(targets.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let online = rows.iter().find(|r| &r[0] == "online-dossiers-80").unwrap();
    assert_eq!(&online[5], "3155");
    assert_eq!(&online[10], "off track");
    let plain = dir.join("plain");
    assert_eq!(
        dvctt(&["report", "--example", "--csv", &s(&plain), "--no-bom"]).code,
        0
    );
    assert!(std::fs::read(plain.join("targets.csv"))
        .unwrap()
        .starts_with(b"target,"));
}

#[test]
fn text_fits_a_terminal_of_100_columns() {
    let list = dvctt(&["examples"]);
    for id in list.out.lines().filter_map(|l| l.split_whitespace().next()) {
        for lang in [&[][..], &["--en"][..]] {
            let r = dvctt(&[&["report", "--example", id, "--by-unit"][..], lang].concat());
            assert_eq!(r.code, 0, "{id}: {}", r.err);
            // Vietnamese letters are one column each (precomposed here).
            let wide: Vec<&str> = r.out.lines().filter(|l| l.chars().count() > 100).collect();
            assert!(wide.is_empty(), "{id} {lang:?}: {wide:#?}");
        }
        // The targets are grouped: each target's line, then a line per unit.
        let r = dvctt(&["report", "--example", id, "--en"]);
        let json = dvctt(&["report", "--example", id, "--json"]);
        let v: Value = serde_json::from_str(&json.out).unwrap();
        for t in v["targets"].as_array().unwrap() {
            let head = format!("{} · ", t["target_id"].as_str().unwrap());
            assert!(
                r.out.lines().any(|l| l.starts_with(&head)),
                "{id}: no line for {head}"
            );
        }
    }
}

#[test]
fn missed_periods_read_on_one_line_of_the_tasks_table() {
    // BV-DALIEU never holds its monthly peak guidance: twelve missed months.
    let tmp = temp("missed");
    let dir = tmp.path();
    let acts = std::fs::read_to_string(root().join("examples/data/activities.csv")).unwrap();
    let kept: String = acts
        .lines()
        .filter(|l| !l.contains(",peak-guidance,BV-DALIEU,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let file = dir.join("activities.csv");
    std::fs::write(&file, kept).unwrap();
    let plan = "examples/plans/hcm-syt-2026.json";
    let args = [
        "report",
        "--plan",
        plan,
        "--activities",
        &s(&file),
        "--period",
        "2026",
    ];
    let r = dvctt(&[&args[..], &["--as-of", "2026-12-31", "--en"]].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    let line = r
        .out
        .lines()
        .find(|l| l.starts_with("peak-guidance") && l.contains("BV-DALIEU"))
        .expect("the check's line");
    assert!(line.ends_with("missed  202601–202612"), "{line}");
    // No line holds a lone period id (a list wrapped one id per line).
    let lone = |l: &&str| {
        let t = l.trim();
        !t.is_empty() && !t.contains(' ') && t.parse::<u32>().is_ok() && l.starts_with(' ')
    };
    assert!(!r.out.lines().any(|l| lone(&l)), "{}", r.out);
    // Mid-year: the months not yet due are not printed, a note says where
    // they are; the missed ones are one run.
    let r = dvctt(&[&args[..], &["--as-of", "2026-08-15", "--en"]].concat());
    let line = r
        .out
        .lines()
        .find(|l| l.starts_with("peak-guidance") && l.contains("BV-DALIEU"))
        .unwrap();
    assert!(line.ends_with("missed  202601–202607"), "{line}");
    assert!(r.out.contains("The periods not yet due"), "{}", r.out);
    // The CSV keeps every period, one id each.
    let r = dvctt(&[&args[..], &["--as-of", "2026-08-15", "--csv", &s(dir)]].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    let csv = std::fs::read_to_string(dir.join("tasks.csv")).unwrap();
    assert!(
        csv.contains(
            "202601 202602 202603 202604 202605 202606 202607,202608 202609 202610 202611 202612"
        ),
        "{csv}"
    );
}

#[test]
fn an_indicator_without_data_says_why_in_every_output() {
    // Dossiers only: no survey answers, so satisfaction is 0/0 — no data.
    let tmp = temp("nodata");
    let dir = tmp.path();
    let plan = "examples/plans/hcm-syt-2026.json";
    let args = [
        "report",
        "--plan",
        plan,
        "--dossiers",
        "examples/data/dossiers.csv",
    ];
    let r = dvctt(&[&args[..], &["--en", "--csv", &s(dir)]].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("Satisfaction: no data: the denominator is 0 over the period"),
        "{}",
        r.out
    );
    let csv = std::fs::read_to_string(dir.join("indicators.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("satisfaction_rate,"))
        .unwrap();
    assert!(
        row.ends_with(",,0,0,records,no data: the denominator is 0 over the period"),
        "{row}"
    );
    // An indicator with a value gives no reason.
    let row = csv
        .lines()
        .find(|l| l.starts_with("online_dossier_share,"))
        .unwrap();
    assert!(row.ends_with(",records,"), "{row}");
}

#[test]
fn every_command_lists_a_rejected_row_the_same_way_on_stderr() {
    let tmp = temp("rejected-everywhere");
    let dir = tmp.path();
    let text = std::fs::read_to_string(root().join("examples/data/dossiers.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().take(40).collect();
    let bad =
        "BAD1,SYT-VP,1.001013,y_te_du_phong,2026-19-01,online,true,2026-09-18,,0,false,false,true";
    lines.insert(1, bad);
    let file = dir.join("dossiers.csv");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let f = s(&file);
    let plan = "examples/plans/hcm-syt-2026.json";
    let report = "examples/reports/nhidong1-2026VNQ1.json";
    let mapping = "examples/dhis2/hcm-mapping.json";
    let commands: [&[&str]; 5] = [
        &["report", "--plan", plan],
        &["score", "--period", "2026"],
        &["form06", "--unit", "SYT-VP", "--period", "2026Q2"],
        &[
            "dhis2",
            "export",
            "--mapping",
            mapping,
            "--period",
            "2026Q2",
        ],
        &[
            "consolidate",
            report,
            "--plan",
            plan,
            "--period",
            "2026VNQ1",
        ],
    ];
    let want = format!("rejected: {f}:2 received_on: `2026-19-01` is not a date");
    for c in commands {
        let r = dvctt(&[c, &["--dossiers", &f][..]].concat());
        assert_eq!(r.code, 0, "{c:?}: {}", r.err);
        assert!(r.err.contains(&want), "{c:?}: {}", r.err);
        assert!(!r.out.contains("2026-19-01"), "{c:?}: {}", r.out);
    }
}

#[test]
fn every_record_option_repeated_is_read_together() {
    // Each record file of the example cut in two: the report of the halves
    // is the report of the wholes.
    let tmp = temp("halves");
    let dir = tmp.path();
    let kinds = [
        ("--dossiers", "dossiers"),
        ("--survey", "survey"),
        ("--staff", "staff"),
        ("--procedures", "procedures"),
        ("--units", "units"),
        ("--publications", "publications"),
        ("--outreach", "outreach"),
        ("--feedback", "feedback"),
        ("--activities", "activities"),
    ];
    // (option, whole file, first half, second half)
    let mut files: Vec<(&str, String, String, String)> = Vec::new();
    for (opt, name) in kinds {
        let file = format!("examples/data/{name}.csv");
        let text = std::fs::read_to_string(root().join(&file)).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        let rows: Vec<&str> = lines.collect();
        assert!(rows.len() >= 2, "{name}");
        let (a, b) = rows.split_at(rows.len() / 2);
        let half = |i: usize, part: &[&str]| {
            let p = dir.join(format!("{name}-{i}.csv"));
            std::fs::write(&p, format!("{header}\n{}\n", part.join("\n"))).unwrap();
            s(&p)
        };
        files.push((opt, file, half(0, a), half(1, b)));
    }
    let plan = ["report", "--plan", "examples/plans/hcm-syt-2026.json"];
    let tail = [
        "--period",
        "2026",
        "--as-of",
        "2026-12-31",
        "--by-unit",
        "--json",
    ];
    let mut whole: Vec<&str> = plan.to_vec();
    let mut halves: Vec<&str> = plan.to_vec();
    for (opt, file, a, b) in &files {
        whole.extend([*opt, file.as_str()]);
        halves.extend([*opt, a.as_str(), *opt, b.as_str()]);
    }
    whole.extend(tail);
    halves.extend(tail);
    let (a, b) = (dvctt(&whole), dvctt(&halves));
    assert_eq!((a.code, b.code), (0, 0), "{} {}", a.err, b.err);
    let (mut a, mut b): (Value, Value) = (
        serde_json::from_str(&a.out).unwrap(),
        serde_json::from_str(&b.out).unwrap(),
    );
    assert!(a["records"]["survey"].as_u64().unwrap() > 0);
    // Only the file names in the notes on absent columns (and in the
    // reasons' absent columns) differ.
    for v in [&mut a, &mut b] {
        v["absent_columns"] = Value::Null;
        for x in v["indicators_not_computed"].as_array_mut().unwrap() {
            x["error"] = Value::Null;
            // Each half names itself: the columns absent, once each.
            if let Some(columns) = x["reason"]["columns"].as_array_mut() {
                let mut names: Vec<Value> = columns.iter().map(|c| c["column"].clone()).collect();
                names.dedup();
                *columns = names;
            }
        }
    }
    assert_eq!(a, b);
}

#[test]
fn only_report_takes_an_activity_log() {
    // The activity log is what the plan's tasks are checked against; the
    // other commands compute from records only, and refuse it rather than
    // read it and ignore it.
    let help = dvctt(&["report", "--help"]);
    assert!(help.out.contains("--activities"), "{}", help.out);
    for cmd in [
        &["score", "--example"][..],
        &["consolidate", "--example"],
        &[
            "dhis2",
            "export",
            "--mapping",
            "examples/dhis2/hcm-mapping.json",
        ],
    ] {
        let help = dvctt(&[cmd[..cmd.len().min(2)].to_vec(), vec!["--help"]].concat());
        assert!(!help.out.contains("activit"), "{cmd:?}: {}", help.out);
        let r = dvctt(&[cmd, &["--activities", "examples/data/activities.csv"]].concat());
        assert_eq!(r.code, 2, "{cmd:?}: {}", r.err);
        assert!(
            r.err.contains("unexpected argument '--activities'"),
            "{}",
            r.err
        );
    }
}

/// Every string cell of every sheet of a workbook, one per line.
fn workbook_text(path: &Path) -> String {
    let mut wb: Xlsx<_> = open_workbook(path).expect("calamine opens the workbook");
    let mut out = String::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            if let Data::String(s) = cell.2 {
                out.push_str(s);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn the_engines_reasons_and_findings_are_in_the_output_language_everywhere() {
    // The bundled HCMC example: staff.csv has no `role` column, and the
    // plan's parent (Decision 1588) is not among the plans it is checked
    // with in this report's chain: a reason and a cascade finding of the
    // engine, said in Vietnamese by default, in English with --en.
    let vi = [
        "examples/data/staff.csv không có cột `role`",
        "kế hoạch cấp trên mà kế hoạch này thực hiện không có trong các kế hoạch đã nạp",
        "chỉ số này chỉ lấy từ số liệu báo cáo",
    ];
    let en = [
        "examples/data/staff.csv has no `role` column",
        "the plan it implements is not among the plans loaded",
        "it comes from reported aggregates only",
    ];
    for (lang, want, not) in [(None, vi, en), (Some("--en"), en, vi)] {
        let tmp = temp(&format!("lang-{}", lang.is_some()));
        let dir = tmp.path();
        let (md, html, xlsx, csv) = (
            dir.join("r.md"),
            dir.join("r.html"),
            dir.join("r.xlsx"),
            dir.join("csv"),
        );
        let mut args = vec![
            "report".to_string(),
            "--example".into(),
            format!("--md={}", s(&md)),
            format!("--html={}", s(&html)),
            "--xlsx".into(),
            s(&xlsx),
            "--csv".into(),
            s(&csv),
        ];
        args.extend(lang.map(String::from));
        let r = dvctt(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(r.code, 0, "{}", r.err);
        let csv_text = ["indicators.csv", "cascade.csv"]
            .map(|f| std::fs::read_to_string(csv.join(f)).unwrap())
            .join("\n");
        // The tidy CSV is the machine form in either language: column
        // keys for headings, labels in English.
        for w in en {
            assert!(csv_text.contains(w), "{lang:?} csv: no `{w}`");
        }
        let outputs = [
            ("text", r.out.clone()),
            ("md", std::fs::read_to_string(&md).unwrap()),
            ("html", std::fs::read_to_string(&html).unwrap()),
            ("xlsx", workbook_text(&xlsx)),
        ];
        for (name, text) in &outputs {
            // The text view wraps long cells: compare without line breaks.
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for w in want {
                assert!(flat.contains(w), "{lang:?} {name}: no `{w}`");
            }
            for n in not {
                assert!(!flat.contains(n), "{lang:?} {name}: `{n}`");
            }
        }
    }
}

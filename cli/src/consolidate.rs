//! `dvctt consolidate REPORTS... --plan PLAN`: what the consolidating office
//! makes of the units' reports for a period (completeness, timeliness,
//! missing and late units, consolidated figures and targets, differences
//! against the records).

use crate::dest;
use dvctt::api::{
    consolidate_reports, consolidated_tables, consolidated_tidy_csv, load_plan, read_csv_text,
    read_report, Timestamp,
};
use dvctt::{
    ConsolidateOptions, ConsolidatedReport, DatasetLoad, Lang, OrgTree, Report,
    ReportingObligation, ReportingStatus,
};

/// Arguments of `dvctt consolidate`.
#[derive(clap::Args)]
pub struct Args {
    /// Unit reports (dvctt/unit-report@1 JSON files).
    #[arg(required_unless_present = "example")]
    reports: Vec<String>,
    /// Plan JSON (dvctt/plan@1).
    #[arg(long, required_unless_present = "example")]
    plan: Option<String>,
    /// Organisation document (dvctt/org@1): sums up the tree, checks units.
    #[arg(long)]
    org: Option<String>,
    /// Reporting call: a JSON reporting obligation, or a list of them
    /// (default: the plan's obligations with a frequency).
    #[arg(long)]
    call: Option<String>,
    /// Period consolidated (default: the period of the first unit report).
    #[arg(long)]
    period: Option<String>,
    /// Org unit the totals are for (needs --org).
    #[arg(long)]
    root: Option<String>,
    #[command(flatten)]
    files: Box<super::Files>,
    /// The instant of the consolidation (RFC 3339); default: now
    /// (with --example: 2026-04-01T00:00:00+07:00).
    #[arg(long)]
    now: Option<String>,
    /// The consolidated report (dvctt/consolidated-report@1) as JSON: on
    /// stdout instead of the summary, or into FILE with `--json=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    json: Option<String>,
    /// `--json=FILE` as it was written before (kept for scripts).
    #[arg(long, value_name = "FILE", hide = true, conflicts_with = "json")]
    out: Option<String>,
    /// Write the tidy CSV (one row per unit × period × indicator) into FILE
    /// (`-`: stdout), with the byte-order mark Excel needs to read UTF-8
    /// (as `report --csv`).
    #[arg(long, value_name = "FILE")]
    csv: Option<String>,
    /// Write the CSV without the byte-order mark.
    #[arg(long, requires = "csv")]
    no_bom: bool,
    /// Write the tables as an XLSX workbook into FILE (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    xlsx: Option<String>,
    /// The tables as Markdown: on stdout instead of the summary, or into
    /// FILE with `--md=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    md: Option<String>,
    /// The tables as a standalone HTML page: on stdout instead of the
    /// summary, or into FILE with `--html=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    html: Option<String>,
    /// Suppress small cells in the written tables and CSV.
    #[arg(long)]
    public: bool,
    /// English instead of Vietnamese.
    #[arg(long)]
    en: bool,
    /// The bundled example: HCMC plan, org, call, reports and data for 2026VNQ1
    /// (examples/reports/hcm-2026VNQ1/).
    #[arg(long)]
    example: bool,
}

macro_rules! file {
    ($path:literal) => {
        ($path, include_str!(concat!("../../", $path)))
    };
}

/// The bundled example's reports, in the order given to the consolidation.
pub const EXAMPLE_REPORTS: &[(&str, &str)] = &[
    file!("examples/reports/hcm-2026VNQ1/syt-vp.json"),
    file!("examples/reports/hcm-2026VNQ1/ttksbt.json"),
    file!("examples/reports/nhidong1-2026VNQ1.json"),
    file!("examples/reports/hcm-2026VNQ1/dalieu-first.json"),
    file!("examples/reports/hcm-2026VNQ1/dalieu-corrected.json"),
    file!("examples/reports/hcm-2026VNQ1/dkbd.json"),
    file!("examples/reports/hcm-2026VNQ1/choray.json"),
];
const EXAMPLE_CALL: (&str, &str) = file!("examples/reports/hcm-2026VNQ1/call.json");
const EXAMPLE_ORG: (&str, &str) = file!("examples/org/hcm-health-2026.json");
const EXAMPLE_NOW: &str = "2026-04-01T00:00:00+07:00";

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn call(path: &str, text: &str) -> Result<Vec<ReportingObligation>, String> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("{path}: not valid JSON: {e}"))?;
    let list = if v.is_array() {
        v
    } else {
        serde_json::Value::Array(vec![v])
    };
    serde_json::from_value(list).map_err(|e| format!("{path}: not a reporting obligation: {e}"))
}

/// Runs the command.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut texts: Vec<(String, String)> = Vec::new();
    let (plan, org, obligations, data, now, period, root);
    if a.example {
        let ex = super::example::find(super::example::DEFAULT)?;
        plan = load_plan(ex.plan)?;
        for (p, t) in EXAMPLE_REPORTS {
            texts.push((p.to_string(), t.to_string()));
        }
        org = Some(OrgTree::from_json(EXAMPLE_ORG.1)?.document().clone());
        obligations = Some(call(EXAMPLE_CALL.0, EXAMPLE_CALL.1)?);
        let mut load = DatasetLoad::default();
        for (kind, name, text) in ex.data.records {
            load.extend(read_csv_text(*kind, text, &ex.data.path(name), false)?);
        }
        data = Some(load.dataset);
        now = Some(a.now.clone().unwrap_or_else(|| EXAMPLE_NOW.into()));
        period = a.period.clone().unwrap_or_else(|| "2026VNQ1".into());
        root = Some(a.root.clone().unwrap_or_else(|| "SYT-HCM".into()));
    } else {
        let path = a.plan.clone().unwrap_or_default();
        plan = load_plan(&read(&path)?).map_err(|e| format!("{path}: {e}"))?;
        for p in &a.reports {
            texts.push((p.clone(), read(p)?));
        }
        org = match &a.org {
            Some(p) => Some(
                OrgTree::from_json(&read(p)?)
                    .map_err(|e| format!("{p}: {e}"))?
                    .document()
                    .clone(),
            ),
            None => None,
        };
        obligations = match &a.call {
            Some(p) => Some(call(p, &read(p)?)?),
            None => None,
        };
        let load = a.files.read(false)?;
        crate::records::warn_rejected(&load.rejected.iter().collect::<Vec<_>>(), usize::MAX, "");
        data = (load.dataset != Default::default()).then_some(load.dataset);
        now = a.now.clone();
        root = a.root.clone();
        period = match &a.period {
            Some(p) => p.clone(),
            None => first_period(&texts)?,
        };
    }
    let mut reports: Vec<Report> = Vec::new();
    for (p, t) in &texts {
        reports.push(read_report(t).map_err(|e| format!("{p}: {e}"))?.report);
    }
    let options = ConsolidateOptions {
        org,
        root,
        obligations,
        now: now.map(|t| Timestamp::parse(&t, "--now")).transpose()?,
        data: data.map(|d| d.to_records()),
        ..ConsolidateOptions::for_period(&period)
    };
    let c = consolidate_reports(&plan, reports, &options)?;
    let outputs = dest::outputs(&[
        ("--json", a.json.as_deref().or(a.out.as_deref())),
        ("--md", a.md.as_deref()),
        ("--html", a.html.as_deref()),
        ("--xlsx", a.xlsx.as_deref()),
        ("--csv", a.csv.as_deref()),
    ]);
    if !dest::any_on_stdout(&outputs) {
        print(&c, &texts, a.en);
    }
    let tables = consolidated_tables(&c, a.public);
    let lang = if a.en { Lang::En } else { Lang::Vi };
    for (name, to) in &outputs {
        let bytes = match *name {
            "--json" => (serde_json::to_string_pretty(&c)? + "\n").into_bytes(),
            "--md" => dvctt::export::markdown::to_markdown(&tables, lang).into_bytes(),
            "--html" => dvctt::export::html::to_html(&tables, lang).into_bytes(),
            "--csv" => {
                let bom = if a.no_bom {
                    ""
                } else {
                    dvctt::export::csv::BOM
                };
                format!("{bom}{}", consolidated_tidy_csv(&c, a.public)).into_bytes()
            }
            _ => dvctt::api::tables_to_xlsx(tables.clone(), lang)
                .map_err(|e| format!("{name}: {e}"))?,
        };
        dest::write(to, &bytes)?;
    }
    Ok(())
}

fn status(s: dvctt::TargetStatus, en: bool) -> &'static str {
    use dvctt::TargetStatus as S;
    match s {
        S::Met => tr(en, "đạt", "met"),
        S::OnTrack => tr(en, "đúng tiến độ", "on track"),
        S::AtRisk => tr(en, "có nguy cơ không đạt", "at risk"),
        S::OffTrack => tr(en, "chậm tiến độ", "off track"),
        S::NoData => tr(en, "không có dữ liệu", "no data"),
    }
}

fn first_period(texts: &[(String, String)]) -> Result<String, String> {
    for (p, t) in texts {
        if let Report::Unit(u) = read_report(t).map_err(|e| format!("{p}: {e}"))?.report {
            return Ok(u.period);
        }
    }
    Err("no unit report: give --period".into())
}

/// Vietnamese, or English with `--en`.
fn tr(en: bool, vi: &'static str, english: &'static str) -> &'static str {
    if en {
        english
    } else {
        vi
    }
}

/// A percentage with one decimal (the decimal mark of the language), or
/// "no data".
fn pct(v: Option<f64>, en: bool) -> String {
    match v {
        None => tr(en, "không có dữ liệu", "no data").into(),
        Some(v) if en => format!("{v:.1}%"),
        Some(v) => format!("{v:.1}%").replace('.', ","),
    }
}

fn print(c: &ConsolidatedReport, texts: &[(String, String)], en: bool) {
    let file = |i: u32| texts.get(i as usize).map_or("?", |t| t.0.as_str());
    print_reporting(c, en, &file);
    print_units(c, en);
    print_consolidated(c, en);
    print_findings(c, en, &file);
}

/// The header, the calls for reports, completeness, timeliness, missing,
/// late and superseded reports.
fn print_reporting<'a>(c: &ConsolidatedReport, en: bool, file: &dyn Fn(u32) -> &'a str) {
    let r = &c.reporting;
    outln!(
        "{} {}, {} {} ({} – {}){}",
        tr(
            en,
            "Báo cáo tổng hợp: kế hoạch",
            "Consolidated report: plan"
        ),
        c.plan.id.as_deref().unwrap_or(""),
        tr(en, "kỳ", "period"),
        c.period,
        c.period_start,
        c.period_end,
        c.root.as_ref().map_or(String::new(), |r| format!(
            ", {} {r}",
            tr(en, "tổng cho", "totals for")
        ))
    );
    for o in &r.obligations {
        outln!(
            "{} {}: {} {}, {} {}",
            tr(en, "yêu cầu", "call"),
            o.obligation,
            o.expected,
            tr(en, "báo cáo phải gửi", "report(s) expected"),
            tr(en, "hạn", "due"),
            o.due.map_or(tr(en, "không nêu", "not stated").into(), |d| d
                .to_string())
        );
    }
    outln!(
        "{}: {}/{} = {}",
        tr(en, "đầy đủ", "completeness"),
        r.received,
        r.expected,
        pct(r.completeness, en)
    );
    outln!(
        "{}: {}/{} = {}",
        tr(en, "đúng hạn", "timeliness"),
        r.on_time,
        r.expected_with_due,
        pct(r.timeliness, en)
    );
    for m in &r.missing {
        outln!(
            "{}: {} ({} {})",
            tr(en, "chưa gửi", "missing"),
            m.unit,
            tr(en, "hạn", "due"),
            m.due.map_or("—".into(), |d| d.to_string())
        );
    }
    for l in &r.late {
        outln!(
            "{}: {} ({} {}, {} {}, {} {})",
            tr(en, "trễ hạn", "late"),
            l.unit,
            tr(en, "hạn", "due"),
            l.due,
            tr(en, "gửi", "submitted"),
            l.submitted_at,
            l.days_late,
            tr(en, "ngày trễ", "day(s) late")
        );
    }
    for e in c.reports.iter().filter(|e| e.superseded_by.is_some()) {
        outln!(
            "{}: {} {} {} {} ({}) {} {} ({})",
            tr(en, "trùng", "duplicate"),
            e.unit,
            e.period,
            tr(en, "gửi", "submitted"),
            e.submitted_at,
            file(e.index),
            tr(en, "được thay bằng báo cáo", "superseded by report"),
            e.superseded_by.unwrap_or(0),
            file(e.superseded_by.unwrap_or(0))
        );
    }
}

/// Each unit's reporting status and figures.
fn print_units(c: &ConsolidatedReport, en: bool) {
    outln!("{}:", tr(en, "đơn vị", "units"));
    for u in &c.units {
        let status = match u.status {
            ReportingStatus::OnTime => tr(en, "đúng hạn", "on time"),
            ReportingStatus::Late => tr(en, "trễ hạn", "late"),
            ReportingStatus::Received => tr(en, "đã nhận", "received"),
            ReportingStatus::Missing => tr(en, "chưa gửi", "missing"),
            ReportingStatus::NotExpected => tr(en, "không thuộc diện", "not expected"),
        };
        let figures: Vec<String> = u
            .figures
            .iter()
            .map(|f| match (f.numerator, f.denominator) {
                (Some(n), Some(d)) if f.indicator.is_ratio() => {
                    format!("{} {n}/{d} {}", f.indicator, pct(f.value, en))
                }
                (Some(n), _) => format!("{} {n}", f.indicator),
                _ => format!("{} —", f.indicator),
            })
            .collect();
        outln!(
            "  {:<12} {:<w$}{} {}",
            u.unit,
            status,
            if u.in_root {
                ""
            } else {
                tr(
                    en,
                    " (ngoài đơn vị gốc: không cộng)",
                    " (outside the root: not summed)",
                )
            },
            figures.join("; "),
            w = if en { 12 } else { 16 }
        );
    }
}

/// The consolidated figures and the targets judged on them.
fn print_consolidated(c: &ConsolidatedReport, en: bool) {
    outln!("{}:", tr(en, "tổng hợp", "consolidated"));
    for f in c.total.iter().chain(&c.by_org_unit) {
        outln!(
            "  {:<12} {:<30} {}/{} = {} ({} {})",
            f.unit_code.as_deref().unwrap_or(tr(en, "tổng", "total")),
            f.indicator.as_str(),
            f.numerator,
            f.denominator,
            pct(f.value, en),
            f.reports,
            tr(en, "báo cáo", "report(s)")
        );
    }
    outln!(
        "{} {}):",
        tr(en, "chỉ tiêu (tính đến", "targets (as of"),
        c.period_end
    );
    for t in &c.targets {
        outln!(
            "  {:<22} {:<30} {} {} {}: {} → {}",
            t.target_id,
            t.indicator.as_str(),
            t.comparator.symbol(),
            t.applicable_threshold,
            t.deadline,
            pct(t.value, en),
            status(t.status, en)
        );
    }
    for t in &c.targets_not_judged {
        outln!(
            "  {:<22} {}: {}",
            t.target_id,
            tr(en, "không đánh giá được", "not judged"),
            t.reason
        );
    }
}

/// The differences against the records, then every finding.
fn print_findings<'a>(c: &ConsolidatedReport, en: bool, file: &dyn Fn(u32) -> &'a str) {
    let flagged: Vec<_> = c.comparisons.iter().filter(|d| d.flagged).collect();
    outln!(
        "{}: {} {}, {} {}",
        tr(
            en,
            "chênh lệch so với dữ liệu gốc",
            "differences against the records"
        ),
        c.comparisons.len(),
        tr(en, "so sánh", "compared"),
        flagged.len(),
        tr(en, "vượt ngưỡng", "flagged")
    );
    for f in c
        .findings
        .iter()
        .filter(|f| f.finding.rule.starts_with("R033"))
    {
        let msg = if en {
            &f.finding.message_en
        } else {
            &f.finding.message_vi
        };
        outln!(
            "  {} {} {} ({}): {msg}",
            f.finding.rule,
            f.unit,
            f.finding.path,
            f.report.map_or("", file)
        );
    }
    outln!("{}:", tr(en, "phát hiện", "findings"));
    for f in &c.findings {
        let msg = if en {
            &f.finding.message_en
        } else {
            &f.finding.message_vi
        };
        outln!("  {:<34} {:<12} {msg}", f.finding.rule, f.unit);
    }
}

//! `dvctt report`: judge every target and check every task of a plan, list
//! every indicator, and print or write them (text, JSON, Markdown, XLSX,
//! CSV, HTML).

use crate::dest;
use crate::records::{read_text, warn_rejected, ActivityFiles, Files};
use crate::{example, load_example, Verdict};
use dvctt::api::{
    load_plan, parse_date, plan_report, plan_report_streamed, plan_report_tables, tables_to_html,
    tables_to_markdown, tables_to_xlsx,
};
use dvctt::export::{csv::to_csv, csv::to_csv_for_excel, text};
use dvctt::{Lang, PlanReport, PlanReportOptions, RecordKind, RejectedRow, Table, TargetStatus};

/// Which target statuses make `--fail-on` exit with code 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any target off track.
    #[value(name = "off_track")]
    OffTrack,
    /// Any target at risk or off track.
    #[value(name = "at_risk")]
    AtRisk,
}

/// Arguments of `dvctt report`.
#[derive(clap::Args)]
pub struct Args {
    /// Plan JSON (dvctt/plan@1).
    #[arg(long, required_unless_present = "example")]
    plan: Option<String>,
    #[command(flatten)]
    files: Box<Files>,
    #[command(flatten)]
    activity_files: ActivityFiles,
    /// Run a bundled plan on its synthetic data: NAME is a plan id
    /// (`dvctt examples` lists them); without NAME, hcm-syt-2026.
    #[arg(
        long,
        value_name = "NAME",
        num_args = 0..=1,
        default_missing_value = example::DEFAULT,
    )]
    example: Option<String>,
    /// Period the tasks are checked and the indicators listed over
    /// (default: the bundled example's data period, else the plan's).
    #[arg(long)]
    period: Option<String>,
    /// Judge the targets and check the tasks as of this date (YYYY-MM-DD;
    /// default: the bundled example's data end, else each period's end).
    #[arg(long)]
    as_of: Option<String>,
    /// Also judge each unit.
    #[arg(long)]
    by_unit: bool,
    /// Fail on the first unusable row instead of reporting it.
    #[arg(long)]
    strict: bool,
    /// A word that is no option: refused, naming how to attach an output
    /// file (`--html=FILE`).
    #[arg(hide = true)]
    stray: Vec<String>,
    /// Everything as JSON: on stdout instead of the text view, or into FILE
    /// with `--json=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    json: Option<String>,
    /// The tables as Markdown: on stdout instead of the text view, or into
    /// FILE with `--md=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    md: Option<String>,
    /// The tables as a standalone HTML page: on stdout instead of the text
    /// view, or into FILE with `--html=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    html: Option<String>,
    /// Also write the tables as an XLSX workbook into FILE (`-`: stdout),
    /// one sheet each, a chart of progress to target on the targets sheet.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<String>,
    /// Also write one CSV file per table into DIR (summary.csv,
    /// targets.csv, tasks.csv, cascade.csv, indicators.csv, rejected.csv).
    #[arg(long, value_name = "DIR")]
    csv: Option<String>,
    /// Write the CSV files without the byte-order mark Excel needs to read
    /// UTF-8 (it is there by default).
    #[arg(long, requires = "csv")]
    no_bom: bool,
    /// English instead of Vietnamese.
    #[arg(long)]
    en: bool,
    /// Exit with code 3 when a target is off track (`off_track`), or at
    /// risk or off track (`at_risk`); the output is written first.
    #[arg(long, value_name = "STATUS")]
    fail_on: Option<FailOn>,
    /// Hold the dossier files' rows in memory instead of counting them
    /// straight into the indicators' counters (two passes over each file,
    /// the default): the same report, rejected rows and repeated ids; for
    /// comparison.
    #[arg(long, conflicts_with = "example")]
    hold: bool,
    /// Accepted for scripts written when streaming was not the default.
    #[arg(long, hide = true, conflicts_with = "hold")]
    stream: bool,
}

impl Args {
    /// Whether the dossier files are streamed: when there are some and
    /// `--hold` is not given.
    fn streams(&self) -> bool {
        !self.hold && !self.files.sources(RecordKind::Dossiers).is_empty()
    }
}

impl Args {
    /// The output options, by name, with their values.
    fn outputs(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("--json", self.json.as_deref()),
            ("--md", self.md.as_deref()),
            ("--html", self.html.as_deref()),
            ("--xlsx", self.xlsx.as_deref()),
        ]
    }
}

/// Runs the command: reads the inputs, asks the core for the report
/// ([`plan_report`]) and its tables, prints and writes them.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    dest::refuse_stray(&a.stray, &a.outputs());
    let (mut period, mut as_of) = (a.period.clone(), a.as_of.clone());
    let (plan, load, acts) = if let Some(name) = &a.example {
        let (ex, plan, load, acts) = load_example(name, a.strict)?;
        period = period.or(ex.period.map(String::from));
        as_of = as_of.or(ex.data.as_of.map(String::from));
        (plan, load, acts)
    } else {
        let path = a.plan.clone().unwrap_or_default();
        let plan = load_plan(&read_text(&path)?).map_err(|e| format!("{path}: {e}"))?;
        let skip = a.streams().then_some(RecordKind::Dossiers);
        let load = a.files.read_except(a.strict, skip)?;
        let acts = a.activity_files.read_activities(a.strict)?;
        (plan, load, acts)
    };
    let options = PlanReportOptions {
        period,
        as_of: as_of.map(|d| parse_date(&d, "--as-of")).transpose()?,
        by_unit: a.by_unit,
        // The cascade is checked among the bundled plans.
        plans: example::plans()?,
        rejected: load.rejected.into_iter().chain(acts.rejected).collect(),
    };
    let (data, acts) = (load.dataset, acts.activities);
    let report = if a.example.is_none() && a.streams() {
        let files = a.files.sources(RecordKind::Dossiers);
        plan_report_streamed(&plan, data, acts, &options, &files, a.strict)?
    } else {
        plan_report(&plan, &data, acts, &options)?
    };
    let lang = if a.en { Lang::En } else { Lang::Vi };
    let rejected: Vec<&RejectedRow> = report.rejected.iter().collect();
    warn_rejected(&rejected, 20, "--json, --xlsx and --csv list them all");
    let tables = plan_report_tables(&report);
    let outputs = dest::outputs(&a.outputs());
    if !dest::any_on_stdout(&outputs) {
        out!("{}", text::plan_report_text(&report, lang));
    }
    for (name, to) in &outputs {
        let bytes = match *name {
            "--json" => { serde_json::to_string_pretty(&serde_json::to_value(&report)?)? + "\n" }
                .into_bytes(),
            "--md" => tables_to_markdown(tables.clone(), lang).into_bytes(),
            "--html" => tables_to_html(tables.clone(), lang).into_bytes(),
            _ => tables_to_xlsx(tables.clone(), lang).map_err(|e| format!("{name}: {e}"))?,
        };
        dest::write(to, &bytes)?;
    }
    write_csv(&a, &tables)?;
    match a.fail_on {
        Some(on) => fail_on(&report, on),
        None => Ok(()),
    }
}

/// `--fail-on`: a [`Verdict`] (exit code 3) naming the target judgements
/// that fail.
fn fail_on(report: &PlanReport, on: FailOn) -> Result<(), Box<dyn std::error::Error>> {
    let failing: Vec<&str> = report
        .targets
        .iter()
        .filter(|e| {
            e.status == TargetStatus::OffTrack
                || (on == FailOn::AtRisk && e.status == TargetStatus::AtRisk)
        })
        .map(|e| e.target_id.as_str())
        .collect();
    if failing.is_empty() {
        return Ok(());
    }
    Err(Verdict(format!(
        "--fail-on {}: {} target judgement(s) fail: {}",
        match on {
            FailOn::OffTrack => "off_track",
            FailOn::AtRisk => "at_risk",
        },
        failing.len(),
        failing.join(", ")
    ))
    .into())
}

/// `--csv DIR`: one file per table.
fn write_csv(a: &Args, tables: &[Table]) -> Result<(), Box<dyn std::error::Error>> {
    let write = |path: &str, bytes: &[u8]| dest::write(&dest::Dest::File(path.into()), bytes);
    if let Some(dir) = &a.csv {
        std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
        for t in tables {
            let path = std::path::Path::new(dir).join(format!("{}.csv", t.key));
            let text = if a.no_bom {
                to_csv(t)
            } else {
                to_csv_for_excel(t)
            };
            write(&path.to_string_lossy(), text.as_bytes())?;
        }
    }
    Ok(())
}

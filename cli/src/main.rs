//! `dvctt` command line: the main job is `dvctt report`.
//!
//! Conventions of every command: data on stdout, diagnostics (rejected
//! rows, warnings, "wrote FILE") on stderr; Vietnamese by default, `--en`
//! for English; record options repeatable; exit codes 0 (done), 1 (bad
//! input: a file that cannot be read or parsed, a bad option value, a row
//! refused in `--strict` mode), 2 (usage: unknown or missing options) and 3
//! (the input was read but the result fails a check: `validate` found error
//! findings, `report --fail-on` matched a target). Output options: see
//! `dest` (`--json[=FILE]`, `--md[=FILE]`, `--html[=FILE]`, `--xlsx FILE`).

use clap::{Parser, Subcommand};
use dvctt::api::{dataset_from_json, load_plan, read_activities_csv_text, read_csv_text};
use dvctt::{ActivityLoad, DatasetLoad, Plan};
use std::process::ExitCode;

#[macro_use]
mod out;

mod consolidate;
mod dest;
mod dhis2;
mod example;
mod form06;
mod records;
mod report;
mod score;
mod validate;

pub(crate) use records::Files;

/// Exit codes (see the crate documentation).
const EXIT_BAD_INPUT: u8 = 1;
const EXIT_CHECK_FAILED: u8 = 3;

/// The input was read, but the result fails a check the user asked for
/// (exit code 3), as opposed to an error (exit code 1).
#[derive(Debug)]
pub(crate) struct Verdict(pub String);

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Verdict {}

const EXIT_CODES: &str = "Exit codes: 0 done; 1 bad input (unreadable or invalid file, bad option value, a row refused with --strict); 2 usage error; 3 the result fails a check (validate: error findings; report: --fail-on).";

#[derive(Parser)]
#[command(
    name = "dvctt",
    version,
    about = "Plans, indicators and targets for online public services (DVCTT)",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Judge every target and check every task of a plan, list every
    /// indicator, and print the cascade check against the plans it
    /// implements; optionally write them as XLSX, CSV, HTML or Markdown.
    #[command(after_help = "Examples:
  dvctt report --example
  dvctt report --plan plan.json --dossiers q1.csv --dossiers q2.csv --survey survey.csv --activities activities.csv --xlsx report.xlsx --csv out/ --html=report.html
  dvctt report --example brvt-syt-81-2025 --en --fail-on off_track

Exit codes: 0 done; 1 bad input; 2 usage error; 3 --fail-on matched a target.")]
    Report(report::Args),
    /// List the bundled example plans and their data sets.
    #[command(after_help = "Example:\n  dvctt examples --en")]
    Examples {
        /// English instead of Vietnamese.
        #[arg(long)]
        en: bool,
    },
    /// Validate a report against a plan: print its findings; exit code 3 on
    /// error findings.
    #[command(after_help = "Example:
  dvctt validate examples/reports/nhidong1-2026VNQ1.json --plan examples/plans/hcm-syt-2026.json --en

Exit codes: 0 no error finding; 1 bad input; 2 usage error; 3 error findings.")]
    Validate(validate::Args),
    /// Biểu số 06/VPCP/KSTT: dossiers received, settled and in progress per
    /// sector for a unit and period, from dossiers.csv.
    #[command(after_help = "Examples:
  dvctt form06 --example --xlsx bieu06.xlsx
  dvctt form06 --dossiers q1.csv --dossiers q2.csv --unit SYT-HCM --period 2026Q2 --md")]
    Form06(form06::Args),
    /// Consolidate the units' reports for a period: completeness, timeliness,
    /// missing and late units, consolidated figures and targets, differences
    /// against the records.
    #[command(after_help = "Examples:
  dvctt consolidate --example --xlsx tong-hop.xlsx
  dvctt consolidate reports/*.json --plan plan.json --org org.json --period 2026VNQ1 --csv tidy.csv")]
    Consolidate(consolidate::Args),
    /// Score a scoring profile (default: the 766 index) over a period.
    #[command(after_help = "Examples:
  dvctt score --example --by-unit
  dvctt score --dossiers dossiers.csv --survey survey.csv --period 2026Q1 --json")]
    Score(score::Args),
    /// DHIS2: computed values out (dataValueSets JSON, ADX XML) through a
    /// mapping file, dataValueSets in as reported aggregates, org units in.
    #[command(after_help = "Examples:
  dvctt dhis2 export --mapping examples/dhis2/hcm-mapping.json --example --period 2026Q2
  dvctt dhis2 import examples/dhis2/dataValueSets.json --mapping examples/dhis2/hcm-mapping.json
  dvctt dhis2 org examples/dhis2/organisationUnits.json")]
    Dhis2(dhis2::Args),
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<Verdict>() => {
            eprintln!("{e}");
            ExitCode::from(EXIT_CHECK_FAILED)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// A bundled example: its plan, its records and its activity log.
type ExampleLoad = (&'static example::Example, Plan, DatasetLoad, ActivityLoad);

fn load_example(name: &str, strict: bool) -> Result<ExampleLoad, Box<dyn std::error::Error>> {
    let ex = example::find(name)?;
    let plan = load_plan(ex.plan)?;
    let mut load = DatasetLoad::default();
    for (kind, name, text) in ex.data.records {
        load.extend(read_csv_text(*kind, text, &ex.data.path(name), strict)?);
    }
    let acts = match ex.data.activities {
        Some(text) => read_activities_csv_text(text, &ex.data.path("activities.csv"), strict)?,
        None => ActivityLoad::default(),
    };
    if let Some(text) = ex.data.aggregates {
        let d = dataset_from_json(text)
            .map_err(|e| format!("{}: {e}", ex.data.path("aggregates.json")))?;
        load.extend(DatasetLoad {
            dataset: d,
            rejected: Vec::new(),
        });
    }
    Ok((ex, plan, load, acts))
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Report(args) => report::run(args),
        Command::Examples { en } => {
            let (none, targets, tasks, data) = if en {
                ("(no number)", "targets", "tasks", "data")
            } else {
                ("(không số hiệu)", "chỉ tiêu", "nhiệm vụ", "dữ liệu")
            };
            for e in example::EXAMPLES {
                let plan = load_plan(e.plan)?;
                outln!(
                    "{:<24} {} · {} {targets}, {} {tasks} · {} · {data} {}",
                    e.id,
                    plan.number.as_deref().unwrap_or(none),
                    plan.targets.len(),
                    plan.tasks.len(),
                    e.plan_file,
                    e.data.path("")
                );
            }
            Ok(())
        }
        Command::Validate(args) => validate::run(args),
        Command::Form06(args) => form06::run(args),
        Command::Consolidate(args) => consolidate::run(args),
        Command::Score(args) => score::run(args),
        Command::Dhis2(args) => dhis2::run(args),
    }
}

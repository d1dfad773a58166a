//! `dvctt` command line: the main job is `dvctt report`.

use clap::{Parser, Subcommand};
use dvctt::api::{
    cascade_check, check_tasks, dataset_from_json, indicator_catalogue, load_plan, parse_date,
    read_activities_csv_text, read_csv_files, read_csv_text,
};
use dvctt::engine::compute::compute_many;
use dvctt::engine::evaluate::evaluate_each;
use dvctt::{
    ActivityLoad, CascadeFinding, Comparator, CsvSource, DatasetLoad, EvaluateOptions, IndicatorId,
    IndicatorResult, Plan, Query, RecordKind, Severity, TargetEvaluation, TargetStatus, TaskCheck,
};
use std::process::ExitCode;

mod consolidate;
mod example;
mod form06;
mod score;
mod validate;

#[derive(Parser)]
#[command(
    name = "dvctt",
    version,
    about = "Plans, indicators and targets for online public services (DVCTT)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Judge every target and check every task of a plan, and print the
    /// cascade check against the plans it implements.
    Report {
        /// Plan JSON (dvctt/plan@1).
        #[arg(long, required_unless_present = "example")]
        plan: Option<String>,
        #[command(flatten)]
        files: Box<Files>,
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
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List the bundled example plans and their data sets.
    Examples,
    /// Validate a report against a plan: print its findings; exit code 1 on errors.
    Validate(validate::Args),
    /// Biểu số 06/VPCP/KSTT: dossiers received, settled and in progress per
    /// sector for a unit and period, from dossiers.csv.
    Form06(form06::Args),
    /// Consolidate the units' reports for a period: completeness, timeliness,
    /// missing and late units, consolidated figures and targets, differences
    /// against the records.
    Consolidate(consolidate::Args),
    /// Score a scoring profile (default: the 766 index) over a period.
    Score(score::Args),
}

/// The data files of `report --plan`.
#[derive(clap::Args)]
pub(crate) struct Files {
    /// dossiers.csv
    #[arg(long, conflicts_with = "example")]
    dossiers: Option<String>,
    /// survey.csv
    #[arg(long, conflicts_with = "example")]
    survey: Option<String>,
    /// staff.csv
    #[arg(long, conflicts_with = "example")]
    staff: Option<String>,
    /// procedures.csv (procedure catalogue)
    #[arg(long, conflicts_with = "example")]
    procedures: Option<String>,
    /// units.csv (units expected to promote online services)
    #[arg(long, conflicts_with = "example")]
    units: Option<String>,
    /// publications.csv
    #[arg(long, conflicts_with = "example")]
    publications: Option<String>,
    /// outreach.csv
    #[arg(long, conflicts_with = "example")]
    outreach: Option<String>,
    /// feedback.csv
    #[arg(long, conflicts_with = "example")]
    feedback: Option<String>,
    /// Reported aggregates as JSON, `{"aggregates": [...]}` (any other
    /// record list of the dataset JSON form is read too).
    #[arg(long, conflicts_with = "example")]
    aggregates: Option<String>,
    /// activities.csv: the activity log the plan's tasks are checked against.
    #[arg(long, conflicts_with = "example")]
    activities: Option<String>,
}

impl Files {
    pub(crate) fn read(&self, strict: bool) -> Result<DatasetLoad, Box<dyn std::error::Error>> {
        let sources = [
            (RecordKind::Dossiers, &self.dossiers),
            (RecordKind::Survey, &self.survey),
            (RecordKind::Staff, &self.staff),
            (RecordKind::Procedures, &self.procedures),
            (RecordKind::Units, &self.units),
            (RecordKind::Publications, &self.publications),
            (RecordKind::Outreach, &self.outreach),
            (RecordKind::Feedback, &self.feedback),
        ]
        .into_iter()
        .filter_map(|(kind, path)| path.clone().map(|path| CsvSource::new(kind, path)))
        .collect();
        let mut load = read_csv_files(sources, strict)?;
        if let Some(p) = &self.aggregates {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?;
            let d = dataset_from_json(&text).map_err(|e| format!("{p}: {e}"))?;
            load.extend(DatasetLoad {
                dataset: d,
                rejected: Vec::new(),
            });
        }
        Ok(load)
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
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

/// Everything a report shows.
struct Report {
    plan: Plan,
    load: DatasetLoad,
    activities: ActivityLoad,
    evals: Vec<TargetEvaluation>,
    tasks: Vec<TaskCheck>,
    /// The plan, its parent, grandparent… among the plans loaded.
    chain: Vec<String>,
    cascade: Vec<CascadeFinding>,
    indicators: Vec<IndicatorResult>,
    /// Catalogue indicators that could not be computed on this data, and why
    /// (e.g. an indicator that exists only as reported aggregates).
    not_computed: Vec<(IndicatorId, String)>,
    /// Period of the task checks and the indicator list.
    period: String,
    /// Targets that could not be judged, and why.
    target_errors: Vec<(String, String)>,
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Report {
            plan,
            files,
            example,
            period,
            as_of,
            by_unit,
            strict,
            json,
        } => {
            let (mut period, mut as_of) = (period, as_of);
            let (plan, load, acts) = if let Some(name) = example {
                let (ex, plan, load, acts) = load_example(&name, strict)?;
                if period.is_none() {
                    period = ex.period.map(String::from);
                }
                if as_of.is_none() {
                    as_of = ex.data.as_of.map(String::from);
                }
                (plan, load, acts)
            } else {
                let path = plan.unwrap_or_default();
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                let plan = load_plan(&text)?;
                let load = files.read(strict)?;
                let acts = match &files.activities {
                    Some(p) => {
                        let text = std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?;
                        read_activities_csv_text(&text, p, strict)?
                    }
                    None => ActivityLoad::default(),
                };
                (plan, load, acts)
            };
            let as_of = as_of.map(|d| parse_date(&d, "--as-of")).transpose()?;
            let report = build(plan, load, acts, period, as_of, by_unit)?;
            if json {
                print_json(&report)?;
            } else {
                print_table(&report);
            }
            Ok(())
        }
        Command::Examples => {
            for e in example::EXAMPLES {
                let plan = load_plan(e.plan)?;
                println!(
                    "{:<24} {} · {} targets, {} tasks · {} · data {}",
                    e.id,
                    plan.number.as_deref().unwrap_or("(no number)"),
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
    }
}

fn build(
    plan: Plan,
    load: DatasetLoad,
    activities: ActivityLoad,
    period: Option<String>,
    as_of: Option<chrono::NaiveDate>,
    by_unit: bool,
) -> Result<Report, Box<dyn std::error::Error>> {
    let opts = EvaluateOptions {
        by_unit,
        as_of,
        ..Default::default()
    };
    // Target by target, so that one the data cannot judge (e.g. an
    // aggregates-only indicator with no aggregates) does not hide the others;
    // one pass over the records serves them all.
    let (mut evals, mut target_errors) = (Vec::new(), Vec::new());
    for (id, r) in evaluate_each(&plan, &load.dataset, &opts)? {
        match r {
            Ok(e) => evals.extend(e),
            Err(e) => target_errors.push((id, e.to_string())),
        }
    }
    let period = period.unwrap_or_else(|| plan.period.clone());
    let tasks = check_tasks(
        &plan,
        activities.activities.clone(),
        Some(period.clone()),
        as_of,
    )?;
    // The cascade over every bundled plan, the plan reported on replacing
    // the bundled one of the same id.
    let mut plans: Vec<Plan> = example::plans()?
        .into_iter()
        .filter(|p| p.id != plan.id)
        .collect();
    plans.push(plan.clone());
    let cascade = cascade_check(plans.clone());
    let mut chain = vec![plan.id.clone()];
    let mut cur = &plan;
    while let Some(parent) = cur.implements.as_ref().and_then(|r| {
        plans
            .iter()
            .find(|p| p.id != cur.id && r.designates(p) && !chain.contains(&p.id))
    }) {
        chain.push(parent.id.clone());
        cur = parent;
    }
    // Every catalogue indicator over the plan's period, targeted or not.
    let infos = indicator_catalogue();
    let queries: Vec<Query> = infos
        .iter()
        .map(|info| Query {
            indicator: info.id,
            period: period.clone(),
            by_unit: false,
            scope: Default::default(),
            source: Default::default(),
            satisfaction_rule: Default::default(),
        })
        .collect();
    let (mut indicators, mut not_computed) = (Vec::new(), Vec::new());
    for (info, r) in infos.iter().zip(compute_many(&load.dataset, &queries)) {
        match r {
            Ok(r) => indicators.extend(r),
            Err(e) => not_computed.push((info.id, e.to_string())),
        }
    }
    Ok(Report {
        plan,
        load,
        activities,
        evals,
        tasks,
        chain,
        cascade,
        indicators,
        not_computed,
        period,
        target_errors,
    })
}

fn print_json(r: &Report) -> Result<(), Box<dyn std::error::Error>> {
    let d = &r.load.dataset;
    let mut rejected = r.load.rejected.clone();
    rejected.extend(r.activities.rejected.iter().cloned());
    let out = serde_json::json!({
        "plan": r.plan,
        "records": {
            "dossiers": d.dossiers.len(),
            "survey": d.survey.len(),
            "staff": d.staff.len(),
            "aggregates": d.aggregates.len(),
            "activities": r.activities.activities.len(),
        },
        "rejected": rejected,
        "targets": r.evals,
        "period": r.period,
        "target_errors": r.target_errors.iter()
            .map(|(id, e)| serde_json::json!({ "target_id": id, "error": e }))
            .collect::<Vec<_>>(),
        "tasks": r.tasks,
        "cascade": { "chain": r.chain, "findings": r.cascade },
        "indicators": r.indicators,
        "indicators_not_computed": r.not_computed.iter()
            .map(|(id, e)| serde_json::json!({ "indicator": id, "error": e }))
            .collect::<Vec<_>>(),
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "no data".to_string(), |v| format!("{v:.2}%"))
}

pub(crate) fn status(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Met => "met",
        TargetStatus::OnTrack => "on track",
        TargetStatus::AtRisk => "at risk",
        TargetStatus::OffTrack => "off track",
        TargetStatus::NoData => "no data",
    }
}

/// Prints rows under a header, columns padded to their widest cell.
fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let s: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", s.join("  ").trim_end());
    };
    line(header.to_vec());
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
}

fn print_table(r: &Report) {
    print_records(r);
    println!();
    print_targets(r);
    println!();
    print_tasks(r);
    println!();
    print_cascade(r);
    println!();
    print_indicators(r);
}

/// The plan, the records read and the rows rejected.
fn print_records(r: &Report) {
    let (plan, load) = (&r.plan, &r.load);
    let d = &load.dataset;
    println!("{} {}", plan.number.as_deref().unwrap_or(""), plan.title);
    println!("issuer: {} · period: {}", plan.issuer, plan.period);
    if let Some(p) = &plan.implements {
        let name = p.number.as_deref().or(p.title.as_deref()).unwrap_or("");
        println!("implements: {name}");
    }
    let rejected: Vec<_> = load.rejected.iter().chain(&r.activities.rejected).collect();
    println!(
        "records: {} dossiers, {} survey responses, {} staff, {} aggregates, {} activities · {} rows rejected",
        d.dossiers.len(),
        d.survey.len(),
        d.staff.len(),
        d.aggregates.len(),
        r.activities.activities.len(),
        rejected.len()
    );
    const SHOWN: usize = 20;
    for x in rejected.iter().take(SHOWN) {
        println!("  rejected {}:{} {}: {}", x.file, x.line, x.field, x.detail);
    }
    if rejected.len() > SHOWN {
        println!(
            "  … and {} more rejected rows (--json lists them all)",
            rejected.len() - SHOWN
        );
    }
}

/// One row per target judged, then the targets that could not be.
fn print_targets(r: &Report) {
    let plan = &r.plan;
    println!("targets ({}):", plan.targets.len());
    if plan.targets.is_empty() {
        println!("  the plan has no numeric target");
    } else if !r.evals.is_empty() {
        let rows: Vec<Vec<String>> = r
            .evals
            .iter()
            .map(|e| {
                let sym = match e.comparator {
                    Comparator::AtLeast => "≥",
                    Comparator::AtMost => "≤",
                    Comparator::Equal => "=",
                };
                let mut st = status(e.status).to_string();
                if e.too_few_responses {
                    st += " (too few responses)";
                }
                vec![
                    e.target_id.clone(),
                    e.unit_code.clone().unwrap_or_else(|| "all".into()),
                    e.indicator.to_string(),
                    e.period.clone(),
                    pct(e.value),
                    format!("{}/{}", e.numerator, e.denominator),
                    format!(
                        "{sym} {}% by {}",
                        e.applicable_threshold, e.applicable_deadline
                    ),
                    st,
                    e.gap_pp.map_or_else(|| "-".into(), |g| format!("{g:+.2}")),
                ]
            })
            .collect();
        table(
            &[
                "target",
                "unit",
                "indicator",
                "period",
                "value",
                "num/den",
                "threshold",
                "status",
                "gap (pp)",
            ],
            &rows,
        );
    }
    for (id, e) in &r.target_errors {
        println!("  {id}: cannot be judged: {e}");
    }
}

/// One row per task and lead unit.
fn print_tasks(r: &Report) {
    let plan = &r.plan;
    let kept = r.tasks.iter().filter(|t| t.kept).count();
    if plan.tasks.is_empty() {
        println!("tasks: the plan has no task");
    } else {
        println!(
            "tasks ({}; {} checks of a task and lead unit over {} as of {}, {} kept, {} missed):",
            plan.tasks.len(),
            r.tasks.len(),
            r.period,
            r.tasks
                .first()
                .map_or_else(String::new, |t| t.as_of.to_string()),
            kept,
            r.tasks.len() - kept
        );
    }
    let rows: Vec<Vec<String>> = r
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.task_id.clone(),
                t.unit_code.clone().unwrap_or_else(|| "any".into()),
                format!("{}/{}", t.done, t.required),
                if t.kept { "kept" } else { "missed" }.to_string(),
                t.missed_periods.join(" "),
            ]
        })
        .collect();
    if !rows.is_empty() {
        table(
            &["task", "lead unit", "done/required", "cadence", "missed"],
            &rows,
        );
    }
}

/// The cascade findings about the plan and the plans it implements.
fn print_cascade(r: &Report) {
    println!("cascade ({}):", r.chain.join(" → "));
    let mine: Vec<&CascadeFinding> = r
        .cascade
        .iter()
        .filter(|f| r.chain.contains(&f.plan_id))
        .collect();
    if mine.is_empty() {
        println!("  the plan implements no plan");
    }
    for f in &mine {
        let sev = match f.severity {
            Severity::Info => "info",
            Severity::Warning => "WARNING",
        };
        println!(
            "  {sev:<7} {}{}: {}",
            f.plan_id,
            f.target_id
                .as_deref()
                .map_or_else(String::new, |t| format!(" / {t}")),
            f.message
        );
    }
    let others = r.cascade.len() - mine.len();
    if others > 0 {
        println!("  ({others} findings about the other bundled plans: --json lists them)");
    }
}

/// Every catalogue indicator over the report's period.
fn print_indicators(r: &Report) {
    println!("all indicators, all units, {}:", r.period);
    for x in &r.indicators {
        let shown = if x.indicator.is_ratio() {
            format!("{:>10}  ({}/{})", pct(x.value), x.numerator, x.denominator)
        } else {
            format!(
                "{:>10}",
                x.value.map_or_else(|| "no data".into(), |v| v.to_string())
            )
        };
        println!("  {:<32} {shown}", x.indicator.to_string());
    }
    for (id, e) in &r.not_computed {
        println!("  {:<32} {:>10}  ({e})", id.to_string(), "-");
    }
}

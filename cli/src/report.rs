//! `dvctt report`: judge every target and check every task of a plan, list
//! every indicator, and print or write them (text, JSON, Markdown, XLSX,
//! CSV, HTML).

use crate::records::{read_text, warn_rejected, Files};
use crate::{example, load_example, Verdict};
use dvctt::api::{cascade_check, check_tasks, indicator_catalogue, load_plan, parse_date};
use dvctt::engine::compute::{compute_many, compute_many_with, dossier_grid, dossier_periods};
use dvctt::engine::cube::DossierCube;
use dvctt::engine::evaluate::{evaluate_each, evaluate_each_with, target_periods};
use dvctt::engine::stream::{stream_dossiers, CHUNK_ROWS};
use dvctt::export::{csv::to_csv, csv::to_csv_for_excel, html, markdown, text, xlsx};
use dvctt::tables::report::{
    cascade_table, indicators_table, rejected_table, summary_table, targets_table, tasks_table,
    RecordCount,
};
use dvctt::{
    ActivityLoad, CascadeFinding, DatasetLoad, EvaluateOptions, IndicatorId, IndicatorResult, Lang,
    Plan, Query, RecordKind, RejectedRow, Table, TargetEvaluation, TargetStatus, TaskCheck,
};

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
    /// Print JSON instead of text.
    #[arg(long, conflicts_with = "md")]
    json: bool,
    /// Print the tables as Markdown instead of text.
    #[arg(long)]
    md: bool,
    /// Also write the tables as an XLSX workbook (one sheet each, a chart
    /// of progress to target on the targets sheet).
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
    /// Also write the tables as a standalone HTML page.
    #[arg(long, value_name = "FILE")]
    html: Option<String>,
    /// English instead of Vietnamese.
    #[arg(long)]
    en: bool,
    /// Exit with code 3 when a target is off track (`off_track`), or at
    /// risk or off track (`at_risk`); the output is written first.
    #[arg(long, value_name = "STATUS")]
    fail_on: Option<FailOn>,
    /// Count the dossier files straight into the indicators' counters
    /// instead of holding their rows: for exports larger than memory (two
    /// passes over each file; the same verdict, rejected rows and repeated
    /// ids as without it).
    #[arg(long, conflicts_with = "example")]
    stream: bool,
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
    /// Dossiers counted when they were streamed, not held.
    streamed: Option<usize>,
}

impl Report {
    fn dossier_count(&self) -> usize {
        self.streamed
            .unwrap_or_else(|| self.load.dataset.dossiers.len())
    }

    fn rejected(&self) -> Vec<&RejectedRow> {
        self.load
            .rejected
            .iter()
            .chain(&self.activities.rejected)
            .collect()
    }
}

/// Runs the command.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let (mut period, mut as_of) = (a.period.clone(), a.as_of.clone());
    let (plan, load, acts) = if let Some(name) = &a.example {
        let (ex, plan, load, acts) = load_example(name, a.strict)?;
        if period.is_none() {
            period = ex.period.map(String::from);
        }
        if as_of.is_none() {
            as_of = ex.data.as_of.map(String::from);
        }
        (plan, load, acts)
    } else {
        let path = a.plan.clone().unwrap_or_default();
        let plan = load_plan(&read_text(&path)?).map_err(|e| format!("{path}: {e}"))?;
        let skip = a.stream.then_some(RecordKind::Dossiers);
        let load = a.files.read_except(a.strict, skip)?;
        let acts = a.files.read_activities(a.strict)?;
        (plan, load, acts)
    };
    let as_of = as_of.map(|d| parse_date(&d, "--as-of")).transpose()?;
    let (mut load, mut cube, mut streamed) = (load, None, None);
    if a.stream {
        let period = period.clone().unwrap_or_else(|| plan.period.clone());
        let mut periods = target_periods(&plan);
        periods.extend(dossier_periods(&catalogue_queries(&period)));
        if let Some(grid) = dossier_grid(&periods)? {
            let files = a.files.sources(RecordKind::Dossiers);
            let s = stream_dossiers(&files, a.strict, &grid, CHUNK_ROWS)?;
            load.rejected.splice(0..0, s.rejected);
            load.dataset.absent.splice(0..0, s.absent);
            streamed = Some(s.rows);
            cube = Some(s.cube);
        }
    }
    let mut report = build(plan, load, acts, period, as_of, a.by_unit, cube.as_ref())?;
    report.streamed = streamed;
    let lang = if a.en { Lang::En } else { Lang::Vi };
    warn_rejected(
        &report.rejected(),
        20,
        "--json, --xlsx and --csv list them all",
    );
    let tables = tables(&report);
    if a.json {
        print_json(&report)?;
    } else if a.md {
        print!("{}", markdown::to_markdown(&tables, lang));
    } else {
        print_text(&report, &tables, lang);
    }
    write_files(&a, &tables, lang)?;
    if let Some(on) = a.fail_on {
        let failing: Vec<&str> = report
            .evals
            .iter()
            .filter(|e| {
                e.status == TargetStatus::OffTrack
                    || (on == FailOn::AtRisk && e.status == TargetStatus::AtRisk)
            })
            .map(|e| e.target_id.as_str())
            .collect();
        if !failing.is_empty() {
            return Err(Verdict(format!(
                "--fail-on {}: {} target judgement(s) fail: {}",
                match on {
                    FailOn::OffTrack => "off_track",
                    FailOn::AtRisk => "at_risk",
                },
                failing.len(),
                failing.join(", ")
            ))
            .into());
        }
    }
    Ok(())
}

/// The report's tables, shared by every writer.
fn tables(r: &Report) -> Vec<Table> {
    let d = &r.load.dataset;
    let counts = [
        ("Hồ sơ", "Dossiers", r.dossier_count()),
        ("Phiếu khảo sát", "Survey responses", d.survey.len()),
        ("Cán bộ", "Staff", d.staff.len()),
        ("Số liệu báo cáo", "Reported aggregates", d.aggregates.len()),
        ("Hoạt động", "Activities", r.activities.activities.len()),
        ("Dòng bị loại", "Rows rejected", r.rejected().len()),
    ]
    .map(|(vi, en, count)| RecordCount { vi, en, count });
    let rejected: Vec<RejectedRow> = r.rejected().into_iter().cloned().collect();
    vec![
        summary_table(&r.plan, &r.period, &counts),
        targets_table(&r.evals, &r.target_errors),
        tasks_table(&r.tasks),
        cascade_table(&r.cascade, &r.chain),
        indicators_table(&r.indicators, &r.not_computed, &r.period),
        rejected_table(&rejected),
    ]
}

fn write_files(a: &Args, tables: &[Table], lang: Lang) -> Result<(), Box<dyn std::error::Error>> {
    let write = |path: &str, bytes: &[u8]| -> Result<(), String> {
        std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("wrote {path}");
        Ok(())
    };
    if let Some(p) = &a.xlsx {
        write(
            p,
            &xlsx::to_xlsx(tables, lang).map_err(|e| format!("{p}: {e}"))?,
        )?;
    }
    if let Some(p) = &a.html {
        write(p, html::to_html(tables, lang).as_bytes())?;
    }
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

fn build(
    plan: Plan,
    load: DatasetLoad,
    activities: ActivityLoad,
    period: Option<String>,
    as_of: Option<chrono::NaiveDate>,
    by_unit: bool,
    cube: Option<&DossierCube>,
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
    let judged = match cube {
        Some(c) => evaluate_each_with(&plan, &load.dataset, Some(c), &opts),
        None => evaluate_each(&plan, &load.dataset, &opts)?,
    };
    for (id, r) in judged {
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
    let queries = catalogue_queries(&period);
    let results = match cube {
        Some(c) => compute_many_with(&load.dataset, &queries, Some(c)),
        None => compute_many(&load.dataset, &queries),
    };
    let (mut indicators, mut not_computed) = (Vec::new(), Vec::new());
    for (info, r) in infos.iter().zip(results) {
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
        streamed: None,
    })
}

/// Every catalogue indicator over `period`, all units together.
fn catalogue_queries(period: &str) -> Vec<Query> {
    indicator_catalogue()
        .iter()
        .map(|info| Query {
            indicator: info.id,
            period: period.to_string(),
            by_unit: false,
            scope: Default::default(),
            source: Default::default(),
            satisfaction_rule: Default::default(),
        })
        .collect()
}

fn print_json(r: &Report) -> Result<(), Box<dyn std::error::Error>> {
    let d = &r.load.dataset;
    let rejected: Vec<&RejectedRow> = r.rejected();
    let out = serde_json::json!({
        "plan": r.plan,
        "records": {
            "dossiers": r.dossier_count(),
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

/// The report as text: a header on the plan and the records read, then the
/// targets, tasks, cascade and indicators tables (the rejected rows went to
/// stderr).
fn print_text(r: &Report, tables: &[Table], lang: Lang) {
    let (plan, d) = (&r.plan, &r.load.dataset);
    let vi = lang == Lang::Vi;
    match &plan.number {
        Some(n) => println!("{n} {}", plan.title),
        None => println!("{}", plan.title),
    }
    if vi {
        println!("Cơ quan ban hành: {} · kỳ: {}", plan.issuer, plan.period);
    } else {
        println!("issuer: {} · period: {}", plan.issuer, plan.period);
    }
    if let Some(p) = &plan.implements {
        let name = p.number.as_deref().or(p.title.as_deref()).unwrap_or("");
        println!("{}: {name}", if vi { "Thực hiện" } else { "implements" });
    }
    let (n, acts, rej) = (
        [
            r.dossier_count(),
            d.survey.len(),
            d.staff.len(),
            d.aggregates.len(),
        ],
        r.activities.activities.len(),
        r.rejected().len(),
    );
    if vi {
        println!(
            "Dữ liệu: {} hồ sơ, {} phiếu khảo sát, {} cán bộ, {} số liệu báo cáo, {acts} hoạt động · {rej} dòng bị loại",
            n[0], n[1], n[2], n[3]
        );
    } else {
        println!(
            "records: {} dossiers, {} survey responses, {} staff, {} aggregates, {acts} activities · {rej} rows rejected",
            n[0], n[1], n[2], n[3]
        );
    }
    for t in tables.iter().filter(|t| {
        matches!(
            t.key.as_str(),
            "targets" | "tasks" | "cascade" | "indicators"
        )
    }) {
        println!();
        print!("{}", text::table_text(t, lang, false));
        if t.key == "cascade" {
            let others = r
                .cascade
                .iter()
                .filter(|f| !r.chain.contains(&f.plan_id))
                .count();
            if others > 0 {
                if vi {
                    println!("({others} phát hiện về các kế hoạch mẫu khác: --json liệt kê đủ)");
                } else {
                    println!(
                        "({others} findings about the other bundled plans: --json lists them)"
                    );
                }
            }
        }
    }
}

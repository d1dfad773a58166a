//! `dvctt` command line: the main job is `dvctt report`.

use clap::{Parser, Subcommand};
use dvctt::{
    catalogue, compute, evaluate_plan, load_plan, read_csv_files, read_csv_text, Comparator,
    DatasetLoad, EvaluateOptions, IndicatorResult, Plan, Query, TargetEvaluation, TargetStatus,
};
use std::process::ExitCode;

mod example;
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
    /// Judge every target of a plan on raw records.
    Report {
        /// Plan JSON (dvctt/plan@1).
        #[arg(long, required_unless_present = "example")]
        plan: Option<String>,
        /// dossiers.csv
        #[arg(long, required_unless_present = "example")]
        dossiers: Option<String>,
        /// survey.csv
        #[arg(long)]
        survey: Option<String>,
        /// staff.csv
        #[arg(long)]
        staff: Option<String>,
        /// Run on the bundled example (HCMC Department of Health plan 2026, synthetic data).
        #[arg(long, conflicts_with_all = ["plan", "dossiers", "survey", "staff"])]
        example: bool,
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
    /// Validate a report against a plan: print its findings; exit code 1 on errors.
    Validate(validate::Args),
    /// Write the bundled example data set (seeded, reproducible) to a folder.
    GenerateExample {
        #[arg(long, default_value = "examples/data")]
        out: String,
    },
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

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Report {
            plan,
            dossiers,
            survey,
            staff,
            example,
            by_unit,
            strict,
            json,
        } => {
            let (plan, load) = if example {
                let plan = load_plan(example::PLAN)?;
                let mut load = DatasetLoad::default();
                for (kind, name, text) in example::DATA {
                    load.extend(read_csv_text(kind, text, name, strict)?);
                }
                (plan, load)
            } else {
                let text = std::fs::read_to_string(plan.as_deref().unwrap_or_default())
                    .map_err(|e| format!("{}: {e}", plan.as_deref().unwrap_or_default()))?;
                let plan = load_plan(&text)?;
                let load = read_csv_files(dossiers, survey, staff, strict)?;
                (plan, load)
            };
            let opts = EvaluateOptions {
                by_unit,
                ..Default::default()
            };
            let evals = evaluate_plan(&plan, &load.dataset, &opts)?;
            // Every catalogue indicator over the plan's period, targeted or not.
            let mut indicators = Vec::new();
            for info in catalogue() {
                let q = Query {
                    indicator: info.id,
                    period: plan.period.clone(),
                    by_unit: false,
                    scope: Default::default(),
                    source: Default::default(),
                };
                indicators.extend(compute(&load.dataset, &q)?);
            }
            if json {
                let out = serde_json::json!({
                    "plan": { "id": plan.id, "number": plan.number, "title": plan.title, "period": plan.period },
                    "records": {
                        "dossiers": load.dataset.dossiers.len(),
                        "survey": load.dataset.survey.len(),
                        "staff": load.dataset.staff.len(),
                    },
                    "rejected": load.rejected,
                    "targets": evals,
                    "indicators": indicators,
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                print_table(&plan, &load, &evals, &indicators);
            }
            Ok(())
        }
        Command::Validate(args) => validate::run(args),
        Command::GenerateExample { out } => {
            example::write(&out)?;
            println!("wrote {out}/dossiers.csv, {out}/survey.csv, {out}/staff.csv");
            Ok(())
        }
    }
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "no data".to_string(), |v| format!("{v:.2}%"))
}

fn status(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Met => "met",
        TargetStatus::OnTrack => "on track",
        TargetStatus::AtRisk => "at risk",
        TargetStatus::OffTrack => "off track",
        TargetStatus::NoData => "no data",
    }
}

fn print_table(
    plan: &Plan,
    load: &DatasetLoad,
    evals: &[TargetEvaluation],
    indicators: &[IndicatorResult],
) {
    let d = &load.dataset;
    println!("{} {}", plan.number.as_deref().unwrap_or(""), plan.title);
    println!("issuer: {} · period: {}", plan.issuer, plan.period);
    println!(
        "records: {} dossiers, {} survey responses, {} staff · {} rows rejected",
        d.dossiers.len(),
        d.survey.len(),
        d.staff.len(),
        load.rejected.len()
    );
    const SHOWN: usize = 20;
    for r in load.rejected.iter().take(SHOWN) {
        println!("  rejected {}:{} {}: {}", r.file, r.line, r.field, r.detail);
    }
    if load.rejected.len() > SHOWN {
        println!(
            "  … and {} more rejected rows (--json lists them all)",
            load.rejected.len() - SHOWN
        );
    }
    println!();
    let header = [
        "target",
        "unit",
        "indicator",
        "period",
        "value",
        "num/den",
        "threshold",
        "status",
        "gap (pp)",
    ];
    let rows: Vec<[String; 9]> = evals
        .iter()
        .map(|e| {
            let sym = match e.comparator {
                Comparator::AtLeast => "≥",
                Comparator::AtMost => "≤",
                Comparator::Equal => "=",
            };
            [
                e.target_id.clone(),
                e.unit_code.clone().unwrap_or_else(|| "all".into()),
                e.indicator.to_string(),
                e.period.clone(),
                pct(e.value),
                format!("{}/{}", e.numerator, e.denominator),
                format!("{sym} {}%", e.threshold),
                status(e.status).to_string(),
                e.gap_pp.map_or_else(|| "-".into(), |g| format!("{g:+.2}")),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let s: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        println!("{}", s.join("  ").trim_end());
    };
    line(header.to_vec());
    for r in &rows {
        line(r.iter().map(String::as_str).collect());
    }
    println!();
    println!("all indicators, all units, {}:", plan.period);
    for r in indicators {
        println!(
            "  {:<24} {:>8}  ({}/{})",
            r.indicator.to_string(),
            pct(r.value),
            r.numerator,
            r.denominator
        );
    }
}

//! `dvctt form06`: Biểu số 06/VPCP/KSTT (handling of administrative
//! procedures) for a unit and period, from dossier records.

use dvctt::api::{read_csv_files, read_csv_text};
use dvctt::{CsvSource, Lang, OrgTree, Period, RecordKind, Report};

/// Arguments of `dvctt form06`.
#[derive(clap::Args)]
pub struct Args {
    /// dossiers.csv (repeatable: the files are read together)
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "example",
        conflicts_with = "example"
    )]
    dossiers: Vec<String>,
    /// Unit code (repeatable): the form covers these units.
    #[arg(long = "unit", required_unless_present = "example")]
    units: Vec<String>,
    /// Period id, e.g. 2026Q2, 2026VNQ1, 202604.
    #[arg(long, required_unless_present = "example")]
    period: Option<String>,
    /// Organisation document (dvctt/org@1): each unit covers its subtree on
    /// the period's last day.
    #[arg(long)]
    org: Option<String>,
    /// The bundled HCMC data (examples/data/dossiers.csv) with its org tree;
    /// unit SYT-HCM and period 2026Q2 unless given.
    #[arg(long)]
    example: bool,
    /// Fail on the first unusable row instead of reporting it.
    #[arg(long)]
    strict: bool,
    /// Print the form as canonical JSON (dvctt/tthc-form-06@1).
    #[arg(long)]
    json: bool,
    /// Also write the form as an XLSX workbook to FILE.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<String>,
    /// Print the form as Markdown instead of a text table.
    #[arg(long, conflicts_with_all = ["json", "html"])]
    md: bool,
    /// Print the form as a standalone HTML document instead of a text table.
    #[arg(long, conflicts_with = "json")]
    html: bool,
    /// English headings instead of Vietnamese.
    #[arg(long)]
    en: bool,
    /// The instant the form is made (RFC 3339), written on it ("lập lúc");
    /// default: now (with --example: 2026-07-01T08:00:00+07:00, so that the
    /// example's outputs are the same on every run).
    #[arg(long)]
    now: Option<String>,
}

/// The instant `--example` writes on its form.
const EXAMPLE_NOW: &str = "2026-07-01T08:00:00+07:00";

const EXAMPLE_DOSSIERS: &str = include_str!("../../examples/data/dossiers.csv");
const EXAMPLE_ORG: &str = include_str!("../../examples/org/hcm-health-2026.json");

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

/// Runs the command.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let org_text = match (&a.org, a.example) {
        (Some(p), _) => Some((p.clone(), read(p)?)),
        (None, true) => Some((
            "examples/org/hcm-health-2026.json".to_string(),
            EXAMPLE_ORG.to_string(),
        )),
        (None, false) => None,
    };
    let org = match &org_text {
        Some((p, t)) => Some(OrgTree::from_json(t).map_err(|e| format!("{p}: {e}"))?),
        None => None,
    };
    let mut units = a.units.clone();
    if units.is_empty() && a.example {
        units.push("SYT-HCM".into());
    }
    let period = match (&a.period, a.example) {
        (Some(p), _) => p.clone(),
        _ => "2026Q2".into(),
    };
    // Checked here so that the error names the option.
    let _: Period = period.parse().map_err(|e| format!("--period: {e}"))?;
    let load = if a.dossiers.is_empty() {
        read_csv_text(
            RecordKind::Dossiers,
            EXAMPLE_DOSSIERS,
            "examples/data/dossiers.csv",
            a.strict,
        )?
    } else {
        let sources = a
            .dossiers
            .iter()
            .map(|p| CsvSource::new(RecordKind::Dossiers, p.clone()))
            .collect();
        read_csv_files(sources, a.strict)?
    };
    crate::records::warn_rejected(&load.rejected.iter().collect::<Vec<_>>(), usize::MAX, "");
    let org = org.map(|t| t.document().clone());
    let now = a.now.clone().or(a.example.then(|| EXAMPLE_NOW.to_string()));
    let form =
        dvctt::api::tthc_form06(&load.dataset, units, period, org, now).map_err(|e| match e {
            dvctt::DvcttError::Data { path, detail } if path.starts_with("units[") => {
                format!("--unit ({path}): {detail}")
            }
            dvctt::DvcttError::Data { path, detail } if path == "at" => {
                format!("--now: {detail}")
            }
            other => other.to_string(),
        })?;
    let lang = if a.en { Lang::En } else { Lang::Vi };
    let tables = dvctt::api::form06_tables(&form);
    if let Some(path) = &a.xlsx {
        let bytes =
            dvctt::api::tables_to_xlsx(tables.clone(), lang).map_err(|e| format!("{path}: {e}"))?;
        std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    if a.md {
        out!("{}", dvctt::export::markdown::to_markdown(&tables, lang));
    } else if a.html {
        out!("{}", dvctt::export::html::to_html(&tables, lang));
    } else if a.json {
        outln!(
            "{}",
            dvctt::io::report_json::to_canonical_json(&Report::Form06(form))?
        );
    } else {
        for t in &tables {
            out!("{}", dvctt::export::text::table_text(t, lang, true));
        }
    }
    Ok(())
}

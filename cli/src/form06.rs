//! `dvctt form06`: Biểu số 06/VPCP/KSTT (handling of administrative
//! procedures) for a unit and period, from dossier records.

use crate::dest;
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
    /// A word that is no option: refused, naming how to attach an output
    /// file (`--html=FILE`).
    #[arg(hide = true)]
    stray: Vec<String>,
    /// The form as canonical JSON (dvctt/tthc-form-06@1): on stdout
    /// instead of the text table, or into FILE with `--json=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    json: Option<String>,
    /// Also write the form as an XLSX workbook into FILE (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    xlsx: Option<String>,
    /// The form as Markdown: on stdout instead of the text table, or into
    /// FILE with `--md=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    md: Option<String>,
    /// The form as a standalone HTML page: on stdout instead of the text
    /// table, or into FILE with `--html=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    html: Option<String>,
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

/// Runs the command.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    dest::refuse_stray(&a.stray, &a.outputs());
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
    let outputs = dest::outputs(&a.outputs());
    if !dest::any_on_stdout(&outputs) {
        for t in &tables {
            out!("{}", dvctt::export::text::table_text(t, lang, true));
        }
    }
    let form = Report::Form06(form);
    for (name, to) in &outputs {
        let bytes = match *name {
            "--json" => (dvctt::io::report_json::to_canonical_json(&form)? + "\n").into_bytes(),
            "--md" => dvctt::export::markdown::to_markdown(&tables, lang).into_bytes(),
            "--html" => dvctt::export::html::to_html(&tables, lang).into_bytes(),
            _ => dvctt::api::tables_to_xlsx(tables.clone(), lang)
                .map_err(|e| format!("{name}: {e}"))?,
        };
        dest::write(to, &bytes)?;
    }
    Ok(())
}

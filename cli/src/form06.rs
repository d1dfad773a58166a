//! `dvctt form06`: Biểu số 06/VPCP/KSTT (handling of administrative
//! procedures) for a unit and period, from dossier records.

use dvctt::{api::read_csv_text, Lang, OrgTree, Period, RecordKind, Report, Table};

/// Arguments of `dvctt form06`.
#[derive(clap::Args)]
pub struct Args {
    /// dossiers.csv
    #[arg(long, required_unless_present = "example", conflicts_with = "example")]
    dossiers: Option<String>,
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
}

const EXAMPLE_DOSSIERS: &str = include_str!("../../examples/data/dossiers.csv");
const EXAMPLE_ORG: &str = include_str!("../../examples/org/hcm-health-2026.json");

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

/// Runs the command.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let (file, text) = match &a.dossiers {
        Some(p) => (p.clone(), read(p)?),
        None => (
            "examples/data/dossiers.csv".to_string(),
            EXAMPLE_DOSSIERS.to_string(),
        ),
    };
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
    let load = read_csv_text(RecordKind::Dossiers, &text, &file, a.strict)?;
    for r in &load.rejected {
        eprintln!("rejected: {}:{} {}: {}", r.file, r.line, r.field, r.detail);
    }
    let org = org.map(|t| t.document().clone());
    let form =
        dvctt::api::tthc_form06(&load.dataset, units, period, org, None).map_err(|e| match e {
            dvctt::DvcttError::Data { path, detail } if path.starts_with("units[") => {
                format!("--unit ({path}): {detail}")
            }
            other => other.to_string(),
        })?;
    let lang = if a.en { Lang::En } else { Lang::Vi };
    let tables = dvctt::api::form06_tables(&form);
    if let Some(path) = &a.xlsx {
        std::fs::write(path, dvctt::export::xlsx::to_xlsx(&tables, lang))
            .map_err(|e| format!("{path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    if a.md {
        print!("{}", dvctt::export::markdown::to_markdown(&tables, lang));
    } else if a.html {
        print!("{}", dvctt::export::html::to_html(&tables, lang));
    } else if a.json {
        println!(
            "{}",
            dvctt::io::report_json::to_canonical_json(&Report::Form06(form))?
        );
    } else {
        for t in &tables {
            print!("{}", text_table(t, lang));
        }
    }
    Ok(())
}

/// A table as aligned text: the first column by name, the others numbered
/// (1), (2), … as on the official form, with the headings listed below.
pub fn text_table(t: &Table, lang: Lang) -> String {
    let mut head: Vec<String> = Vec::with_capacity(t.columns.len());
    for (i, c) in t.columns.iter().enumerate() {
        head.push(if i == 0 {
            c.heading(lang).to_string()
        } else {
            format!("({i})")
        });
    }
    let body: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| dvctt::export::format::format_cell(c, lang))
                .collect()
        })
        .collect();
    let width = |j: usize| {
        std::iter::once(&head[j])
            .chain(body.iter().filter_map(|r| r.get(j)))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..head.len()).map(width).collect();
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (j, c) in cells.iter().enumerate() {
            let w = widths.get(j).copied().unwrap_or(0);
            let pad = w.saturating_sub(c.chars().count());
            if j == 0 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = format!("{}\n\n", t.title(lang));
    out.push_str(&line(&head));
    for r in &body {
        out.push_str(&line(r));
    }
    out.push('\n');
    for (i, c) in t.columns.iter().enumerate().skip(1) {
        out.push_str(&format!("({i}) {}\n", c.heading(lang)));
    }
    let notes = match lang {
        Lang::Vi => &t.notes_vi,
        Lang::En => &t.notes_en,
    };
    for n in notes {
        out.push_str(n);
        out.push('\n');
    }
    out
}

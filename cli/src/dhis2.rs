//! `dvctt dhis2`: computed values out to DHIS2 (`dataValueSets` JSON or
//! ADX XML) through a mapping, a `dataValueSets` payload in as reported
//! aggregates, DHIS2 org units in as a `dvctt/org@1` document.

use crate::load_example;
use crate::records::{read_text, warn_rejected, Files};
use dvctt::api::{
    compute_indicator, dhis2_adx, dhis2_data_value_set, dhis2_mapping_from_json, dhis2_org_units,
    dhis2_read_adx, dhis2_read_data_value_set,
};
use dvctt::{Dhis2Mapping, Query};

/// Arguments of `dvctt dhis2`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Compute every mapped indicator for each unit over a period and print
    /// the values as a DHIS2 dataValueSets payload (or ADX with --adx).
    #[command(after_help = "Examples:
  dvctt dhis2 export --mapping examples/dhis2/hcm-mapping.json --example --period 2026Q2
  dvctt dhis2 export --mapping mapping.json --dossiers dossiers.csv --survey survey.csv --period 2026Q1 --adx > q1.adx.xml")]
    Export(ExportArgs),
    /// Read a DHIS2 dataValueSets payload (JSON) or ADX message (XML) as
    /// reported aggregates and print them as `{"aggregates": [...]}` (what
    /// `--aggregates` reads).
    #[command(after_help = "Examples:
  dvctt dhis2 import examples/dhis2/dataValueSets.json --mapping examples/dhis2/hcm-mapping.json > aggregates.json
  dvctt dhis2 import q2.adx.xml --mapping examples/dhis2/hcm-mapping.json > aggregates.json")]
    Import(ImportArgs),
    /// Read DHIS2 organisationUnits JSON and print it as a dvctt/org@1 document.
    #[command(after_help = "Example:
  dvctt dhis2 org examples/dhis2/organisationUnits.json > org.json")]
    Org(OrgArgs),
}

#[derive(clap::Args)]
struct ExportArgs {
    /// Mapping file (dvctt/dhis2-mapping@1).
    #[arg(long)]
    mapping: String,
    #[command(flatten)]
    files: Box<Files>,
    /// A bundled example's data set (`dvctt examples`); without NAME,
    /// hcm-syt-2026.
    #[arg(
        long,
        value_name = "NAME",
        num_args = 0..=1,
        default_missing_value = crate::example::DEFAULT,
    )]
    example: Option<String>,
    /// Period (a DHIS2 period id: 2026, 2026Q2, 202605, 2026W14 …).
    #[arg(long)]
    period: String,
    /// One figure for all units together, sent to the mapping's
    /// all_units_org_unit, instead of one per unit.
    #[arg(long)]
    all_units: bool,
    /// ADX XML instead of dataValueSets JSON.
    #[arg(long)]
    adx: bool,
    /// With --adx: the instant of the export written on the message
    /// (`exported`, RFC 3339, e.g. 2026-07-01T08:00:00+07:00); default: now.
    #[arg(long, requires = "adx")]
    now: Option<String>,
    /// Fail on the first unusable row instead of reporting it.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// dataValueSets JSON (as `GET /api/dataValueSets.json` returns it), or
    /// an ADX message (`GET /api/dataValueSets.adx`; read as ADX when it
    /// starts with `<`).
    payload: String,
    /// Mapping file (dvctt/dhis2-mapping@1).
    #[arg(long)]
    mapping: String,
}

#[derive(clap::Args)]
struct OrgArgs {
    /// organisationUnits JSON (as `GET /api/organisationUnits.json?paging=false&fields=id,code,name,level,parent,path,openingDate,closedDate` returns it).
    payload: String,
}

fn mapping(path: &str) -> Result<Dhis2Mapping, String> {
    dhis2_mapping_from_json(&read_text(path)?).map_err(|e| format!("{path}: {e}"))
}

/// Runs the command.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    match a.command {
        Sub::Export(a) => export(a),
        Sub::Import(a) => {
            let m = mapping(&a.mapping)?;
            let text = read_text(&a.payload)?;
            let got = if text.trim_start().starts_with('<') {
                dhis2_read_adx(&text, m)
            } else {
                dhis2_read_data_value_set(&text, m)
            }
            .map_err(|e| format!("{}: {e}", a.payload))?;
            for n in &got.not_imported {
                eprintln!("not imported: {}: {n}", a.payload);
            }
            let out = serde_json::json!({ "aggregates": got.aggregates });
            outln!("{}", serde_json::to_string_pretty(&out)?);
            Ok(())
        }
        Sub::Org(a) => {
            let doc = dhis2_org_units(&read_text(&a.payload)?)
                .map_err(|e| format!("{}: {e}", a.payload))?;
            outln!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(())
        }
    }
}

fn export(a: ExportArgs) -> Result<(), Box<dyn std::error::Error>> {
    let m = mapping(&a.mapping)?;
    let load = match &a.example {
        Some(name) => load_example(name, a.strict)?.2,
        None => a.files.read(a.strict)?,
    };
    warn_rejected(
        &load.rejected.iter().collect::<Vec<_>>(),
        20,
        "--strict stops at the first",
    );
    let mut results = Vec::new();
    for im in &m.indicators {
        let q = Query {
            indicator: im.indicator,
            period: a.period.clone(),
            by_unit: !a.all_units,
            scope: Default::default(),
            source: Default::default(),
            satisfaction_rule: Default::default(),
        };
        match compute_indicator(&load.dataset, &q) {
            Ok(r) => results.extend(r),
            Err(e) => eprintln!("warning: {} not exported: {e}", im.indicator),
        }
    }
    // Units the mapping does not name are left out, said on stderr.
    results.retain(|r| match &r.unit_code {
        Some(u) if !m.org_units.contains_key(u) => {
            eprintln!(
                "warning: {} for unit {u} not exported: the mapping has no org unit for it",
                r.indicator
            );
            false
        }
        _ => true,
    });
    let text = if a.adx {
        dhis2_adx(results, m, a.now.clone()).map_err(|e| match e {
            dvctt::DvcttError::Data { path, detail } if path == "exported" => {
                format!("--now: {detail}")
            }
            other => other.to_string(),
        })?
    } else {
        dhis2_data_value_set(results, m)? + "\n"
    };
    out!("{text}");
    Ok(())
}

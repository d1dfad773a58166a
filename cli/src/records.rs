//! The record options every command shares (`--dossiers`, `--survey`, …):
//! the one place they are declared and read. Each may be given several
//! times; all the files given are read together into one data set (a
//! repeated id across files is an error naming both places).

use dvctt::api::{dataset_from_json, read_activities_csv_text, read_csv_files};
use dvctt::{ActivityLoad, CsvSource, DatasetLoad, RecordKind, RejectedRow};

/// The data files of a command (each option repeatable).
#[derive(clap::Args, Default)]
pub(crate) struct Files {
    /// dossiers.csv (repeatable: the files are read together)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    pub(crate) dossiers: Vec<String>,
    /// survey.csv (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    survey: Vec<String>,
    /// staff.csv (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    staff: Vec<String>,
    /// procedures.csv, the procedure catalogue (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    procedures: Vec<String>,
    /// units.csv, units expected to promote online services (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    units: Vec<String>,
    /// publications.csv (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    publications: Vec<String>,
    /// outreach.csv (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    outreach: Vec<String>,
    /// feedback.csv (repeatable)
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    feedback: Vec<String>,
    /// Reported aggregates as JSON, `{"aggregates": [...]}` (any other
    /// record list of the dataset JSON form is read too; repeatable).
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    aggregates: Vec<String>,
    /// activities.csv: the activity log the plan's tasks are checked
    /// against (repeatable).
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    activities: Vec<String>,
}

pub(crate) fn read_text(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

impl Files {
    /// Every record file given, read into one data set.
    pub(crate) fn read(&self, strict: bool) -> Result<DatasetLoad, Box<dyn std::error::Error>> {
        let kinds = [
            (RecordKind::Dossiers, &self.dossiers),
            (RecordKind::Survey, &self.survey),
            (RecordKind::Staff, &self.staff),
            (RecordKind::Procedures, &self.procedures),
            (RecordKind::Units, &self.units),
            (RecordKind::Publications, &self.publications),
            (RecordKind::Outreach, &self.outreach),
            (RecordKind::Feedback, &self.feedback),
        ];
        let sources = kinds
            .into_iter()
            .flat_map(|(kind, paths)| {
                paths
                    .iter()
                    .map(move |path| CsvSource::new(kind, path.clone()))
            })
            .collect();
        let mut load = read_csv_files(sources, strict)?;
        for p in &self.aggregates {
            let d = dataset_from_json(&read_text(p)?).map_err(|e| format!("{p}: {e}"))?;
            load.extend(DatasetLoad {
                dataset: d,
                rejected: Vec::new(),
            });
        }
        Ok(load)
    }

    /// The activity logs given, read together.
    pub(crate) fn read_activities(
        &self,
        strict: bool,
    ) -> Result<ActivityLoad, Box<dyn std::error::Error>> {
        let mut all = ActivityLoad::default();
        // Each file checks its own ids; an id repeated across files is
        // refused here, naming both files.
        let mut seen: std::collections::HashMap<String, String> = Default::default();
        for p in &self.activities {
            let one = read_activities_csv_text(&read_text(p)?, p, strict)?;
            for a in &one.activities {
                if let Some(first) = seen.insert(a.activity_id.clone(), p.clone()) {
                    return Err(format!(
                        "{p}: activity_id `{}` already read from {first}",
                        a.activity_id
                    )
                    .into());
                }
            }
            all.activities.extend(one.activities);
            all.rejected.extend(one.rejected);
        }
        Ok(all)
    }
}

/// Prints rejected rows on stderr (diagnostics never go to stdout): the
/// first `shown`, then how many more.
pub(crate) fn warn_rejected(rows: &[&RejectedRow], shown: usize, more_hint: &str) {
    for r in rows.iter().take(shown) {
        eprintln!("rejected: {}:{} {}: {}", r.file, r.line, r.field, r.detail);
    }
    if rows.len() > shown {
        eprintln!(
            "… and {} more rejected rows ({more_hint})",
            rows.len() - shown
        );
    }
}

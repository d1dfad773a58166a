//! The record options every command shares (`--dossiers`, `--survey`, …):
//! the one place they are declared and read. Each may be given several
//! times; all the files given are read together into one data set (a
//! repeated id across files is an error naming both places).

use dvctt::api::{dataset_from_json, read_activities_csv_text, read_csv_files};
use dvctt::{ActivityLoad, CsvSource, DatasetLoad, ReadOptions, RecordKind, RejectedRow};

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
    /// Field separator of the CSV files: `,` `;` `tab` `|` (detected from
    /// each header when left out; an Excel `sep=` line is obeyed)
    #[arg(long, value_name = "SEP")]
    delimiter: Option<String>,
    /// Text encoding of the CSV files: utf-8, utf-16, windows-1258, …
    /// (detected when left out)
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// How dates are written when neither ISO (2025-09-10) nor day first
    /// (10/09/2025): chrono's strftime syntax, e.g. %m/%d/%Y
    #[arg(long, value_name = "FORMAT")]
    date_format: Option<String>,
    /// Workbooks (.xlsx, .xls, .ods): the sheet to read (the first when
    /// left out)
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Workbooks: the row that names the columns (found when left out: the
    /// first that names the id column)
    #[arg(long, value_name = "ROW")]
    header_row: Option<u32>,
}

pub(crate) fn read_text(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

impl Files {
    /// How the files are read, when an option says more than detection.
    fn options(&self) -> Option<ReadOptions> {
        let o = ReadOptions {
            delimiter: self.delimiter.clone(),
            encoding: self.encoding.clone(),
            date_format: self.date_format.clone(),
            sheet: self.sheet.clone(),
            header_row: self.header_row,
        };
        (o != ReadOptions::default()).then_some(o)
    }

    /// The files of `kind` given, with the read options.
    pub(crate) fn sources(&self, kind: RecordKind) -> Vec<CsvSource> {
        self.all_sources()
            .into_iter()
            .filter(|s| s.kind == kind)
            .collect()
    }

    /// Every record file given, read into one data set.
    pub(crate) fn read(&self, strict: bool) -> Result<DatasetLoad, Box<dyn std::error::Error>> {
        self.read_except(strict, None)
    }

    /// [`Files::read`] without the files of `skip` (read otherwise: streamed).
    pub(crate) fn read_except(
        &self,
        strict: bool,
        skip: Option<RecordKind>,
    ) -> Result<DatasetLoad, Box<dyn std::error::Error>> {
        let sources = self
            .all_sources()
            .into_iter()
            .filter(|s| Some(s.kind) != skip)
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

    /// Every record file given, with the read options.
    fn all_sources(&self) -> Vec<CsvSource> {
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
        let options = self.options();
        kinds
            .into_iter()
            .flat_map(|(kind, paths)| {
                let options = options.clone();
                paths.iter().map(move |path| CsvSource {
                    options: options.clone(),
                    ..CsvSource::new(kind, path.clone())
                })
            })
            .collect()
    }
}

/// The activity log of `report`, the one command that checks a plan's
/// tasks (the others compute from the records only, so they do not take it).
#[derive(clap::Args, Default)]
pub(crate) struct ActivityFiles {
    /// activities.csv: the activity log the plan's tasks are checked
    /// against (repeatable).
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    activities: Vec<String>,
}

impl ActivityFiles {
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

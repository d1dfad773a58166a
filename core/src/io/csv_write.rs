//! CSV writers of the record kinds: the columns the readers take
//! ([`Schema::required`], then [`Schema::optional`]), values written
//! the way the readers read them back — dates `YYYY-MM-DD`, booleans
//! `true`/`false`, names in snake_case, an absent value as an empty field.
//! A field holding a comma, a double quote or a line break is quoted.

use crate::base::error::{DvcttError, Result};
use crate::io::csv_read::Schema;
use crate::io::csv_records::{CsvRecord, DOSSIER_SCHEMA, STAFF_SCHEMA, SURVEY_SCHEMA};
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::{Channel, Dossier, StaffMember, SurveyResponse};
use crate::model::task::Activity;
use chrono::NaiveDate;

/// A record kind that can be written as CSV.
pub trait CsvWrite {
    /// The kind's columns, as the reader takes them.
    const SCHEMA: &'static Schema;
    /// The record's fields, one per column (required, then optional); an
    /// absent value is empty.
    fn cells(&self) -> Vec<String>;
}

/// Records as CSV text with every column, required then optional.
pub fn write_csv<T: CsvWrite>(rows: &[T]) -> String {
    let all: Vec<usize> = (0..T::SCHEMA.required.len() + T::SCHEMA.optional.len()).collect();
    write_columns(rows, &all)
}

/// Records as CSV text with the required columns and, of the optional
/// ones, those named in `optional` (kept in the reader's order). A name
/// that is not an optional column of the kind is an error.
pub fn write_csv_with<T: CsvWrite>(rows: &[T], optional: &[&str]) -> Result<String> {
    if let Some(bad) = optional.iter().find(|c| !T::SCHEMA.optional.contains(c)) {
        return Err(DvcttError::Data {
            path: "columns".into(),
            detail: format!(
                "`{bad}` is not an optional column (expected one of: {})",
                T::SCHEMA.optional.join(", ")
            ),
        });
    }
    let n = T::SCHEMA.required.len();
    let chosen: Vec<usize> = (0..n)
        .chain(
            T::SCHEMA
                .optional
                .iter()
                .enumerate()
                .filter(|(_, c)| optional.contains(c))
                .map(|(i, _)| n + i),
        )
        .collect();
    Ok(write_columns(rows, &chosen))
}

/// The header and rows of the columns at `chosen` (indices into
/// the required then the optional columns).
fn write_columns<T: CsvWrite>(rows: &[T], chosen: &[usize]) -> String {
    let names: Vec<&str> = T::SCHEMA
        .required
        .iter()
        .chain(T::SCHEMA.optional)
        .copied()
        .collect();
    // The `csv` crate quotes a field holding a comma, a quote or a line
    // break (RFC 4180), as every CSV writer of dvctt does.
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(chosen.iter().map(|&i| names[i]));
    for r in rows {
        let cells = r.cells();
        debug_assert_eq!(cells.len(), names.len(), "one field per column");
        let _ = w.write_record(chosen.iter().map(|&i| cells[i].as_str()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Online => "online",
        Channel::Direct => "direct",
        Channel::Postal => "postal",
    }
}

impl CsvWrite for Dossier {
    const SCHEMA: &'static Schema = &DOSSIER_SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.dossier_id.clone(),
            self.unit_code.clone(),
            self.procedure_code.clone(),
            self.sector.clone(),
            date(self.received_on),
            channel(self.channel).to_string(),
            self.fully_online.to_string(),
            opt_date(self.due_on),
            opt_date(self.completed_on),
            self.paused_days.to_string(),
            self.fee_required.to_string(),
            self.paid_online.to_string(),
            self.digitized.to_string(),
        ]
    }
}

impl CsvWrite for SurveyResponse {
    const SCHEMA: &'static Schema = &SURVEY_SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.response_id.clone(),
            self.unit_code.clone(),
            date(self.responded_on),
            opt(self.satisfied),
            opt(self.rating.map(|l| l.as_str())),
            opt(self.scale),
            opt(self.sector.as_deref()),
        ]
    }
}

impl CsvWrite for StaffMember {
    const SCHEMA: &'static Schema = &STAFF_SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.person_id.clone(),
            self.unit_code.clone(),
            self.in_scope.to_string(),
            opt_date(self.trained_on),
            opt(self.role.map(|r| r.as_str())),
            opt_date(self.communicated_on),
        ]
    }
}

impl CsvWrite for Procedure {
    const SCHEMA: &'static Schema = &<Procedure as CsvRecord>::SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.procedure_id.clone(),
            self.unit_code.clone(),
            self.sector.clone(),
            self.name.clone(),
            self.eligible_full_process.to_string(),
            self.full_process_online.to_string(),
            opt_date(self.online_since),
        ]
    }
}

impl CsvWrite for UnitEntry {
    const SCHEMA: &'static Schema = &<UnitEntry as CsvRecord>::SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.unit_code.clone(),
            self.name.clone(),
            opt_date(self.active_from),
            opt_date(self.active_to),
        ]
    }
}

impl CsvWrite for Publication {
    const SCHEMA: &'static Schema = &<Publication as CsvRecord>::SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.publication_id.clone(),
            self.unit_code.clone(),
            date(self.published_on),
            self.channel.as_str().to_string(),
            opt(self.kind.map(|k| k.as_str())),
            opt(self.url.as_deref()),
        ]
    }
}

impl CsvWrite for OutreachSession {
    const SCHEMA: &'static Schema = &<OutreachSession as CsvRecord>::SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.session_id.clone(),
            self.unit_code.clone(),
            date(self.held_on),
            self.kind.as_str().to_string(),
            self.people_guided.to_string(),
            opt(self.dossiers_helped),
            opt(self.members),
        ]
    }
}

impl CsvWrite for Feedback {
    const SCHEMA: &'static Schema = &<Feedback as CsvRecord>::SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.feedback_id.clone(),
            self.unit_code.clone(),
            date(self.received_on),
            opt_date(self.addressed_on),
            opt(self.public),
        ]
    }
}

impl CsvWrite for Activity {
    const SCHEMA: &'static Schema = &<Activity as CsvRecord>::SCHEMA;
    fn cells(&self) -> Vec<String> {
        vec![
            self.activity_id.clone(),
            self.task_id.clone(),
            self.unit_code.clone(),
            date(self.date),
            opt(self.kind.as_deref()),
            opt(self.count),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let u = UnitEntry {
            unit_code: "U1".into(),
            name: "Sở \"A\", phòng B\nC".into(),
            active_from: Some(d("2025-07-01")),
            active_to: None,
        };
        assert_eq!(
            write_csv(&[u]),
            "unit_code,name,active_from,active_to\nU1,\"Sở \"\"A\"\", phòng B\nC\",2025-07-01,\n"
        );
    }

    #[test]
    fn chosen_optional_columns_in_reader_order() {
        let a = Activity {
            activity_id: "A1".into(),
            task_id: "T1".into(),
            unit_code: "U1".into(),
            date: d("2026-01-05"),
            kind: Some("video".into()),
            count: Some(2),
        };
        let rows = [a];
        assert_eq!(
            write_csv_with(&rows, &[]).unwrap(),
            "activity_id,task_id,unit_code,date\nA1,T1,U1,2026-01-05\n"
        );
        assert_eq!(
            write_csv_with(&rows, &["count", "kind"]).unwrap(),
            write_csv(&rows)
        );
        match write_csv_with(&rows, &["date"]) {
            Err(DvcttError::Data { path, .. }) => assert_eq!(path, "columns"),
            other => panic!("{other:?}"),
        }
    }
}

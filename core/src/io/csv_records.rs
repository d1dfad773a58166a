//! The CSV columns of every record kind and how a row becomes a record:
//! dossiers, survey responses and staff go straight into the builder's
//! columns; campaign-log rows become records ([`CsvRecord`]).

use super::cells::Cells;
use super::csv_read::{read_rows, read_rows_as, Row, Schema};
use super::options::ReadOptions;
use crate::base::error::{DvcttError, Result};
use crate::data::builder::{DatasetBuilder, LogRecord};
use crate::data::staff::StaffFields;
use crate::data::survey::SurveyFields;
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::{
    check_answer, read_rating, Channel, DossierFields, RecordKind, RejectedRow, StaffRole,
    DOSSIER_OPTIONAL, STAFF_OPTIONAL,
};
use std::io::Read;

/// A record kind read as records (the campaign logs): its columns, and how
/// a row of them (CSV or Arrow) becomes a record.
pub trait CsvRecord: Sized {
    const SCHEMA: Schema;
    fn from_row<'a>(row: &impl Cells<'a>) -> Result<Self, RejectedRow>;
}

pub const DOSSIER_SCHEMA: Schema = Schema {
    required: &[
        "dossier_id",
        "unit_code",
        "procedure_code",
        "sector",
        "received_on",
        "channel",
        "fully_online",
    ],
    optional: DOSSIER_OPTIONAL,
    one_of: &[],
};

/// Positions in [`DOSSIER_SCHEMA`] (required columns, then optional ones).
mod col {
    pub const ID: usize = 0;
    pub const UNIT: usize = 1;
    pub const PROCEDURE: usize = 2;
    pub const SECTOR: usize = 3;
    pub const RECEIVED: usize = 4;
    pub const CHANNEL: usize = 5;
    pub const FULLY_ONLINE: usize = 6;
    pub const DUE: usize = 7;
    pub const COMPLETED: usize = 8;
    pub const PAUSED: usize = 9;
    pub const FEE: usize = 10;
    pub const PAID: usize = 11;
    pub const DIGITIZED: usize = 12;
}

pub const SURVEY_SCHEMA: Schema = Schema {
    required: &["response_id", "unit_code", "responded_on"],
    optional: &["satisfied", "rating", "scale", "sector"],
    one_of: &[&["satisfied", "rating"]],
};

/// Positions in [`SURVEY_SCHEMA`].
mod survey_col {
    pub const ID: usize = 0;
    pub const UNIT: usize = 1;
    pub const RESPONDED: usize = 2;
    pub const SATISFIED: usize = 3;
    pub const RATING: usize = 4;
    pub const SCALE: usize = 5;
    pub const SECTOR: usize = 6;
}

pub const STAFF_SCHEMA: Schema = Schema {
    required: &["person_id", "unit_code", "in_scope", "trained_on"],
    optional: STAFF_OPTIONAL,
    one_of: &[],
};

/// Positions in [`STAFF_SCHEMA`] (`STAFF_OPTIONAL` is role, communicated_on).
mod staff_col {
    pub const ID: usize = 0;
    pub const UNIT: usize = 1;
    pub const IN_SCOPE: usize = 2;
    pub const TRAINED: usize = 3;
    pub const ROLE: usize = 4;
    pub const COMMUNICATED: usize = 5;
}

/// The CSV columns of a kind (`None` for aggregates, which are JSON only).
pub fn schema(kind: RecordKind) -> Option<&'static Schema> {
    Some(match kind {
        RecordKind::Dossiers => &DOSSIER_SCHEMA,
        RecordKind::Survey => &SURVEY_SCHEMA,
        RecordKind::Staff => &STAFF_SCHEMA,
        RecordKind::Procedures => &Procedure::SCHEMA,
        RecordKind::Units => &UnitEntry::SCHEMA,
        RecordKind::Publications => &Publication::SCHEMA,
        RecordKind::Outreach => &OutreachSession::SCHEMA,
        RecordKind::Feedback => &Feedback::SCHEMA,
        RecordKind::Aggregates => return None,
    })
}

/// A dossier row's fields, checked (see [`DossierFields::check`]).
pub fn dossier<'a>(r: &impl Cells<'a>) -> Result<DossierFields<'a>, RejectedRow> {
    let ch = r.opt_text_ref(col::CHANNEL)?.unwrap_or("");
    let channel = Channel::parse(ch).map_err(|d| r.reject("channel", d))?;
    let f = DossierFields {
        id: r.code_ref(col::ID)?,
        unit: r.code_ref(col::UNIT)?,
        procedure: r.code_ref(col::PROCEDURE)?,
        sector: r.text_ref(col::SECTOR)?,
        received: r.day(col::RECEIVED)?,
        channel,
        fully_online: r.boolean(col::FULLY_ONLINE)?,
        due: r.opt_day(col::DUE)?,
        completed: r.opt_day(col::COMPLETED)?,
        paused: r.opt_u32(col::PAUSED)?.unwrap_or(0),
        fee_required: r.opt_boolean(col::FEE)?.unwrap_or(false),
        paid_online: r.opt_boolean(col::PAID)?.unwrap_or(false),
        digitized: r.opt_boolean(col::DIGITIZED)?.unwrap_or(false),
    };
    r.checked(f, DossierFields::check)
}

/// A survey row's fields, checked (see [`check_answer`]).
pub fn survey<'a>(r: &impl Cells<'a>) -> Result<SurveyFields<'a>, RejectedRow> {
    use survey_col as c;
    let satisfied = r.opt_boolean(c::SATISFIED)?;
    let (scale, rating) = read_rating(r.opt_u32(c::SCALE)?, r.opt_text_ref(c::RATING)?)
        .map_err(|(field, d)| r.reject(field, d))?;
    let f = SurveyFields {
        id: r.code_ref(c::ID)?,
        unit: r.code_ref(c::UNIT)?,
        responded: r.day(c::RESPONDED)?,
        satisfied,
        rating,
        scale,
        sector: r.opt_text_ref(c::SECTOR)?,
    };
    r.checked(f, |f| check_answer(f.satisfied, f.rating, f.scale))
}

/// A staff row's fields.
pub fn staff<'a>(r: &impl Cells<'a>) -> Result<StaffFields<'a>, RejectedRow> {
    use staff_col as c;
    let role = r
        .opt_text_ref(c::ROLE)?
        .map(StaffRole::parse)
        .transpose()
        .map_err(|d| r.reject("role", d))?;
    Ok(StaffFields {
        id: r.code_ref(c::ID)?,
        unit: r.code_ref(c::UNIT)?,
        in_scope: r.boolean(c::IN_SCOPE)?,
        trained: r.opt_day(c::TRAINED)?,
        role,
        communicated: r.opt_day(c::COMMUNICATED)?,
    })
}

/// The rows not used and the optional columns absent, of one file.
pub type Read1 = Result<(Vec<RejectedRow>, Vec<&'static str>)>;

/// What hands an input's rows to a row parser: a CSV stream, a sheet.
pub trait RowSource {
    /// Finds `schema`'s columns and calls `take` on each row.
    fn rows(self, schema: &Schema, take: &mut dyn FnMut(&Row<'_>) -> RowResult) -> Read1;
}

/// A row used, or why not.
pub type RowResult = Result<(), RejectedRow>;

/// A CSV input (see [`read_rows_as`]).
pub struct CsvInput<'a, R> {
    pub input: R,
    pub size: Option<u64>,
    pub file: &'a str,
    pub opts: &'a ReadOptions,
    pub strict: bool,
}

impl<R: Read> RowSource for CsvInput<'_, R> {
    fn rows(self, schema: &Schema, take: &mut dyn FnMut(&Row<'_>) -> RowResult) -> Read1 {
        let CsvInput {
            input,
            size,
            file,
            opts,
            strict,
        } = self;
        read_rows_as(input, size, file, opts, strict, schema, take)
    }
}

fn log_rows<T: CsvRecord + LogRecord>(b: &mut DatasetBuilder, source: impl RowSource) -> Read1 {
    source.rows(&T::SCHEMA, &mut |r| {
        let rec = T::from_row(r)?;
        b.push_log(rec, r.line())
            .map_err(|why| r.reject(T::SCHEMA.id_column(), why))
    })
}

/// Reads CSV of one kind from `input` (of `size` bytes, when known) into
/// the builder; `file` names the source in errors and in duplicate ids.
/// Returns the rows not used (or, when `strict`, the first is an error).
pub fn read_kind<R: Read>(
    b: &mut DatasetBuilder,
    kind: RecordKind,
    input: R,
    size: Option<u64>,
    file: &str,
    opts: &ReadOptions,
    strict: bool,
) -> Result<Vec<RejectedRow>> {
    let source = CsvInput {
        input,
        size,
        file,
        opts,
        strict,
    };
    read_kind_from(b, kind, file, source)
}

/// Reads the rows of one kind from `source` (named `file`) into the
/// builder, noting the optional columns it lacks; returns the rows not used.
pub fn read_kind_from(
    b: &mut DatasetBuilder,
    kind: RecordKind,
    file: &str,
    source: impl RowSource,
) -> Result<Vec<RejectedRow>> {
    b.begin_file(kind, file);
    let (rejected, absent) = read_kind_rows(b, kind, source)?;
    b.absent_columns(kind, file, &absent);
    Ok(rejected)
}

fn read_kind_rows(b: &mut DatasetBuilder, kind: RecordKind, source: impl RowSource) -> Read1 {
    let reserve = |b: &mut DatasetBuilder, r: &Row<'_>| {
        if let Some(n) = r.estimated_rows() {
            b.reserve(kind, n);
        }
    };
    match kind {
        RecordKind::Dossiers => source.rows(&DOSSIER_SCHEMA, &mut |r| {
            reserve(b, r);
            let f = dossier(r)?;
            b.push_dossier(&f, r.line())
                .map_err(|why| r.reject(DOSSIER_SCHEMA.id_column(), why))
        }),
        RecordKind::Survey => source.rows(&SURVEY_SCHEMA, &mut |r| {
            reserve(b, r);
            let f = survey(r)?;
            b.push_survey(&f, r.line())
                .map_err(|why| r.reject(SURVEY_SCHEMA.id_column(), why))
        }),
        RecordKind::Staff => source.rows(&STAFF_SCHEMA, &mut |r| {
            reserve(b, r);
            let f = staff(r)?;
            b.push_staff(&f, r.line())
                .map_err(|why| r.reject(STAFF_SCHEMA.id_column(), why))
        }),
        RecordKind::Procedures => log_rows::<Procedure>(b, source),
        RecordKind::Units => log_rows::<UnitEntry>(b, source),
        RecordKind::Publications => log_rows::<Publication>(b, source),
        RecordKind::Outreach => log_rows::<OutreachSession>(b, source),
        RecordKind::Feedback => log_rows::<Feedback>(b, source),
        RecordKind::Aggregates => Err(DvcttError::data(
            "kind",
            "reported aggregates are given as JSON (the dataset's `aggregates`), not CSV",
        )),
    }
}

/// Reads CSV text of a record type kept outside the data set (the activity
/// log) as records; `id` gives the id checked for duplicates.
pub fn read_records<T: CsvRecord>(
    text: &str,
    file: &str,
    strict: bool,
    id: fn(&T) -> &str,
) -> Result<crate::model::records::Loaded<T>> {
    use crate::data::ids::{IdIndex, Ids};
    let (mut ids, mut index, mut lines) = (Ids::default(), IdIndex::default(), Vec::new());
    let mut records = Vec::new();
    let rejected = read_rows(text.as_bytes(), None, file, strict, &T::SCHEMA, |r| {
        let rec = T::from_row(r)?;
        if let Some(first) = index.find(&ids, id(&rec)) {
            let line: &u32 = &lines[first as usize];
            return Err(r.reject(
                T::SCHEMA.id_column(),
                format!("duplicate id `{}` (first at line {line})", id(&rec)),
            ));
        }
        ids.push(id(&rec));
        index.insert(&ids, (ids.len() - 1) as u32);
        lines.push(r.line());
        records.push(rec);
        Ok(())
    })?;
    Ok(crate::model::records::Loaded { records, rejected })
}

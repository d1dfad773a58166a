//! Arrow record batches into the data set builder (feature `arrow`): every
//! record kind read from CSV can be read from Arrow columns, with the same
//! columns, the same row checks and the same duplicate-id rule.
//!
//! What a column may be, by the kind of value it holds:
//! - text (ids, codes, names): Utf8, LargeUtf8, Utf8View, or a dictionary of
//!   those with any integer index (each batch may bring its own dictionary:
//!   values go through the builder, which encodes them again);
//! - dates: date32, date64, timestamp of any unit at midnight (pandas
//!   `datetime64` columns where dates are meant; naive or UTC), or text
//!   `YYYY-MM-DD`;
//! - booleans: bool, integers 0/1, floats 0.0/1.0 (NaN is refused), or the
//!   CSV texts (`true`, `false`, `1`, `0`);
//! - whole numbers: any integer type, floats holding whole numbers (NaN is
//!   a missing value: pandas stores a missing integer as NaN), or text.
//!
//! A null is an empty cell: absent for an optional field, an error for a
//! required one. A missing required column, a column of the wrong type and
//! a value that cannot be read are [`DvcttError::Data`] errors whose path
//! names the source, the row (0-based over all batches, as in the data
//! frame) and the column: `dossiers[12].received_on`. When not `strict`, a
//! row that cannot be used is returned as a [`RejectedRow`] whose `file` is
//! the source and whose `line` is that 0-based row.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrowPrimitiveType, RecordBatch};
use arrow_schema::{ArrowError, DataType, TimeUnit};

use super::cells::{Cells, Field};
use super::csv_read::Schema;
use super::csv_records::{
    dossier, schema, staff, survey, CsvRecord, DOSSIER_SCHEMA, STAFF_SCHEMA, SURVEY_SCHEMA,
};
use crate::base::day::{parse_iso_day, NO_DATE};
use crate::base::error::{DvcttError, Result};
use crate::data::builder::{DatasetBuilder, LogRecord};
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::{RecordKind, RejectedRow};

/// What reading one Arrow source gave besides the rows pushed.
#[derive(Debug, Default)]
pub struct ArrowRead {
    /// Rows not used (empty when `strict`: the first is an error instead).
    pub rejected: Vec<RejectedRow>,
    /// The kind's optional columns the source did not have (also noted in
    /// the data set, so indicators needing them are "not computed").
    pub absent: Vec<&'static str>,
}

/// Values of one column of one batch, by physical type.
enum Values<'a> {
    /// A column of the Null type: every value is null.
    Null,
    Text(Text<'a>),
    /// A dictionary of text: each row's index into the values.
    Dict(Vec<usize>, Text<'a>),
    Bool(&'a arrow_array::BooleanArray),
    Int(&'a dyn Array, fn(&dyn Array, usize) -> i64),
    Float(&'a dyn Array, fn(&dyn Array, usize) -> f64),
    /// Day numbers (date32).
    Days(&'a [i32]),
    /// Instants as whole units of `per_day` to a day (date64, timestamps).
    Ticks(&'a [i64], i64),
}

#[derive(Clone, Copy)]
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Text<'a> {
    fn of(a: &'a dyn Array) -> Option<Self> {
        match a.data_type() {
            DataType::Utf8 => Some(Text::Utf8(a.as_string::<i32>())),
            DataType::LargeUtf8 => Some(Text::Large(a.as_string::<i64>())),
            DataType::Utf8View => Some(Text::View(a.as_string_view())),
            _ => None,
        }
    }

    fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Text::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Text::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Text::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// An integer of any width; a u64 past `i64::MAX` saturates (it is then
/// refused as out of range, as no count or flag is that large).
fn int_at<T: ArrowPrimitiveType>(a: &dyn Array, i: usize) -> i64
where
    T::Native: TryInto<i64>,
{
    a.as_primitive::<T>()
        .value(i)
        .try_into()
        .unwrap_or(i64::MAX)
}

fn float_at<T: ArrowPrimitiveType>(a: &dyn Array, i: usize) -> f64
where
    T::Native: Into<f64>,
{
    a.as_primitive::<T>().value(i).into()
}

/// One column of a batch: its values (or none, when absent).
struct Column<'a> {
    array: Option<&'a dyn Array>,
    values: Values<'a>,
}

/// A cell as the row parsers see it: absent (null, or no such column) or a value.
enum Cell<'a> {
    Absent,
    Text(&'a str),
    Bool(bool),
    Int(i64),
    Float(f64),
    Day(i32),
    /// An instant that is not at midnight: (ticks, ticks per day).
    NotMidnight(i64, i64),
}

impl<'a> Column<'a> {
    fn new(array: &'a dyn Array) -> std::result::Result<Self, String> {
        let values = match array.data_type() {
            DataType::Null => Values::Null,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Values::Text(Text::of(array).expect("a text type"))
            }
            DataType::Dictionary(_, v) => {
                let dict = array.as_any_dictionary();
                let text = Text::of(dict.values().as_ref()).ok_or_else(|| {
                    format!("a dictionary of {v} (expected a dictionary of strings)")
                })?;
                Values::Dict(dict.normalized_keys(), text)
            }
            DataType::Boolean => Values::Bool(array.as_boolean()),
            DataType::Int8 => Values::Int(array, int_at::<Int8Type>),
            DataType::Int16 => Values::Int(array, int_at::<Int16Type>),
            DataType::Int32 => Values::Int(array, int_at::<Int32Type>),
            DataType::Int64 => Values::Int(array, int_at::<Int64Type>),
            DataType::UInt8 => Values::Int(array, int_at::<UInt8Type>),
            DataType::UInt16 => Values::Int(array, int_at::<UInt16Type>),
            DataType::UInt32 => Values::Int(array, int_at::<UInt32Type>),
            DataType::UInt64 => Values::Int(array, int_at::<UInt64Type>),
            DataType::Float32 => Values::Float(array, float_at::<Float32Type>),
            DataType::Float64 => Values::Float(array, float_at::<Float64Type>),
            DataType::Date32 => Values::Days(
                array
                    .as_primitive::<arrow_array::types::Date32Type>()
                    .values(),
            ),
            DataType::Date64 => Values::Ticks(
                array
                    .as_primitive::<arrow_array::types::Date64Type>()
                    .values(),
                86_400_000,
            ),
            DataType::Timestamp(unit, tz) => {
                if let Some(tz) = tz.as_deref().filter(|tz| !is_utc(tz)) {
                    return Err(format!(
                        "timestamps in time zone {tz} are not dates (convert them to dates, e.g. .dt.date)"
                    ));
                }
                let per_day = match unit {
                    TimeUnit::Second => 86_400,
                    TimeUnit::Millisecond => 86_400_000,
                    TimeUnit::Microsecond => 86_400_000_000,
                    TimeUnit::Nanosecond => 86_400_000_000_000,
                };
                let values = match unit {
                    TimeUnit::Second => array
                        .as_primitive::<arrow_array::types::TimestampSecondType>()
                        .values(),
                    TimeUnit::Millisecond => array
                        .as_primitive::<arrow_array::types::TimestampMillisecondType>()
                        .values(),
                    TimeUnit::Microsecond => array
                        .as_primitive::<arrow_array::types::TimestampMicrosecondType>()
                        .values(),
                    TimeUnit::Nanosecond => array
                        .as_primitive::<arrow_array::types::TimestampNanosecondType>()
                        .values(),
                };
                Values::Ticks(values, per_day)
            }
            other => return Err(format!("a column of type {other} cannot be read")),
        };
        Ok(Column {
            array: Some(array),
            values,
        })
    }

    fn absent() -> Self {
        Column {
            array: None,
            values: Values::Null,
        }
    }

    fn cell(&self, i: usize) -> Cell<'a> {
        let Some(array) = self.array else {
            return Cell::Absent;
        };
        if array.is_null(i) {
            return Cell::Absent;
        }
        match &self.values {
            Values::Null => Cell::Absent,
            Values::Text(t) => t.get(i).map_or(Cell::Absent, Cell::Text),
            Values::Dict(keys, t) => t.get(keys[i]).map_or(Cell::Absent, Cell::Text),
            Values::Bool(a) => Cell::Bool(a.value(i)),
            Values::Int(a, get) => Cell::Int(get(*a, i)),
            Values::Float(a, get) => Cell::Float(get(*a, i)),
            Values::Days(d) => Cell::Day(d[i]),
            Values::Ticks(t, per_day) => {
                let (v, per_day) = (t[i], *per_day);
                if v.rem_euclid(per_day) != 0 {
                    return Cell::NotMidnight(v, per_day);
                }
                match i32::try_from(v.div_euclid(per_day)) {
                    Ok(d) if d != NO_DATE => Cell::Day(d),
                    _ => Cell::NotMidnight(v, per_day),
                }
            }
        }
    }
}

fn is_utc(tz: &str) -> bool {
    matches!(tz, "UTC" | "utc" | "Etc/UTC" | "+00:00" | "Z")
}

/// One row of a batch, for field access with errors naming source, row and column.
struct BatchRow<'a, 'c> {
    source: &'a str,
    row: usize,
    at: usize,
    /// The kind's columns (required, then optional), named as in `names`.
    columns: &'c [Column<'a>],
    names: &'c [&'static str],
}

impl<'a> BatchRow<'a, '_> {
    fn column(&self, f: impl Field) -> &Column<'a> {
        let k = f
            .index(self.names)
            .expect("every field asked for is a column of the kind's schema");
        &self.columns[k]
    }

    fn cell(&self, f: impl Field) -> Cell<'a> {
        match self.column(f).cell(self.at) {
            Cell::Text(t) if t.trim().is_empty() => Cell::Absent,
            Cell::Text(t) => Cell::Text(t.trim()),
            c => c,
        }
    }

    fn wrong(&self, f: impl Field, what: &str, c: &Cell<'_>) -> RejectedRow {
        let shown = match c {
            Cell::Absent => "empty value".to_string(),
            Cell::Text(t) => format!("`{t}` is not {what}"),
            Cell::Bool(b) => format!("{b} is not {what}"),
            Cell::Int(v) => format!("{v} is not {what}"),
            Cell::Float(v) => format!("{v} is not {what}"),
            Cell::Day(d) => format!(
                "{} is not {what}",
                crate::base::day::date_of(*d).map_or_else(|| d.to_string(), |x| x.to_string())
            ),
            Cell::NotMidnight(v, per_day) => format!(
                "the timestamp {v} (1/{per_day} days since 1970-01-01) is not at midnight, so not a date"
            ),
        };
        self.reject(self.name(f), shown)
    }

    /// A value of a text field in a column of another type.
    fn not_text(&self, f: impl Field, c: &Cell<'_>) -> RejectedRow {
        let mut r = self.wrong(f, "text", c);
        if let Some(a) = self.column(f).array {
            r.detail.push_str(&format!(
                " (the column is {}: give it as strings, e.g. dtype=str)",
                a.data_type()
            ));
        }
        r
    }
}

impl<'a> Cells<'a> for BatchRow<'a, '_> {
    fn reject(&self, field: &str, detail: impl Into<String>) -> RejectedRow {
        RejectedRow {
            file: self.source.to_string(),
            line: u32::try_from(self.row).unwrap_or(u32::MAX),
            last_line: None,
            field: field.to_string(),
            detail: detail.into(),
        }
    }

    fn name(&self, f: impl Field) -> &'static str {
        f.name(self.names)
    }

    fn text_ref(&self, f: impl Field) -> std::result::Result<&'a str, RejectedRow> {
        match self.cell(f) {
            Cell::Text(t) => Ok(t),
            Cell::Absent => Err(self.reject(self.name(f), "empty value")),
            c => Err(self.not_text(f, &c)),
        }
    }

    fn opt_text_ref(&self, f: impl Field) -> std::result::Result<Option<&'a str>, RejectedRow> {
        match self.cell(f) {
            Cell::Absent => Ok(None),
            Cell::Text(t) => Ok(Some(t)),
            c => Err(self.not_text(f, &c)),
        }
    }

    fn opt_day(&self, f: impl Field) -> std::result::Result<i32, RejectedRow> {
        match self.cell(f) {
            Cell::Absent => Ok(NO_DATE),
            Cell::Day(d) => Ok(d),
            Cell::Text(t) => parse_iso_day(t).ok_or_else(|| {
                self.reject(
                    self.name(f),
                    format!("`{t}` is not a date (expected YYYY-MM-DD)"),
                )
            }),
            c => Err(self.wrong(f, "a date", &c)),
        }
    }

    fn day(&self, f: impl Field) -> std::result::Result<i32, RejectedRow> {
        match self.opt_day(f)? {
            NO_DATE => Err(self.reject(self.name(f), "empty date (expected YYYY-MM-DD)")),
            d => Ok(d),
        }
    }

    fn date(&self, f: impl Field) -> std::result::Result<chrono::NaiveDate, RejectedRow> {
        let d = self.day(f)?;
        crate::base::day::date_of(d)
            .ok_or_else(|| self.reject(self.name(f), format!("day {d} is out of range")))
    }

    fn opt_boolean(&self, f: impl Field) -> std::result::Result<Option<bool>, RejectedRow> {
        let c = self.cell(f);
        match &c {
            Cell::Absent => Ok(None),
            Cell::Bool(b) => Ok(Some(*b)),
            Cell::Int(0) => Ok(Some(false)),
            Cell::Int(1) => Ok(Some(true)),
            Cell::Float(v) if *v == 0.0 => Ok(Some(false)),
            Cell::Float(v) if *v == 1.0 => Ok(Some(true)),
            Cell::Float(v) if v.is_nan() => Err(self.reject(
                self.name(f),
                "NaN is not a boolean (expected true or false; a missing value is null)",
            )),
            Cell::Text(t) if t.eq_ignore_ascii_case("true") || *t == "1" => Ok(Some(true)),
            Cell::Text(t) if t.eq_ignore_ascii_case("false") || *t == "0" => Ok(Some(false)),
            _ => Err(self.wrong(f, "a boolean (expected true or false)", &c)),
        }
    }

    fn boolean(&self, f: impl Field) -> std::result::Result<bool, RejectedRow> {
        self.opt_boolean(f)?
            .ok_or_else(|| self.reject(self.name(f), "empty value (expected true or false)"))
    }

    fn opt_u32(&self, f: impl Field) -> std::result::Result<Option<u32>, RejectedRow> {
        let c = self.cell(f);
        let whole = |v: i64| u32::try_from(v).ok();
        let v = match &c {
            Cell::Absent => return Ok(None),
            Cell::Float(v) if v.is_nan() => return Ok(None),
            Cell::Int(v) => whole(*v),
            Cell::Float(v) if v.fract() == 0.0 && *v >= 0.0 && *v <= f64::from(u32::MAX) => {
                Some(*v as u32)
            }
            Cell::Text(t) => t.parse().ok(),
            _ => None,
        };
        v.map(Some)
            .ok_or_else(|| self.wrong(f, "a whole number ≥ 0", &c))
    }
}

/// Where the kind's columns are in an Arrow schema (exact names first,
/// then ignoring ASCII case and surrounding spaces, as the CSV reader does).
fn find(fields: &arrow_schema::Fields, name: &str) -> Option<usize> {
    fields.iter().position(|f| f.name() == name).or_else(|| {
        fields
            .iter()
            .position(|f| f.name().trim().eq_ignore_ascii_case(name))
    })
}

/// Checks that the required columns (and one of each `one_of` group) are
/// there; returns the optional columns that are not.
fn check_columns(
    s: &Schema,
    fields: &arrow_schema::Fields,
    source: &str,
) -> Result<Vec<&'static str>> {
    let mut have: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
    have.sort_unstable();
    for name in s.required {
        if find(fields, name).is_none() {
            return Err(DvcttError::data(
                format!("{source}.{name}"),
                format!("the column is missing (columns: {})", have.join(", ")),
            ));
        }
    }
    for group in s.one_of {
        if !group.iter().any(|c| find(fields, c).is_some()) {
            return Err(DvcttError::data(
                format!("{source}.{}", group.join(" or ")),
                format!(
                    "one of these columns is needed (columns: {})",
                    have.join(", ")
                ),
            ));
        }
    }
    Ok(s.optional
        .iter()
        .copied()
        .filter(|c| find(fields, c).is_none())
        .collect())
}

/// The columns of the kind's schema in one batch.
fn columns<'a>(s: &Schema, batch: &'a RecordBatch, source: &str) -> Result<Vec<Column<'a>>> {
    let fields = batch.schema_ref().fields().clone();
    s.required
        .iter()
        .chain(s.optional)
        .map(|&name| match find(&fields, name) {
            None => Ok(Column::absent()),
            Some(k) => Column::new(batch.column(k).as_ref())
                .map_err(|why| DvcttError::data(format!("{source}.{name}"), why)),
        })
        .collect()
}

/// A rejected row as the error it is in strict mode.
fn strict_error(r: RejectedRow) -> DvcttError {
    DvcttError::data(format!("{}[{}].{}", r.file, r.line, r.field), r.detail)
}

/// Pushes one parsed row into the builder.
type Take = fn(&mut DatasetBuilder, &BatchRow<'_, '_>) -> std::result::Result<(), RejectedRow>;

fn take_of(kind: RecordKind) -> Option<Take> {
    fn log<T: CsvRecord + LogRecord>(
        b: &mut DatasetBuilder,
        r: &BatchRow<'_, '_>,
    ) -> std::result::Result<(), RejectedRow> {
        let rec = T::from_row(r)?;
        b.push_log(rec, r.row as u32)
            .map_err(|why| r.reject(T::SCHEMA.id_column(), why))
    }
    Some(match kind {
        RecordKind::Dossiers => |b, r| {
            let f = dossier(r)?;
            b.push_dossier(&f, r.row as u32)
                .map_err(|why| r.reject(DOSSIER_SCHEMA.id_column(), why))
        },
        RecordKind::Survey => |b, r| {
            let f = survey(r)?;
            b.push_survey(&f, r.row as u32)
                .map_err(|why| r.reject(SURVEY_SCHEMA.id_column(), why))
        },
        RecordKind::Staff => |b, r| {
            let f = staff(r)?;
            b.push_staff(&f, r.row as u32)
                .map_err(|why| r.reject(STAFF_SCHEMA.id_column(), why))
        },
        RecordKind::Procedures => log::<Procedure>,
        RecordKind::Units => log::<UnitEntry>,
        RecordKind::Publications => log::<Publication>,
        RecordKind::Outreach => log::<OutreachSession>,
        RecordKind::Feedback => log::<Feedback>,
        RecordKind::Aggregates => return None,
    })
}

/// Reads Arrow record batches of one kind (all of one `schema`) into the
/// builder; `source` names them in errors (`dossiers[12].received_on`) and
/// in duplicate ids. With `strict`, the first row that cannot be used is
/// an error; otherwise such rows are returned.
pub fn read_batches<I>(
    b: &mut DatasetBuilder,
    kind: RecordKind,
    arrow_schema: &arrow_schema::Schema,
    batches: I,
    source: &str,
    strict: bool,
) -> Result<ArrowRead>
where
    I: IntoIterator<Item = std::result::Result<RecordBatch, ArrowError>>,
{
    let (Some(s), Some(take)) = (schema(kind), take_of(kind)) else {
        return Err(DvcttError::data(
            "kind",
            "reported aggregates are given as JSON (the dataset's `aggregates`), not as a table",
        ));
    };
    let absent = check_columns(s, arrow_schema.fields(), source)?;
    let names: Vec<&'static str> = s.required.iter().chain(s.optional).copied().collect();
    b.begin_file(kind, source);
    // Indicators needing an absent optional column are then "not computed".
    b.absent_columns(kind, source, &absent);
    let mut out = ArrowRead {
        rejected: Vec::new(),
        absent,
    };
    let mut first = 0usize;
    for batch in batches {
        let batch = batch.map_err(|e| DvcttError::data(source, e.to_string()))?;
        check_columns(s, batch.schema_ref().fields(), source)?;
        let cols = columns(s, &batch, source)?;
        b.reserve(kind, batch.num_rows());
        for at in 0..batch.num_rows() {
            let cells = BatchRow {
                source,
                row: first + at,
                at,
                columns: &cols,
                names: &names,
            };
            if let Err(r) = take(b, &cells) {
                if strict {
                    return Err(strict_error(r));
                }
                out.rejected.push(r);
            }
        }
        first += batch.num_rows();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::types::{Int16Type, Int8Type};
    use arrow_array::{
        BooleanArray, Date32Array, DictionaryArray, Float64Array, StringArray,
        TimestampMicrosecondArray,
    };
    use std::sync::Arc;

    fn batch(ids: &[&str], units: ArrayRef, received: ArrayRef) -> RecordBatch {
        let n = ids.len();
        let text = |v: &str| Arc::new(StringArray::from(vec![v; n])) as ArrayRef;
        RecordBatch::try_from_iter([
            (
                "dossier_id",
                Arc::new(StringArray::from(ids.to_vec())) as ArrayRef,
            ),
            ("unit_code", units),
            ("procedure_code", text("1.001")),
            ("sector", text("y_te")),
            ("received_on", received),
            ("channel", text("online")),
            (
                "fully_online",
                Arc::new(BooleanArray::from(vec![true; n])) as ArrayRef,
            ),
        ])
        .unwrap()
    }

    use arrow_array::ArrayRef;

    fn read(batches: Vec<RecordBatch>, strict: bool) -> (Result<ArrowRead>, DatasetBuilder) {
        let mut b = DatasetBuilder::new();
        let schema = batches[0].schema();
        let r = read_batches(
            &mut b,
            RecordKind::Dossiers,
            &schema,
            batches.into_iter().map(Ok),
            "dossiers",
            strict,
        );
        (r, b)
    }

    #[test]
    fn dictionaries_differ_per_batch_and_timestamps_are_dates() {
        let day = 20_458; // 2026-01-05
        let d1 = DictionaryArray::<Int8Type>::try_new(
            vec![1i8, 0].into(),
            Arc::new(StringArray::from(vec!["U1", "U2"])),
        )
        .unwrap();
        let d2 = DictionaryArray::<Int16Type>::try_new(
            vec![0i16].into(),
            Arc::new(StringArray::from(vec!["U3"])),
        )
        .unwrap();
        let b1 = batch(
            &["A", "B"],
            Arc::new(d1),
            Arc::new(Date32Array::from(vec![day, day])),
        );
        let micros = i64::from(day) * 86_400_000_000;
        let b2 = batch(
            &["C"],
            Arc::new(d2),
            Arc::new(TimestampMicrosecondArray::from(vec![micros])),
        );
        let (r, b) = read(vec![b1, b2], true);
        let r = r.unwrap();
        assert!(r.rejected.is_empty());
        assert_eq!(r.absent.len(), 6);
        let data = b.finish();
        let recs = data.dossiers.records();
        let units: Vec<&str> = recs.iter().map(|d| d.unit_code.as_str()).collect();
        assert_eq!(units, ["U2", "U1", "U3"]);
        assert!(recs
            .iter()
            .all(|d| d.received_on.to_string() == "2026-01-05"));
    }

    #[test]
    fn errors_name_source_row_and_column() {
        let units = || Arc::new(StringArray::from(vec!["U1", "U1"])) as ArrayRef;
        let good = batch(
            &["A", "B"],
            units(),
            Arc::new(Date32Array::from(vec![1, 2])),
        );
        let text = Arc::new(StringArray::from(vec!["2026-01-05", "05/01/2026"]));
        let bad = batch(&["C", "D"], units(), text);
        let (r, _) = read(vec![good.clone(), bad.clone()], true);
        let e = r.unwrap_err();
        assert!(e.to_string().contains("dossiers[3].received_on"), "{e}");
        let (r, b) = read(vec![good, bad], false);
        let r = r.unwrap();
        assert_eq!(r.rejected.len(), 1);
        assert_eq!(
            (r.rejected[0].line, r.rejected[0].field.as_str()),
            (3, "received_on")
        );
        assert_eq!(b.finish().dossiers.len(), 3);
        let floats = Arc::new(Float64Array::from(vec![1.0, 2.0]));
        let (r, _) = read(vec![batch(&["A", "B"], units(), floats)], true);
        let e = r.unwrap_err().to_string();
        assert!(
            e.contains("dossiers[0].received_on") && e.contains("1 is not a date"),
            "{e}"
        );
    }
}

//! Results as tidy Arrow record batches (feature `arrow`): one row per
//! figure in long form, machine values (`met`, `online_dossier_share`),
//! dates as date32, "all units" as a null unit, "no data" as a null value.
//!
//! Each table is described once ([`Tidy::columns`]): the column, the key of
//! the result's JSON form it comes from, and its type. Nested lists (the
//! parts of an indicator result, the items of a score card) become one row
//! per element, with the parent's keys repeated (`^key`).

pub mod display;
pub mod docs;
pub mod plan;

use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::base::day::parse_iso_day;
use crate::base::error::{DvcttError, Result};

/// The type of a tidy column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Float,
    Int,
    Bool,
    Date,
    /// A list of texts, joined with `, `.
    TextList,
}

/// The tidy tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tidy {
    /// Target evaluations: one row per target, unit and period.
    Evaluations,
    /// Indicator results: one row per indicator, unit and period.
    Indicators,
    /// The named parts of indicator results (`on_time`, `late`, ...).
    Parts,
    /// Score cards: one row per item of each card.
    Scores,
    /// Task checks: one row per task and lead unit.
    Tasks,
}

/// (column, key in the JSON form — `^key` from the parent row, type).
type Spec = (&'static str, &'static str, Kind);

impl Tidy {
    pub const ALL: [Tidy; 5] = [
        Tidy::Evaluations,
        Tidy::Indicators,
        Tidy::Parts,
        Tidy::Scores,
        Tidy::Tasks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Tidy::Evaluations => "evaluations",
            Tidy::Indicators => "indicators",
            Tidy::Parts => "parts",
            Tidy::Scores => "scores",
            Tidy::Tasks => "tasks",
        }
    }

    /// The table named `s`, or an error naming `path`.
    pub fn parse_at(s: &str, path: &str) -> Result<Tidy> {
        Tidy::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Tidy::ALL.iter().map(|t| t.as_str()).collect();
                DvcttError::data(
                    path,
                    format!("unknown table `{s}` (expected {})", names.join(", ")),
                )
            })
    }

    /// The list inside each result that gives one row per element.
    fn nested(self) -> Option<&'static str> {
        match self {
            Tidy::Parts => Some("parts"),
            Tidy::Scores => Some("items"),
            _ => None,
        }
    }

    pub fn columns(self) -> &'static [Spec] {
        use Kind::*;
        match self {
            Tidy::Evaluations => &[
                ("target", "target_id", Text),
                ("indicator", "indicator", Text),
                ("unit", "unit_code", Text),
                ("period", "period", Text),
                ("numerator", "numerator", Float),
                ("denominator", "denominator", Float),
                ("value", "value", Float),
                ("comparator", "comparator", Text),
                ("threshold", "applicable_threshold", Float),
                ("status", "status", Text),
                ("gap", "gap_pp", Float),
                ("ci_low", "ci_low", Float),
                ("ci_high", "ci_high", Float),
                ("too_few_responses", "too_few_responses", Bool),
                ("expected", "expected", Float),
                ("progress_ratio", "progress_ratio", Float),
                ("deadline", "applicable_deadline", Date),
                ("final_threshold", "threshold", Float),
                ("final_deadline", "deadline", Date),
                ("as_of", "as_of", Date),
                ("direction", "direction", Text),
                ("source", "source", Text),
            ],
            Tidy::Indicators => &[
                ("indicator", "indicator", Text),
                ("unit", "unit_code", Text),
                ("period", "period", Text),
                ("numerator", "numerator", Float),
                ("denominator", "denominator", Float),
                ("value", "value", Float),
                ("source", "source", Text),
            ],
            Tidy::Parts => &[
                ("indicator", "^indicator", Text),
                ("unit", "^unit_code", Text),
                ("period", "^period", Text),
                ("part", "name", Text),
                ("count", "count", Float),
                ("share", "share", Float),
            ],
            Tidy::Scores => &[
                ("profile", "^profile_id", Text),
                ("unit", "^unit_code", Text),
                ("period", "^period", Text),
                ("item", "item_id", Text),
                ("group", "group", Text),
                ("indicator", "indicator", Text),
                ("status", "status", Text),
                ("numerator", "numerator", Float),
                ("denominator", "denominator", Float),
                ("value", "value", Float),
                ("threshold", "threshold", Float),
                ("points", "points", Float),
                ("max_points", "max_points", Float),
                ("source", "source", Text),
            ],
            Tidy::Tasks => &[
                ("task", "task_id", Text),
                ("unit", "unit_code", Text),
                ("period", "period", Text),
                ("as_of", "as_of", Date),
                ("required", "required", Int),
                ("done", "done", Int),
                ("kept", "kept", Bool),
                ("missed_periods", "missed_periods", TextList),
                ("pending_periods", "pending_periods", TextList),
            ],
        }
    }

    /// The Arrow schema of the table.
    pub fn schema(self) -> Schema {
        Schema::new(
            self.columns()
                .iter()
                .map(|&(name, _, kind)| Field::new(name, data_type(kind), true))
                .collect::<Vec<_>>(),
        )
    }
}

fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Text | Kind::TextList => DataType::Utf8,
        Kind::Float => DataType::Float64,
        Kind::Int => DataType::Int64,
        Kind::Bool => DataType::Boolean,
        Kind::Date => DataType::Date32,
    }
}

/// The rows of the table: each result, or each element of its nested list
/// with the result as parent.
/// A row of a result: (the result, the element of its nested list or itself).
type Row<'a> = (&'a Map<String, Value>, &'a Map<String, Value>);

fn rows(tidy: Tidy, results: &[Value]) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for r in results {
        let Some(parent) = r.as_object() else {
            continue;
        };
        match tidy.nested() {
            None => out.push((parent, parent)),
            Some(key) => {
                for child in parent
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(child) = child.as_object() {
                        out.push((parent, child));
                    }
                }
            }
        }
    }
    out
}

/// The cells of a column: `None` for an absent or null value, else what
/// `get` reads (`None` from `get`: the value does not fit the column).
fn cells<T>(
    kind: Kind,
    name: &str,
    values: &[Option<&Value>],
    get: impl Fn(&Value) -> Option<T>,
) -> Result<Vec<Option<T>>> {
    values
        .iter()
        .map(|v| match v {
            None | Some(Value::Null) => Ok(None),
            Some(v) => get(v).map(Some).ok_or_else(|| {
                DvcttError::data(name, format!("{v} does not fit a {kind:?} column"))
            }),
        })
        .collect()
}

fn column(kind: Kind, name: &str, values: &[Option<&Value>]) -> Result<ArrayRef> {
    Ok(match kind {
        Kind::Text => Arc::new(StringArray::from(cells(kind, name, values, |v| {
            Some(match v {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            })
        })?)),
        Kind::TextList => Arc::new(StringArray::from(cells(kind, name, values, |v| {
            let items = v.as_array()?;
            let texts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            Some(texts.join(", "))
        })?)),
        Kind::Float => Arc::new(Float64Array::from(cells(
            kind,
            name,
            values,
            Value::as_f64,
        )?)),
        Kind::Int => Arc::new(Int64Array::from(cells(kind, name, values, Value::as_i64)?)),
        Kind::Bool => Arc::new(BooleanArray::from(cells(
            kind,
            name,
            values,
            Value::as_bool,
        )?)),
        Kind::Date => Arc::new(Date32Array::from(cells(kind, name, values, |v| {
            v.as_str().and_then(parse_iso_day)
        })?)),
    })
}

/// Results in their JSON form as rows of the tidy table `tidy`: objects
/// keyed by its columns (what the display and the Arrow table are made of).
pub fn tidy_rows(tidy: Tidy, results: &[Value]) -> Vec<Map<String, Value>> {
    rows(tidy, results)
        .into_iter()
        .map(|(parent, row)| {
            tidy.columns()
                .iter()
                .map(|&(name, key, _)| {
                    let v = match key.strip_prefix('^') {
                        Some(k) => parent.get(k),
                        None => row.get(key),
                    };
                    (name.to_string(), v.cloned().unwrap_or(Value::Null))
                })
                .collect()
        })
        .collect()
}

/// Tidy rows (see [`tidy_rows`]) as an Arrow record batch.
pub fn tidy_batch_of_rows(tidy: Tidy, rows: &[Map<String, Value>]) -> Result<RecordBatch> {
    let mut arrays = Vec::new();
    for &(name, _, kind) in tidy.columns() {
        let values: Vec<Option<&Value>> = rows.iter().map(|r| r.get(name)).collect();
        arrays.push(column(kind, name, &values)?);
    }
    RecordBatch::try_new(Arc::new(tidy.schema()), arrays)
        .map_err(|e| DvcttError::data(tidy.as_str(), e.to_string()))
}

/// Results in their JSON form as the tidy table `tidy`.
pub fn tidy_batch_of_values(tidy: Tidy, results: &[Value]) -> Result<RecordBatch> {
    tidy_batch_of_rows(tidy, &tidy_rows(tidy, results))
}

/// Results (target evaluations, indicator results, score cards, task
/// checks) as the tidy table `tidy`.
pub fn tidy_batch<T: Serialize>(tidy: Tidy, results: &[T]) -> Result<RecordBatch> {
    let values = results
        .iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| DvcttError::data(tidy.as_str(), e.to_string()))?;
    tidy_batch_of_values(tidy, &values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::Array;

    #[test]
    fn parts_repeat_their_result_and_nulls_stay_null() {
        let results = serde_json::json!([
            {"indicator": "on_time_completion_rate", "unit_code": null, "period": "2026Q1",
             "numerator": 3.0, "denominator": 4.0, "value": 75.0, "source": "records",
             "parts": [{"name": "on_time", "count": 3.0, "share": 75.0},
                       {"name": "late", "count": 1.0, "share": 25.0}]},
            {"indicator": "online_dossier_share", "unit_code": "U1", "period": "2026Q1",
             "numerator": 0.0, "denominator": 0.0, "value": null, "source": "records",
             "parts": []}
        ]);
        let results = results.as_array().unwrap();
        let main = tidy_batch_of_values(Tidy::Indicators, results).unwrap();
        assert_eq!(main.num_rows(), 2);
        let value = main
            .column(5)
            .as_primitive::<arrow_array::types::Float64Type>();
        assert_eq!((value.value(0), value.is_null(1)), (75.0, true));
        assert!(main.column(1).is_null(0));
        let parts = tidy_batch_of_values(Tidy::Parts, results).unwrap();
        assert_eq!(parts.num_rows(), 2);
        let part = parts.column(3).as_string::<i32>();
        assert_eq!((part.value(0), part.value(1)), ("on_time", "late"));
        let ind = parts.column(0).as_string::<i32>();
        assert_eq!(ind.value(1), "on_time_completion_rate");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_naming_the_column() {
        let bad = serde_json::json!([{"task_id": "T", "as_of": "2026-13-01"}]);
        let e = tidy_batch_of_values(Tidy::Tasks, bad.as_array().unwrap()).unwrap_err();
        assert!(e.to_string().contains("as_of"), "{e}");
    }
}

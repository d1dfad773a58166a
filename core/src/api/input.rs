//! The API's inputs built from JSON values (what the Python and JS bindings
//! hand over after converting their own objects): one [`FromValue`] impl per
//! input type, with the checks every binding shares (a list of plans or
//! reports names the item at fault; a report may be given as its JSON text).

use serde_json::Value;

use crate::base::error::{DvcttError, Result};
use crate::base::json::FromValue;
use crate::data::dataset::Dataset;
use crate::engine::evaluate::EvaluateOptions;
use crate::engine::rollup::RollUpSpec;
use crate::engine::scoring::{ScoreQuery, ScoringProfile};
use crate::io::report_json;
use crate::model::consolidated::{ConsolidateOptions, ConsolidatedReport};
use crate::model::form06::{TthcForm06, TTHC_FORM06_SCHEMA};
use crate::model::indicator::Query;
use crate::model::org::{OrgDocument, OrgTree};
use crate::model::plan::Plan;
use crate::model::report::{Report, ReportRead};
use crate::model::task::{activities_from_value, Activity};
use crate::tables::table::{tables_from_value, Cell, Table};

/// Types whose inherent `from_value` is the check.
macro_rules! from_value {
    ($($t:ty),* $(,)?) => {$(
        impl FromValue for $t {
            fn from_value(value: Value) -> Result<Self> {
                <$t>::from_value(value)
            }
        }
    )*};
}

from_value!(
    Plan,
    Dataset,
    Query,
    EvaluateOptions,
    ScoringProfile,
    ScoreQuery,
    RollUpSpec,
    ConsolidateOptions,
    ConsolidatedReport,
);

/// Options for reading a file (`options`), checked before any file is opened.
impl FromValue for crate::io::options::ReadOptions {
    fn from_value(value: Value) -> Result<Self> {
        let opts: Self = crate::base::json::deserialize(value).map_err(|e| {
            let at = crate::base::error::json_path(e.path());
            let path = if at == "$" {
                "options".to_string()
            } else {
                format!("options.{at}")
            };
            DvcttError::data(path, e.inner().to_string())
        })?;
        opts.delimiter_byte()?;
        opts.encoding()?;
        opts.dates()?;
        Ok(opts)
    }
}

/// A list of plans; an error in plan `i` is placed under `plans[i]`.
impl FromValue for Vec<Plan> {
    fn from_value(value: Value) -> Result<Self> {
        let Value::Array(items) = value else {
            return Err(DvcttError::data("plans", "expected an array of plans"));
        };
        let plan = |(i, p): (usize, Value)| {
            Plan::from_value(p).map_err(|e| match e {
                DvcttError::Plan { path, detail } => DvcttError::Plan {
                    path: format!("plans[{i}].{path}"),
                    detail,
                },
                other => other,
            })
        };
        items.into_iter().enumerate().map(plan).collect()
    }
}

/// An organisation document, validated.
impl FromValue for OrgDocument {
    fn from_value(value: Value) -> Result<Self> {
        Ok(OrgTree::from_value(value)?.document().clone())
    }
}

/// An activity log.
impl FromValue for Vec<Activity> {
    fn from_value(value: Value) -> Result<Self> {
        activities_from_value(value)
    }
}

/// A report, read and upgraded; a JSON string is the report's JSON text.
impl FromValue for ReportRead {
    fn from_value(value: Value) -> Result<Self> {
        match value {
            Value::String(text) => report_json::read_report(&text),
            other => report_json::read_report_value(other),
        }
    }
}

/// A list of reports (each an object or JSON text); an error in report `i`
/// is placed under `reports[i]`.
impl FromValue for Vec<Report> {
    fn from_value(value: Value) -> Result<Self> {
        let Value::Array(items) = value else {
            return Err(DvcttError::data("reports", "expected an array of reports"));
        };
        let read = |(i, r): (usize, Value)| {
            ReportRead::from_value(r)
                .map(|read| read.report)
                .map_err(|e| report_json::in_list(e, "reports", i))
        };
        items.into_iter().enumerate().map(read).collect()
    }
}

/// A form 06 (object or JSON text); another kind of report is a `Data`
/// error at `schema`.
impl FromValue for TthcForm06 {
    fn from_value(value: Value) -> Result<Self> {
        match ReportRead::from_value(value)?.report {
            Report::Form06(f) => Ok(f),
            other => Err(DvcttError::data(
                "schema",
                format!(
                    "expected \"{TTHC_FORM06_SCHEMA}\", found \"{}\"",
                    other.schema()
                ),
            )),
        }
    }
}

/// Tables: one table object or a list of them.
impl FromValue for Vec<Table> {
    fn from_value(value: Value) -> Result<Self> {
        tables_from_value(value)
    }
}

/// Exactly one table.
impl FromValue for Table {
    fn from_value(value: Value) -> Result<Self> {
        let mut list = tables_from_value(value)?;
        if list.len() != 1 {
            return Err(DvcttError::data(
                "$",
                format!("one table expected, got {}", list.len()),
            ));
        }
        Ok(list.remove(0))
    }
}

/// A cell (`{"kind": "percent", "value": 80.5}`).
impl FromValue for Cell {
    fn from_value(value: Value) -> Result<Self> {
        serde_json::from_value(value).map_err(|e| DvcttError::data("$", e.to_string()))
    }
}

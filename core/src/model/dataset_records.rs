//! Records given as data (JSON, Python dicts, JS objects, Kotlin records,
//! or by hand): the data set as records and the aggregates units report,
//! with the rules a type cannot express.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::period::Period;
use crate::model::indicator::IndicatorId;
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::{Dossier, StaffMember, SurveyResponse};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A figure a unit reports instead of raw records (số liệu báo cáo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Aggregate {
    pub indicator: IndicatorId,
    pub unit_code: String,
    /// Period id, e.g. `2026Q1`.
    pub period: String,
    pub numerator: f64,
    pub denominator: f64,
}

/// A data set as records: the form JSON, Python dicts, JS objects and Kotlin
/// records take, and what a caller writes by hand. Computations read the
/// columnar [`Dataset`](crate::data::dataset::Dataset) built from it.
/// Unknown top-level keys are an error (a misspelt `"dossier"` would
/// otherwise give an empty dataset). TypeScript and Kotlin also know it
/// as `Dataset`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Dataset"))]
pub struct DatasetRecords {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dossiers: Vec<Dossier>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub survey: Vec<SurveyResponse>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub staff: Vec<StaffMember>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub aggregates: Vec<Aggregate>,
    /// Procedure catalogue (danh mục TTHC).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub procedures: Vec<Procedure>,
    /// Units expected to promote online services.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub units: Vec<UnitEntry>,
    /// Communication products (sản phẩm truyền thông).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub publications: Vec<Publication>,
    /// Outreach sessions of community digital teams.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub outreach: Vec<OutreachSession>,
    /// Citizens' feedback (phản ánh, kiến nghị).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub feedback: Vec<Feedback>,
    /// Optional columns the inputs did not have (a CSV file without the
    /// column, a JSON list whose records all lack the key): the indicators
    /// that need them are not computed, rather than counted as `false`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub absent_columns: Vec<AbsentColumn>,
    /// Record kinds the inputs gave even if they hold no record of them
    /// (an export with its header only: nothing happened). A count
    /// (`dossiers_received`, `people_guided`, `events_held`,
    /// `products_published`) over a kind with no record that is not listed
    /// here is not computed — a file not given is no figure — where a
    /// kind listed gives 0. Readers of files fill it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub given_kinds: Vec<RecordKind>,
}

use crate::model::records::{RecordKind, DOSSIER_OPTIONAL, STAFF_OPTIONAL};

/// An optional column that an input of records did not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AbsentColumn {
    pub kind: RecordKind,
    pub column: String,
    /// The file (or JSON list) without it.
    pub source: String,
}

/// The optional columns of the records given as JSON that decide an
/// indicator, by list: a key no record of a non-empty list has is absent.
const OPTIONAL_KEYS: [(RecordKind, &str, &[&str]); 2] = [
    (RecordKind::Dossiers, "dossiers", DOSSIER_OPTIONAL),
    (RecordKind::Staff, "staff", STAFF_OPTIONAL),
];

/// The optional keys that no record of a list has.
fn absent_keys(value: &serde_json::Value) -> Vec<AbsentColumn> {
    let mut absent = Vec::new();
    for (kind, list, keys) in OPTIONAL_KEYS {
        let Some(items) = value.get(list).and_then(|v| v.as_array()) else {
            continue;
        };
        if items.is_empty() {
            continue;
        }
        for key in keys {
            if !items.iter().any(|r| r.get(key).is_some()) {
                absent.push(AbsentColumn {
                    kind,
                    column: key.to_string(),
                    source: list.to_string(),
                });
            }
        }
    }
    absent
}

impl DatasetRecords {
    /// Parses a dataset from JSON text (`{"dossiers": [...], "survey": [...], ...}`).
    pub fn from_json(text: &str) -> Result<Self> {
        let value = crate::base::json::parse_json(text, "$")?;
        Self::from_value(value)
    }

    /// Builds a dataset from an already-parsed JSON value (what bindings hand over).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::base::error::require_object(&value, "$", "a dataset")?;
        crate::model::indicator::check_indicator_ids(&value, "aggregates", "indicator")?;
        let inferred = absent_keys(&value);
        let mut ds: DatasetRecords =
            crate::base::json::deserialize(value).map_err(|e| DvcttError::Data {
                path: json_path(e.path()),
                detail: e.inner().to_string(),
            })?;
        for a in inferred {
            if !ds.absent_columns.contains(&a) {
                ds.absent_columns.push(a);
            }
        }
        ds.validate()?;
        Ok(ds)
    }

    /// Rules a type cannot express: unique ids, valid periods, sane counts.
    pub fn validate(&self) -> Result<()> {
        fn unique<'a>(kind: &str, field: &str, ids: impl Iterator<Item = &'a str>) -> Result<()> {
            let mut seen = HashMap::new();
            for (i, id) in ids.enumerate() {
                if let Some(first) = seen.insert(id, i) {
                    return Err(DvcttError::Data {
                        path: format!("{kind}[{i}].{field}"),
                        detail: format!("duplicate id `{id}` (first at {kind}[{first}])"),
                    });
                }
            }
            Ok(())
        }
        unique(
            "dossiers",
            "dossier_id",
            self.dossiers.iter().map(|d| d.dossier_id.as_str()),
        )?;
        unique(
            "survey",
            "response_id",
            self.survey.iter().map(|r| r.response_id.as_str()),
        )?;
        for (i, r) in self.survey.iter().enumerate() {
            if let Some((field, detail)) = r.check() {
                return Err(DvcttError::Data {
                    path: format!("survey[{i}].{field}"),
                    detail,
                });
            }
        }
        unique(
            "staff",
            "person_id",
            self.staff.iter().map(|s| s.person_id.as_str()),
        )?;
        unique(
            "procedures",
            "procedure_id",
            self.procedures.iter().map(|p| p.procedure_id.as_str()),
        )?;
        unique(
            "units",
            "unit_code",
            self.units.iter().map(|u| u.unit_code.as_str()),
        )?;
        unique(
            "publications",
            "publication_id",
            self.publications.iter().map(|p| p.publication_id.as_str()),
        )?;
        unique(
            "outreach",
            "session_id",
            self.outreach.iter().map(|o| o.session_id.as_str()),
        )?;
        unique(
            "feedback",
            "feedback_id",
            self.feedback.iter().map(|f| f.feedback_id.as_str()),
        )?;
        validate_logs(self)?;
        for (i, a) in self.aggregates.iter().enumerate() {
            let err = |field: &str, detail: String| DvcttError::Data {
                path: format!("aggregates[{i}].{field}"),
                detail,
            };
            if let Err(e) = a.period.parse::<Period>() {
                return Err(err("period", e.to_string()));
            }
            for (field, v) in [("numerator", a.numerator), ("denominator", a.denominator)] {
                if !v.is_finite() || v < 0.0 {
                    return Err(err(
                        field,
                        format!("{v} is not a count (must be finite and ≥ 0)"),
                    ));
                }
            }
            if !a.indicator.is_ratio() && a.denominator != 0.0 {
                return Err(err(
                    "denominator",
                    format!(
                        "{} is a count: its aggregate has no denominator (give 0)",
                        a.indicator
                    ),
                ));
            }
            if a.indicator.is_ratio() && a.numerator > a.denominator {
                return Err(err(
                    "numerator",
                    format!(
                        "numerator {} exceeds denominator {}",
                        a.numerator, a.denominator
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Checks the new kinds of a dataset given as JSON: unique ids and the
/// per-record rules, reported with their JSON path.
fn validate_logs(d: &DatasetRecords) -> Result<()> {
    fn rules<T>(
        kind: &str,
        items: &[T],
        check: fn(&T) -> Option<(&'static str, String)>,
    ) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            if let Some((field, detail)) = check(item) {
                return Err(DvcttError::Data {
                    path: format!("{kind}[{i}].{field}"),
                    detail,
                });
            }
        }
        Ok(())
    }
    rules("procedures", &d.procedures, Procedure::check)?;
    rules("units", &d.units, UnitEntry::check)?;
    rules("feedback", &d.feedback, Feedback::check)
}

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
}

impl DatasetRecords {
    /// Parses a dataset from JSON text (`{"dossiers": [...], "survey": [...], ...}`).
    pub fn from_json(text: &str) -> Result<Self> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| DvcttError::Data {
                path: "$".into(),
                detail: format!("not valid JSON: {e}"),
            })?;
        Self::from_value(value)
    }

    /// Builds a dataset from an already-parsed JSON value (what bindings hand over).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::base::error::require_object(&value, "$", "a dataset")?;
        crate::model::indicator::check_indicator_ids(&value, "aggregates", "indicator")?;
        let ds: DatasetRecords =
            serde_path_to_error::deserialize(value).map_err(|e| DvcttError::Data {
                path: json_path(e.path()),
                detail: e.inner().to_string(),
            })?;
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

//! `dvctt/consolidated-report@1`: what the consolidating office (e.g. Văn
//! phòng Sở) makes of the units' reports for one period, and the options of
//! the consolidation. The document types only: the consolidation itself is
//! `reports::consolidate`, its tables `tables::consolidated`.

use crate::base::error::{json_path, require_object, DvcttError, Result};
use crate::base::time::Timestamp;
use crate::model::dataset_records::DatasetRecords;
use crate::model::indicator::IndicatorId;
use crate::model::org::OrgDocument;
use crate::model::plan::{Comparator, ReportingObligation};
use crate::model::report::{Finding, PlanRef};
use crate::model::target_status::TargetStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Schema id of a consolidated report.
pub const CONSOLIDATED_REPORT_SCHEMA: &str = "dvctt/consolidated-report@1";

fn default_tolerance() -> f64 {
    2.0
}
fn default_k() -> u32 {
    5
}

/// Options of the consolidation (`reports::consolidate::run::consolidate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsolidateOptions {
    /// The period consolidated (kỳ báo cáo), e.g. `2026VNQ1`.
    pub period: String,
    /// Organisation tree (`dvctt/org@1`): sums up the tree, checks units.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub org: Option<OrgDocument>,
    /// Org unit the totals are for; units outside its subtree are listed,
    /// not summed (needs `org`). Default: every unit.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub root: Option<String>,
    /// The reporting call (yêu cầu báo cáo) given by the office; default: the
    /// plan's obligations that have a frequency, with the reporters that are
    /// unit codes.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub obligations: Option<Vec<ReportingObligation>>,
    /// RFC 3339 instant of the consolidation (default: the system clock):
    /// `submitted_at` may not exceed it, and it is the report's `generated_at`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub now: Option<Timestamp>,
    /// Largest difference between a reported figure and the records that is
    /// not flagged: percentage points for ratios; for counts, percent of the
    /// figure computed from the records (default 2).
    #[serde(default = "default_tolerance")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 2.0))]
    pub tolerance_pp: f64,
    /// Raw records to recompute each unit's figures from.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub data: Option<DatasetRecords>,
    /// Public tables withhold rates whose denominator is below k (default 5).
    #[serde(default = "default_k")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 5))]
    pub suppression_k: u32,
    /// Date the targets are judged at (default: the period's last day).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<NaiveDate>,
}

impl ConsolidateOptions {
    /// Options for a period, everything else by default.
    pub fn for_period(period: &str) -> Self {
        ConsolidateOptions {
            period: period.into(),
            org: None,
            root: None,
            obligations: None,
            now: None,
            tolerance_pp: default_tolerance(),
            data: None,
            suppression_k: default_k(),
            as_of: None,
        }
    }

    /// Builds options from a JSON value; errors name the path under `options`.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        require_object(&value, "options", "consolidation options")?;
        crate::base::json::deserialize(value).map_err(|e| {
            let at = json_path(e.path());
            DvcttError::Data {
                path: if at == "$" {
                    "options".into()
                } else {
                    format!("options.{at}")
                },
                detail: e.inner().to_string(),
            }
        })
    }
}

/// Where a unit stands in the reporting (tình hình gửi báo cáo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReportingStatus {
    /// Expected, received on or before the due day (đúng hạn).
    OnTime,
    /// Expected, received after the due day (trễ hạn).
    Late,
    /// Expected, received; the obligation states no due day.
    Received,
    /// Expected, not received (chưa gửi).
    Missing,
    /// Received from a unit no obligation expects (không thuộc diện báo cáo).
    NotExpected,
}

/// One report given to [`consolidate`] and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportEntry {
    /// Index in the list given.
    pub index: u32,
    /// `unit`, `team`, or the schema id of another kind.
    pub kind: String,
    pub unit: String,
    pub period: String,
    /// RFC 3339 instant the report was submitted, as it gives it.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub submitted_at: Timestamp,
    /// Whether it is the current report of its kind, plan, unit and period.
    pub current: bool,
    /// Index of the report that replaces it (R018).
    pub superseded_by: Option<u32>,
    /// Whether its figures are consolidated: a current unit report on the
    /// plan for the period.
    pub consolidated: bool,
    /// Its validation findings (R018 when superseded).
    pub findings: Vec<Finding>,
}

/// A finding of the consolidation itself (R030–R035).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsolidationFinding {
    /// Index of the report concerned; `None` for a missing report.
    pub report: Option<u32>,
    pub unit: String,
    pub finding: Finding,
}

/// Reporting against one obligation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ObligationReporting {
    pub obligation: String,
    pub frequency: String,
    /// The due day for this period; `None` when the obligation states none.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub due: Option<NaiveDate>,
    pub expected: u32,
    pub received: u32,
    /// Received on or before the due day (0 without a due day).
    pub on_time: u32,
    /// `100 × received ÷ expected`; `None` when nothing is expected.
    pub completeness: Option<f64>,
    /// `100 × on_time ÷ expected`; `None` without a due day or expected report.
    pub timeliness: Option<f64>,
}

/// An expected report that did not arrive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MissingReport {
    pub unit: String,
    pub obligation: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub due: Option<NaiveDate>,
}

/// A report that arrived after its due day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LateReport {
    pub unit: String,
    pub obligation: String,
    /// Index of the (current) report.
    pub report: u32,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub due: NaiveDate,
    /// RFC 3339 instant the report was submitted, as it gives it.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub submitted_at: Timestamp,
    /// Days between the due day and the day of submission, in Vietnam time.
    pub days_late: i64,
}

/// Completeness and timeliness of the reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportingSummary {
    pub obligations: Vec<ObligationReporting>,
    /// Expected (unit, period) pairs: distinct units over every obligation.
    pub expected: u32,
    pub received: u32,
    pub on_time: u32,
    /// Expected units whose obligation states a due day.
    pub expected_with_due: u32,
    /// `100 × received ÷ expected`; `None` when nothing is expected.
    pub completeness: Option<f64>,
    /// `100 × on_time ÷ expected_with_due`; `None` when that is 0.
    pub timeliness: Option<f64>,
    pub missing: Vec<MissingReport>,
    pub late: Vec<LateReport>,
}

/// A figure: numerator and denominator (a count: the count and 0) and the
/// value (`100 × num ÷ den` for ratios, `None` when den is 0; the count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitFigure {
    pub indicator: IndicatorId,
    /// Reported numerator (the count for counts); `None` when not reported.
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub value: Option<f64>,
    /// Whether it was summed into the totals (a current report for the
    /// period, a usable figure, the unit under the root).
    pub summed: bool,
}

/// One unit's row: status and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitRow {
    pub unit: String,
    /// Name from the org tree, when known.
    pub name: Option<String>,
    pub status: ReportingStatus,
    /// Index of the current report for the period.
    pub report: Option<u32>,
    /// RFC 3339 instant the current report was submitted, as it gives it.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub submitted_at: Option<Timestamp>,
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub due: Option<NaiveDate>,
    pub days_late: Option<i64>,
    /// Whether the unit is under the root (always, without a root).
    pub in_root: bool,
    /// The nearest org node above the unit whose subtotal is in
    /// `by_org_unit`; `None`: the unit adds up directly to the total.
    pub consolidated_in: Option<String>,
    /// One per plan indicator, in the plan's order.
    pub figures: Vec<UnitFigure>,
}

/// Σ numerators and Σ denominators of the current reports under a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsolidatedFigure {
    /// The org node; `None` for the total without a root.
    pub unit_code: Option<String>,
    pub indicator: IndicatorId,
    pub numerator: f64,
    pub denominator: f64,
    /// Ratio: `100 × Σnum ÷ Σden`, `None` when Σden is 0; count: Σ.
    pub value: Option<f64>,
    /// Reports whose figure is in the sums.
    pub reports: u32,
}

/// A reported figure against the same figure computed from the records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordComparison {
    pub unit: String,
    pub indicator: IndicatorId,
    pub report: u32,
    /// JSON path of the reported figure in its report.
    pub path: String,
    pub reported_numerator: f64,
    pub reported_denominator: f64,
    pub reported_value: Option<f64>,
    pub computed_numerator: f64,
    pub computed_denominator: f64,
    pub computed_value: Option<f64>,
    /// `reported − computed` value (pp for ratios); `None` unless both have data.
    pub difference: Option<f64>,
    /// Beyond the tolerance (finding R033).
    pub flagged: bool,
}

/// A plan target judged on the consolidated total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsolidatedTarget {
    pub target_id: String,
    pub indicator: IndicatorId,
    pub comparator: Comparator,
    pub threshold: f64,
    pub applicable_threshold: f64,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deadline: NaiveDate,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub as_of: NaiveDate,
    pub numerator: f64,
    pub denominator: f64,
    pub value: Option<f64>,
    pub status: TargetStatus,
    pub gap_pp: Option<f64>,
}

/// A target that could not be judged on the reports, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetNotJudged {
    pub target_id: String,
    pub reason: String,
}

/// The units' results on one plan task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskSummary {
    pub task: String,
    pub title: String,
    pub kept: u32,
    pub partial: u32,
    pub in_progress: u32,
    pub missed: u32,
    pub not_started: u32,
    /// Σ activities reported.
    pub activities: i64,
    /// Assigned units (lead or cooperating, unit codes) that gave no result.
    pub no_result: Vec<String>,
}

/// `dvctt/consolidated-report@1`: what the consolidating office produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConsolidatedReport {
    /// Always [`CONSOLIDATED_REPORT_SCHEMA`].
    pub schema: String,
    pub plan: PlanRef,
    pub period: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub period_start: NaiveDate,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub period_end: NaiveDate,
    pub root: Option<String>,
    /// RFC 3339 instant of the consolidation (`now`).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub generated_at: Timestamp,
    pub tolerance_pp: f64,
    pub suppression_k: u32,
    /// The plan indicators consolidated, in the plan's order.
    pub indicators: Vec<IndicatorId>,
    pub reporting: ReportingSummary,
    pub reports: Vec<ReportEntry>,
    pub units: Vec<UnitRow>,
    /// The totals (one per indicator) for the root, or every unit.
    pub total: Vec<ConsolidatedFigure>,
    /// Org nodes above reporting units (root excluded), by level then code.
    pub by_org_unit: Vec<ConsolidatedFigure>,
    pub comparisons: Vec<RecordComparison>,
    pub targets: Vec<ConsolidatedTarget>,
    pub targets_not_judged: Vec<TargetNotJudged>,
    pub tasks: Vec<TaskSummary>,
    /// R030–R035, by rule, then unit.
    pub findings: Vec<ConsolidationFinding>,
}

impl ConsolidatedReport {
    /// Reads a consolidated report from its JSON value (e.g. one written by
    /// `dvctt consolidate --out`); errors name the JSON path.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        require_object(&value, "$", "a consolidated report")?;
        let r: Self = crate::base::json::deserialize(value)
            .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
        if r.schema != CONSOLIDATED_REPORT_SCHEMA {
            return Err(DvcttError::data(
                "schema",
                format!(
                    "expected \"{CONSOLIDATED_REPORT_SCHEMA}\", found \"{}\"",
                    r.schema
                ),
            ));
        }
        Ok(r)
    }
}

//! Consolidation (tổng hợp báo cáo): what the consolidating office (e.g.
//! Văn phòng Sở) makes of the units' reports for one period — who reported,
//! on time or late, who did not; every unit's figures; the sums up the
//! organisation tree; the figures checked against raw records; the plan's
//! targets judged on the consolidated totals; the tasks' results.
//!
//! Completeness and timeliness are counted from what arrived and when
//! (`submitted_at`), never from a "complete" flag: each obligation with a
//! frequency expects one report per reporter for the period; both rates are
//! counts of expected (unit, period) pairs, so they never exceed 100%.
//! Ratios add up as Σ numerator ÷ Σ denominator; a zero denominator is no
//! data.

use crate::base::error::{DvcttError, Result};
use crate::base::period::{Period, PeriodKind};
use crate::data::dataset::Dataset;
use crate::engine::compute::compute;
use crate::engine::evaluate::{evaluate_plan, EvaluateOptions, TargetStatus};
use crate::export::table::{Cell, Column, ColumnKind, Table};
use crate::model::dataset_records::Aggregate;
use crate::model::indicator::{IndicatorId, Query, Scope, Source};
use crate::model::org::{OrgDocument, OrgTree};
use crate::model::plan::{Comparator, Plan, ReportDue, ReportFrequency, ReportingObligation};
use crate::model::records::RecordKind;
use crate::model::report::{
    finding, parse_timestamp, supersede, system_now, validate, Finding, PlanRef, Report,
    TaskStatus, UnitReport,
};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Schema id of a consolidated report.
pub const CONSOLIDATED_REPORT_SCHEMA: &str = "dvctt/consolidated-report@1";

fn default_tolerance() -> f64 {
    2.0
}
fn default_k() -> u32 {
    5
}

/// Options of [`consolidate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
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
    pub now: Option<String>,
    /// Largest difference between a reported figure and the records that is
    /// not flagged: percentage points for ratios; for counts, percent of the
    /// figure computed from the records (default 2).
    #[serde(default = "default_tolerance")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 2.0))]
    pub tolerance_pp: f64,
    /// Raw records to recompute each unit's figures from.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub data: Option<Dataset>,
    /// Public tables withhold rates whose denominator is below k (default 5).
    #[serde(default = "default_k")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 5))]
    pub suppression_k: u32,
    /// Date the targets are judged at (default: the period's last day).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
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
        crate::base::error::require_object(&value, "options", "consolidation options")?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            let at = crate::base::error::json_path(e.path());
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
    pub submitted_at: String,
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
    pub submitted_at: String,
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
    pub submitted_at: Option<String>,
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
    pub generated_at: String,
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
        crate::base::error::require_object(&value, "$", "a consolidated report")?;
        let r: Self = serde_path_to_error::deserialize(value).map_err(|e| {
            err(
                crate::base::error::json_path(e.path()),
                e.inner().to_string(),
            )
        })?;
        if r.schema != CONSOLIDATED_REPORT_SCHEMA {
            return Err(err(
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

fn err(path: impl Into<String>, detail: impl Into<String>) -> DvcttError {
    DvcttError::Data {
        path: path.into(),
        detail: detail.into(),
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pct(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| 100.0 * f64::from(num) / f64::from(den))
}

fn frequency_name(f: ReportFrequency) -> &'static str {
    match f {
        ReportFrequency::Monthly => "monthly",
        ReportFrequency::Quarterly => "quarterly",
        ReportFrequency::HalfYearly => "half_yearly",
        ReportFrequency::Yearly => "yearly",
    }
}

/// Whether a period's kind is one a frequency reports on.
fn fits(f: ReportFrequency, kind: PeriodKind) -> bool {
    use PeriodKind as K;
    match f {
        ReportFrequency::Monthly => matches!(kind, K::Month | K::VnMonth),
        ReportFrequency::Quarterly => matches!(kind, K::Quarter | K::VnQuarter),
        ReportFrequency::HalfYearly => matches!(kind, K::SixMonth | K::VnSixMonth),
        ReportFrequency::Yearly => matches!(kind, K::Year | K::VnYear),
    }
}

/// The due day of a report on `period`: `days_after_period_end` → the
/// period's end plus the days; `fixed_date` → that day in the year the
/// period ends, or the next year when it falls before the period's end.
pub fn due_day(due: &ReportDue, period: &Period, path: &str) -> Result<NaiveDate> {
    let end = period.end();
    match due {
        ReportDue::DaysAfterPeriodEnd { days } => end
            .checked_add_days(chrono::Days::new(u64::from(*days)))
            .ok_or_else(|| err(path, "due day out of range")),
        ReportDue::FixedDate { month, day } => {
            let on = |y: i32| {
                NaiveDate::from_ymd_opt(y, *month, *day)
                    .ok_or_else(|| err(path, format!("{day}/{month} is not a day of {y}")))
            };
            let d = on(end.year())?;
            if d < end {
                on(end.year() + 1)
            } else {
                Ok(d)
            }
        }
    }
}

/// Vietnam time (+07:00).
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or(chrono::Utc.fix())
}

fn kind_of(r: &Report) -> String {
    match r {
        Report::Unit(_) => "unit".into(),
        Report::Team(_) => "team".into(),
        Report::Form06(_) => "form06".into(),
        #[allow(unreachable_patterns)]
        other => other.schema().to_string(),
    }
}

/// A reporter that is a unit code: known to the tree, or without the tree,
/// a single word (the plan may name a group, "các đơn vị trực thuộc").
fn is_unit_code(code: &str, tree: Option<&OrgTree>) -> bool {
    match tree {
        Some(t) => !t.versions(code).is_empty(),
        None => !code.trim().is_empty() && !code.contains(char::is_whitespace),
    }
}

/// A usable figure of a report: (numerator, denominator) — for a count
/// (count, 0) — when it has no error (complete, not negative, numerator not
/// above denominator).
fn usable(ind: IndicatorId, v: &crate::model::report::IndicatorValue) -> Option<(f64, f64)> {
    if ind.is_ratio() {
        match (v.numerator, v.denominator, v.count) {
            (Some(n), Some(d), None) if n >= 0 && d >= 0 && n <= d => Some((n as f64, d as f64)),
            _ => None,
        }
    } else {
        match (v.count, v.numerator) {
            (Some(c), _) if c >= 0 => Some((c as f64, 0.0)),
            (None, Some(n)) if n >= 0 => Some((n as f64, 0.0)),
            _ => None,
        }
    }
}

fn value_of(ind: IndicatorId, num: f64, den: f64) -> Option<f64> {
    if ind.is_ratio() {
        (den > 0.0).then(|| 100.0 * num / den)
    } else {
        Some(num)
    }
}

/// One expected unit: the obligation that expects it and its due day.
struct Expected {
    obligation: String,
    due: Option<NaiveDate>,
}

/// Consolidates the units' reports on `plan` for `options.period`; see the
/// module documentation and the README ("Consolidated report").
pub fn consolidate(
    plan: &Plan,
    reports: &[Report],
    options: &ConsolidateOptions,
) -> Result<ConsolidatedReport> {
    let period: Period = options
        .period
        .parse()
        .map_err(|e: DvcttError| err("options.period", e.to_string()))?;
    if !(options.tolerance_pp >= 0.0 && options.tolerance_pp.is_finite()) {
        return Err(err(
            "options.tolerance_pp",
            format!("{} is not a number ≥ 0", options.tolerance_pp),
        ));
    }
    if let Some(d) = &options.data {
        d.validate().map_err(|e| match e {
            DvcttError::Data { path, detail } => err(format!("options.data.{path}"), detail),
            other => other,
        })?;
    }
    let tree = options.org.clone().map(OrgTree::new).transpose()?;
    let now: DateTime<FixedOffset> = match &options.now {
        Some(s) => parse_timestamp(s, "options.now")?,
        None => system_now(),
    };
    let on_day = period.end();
    let root = options.root.clone();
    if let Some(r) = &root {
        let Some(t) = &tree else {
            return Err(err(
                "options.root",
                "a root needs an org tree (options.org)",
            ));
        };
        if t.active_at(r, on_day).is_none() {
            return Err(err(
                "options.root",
                format!("unit {r} is not in the org tree on {on_day}"),
            ));
        }
    }
    let in_root = |unit: &str| -> bool {
        match (&root, &tree) {
            (Some(r), Some(t)) => {
                unit == r || t.ancestors(unit, on_day).iter().any(|a| &a.code == r)
            }
            _ => true,
        }
    };

    // 1. Validate every report; supersession decides the current ones.
    let sup = supersede(reports)?;
    let mut entries = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let findings = validate(r, Some(plan), tree.as_ref(), Some(now))
            .map_err(|e| crate::model::report::in_list(e, "reports", i))?;
        entries.push(ReportEntry {
            index: u32_of(i),
            kind: kind_of(r),
            unit: r.unit().to_string(),
            period: r.period().to_string(),
            submitted_at: r.submitted_at().to_string(),
            current: sup.current.contains(&u32_of(i)),
            superseded_by: None,
            consolidated: false,
            findings,
        });
    }
    for s in &sup.superseded {
        if let Some(e) = entries.get_mut(s.report as usize) {
            e.superseded_by = Some(s.by);
            e.findings.push(s.finding.clone());
        }
    }
    let mut cfind: Vec<ConsolidationFinding> = Vec::new();
    let mut push = |report: Option<usize>, unit: &str, f: Finding| {
        cfind.push(ConsolidationFinding {
            report: report.map(u32_of),
            unit: unit.to_string(),
            finding: f,
        });
    };

    // The current unit reports on the plan for the period, by unit.
    let mut current: BTreeMap<String, (usize, &UnitReport)> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        if !entries[i].current {
            continue;
        }
        let Report::Unit(u) = r else {
            push(
                Some(i),
                r.unit(),
                finding(
                    "R035-report-not-consolidated",
                    "schema",
                    format!(
                        "Báo cáo loại {} không được tổng hợp (chỉ tổng hợp báo cáo của đơn vị)",
                        kind_of(r)
                    ),
                    format!(
                        "a {} report is not consolidated (only unit reports are)",
                        kind_of(r)
                    ),
                ),
            );
            continue;
        };
        if !u.plan.designates(plan) {
            push(
                Some(i),
                &u.unit,
                finding(
                    "R035-report-not-consolidated",
                    "plan",
                    format!(
                        "Báo cáo về kế hoạch khác, không thuộc kế hoạch {}: không được tổng hợp",
                        plan.id
                    ),
                    format!(
                        "a report on another plan than {}: not consolidated",
                        plan.id
                    ),
                ),
            );
            continue;
        }
        let rp: Period = u
            .period
            .parse()
            .map_err(|e: DvcttError| err(format!("reports[{i}].period"), e.to_string()))?;
        if rp.id() != period.id() {
            push(
                Some(i),
                &u.unit,
                finding(
                    "R034-report-other-period",
                    "period",
                    format!(
                        "Báo cáo kỳ {rp}, không phải kỳ tổng hợp {period}: không được tổng hợp"
                    ),
                    format!(
                        "report for {rp}, not the consolidated period {period}: not consolidated"
                    ),
                ),
            );
            continue;
        }
        entries[i].consolidated = true;
        current.insert(u.unit.clone(), (i, u));
    }

    // 2. Expected reports.
    let obligations: Vec<(String, ReportingObligation)> = match &options.obligations {
        Some(list) => {
            for (j, o) in list.iter().enumerate() {
                if o.frequency.is_none() {
                    return Err(err(
                        format!("options.obligations[{j}].frequency"),
                        format!("the reporting call {} needs a frequency", o.id),
                    ));
                }
            }
            list.iter()
                .enumerate()
                .map(|(j, o)| (format!("options.obligations[{j}]"), o.clone()))
                .collect()
        }
        None => plan
            .reporting
            .iter()
            .enumerate()
            .filter(|(_, o)| o.frequency.is_some())
            .map(|(j, o)| {
                let mut o = o.clone();
                o.reporters.retain(|r| is_unit_code(r, tree.as_ref()));
                (format!("plan.reporting[{j}]"), o)
            })
            .filter(|(_, o)| !o.reporters.is_empty())
            .collect(),
    };
    let mut expected: BTreeMap<String, Expected> = BTreeMap::new();
    let mut per_obligation = Vec::new();
    for (path, o) in &obligations {
        let Some(freq) = o.frequency else { continue };
        if !fits(freq, period.kind()) {
            return Err(err(
                format!("{path}.frequency"),
                format!(
                    "obligation {} is {} but period {period} is not a {} period",
                    o.id,
                    frequency_name(freq),
                    frequency_name(freq)
                ),
            ));
        }
        let due = o
            .due
            .as_ref()
            .map(|d| due_day(d, &period, &format!("{path}.due")))
            .transpose()?;
        let mut units: Vec<&String> = o.reporters.iter().collect();
        units.sort();
        units.dedup();
        let (mut received, mut on_time) = (0u32, 0u32);
        for u in &units {
            if let Some((_, r)) = current.get(u.as_str()) {
                received += 1;
                if let Some(d) = due {
                    if submitted_day(r)? <= d {
                        on_time += 1;
                    }
                }
            }
            // A unit in several obligations keeps the earliest due day.
            let e = expected.entry((*u).clone()).or_insert(Expected {
                obligation: o.id.clone(),
                due,
            });
            if let (Some(d), Some(old)) = (due, e.due) {
                if d < old {
                    *e = Expected {
                        obligation: o.id.clone(),
                        due: Some(d),
                    };
                }
            } else if e.due.is_none() && due.is_some() {
                *e = Expected {
                    obligation: o.id.clone(),
                    due,
                };
            }
        }
        let n = u32_of(units.len());
        per_obligation.push(ObligationReporting {
            obligation: o.id.clone(),
            frequency: frequency_name(freq).into(),
            due,
            expected: n,
            received,
            on_time,
            completeness: pct(received, n),
            timeliness: due.and_then(|_| pct(on_time, n)),
        });
    }

    // Per unit: status.
    let names = |u: &str| tree.as_ref().and_then(|t| t.get(u)).map(|x| x.name.clone());
    let indicators: Vec<IndicatorId> = {
        let mut v = Vec::new();
        for t in &plan.targets {
            if !v.contains(&t.indicator) {
                v.push(t.indicator);
            }
        }
        v
    };
    let all_units: BTreeSet<&String> = expected.keys().chain(current.keys()).collect();
    let mut rows = Vec::new();
    let (mut received, mut on_time, mut with_due) = (0u32, 0u32, 0u32);
    let mut missing = Vec::new();
    let mut late = Vec::new();
    for u in all_units {
        let exp = expected.get(u);
        let cur = current.get(u.as_str()).copied();
        let mut row = UnitRow {
            unit: u.clone(),
            name: names(u),
            status: ReportingStatus::NotExpected,
            report: cur.map(|c| u32_of(c.0)),
            submitted_at: cur.map(|c| c.1.submitted_at.clone()),
            due: exp.and_then(|e| e.due),
            days_late: None,
            in_root: in_root(u),
            consolidated_in: None,
            figures: Vec::new(),
        };
        if let Some(e) = exp {
            if e.due.is_some() {
                with_due += 1;
            }
            match (cur, e.due) {
                (None, _) => {
                    row.status = ReportingStatus::Missing;
                    missing.push(MissingReport {
                        unit: u.clone(),
                        obligation: e.obligation.clone(),
                        due: e.due,
                    });
                    let due_txt = e.due.map(|d| d.to_string()).unwrap_or_default();
                    push(
                        None,
                        u,
                        finding(
                            "R032-report-missing",
                            "$",
                            format!(
                                "Đơn vị {u} chưa gửi báo cáo kỳ {period} (yêu cầu {}{})",
                                e.obligation,
                                if due_txt.is_empty() {
                                    String::new()
                                } else {
                                    format!(", hạn {due_txt}")
                                }
                            ),
                            format!(
                                "unit {u} sent no report for {period} (call {}{})",
                                e.obligation,
                                if due_txt.is_empty() {
                                    String::new()
                                } else {
                                    format!(", due {due_txt}")
                                }
                            ),
                        ),
                    );
                }
                (Some((i, r)), Some(due)) => {
                    received += 1;
                    let day = submitted_day(r)?;
                    if day <= due {
                        on_time += 1;
                        row.status = ReportingStatus::OnTime;
                    } else {
                        let days = (day - due).num_days();
                        row.status = ReportingStatus::Late;
                        row.days_late = Some(days);
                        late.push(LateReport {
                            unit: u.clone(),
                            obligation: e.obligation.clone(),
                            report: u32_of(i),
                            due,
                            submitted_at: r.submitted_at.clone(),
                            days_late: days,
                        });
                        push(
                            Some(i),
                            u,
                            finding(
                                "R031-report-late",
                                "submitted_at",
                                format!("Báo cáo gửi ngày {day}, trễ {days} ngày so với hạn {due}"),
                                format!(
                                    "submitted on {day}, {days} day(s) after the due day {due}"
                                ),
                            ),
                        );
                    }
                }
                (Some(_), None) => {
                    received += 1;
                    row.status = ReportingStatus::Received;
                }
            }
        } else if let Some((i, _)) = cur {
            push(
                Some(i),
                u,
                finding(
                    "R030-report-not-expected",
                    "unit",
                    format!("Đơn vị {u} không thuộc diện phải báo cáo kỳ {period}"),
                    format!("unit {u} is not asked to report for {period}"),
                ),
            );
        }
        // 3. Figures.
        for &ind in &indicators {
            let v = cur.and_then(|(_, r)| r.indicators.iter().find(|v| v.indicator == ind));
            let fig = v.and_then(|v| usable(ind, v));
            let (num, den) = match v {
                Some(v) if ind.is_ratio() => (
                    v.numerator.map(|x| x as f64),
                    v.denominator.map(|x| x as f64),
                ),
                Some(v) => (v.count.or(v.numerator).map(|x| x as f64), Some(0.0)),
                None => (None, None),
            };
            row.figures.push(UnitFigure {
                indicator: ind,
                numerator: num,
                denominator: den,
                value: fig.and_then(|(n, d)| value_of(ind, n, d)),
                summed: fig.is_some() && row.in_root,
            });
        }
        rows.push(row);
    }
    let expected_n = u32_of(expected.len());
    let reporting = ReportingSummary {
        obligations: per_obligation,
        expected: expected_n,
        received,
        on_time,
        expected_with_due: with_due,
        completeness: pct(received, expected_n),
        timeliness: pct(on_time, with_due),
        missing,
        late,
    };

    // 4. Consolidated sums: the total, and org nodes above reporting units.
    let sum_over =
        |units: &dyn Fn(&str) -> bool, code: Option<String>| -> Vec<ConsolidatedFigure> {
            indicators
                .iter()
                .enumerate()
                .map(|(k, &ind)| {
                    let (mut n, mut d, mut c) = (0.0, 0.0, 0u32);
                    for r in &rows {
                        let f = &r.figures[k];
                        if f.summed && units(&r.unit) {
                            n += f.numerator.unwrap_or(0.0);
                            d += f.denominator.unwrap_or(0.0);
                            c += 1;
                        }
                    }
                    ConsolidatedFigure {
                        unit_code: code.clone(),
                        indicator: ind,
                        numerator: n,
                        denominator: d,
                        value: if c == 0 && !ind.is_ratio() {
                            None
                        } else {
                            value_of(ind, n, d)
                        },
                        reports: c,
                    }
                })
                .collect()
        };
    let total = sum_over(&|_| true, root.clone());
    let mut by_org_unit = Vec::new();
    if let Some(t) = &tree {
        let mut nodes: BTreeSet<(u32, String)> = BTreeSet::new();
        for r in rows
            .iter()
            .filter(|r| r.in_root && r.figures.iter().any(|f| f.summed))
        {
            for a in t.ancestors(&r.unit, on_day) {
                if Some(&a.code) == root.as_ref() {
                    break;
                }
                nodes.insert((a.level, a.code.clone()));
            }
        }
        for (_, code) in &nodes {
            let under =
                |u: &str| u == code || t.ancestors(u, on_day).iter().any(|a| &a.code == code);
            by_org_unit.extend(sum_over(&under, Some(code.clone())));
        }
        for r in &mut rows {
            r.consolidated_in = t
                .ancestors(&r.unit, on_day)
                .into_iter()
                .find(|a| nodes.iter().any(|(_, c)| *c == a.code))
                .map(|a| a.code.clone());
        }
    }

    // 5. Records comparison.
    let mut comparisons = Vec::new();
    if let Some(data) = &options.data {
        for &ind in &indicators {
            let info = ind.info();
            if info.source == RecordKind::Aggregates || !has_records(data, info.source) {
                continue;
            }
            let q = Query {
                indicator: ind,
                period: period.id(),
                by_unit: true,
                scope: Scope::default(),
                source: Source::Records,
                satisfaction_rule: Default::default(),
            };
            let computed = compute(data, &q)?;
            for (u, (i, r)) in &current {
                let Some((pos, v)) = r
                    .indicators
                    .iter()
                    .enumerate()
                    .find(|(_, v)| v.indicator == ind)
                else {
                    continue;
                };
                let Some((rn, rd)) = usable(ind, v) else {
                    continue;
                };
                let c = computed
                    .iter()
                    .find(|c| c.unit_code.as_deref() == Some(u.as_str()));
                let (cn, cd, cv) = c.map_or(
                    (0.0, 0.0, if ind.is_ratio() { None } else { Some(0.0) }),
                    |c| (c.numerator, c.denominator, c.value),
                );
                let rv = value_of(ind, rn, rd);
                let difference = match (rv, cv) {
                    (Some(a), Some(b)) => Some(a - b),
                    _ => None,
                };
                let limit = if ind.is_ratio() {
                    options.tolerance_pp
                } else {
                    options.tolerance_pp / 100.0 * cv.unwrap_or(0.0).abs()
                };
                let flagged = difference.is_some_and(|d| d.abs() > limit + 1e-9);
                let field = if ind.is_ratio() {
                    "numerator"
                } else if v.count.is_some() {
                    "count"
                } else {
                    "numerator"
                };
                let path = format!("indicators[{pos}].{field}");
                if flagged {
                    let fmt = |n: f64, d: f64, v: Option<f64>| {
                        if ind.is_ratio() {
                            format!("{n}/{d} = {}", v.map_or("—".into(), |v| format!("{v:.2}%")))
                        } else {
                            format!("{n}")
                        }
                    };
                    let unit_txt = if ind.is_ratio() { "pp" } else { "" };
                    let unit_vi = if ind.is_ratio() { " điểm %" } else { "" };
                    let d = difference.unwrap_or(0.0);
                    // Vietnamese writes the decimal mark as a comma.
                    let vi = |s: String| s.replace('.', ",");
                    push(
                        Some(*i),
                        u,
                        finding(
                            "R033-figure-contradicts-records",
                            path.clone(),
                            format!(
                                "Số liệu {ind} báo cáo ({}) khác số liệu tính từ dữ liệu gốc ({}): chênh {}{unit_vi}, vượt ngưỡng {}{unit_vi}",
                                vi(fmt(rn, rd, rv)),
                                vi(fmt(cn, cd, cv)),
                                vi(format!("{d:+.2}")),
                                vi(options.tolerance_pp.to_string())
                            ),
                            format!("reported {ind} ({}) differs from the records ({}) by {d:+.2}{unit_txt}, beyond the tolerance {}", fmt(rn, rd, rv), fmt(cn, cd, cv), options.tolerance_pp),
                        ),
                    );
                }
                comparisons.push(RecordComparison {
                    unit: u.clone(),
                    indicator: ind,
                    report: u32_of(*i),
                    path,
                    reported_numerator: rn,
                    reported_denominator: rd,
                    reported_value: rv,
                    computed_numerator: cn,
                    computed_denominator: cd,
                    computed_value: cv,
                    difference,
                    flagged,
                });
            }
        }
    }

    // 6. Targets on the consolidated total: the summed figures become
    // aggregates for the period, judged by the evaluation engine.
    let mut agg = Dataset::default();
    for r in &rows {
        for f in r.figures.iter().filter(|f| f.summed) {
            agg.aggregates.push(Aggregate {
                indicator: f.indicator,
                unit_code: r.unit.clone(),
                period: period.id(),
                numerator: f.numerator.unwrap_or(0.0),
                denominator: f.denominator.unwrap_or(0.0),
            });
        }
    }
    let mut judged_plan = plan.clone();
    let mut targets_not_judged = Vec::new();
    judged_plan.targets.retain(|t| {
        if !t.scope.sectors.is_empty() {
            targets_not_judged.push(TargetNotJudged {
                target_id: t.id.clone(),
                reason: "sector scope: unit reports carry no sector breakdown".into(),
            });
            return false;
        }
        true
    });
    for t in &mut judged_plan.targets {
        t.period = Some(period.id());
    }
    let eval = evaluate_plan(
        &judged_plan,
        &agg,
        &EvaluateOptions {
            source: Source::Aggregates,
            as_of: Some(options.as_of.unwrap_or(period.end())),
            ..EvaluateOptions::default()
        },
    )?;
    let targets = eval
        .into_iter()
        .map(|e| ConsolidatedTarget {
            target_id: e.target_id,
            indicator: e.indicator,
            comparator: e.comparator,
            threshold: e.threshold,
            applicable_threshold: e.applicable_threshold,
            deadline: e.deadline,
            as_of: e.as_of,
            numerator: e.numerator,
            denominator: e.denominator,
            value: e.value,
            status: e.status,
            gap_pp: e.gap_pp,
        })
        .collect();

    // 7. Tasks.
    let tasks = plan
        .tasks
        .iter()
        .map(|t| {
            let mut s = TaskSummary {
                task: t.id.clone(),
                title: t.title.clone(),
                kept: 0,
                partial: 0,
                in_progress: 0,
                missed: 0,
                not_started: 0,
                activities: 0,
                no_result: Vec::new(),
            };
            for (_, r) in current.values() {
                if let Some(x) = r.tasks.iter().find(|x| x.task == t.id) {
                    match x.status {
                        TaskStatus::Kept => s.kept += 1,
                        TaskStatus::Partial => s.partial += 1,
                        TaskStatus::InProgress => s.in_progress += 1,
                        TaskStatus::Missed => s.missed += 1,
                        TaskStatus::NotStarted => s.not_started += 1,
                    }
                    s.activities = s.activities.saturating_add(x.activities.max(0));
                }
            }
            let mut assigned: Vec<&String> = t
                .lead_units
                .iter()
                .chain(&t.cooperating_units)
                .filter(|u| is_unit_code(u, tree.as_ref()))
                .collect();
            assigned.sort();
            assigned.dedup();
            s.no_result = assigned
                .into_iter()
                .filter(|u| {
                    current
                        .get(u.as_str())
                        .is_none_or(|(_, r)| !r.tasks.iter().any(|x| x.task == t.id))
                })
                .cloned()
                .collect();
            s
        })
        .collect();

    cfind.sort_by(|a, b| {
        (&a.finding.rule, &a.unit, a.report).cmp(&(&b.finding.rule, &b.unit, b.report))
    });
    Ok(ConsolidatedReport {
        schema: CONSOLIDATED_REPORT_SCHEMA.into(),
        plan: PlanRef {
            id: Some(plan.id.clone()),
            number: plan.number.clone(),
            extra: Default::default(),
        },
        period: period.id(),
        period_start: period.start(),
        period_end: period.end(),
        root,
        generated_at: now.to_rfc3339(),
        tolerance_pp: options.tolerance_pp,
        suppression_k: options.suppression_k,
        indicators,
        reporting,
        reports: entries,
        units: rows,
        total,
        by_org_unit,
        comparisons,
        targets,
        targets_not_judged,
        tasks,
        findings: cfind,
    })
}

fn has_records(d: &Dataset, kind: RecordKind) -> bool {
    match kind {
        RecordKind::Dossiers => !d.dossiers.is_empty(),
        RecordKind::Survey => !d.survey.is_empty(),
        RecordKind::Staff => !d.staff.is_empty(),
        RecordKind::Aggregates => false,
        RecordKind::Procedures => !d.procedures.is_empty(),
        RecordKind::Units => !d.units.is_empty(),
        RecordKind::Publications => !d.publications.is_empty(),
        RecordKind::Outreach => !d.outreach.is_empty(),
        RecordKind::Feedback => !d.feedback.is_empty(),
    }
}

/// The day a report was submitted, in Vietnam time.
fn submitted_day(r: &UnitReport) -> Result<NaiveDate> {
    Ok(parse_timestamp(&r.submitted_at, "submitted_at")?
        .with_timezone(&vietnam())
        .date_naive())
}

// ---------------------------------------------------------------- publishing

/// Small-cell suppression over groups of cells that add up to a shown total.
///
/// `groups` lists, per group, the denominators of its cells (`None` = no
/// figure). A cell with `0 < denominator < k` is suppressed (primary); in a
/// group where exactly one cell is suppressed, the next smallest cell with a
/// positive denominator is suppressed too (complementary), so the withheld
/// value cannot be recovered by subtracting the others from the total. A
/// group with two or more primary cells needs no partner. Returns, per
/// group, whether each cell is suppressed.
pub fn suppress_cells(groups: &[Vec<Option<f64>>], k: u32) -> Vec<Vec<bool>> {
    let k = f64::from(k);
    groups
        .iter()
        .map(|g| {
            let mut out: Vec<bool> = g
                .iter()
                .map(|d| d.is_some_and(|d| d > 0.0 && d < k))
                .collect();
            if out.iter().filter(|s| **s).count() == 1 {
                let partner = g
                    .iter()
                    .enumerate()
                    .filter(|(i, d)| !out[*i] && d.is_some_and(|d| d > 0.0))
                    .min_by(|a, b| {
                        a.1.unwrap_or(0.0)
                            .total_cmp(&b.1.unwrap_or(0.0))
                            .then(a.0.cmp(&b.0))
                    })
                    .map(|(i, _)| i);
                if let Some(i) = partner {
                    out[i] = true;
                }
            }
            out
        })
        .collect()
}

/// Whether a total's own figure is withheld: its denominator is below k
/// (totals get no complementary partner: nothing sums them further up in the
/// same table).
fn total_suppressed(ind: IndicatorId, den: f64, k: u32) -> bool {
    ind.is_ratio() && den > 0.0 && den < f64::from(k)
}

/// Per unit row and indicator: suppressed in public output. Groups are the
/// summed units under each shown total (the nearest org node of
/// `by_org_unit`, else the total); units not summed form one more group.
fn unit_suppression(r: &ConsolidatedReport, public: bool) -> Vec<Vec<bool>> {
    // One flag per unit and figure (by position in the unit's `figures`).
    let mut out: Vec<Vec<bool>> = r
        .units
        .iter()
        .map(|u| vec![false; u.figures.len()])
        .collect();
    if !public {
        return out;
    }
    let mut ids: Vec<IndicatorId> = Vec::new();
    for f in r.units.iter().flat_map(|u| &u.figures) {
        if f.indicator.is_ratio() && !ids.contains(&f.indicator) {
            ids.push(f.indicator);
        }
    }
    for ind in ids {
        // (unit index, figure index) of this indicator, by group.
        let mut groups: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
        for (i, u) in r.units.iter().enumerate() {
            let Some(j) = u.figures.iter().position(|f| f.indicator == ind) else {
                continue;
            };
            let key = if u.figures[j].summed {
                u.consolidated_in.clone().unwrap_or_default()
            } else {
                "\u{0}unsummed".to_string()
            };
            groups.entry(key).or_default().push((i, j));
        }
        for members in groups.values() {
            let dens: Vec<Option<f64>> = members
                .iter()
                .map(|&(i, j)| {
                    let f = &r.units[i].figures[j];
                    f.value.and(f.denominator)
                })
                .collect();
            let s = suppress_cells(&[dens], r.suppression_k);
            for (m, &(i, j)) in members.iter().enumerate() {
                if let (Some(row), Some(flag)) = (out.get_mut(i), s.first().and_then(|g| g.get(m)))
                {
                    if let Some(x) = row.get_mut(j) {
                        *x = *flag;
                    }
                }
            }
        }
    }
    out
}

const SUPPRESSED_VI: &str = "\"*\" (ẩn): số liệu được ẩn khi mẫu số nhỏ hơn k = {k} (bảo vệ ô nhỏ); khi chỉ một ô của một chỉ tiêu bị ẩn, ô có mẫu số nhỏ nhất tiếp theo cũng được ẩn để không suy ra được bằng phép trừ từ tổng.";
const SUPPRESSED_EN: &str = "\"*\" (suppressed): a figure whose denominator is below k = {k} is withheld (small-cell protection); when only one cell of an indicator is withheld, the next smallest is withheld too, so that it cannot be recovered by subtraction from the total.";

fn status_label(s: ReportingStatus) -> Cell {
    let (vi, en) = match s {
        ReportingStatus::OnTime => ("đúng hạn", "on time"),
        ReportingStatus::Late => ("trễ hạn", "late"),
        ReportingStatus::Received => ("đã nhận (không có hạn)", "received (no due day)"),
        ReportingStatus::Missing => ("chưa gửi", "missing"),
        ReportingStatus::NotExpected => ("không thuộc diện báo cáo", "not expected"),
    };
    Cell::label(vi, en)
}

fn target_status_label(s: TargetStatus) -> Cell {
    let (vi, en) = match s {
        TargetStatus::Met => ("đạt", "met"),
        TargetStatus::OnTrack => ("đúng tiến độ", "on track"),
        TargetStatus::AtRisk => ("có nguy cơ không đạt", "at risk"),
        TargetStatus::OffTrack => ("chậm tiến độ", "off track"),
        TargetStatus::NoData => ("không có dữ liệu", "no data"),
    };
    Cell::label(vi, en)
}

fn num(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, |x| {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            Cell::Integer(x as i64)
        } else {
            Cell::Number(x)
        }
    })
}

fn value_cell(ind: IndicatorId, v: Option<f64>) -> Cell {
    if ind.is_ratio() {
        Cell::percent(v)
    } else {
        num(v)
    }
}

fn text_opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, Cell::text)
}

fn date_opt(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

fn notes(k: u32) -> (Vec<String>, Vec<String>) {
    (
        vec![SUPPRESSED_VI.replace("{k}", &k.to_string())],
        vec![SUPPRESSED_EN.replace("{k}", &k.to_string())],
    )
}

/// The consolidated report as tables: `reporting` (completeness,
/// timeliness, missing and late units), `units` (units × indicators),
/// `consolidated` (totals, org nodes and targets), `differences` (reported
/// against records) and `tasks`. With `public`, rates whose denominator is
/// below `suppression_k` are [`Cell::Suppressed`] (numerator and
/// denominator too), with complementary suppression (see
/// [`suppress_cells`]); a note under the table says so.
pub fn consolidated_tables(r: &ConsolidatedReport, public: bool) -> Vec<Table> {
    let c = Column::new;
    let k = r.suppression_k;
    let mut tables = Vec::new();

    // Reporting.
    let rep = &r.reporting;
    let mut rows = vec![
        vec![
            Cell::text("expected"),
            Cell::label("Số báo cáo phải gửi", "Reports expected"),
            Cell::Integer(i64::from(rep.expected)),
            Cell::Empty,
        ],
        vec![
            Cell::text("received"),
            Cell::label("Số báo cáo đã nhận", "Reports received"),
            Cell::Integer(i64::from(rep.received)),
            Cell::Empty,
        ],
        vec![
            Cell::text("completeness"),
            Cell::label("Tỷ lệ đầy đủ", "Completeness"),
            Cell::Integer(i64::from(rep.received)),
            Cell::percent(rep.completeness),
        ],
        vec![
            Cell::text("timeliness"),
            Cell::label("Tỷ lệ đúng hạn", "Timeliness"),
            Cell::Integer(i64::from(rep.on_time)),
            Cell::percent(rep.timeliness),
        ],
    ];
    for m in &rep.missing {
        rows.push(vec![
            Cell::text("missing"),
            Cell::label(
                format!("Chưa gửi: {}", m.unit),
                format!("Missing: {}", m.unit),
            ),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    for l in &rep.late {
        rows.push(vec![
            Cell::text("late"),
            Cell::label(
                format!(
                    "Trễ hạn: {} (hạn {}, gửi {}, trễ {} ngày)",
                    l.unit,
                    l.due.format("%d/%m/%Y"),
                    l.submitted_at,
                    l.days_late
                ),
                format!(
                    "Late: {} (due {}, submitted {}, {} day(s) late)",
                    l.unit, l.due, l.submitted_at, l.days_late
                ),
            ),
            Cell::Integer(l.days_late),
            Cell::Empty,
        ]);
    }
    tables.push(Table {
        key: "reporting".into(),
        title_vi: format!("Tình hình gửi báo cáo kỳ {}", r.period),
        title_en: format!("Reporting for {}", r.period),
        columns: vec![
            c("item", "Mục", "Item", ColumnKind::Text),
            c("label", "Nội dung", "Label", ColumnKind::Text),
            c("count", "Số lượng", "Count", ColumnKind::Integer),
            c("rate", "Tỷ lệ", "Rate", ColumnKind::Percent),
        ],
        rows,
        notes_vi: vec!["Tỷ lệ đầy đủ = số báo cáo nhận được ÷ số phải gửi; tỷ lệ đúng hạn = số gửi đúng hạn ÷ số phải gửi có hạn (theo thời điểm gửi, giờ Việt Nam).".into()],
        notes_en: vec!["Completeness = reports received ÷ expected; timeliness = received on or before the due day (Vietnam time) ÷ expected with a due day.".into()],
    });

    // Units × indicators.
    let sup = unit_suppression(r, public);
    let mut cols = vec![
        c("unit", "Đơn vị", "Unit", ColumnKind::Text),
        c("name", "Tên đơn vị", "Name", ColumnKind::Text),
        c("status", "Tình trạng", "Status", ColumnKind::Text),
        c(
            "submitted_at",
            "Thời điểm gửi",
            "Submitted at",
            ColumnKind::Text,
        ),
        c("due", "Hạn gửi", "Due", ColumnKind::Date),
        c("days_late", "Số ngày trễ", "Days late", ColumnKind::Integer),
    ];
    for ind in &r.indicators {
        let id = ind.as_str();
        if ind.is_ratio() {
            cols.push(Column {
                key: format!("{id}_numerator"),
                vi: format!("{}: tử số", ind.name_vi()),
                en: format!("{}: numerator", ind.name_en()),
                kind: ColumnKind::Integer,
            });
            cols.push(Column {
                key: format!("{id}_denominator"),
                vi: format!("{}: mẫu số", ind.name_vi()),
                en: format!("{}: denominator", ind.name_en()),
                kind: ColumnKind::Integer,
            });
            cols.push(Column {
                key: format!("{id}_value"),
                vi: format!("{}: tỷ lệ", ind.name_vi()),
                en: format!("{}: rate", ind.name_en()),
                kind: ColumnKind::Percent,
            });
        } else {
            cols.push(Column {
                key: format!("{id}_count"),
                vi: format!("{}: số lượng", ind.name_vi()),
                en: format!("{}: count", ind.name_en()),
                kind: ColumnKind::Integer,
            });
        }
    }
    let mut rows = Vec::new();
    for (i, u) in r.units.iter().enumerate() {
        let mut row = vec![
            Cell::text(&u.unit),
            text_opt(u.name.as_deref()),
            status_label(u.status),
            text_opt(u.submitted_at.as_deref()),
            date_opt(u.due),
            u.days_late.map_or(Cell::Empty, Cell::Integer),
        ];
        for (j, f) in u.figures.iter().enumerate() {
            let hide = sup.get(i).and_then(|r| r.get(j)).copied().unwrap_or(public);
            if f.indicator.is_ratio() {
                if hide {
                    row.extend([Cell::Suppressed, Cell::Suppressed, Cell::Suppressed]);
                } else {
                    row.extend([
                        num(f.numerator),
                        num(f.denominator),
                        value_cell(f.indicator, f.value),
                    ]);
                }
            } else {
                row.push(num(f.numerator));
            }
        }
        rows.push(row);
    }
    let (nv, ne) = if public { notes(k) } else { (vec![], vec![]) };
    tables.push(Table {
        key: "units".into(),
        title_vi: format!("Số liệu của các đơn vị kỳ {}", r.period),
        title_en: format!("Units' figures for {}", r.period),
        columns: cols,
        rows,
        notes_vi: nv,
        notes_en: ne,
    });

    // Consolidated figures and targets.
    let mut rows = Vec::new();
    let label = |f: &ConsolidatedFigure| f.unit_code.clone().unwrap_or_else(|| "total".into());
    let totals = r.total.iter().map(|f| (f, true));
    for (f, is_total) in totals.chain(r.by_org_unit.iter().map(|f| (f, false))) {
        let hide = public && total_suppressed(f.indicator, f.denominator, k);
        let mut row = vec![Cell::text(label(f)), Cell::text(f.indicator.as_str())];
        if hide {
            row.extend([Cell::Suppressed, Cell::Suppressed, Cell::Suppressed]);
        } else {
            row.extend([
                num(Some(f.numerator)),
                if f.indicator.is_ratio() {
                    num(Some(f.denominator))
                } else {
                    Cell::Empty
                },
                value_cell(f.indicator, f.value),
            ]);
        }
        row.push(Cell::Integer(i64::from(f.reports)));
        rows.push((row, is_total.then_some(f.indicator)));
    }
    // The targets, judged on the total, under their indicator's total row.
    let mut rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .flat_map(|(mut row, ind)| {
            let ts: Vec<&ConsolidatedTarget> = ind
                .map(|i| r.targets.iter().filter(|t| t.indicator == i).collect())
                .unwrap_or_default();
            if ts.is_empty() {
                row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
                return vec![row];
            }
            ts.into_iter()
                .map(|t| {
                    let mut x = row.clone();
                    let hidden = matches!(x.get(2), Some(Cell::Suppressed));
                    x.extend([
                        Cell::text(&t.target_id),
                        Cell::text(format!(
                            "{} {}",
                            t.comparator.symbol(),
                            t.applicable_threshold
                        )),
                        target_status_label(t.status),
                        if hidden {
                            Cell::Suppressed
                        } else {
                            num(t.gap_pp)
                        },
                    ]);
                    x
                })
                .collect()
        })
        .collect();
    rows.retain(|_| true);
    let (nv, ne) = if public { notes(k) } else { (vec![], vec![]) };
    tables.push(Table {
        key: "consolidated".into(),
        title_vi: format!("Số liệu tổng hợp và mục tiêu kỳ {}", r.period),
        title_en: format!("Consolidated figures and targets for {}", r.period),
        columns: vec![
            c(
                "unit",
                "Đơn vị tổng hợp",
                "Consolidated for",
                ColumnKind::Text,
            ),
            c("indicator", "Chỉ tiêu", "Indicator", ColumnKind::Text),
            c(
                "numerator",
                "Tổng tử số",
                "Σ numerator",
                ColumnKind::Integer,
            ),
            c(
                "denominator",
                "Tổng mẫu số",
                "Σ denominator",
                ColumnKind::Integer,
            ),
            c("value", "Giá trị", "Value", ColumnKind::Percent),
            c("reports", "Số báo cáo", "Reports", ColumnKind::Integer),
            c("target", "Mục tiêu", "Target", ColumnKind::Text),
            c("threshold", "Ngưỡng", "Threshold", ColumnKind::Text),
            c("status", "Đánh giá", "Status", ColumnKind::Text),
            c(
                "gap_pp",
                "Chênh lệch (điểm %)",
                "Gap (pp)",
                ColumnKind::Number,
            ),
        ],
        rows,
        notes_vi: nv,
        notes_en: ne,
    });

    // Differences against the records.
    let mut rows = Vec::new();
    for d in &r.comparisons {
        let hide = public
            && (total_suppressed(d.indicator, d.reported_denominator, k)
                || total_suppressed(d.indicator, d.computed_denominator, k));
        let mut row = vec![Cell::text(&d.unit), Cell::text(d.indicator.as_str())];
        if hide {
            row.extend([
                Cell::Suppressed,
                Cell::Suppressed,
                Cell::Suppressed,
                Cell::Suppressed,
            ]);
        } else {
            row.extend([
                Cell::text(format!(
                    "{}/{}",
                    d.reported_numerator, d.reported_denominator
                )),
                value_cell(d.indicator, d.reported_value),
                Cell::text(format!(
                    "{}/{}",
                    d.computed_numerator, d.computed_denominator
                )),
                value_cell(d.indicator, d.computed_value),
            ]);
        }
        row.push(if hide {
            Cell::Suppressed
        } else {
            num(d.difference)
        });
        row.push(Cell::text(if d.flagged { "R033" } else { "" }));
        rows.push(row);
    }
    let (nv, ne) = if public { notes(k) } else { (vec![], vec![]) };
    tables.push(Table {
        key: "differences".into(),
        title_vi: "Đối chiếu số liệu báo cáo với dữ liệu gốc".into(),
        title_en: "Reported figures against the records".into(),
        columns: vec![
            c("unit", "Đơn vị", "Unit", ColumnKind::Text),
            c("indicator", "Chỉ tiêu", "Indicator", ColumnKind::Text),
            c(
                "reported",
                "Báo cáo (tử/mẫu)",
                "Reported (num/den)",
                ColumnKind::Text,
            ),
            c(
                "reported_value",
                "Giá trị báo cáo",
                "Reported value",
                ColumnKind::Percent,
            ),
            c(
                "computed",
                "Dữ liệu gốc (tử/mẫu)",
                "Records (num/den)",
                ColumnKind::Text,
            ),
            c(
                "computed_value",
                "Giá trị từ dữ liệu gốc",
                "Records value",
                ColumnKind::Percent,
            ),
            c("difference", "Chênh lệch", "Difference", ColumnKind::Number),
            c("flag", "Cảnh báo", "Flag", ColumnKind::Text),
        ],
        rows,
        notes_vi: nv,
        notes_en: ne,
    });

    // Tasks.
    let rows = r
        .tasks
        .iter()
        .map(|t| {
            vec![
                Cell::text(&t.task),
                Cell::text(&t.title),
                Cell::Integer(i64::from(t.kept)),
                Cell::Integer(i64::from(t.partial)),
                Cell::Integer(i64::from(t.in_progress)),
                Cell::Integer(i64::from(t.missed)),
                Cell::Integer(i64::from(t.not_started)),
                Cell::Integer(t.activities),
                Cell::text(t.no_result.join(", ")),
            ]
        })
        .collect();
    tables.push(Table {
        key: "tasks".into(),
        title_vi: "Kết quả thực hiện nhiệm vụ".into(),
        title_en: "Tasks".into(),
        columns: vec![
            c("task", "Nhiệm vụ", "Task", ColumnKind::Text),
            c("title", "Nội dung", "Title", ColumnKind::Text),
            c("kept", "Hoàn thành", "Kept", ColumnKind::Integer),
            c(
                "partial",
                "Hoàn thành một phần",
                "Partial",
                ColumnKind::Integer,
            ),
            c(
                "in_progress",
                "Đang thực hiện",
                "In progress",
                ColumnKind::Integer,
            ),
            c("missed", "Chưa hoàn thành", "Missed", ColumnKind::Integer),
            c(
                "not_started",
                "Chưa triển khai",
                "Not started",
                ColumnKind::Integer,
            ),
            c(
                "activities",
                "Số hoạt động",
                "Activities",
                ColumnKind::Integer,
            ),
            c(
                "no_result",
                "Đơn vị chưa báo cáo kết quả",
                "Units with no result",
                ColumnKind::Text,
            ),
        ],
        rows,
        notes_vi: vec![],
        notes_en: vec![],
    });
    tables
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_num(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// The consolidated report as tidy CSV: one row per unit × period ×
/// indicator, with header `unit,period,indicator,numerator,denominator,
/// value,source,suppressed`; `source` is `reported` (a unit's report),
/// `records` (computed from the raw records) or `consolidated` (a total:
/// `unit` is the org node, the root, or empty for the total of every unit).
/// With `public`, withheld figures are empty and `suppressed` is `true`.
pub fn consolidated_tidy_csv(r: &ConsolidatedReport, public: bool) -> String {
    let mut out =
        String::from("unit,period,indicator,numerator,denominator,value,source,suppressed\n");
    let mut line = |unit: &str,
                    ind: IndicatorId,
                    n: Option<f64>,
                    d: Option<f64>,
                    v: Option<f64>,
                    src: &str,
                    hide: bool| {
        let (n, d, v) = if hide { (None, None, None) } else { (n, d, v) };
        out.push_str(&format!(
            "{},{},{},{},{},{},{src},{hide}\n",
            csv_field(unit),
            csv_field(&r.period),
            ind.as_str(),
            csv_num(n),
            csv_num(d),
            csv_num(v)
        ));
    };
    let sup = unit_suppression(r, public);
    for (i, u) in r.units.iter().enumerate() {
        if u.report.is_none() {
            continue;
        }
        for (j, f) in u.figures.iter().enumerate() {
            line(
                &u.unit,
                f.indicator,
                f.numerator,
                f.denominator,
                f.value,
                "reported",
                sup.get(i).and_then(|r| r.get(j)).copied().unwrap_or(public),
            );
        }
    }
    let k = r.suppression_k;
    for c in &r.comparisons {
        let hide = public && total_suppressed(c.indicator, c.computed_denominator, k);
        line(
            &c.unit,
            c.indicator,
            Some(c.computed_numerator),
            Some(c.computed_denominator),
            c.computed_value,
            "records",
            hide,
        );
    }
    for f in r.total.iter().chain(&r.by_org_unit) {
        let hide = public && total_suppressed(f.indicator, f.denominator, k);
        line(
            f.unit_code.as_deref().unwrap_or(""),
            f.indicator,
            Some(f.numerator),
            Some(f.denominator),
            f.value,
            "consolidated",
            hide,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_small_cell_gets_a_complementary_partner() {
        // k = 5: 3 is primary; the next smallest positive denominator (10,
        // not the 0 = no data, not 40) is withheld with it.
        let s = suppress_cells(
            &[vec![Some(40.0), Some(3.0), Some(10.0), Some(0.0), None]],
            5,
        );
        assert_eq!(s, vec![vec![false, true, true, false, false]]);
    }

    #[test]
    fn two_small_cells_need_no_partner() {
        let s = suppress_cells(&[vec![Some(40.0), Some(3.0), Some(4.0), Some(10.0)]], 5);
        assert_eq!(s, vec![vec![false, true, true, false]]);
    }

    #[test]
    fn nothing_small_nothing_suppressed_and_k_is_exclusive() {
        let s = suppress_cells(&[vec![Some(5.0), Some(6.0)], vec![Some(1.0)]], 5);
        // 5 is not below k; a group of one small cell has no partner to take.
        assert_eq!(s, vec![vec![false, false], vec![true]]);
    }

    #[test]
    fn totals_follow_the_k_rule_only() {
        assert!(total_suppressed(IndicatorId::OnlineDossierShare, 4.0, 5));
        assert!(!total_suppressed(IndicatorId::OnlineDossierShare, 5.0, 5));
        assert!(!total_suppressed(IndicatorId::OnlineDossierShare, 0.0, 5));
        assert!(!total_suppressed(IndicatorId::DossiersReceived, 0.0, 5));
    }

    #[test]
    fn due_days() {
        let p: Period = "2026VNQ1".parse().unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            due_day(&ReportDue::DaysAfterPeriodEnd { days: 5 }, &p, "x").unwrap(),
            d("2026-03-19")
        );
        assert_eq!(
            due_day(&ReportDue::FixedDate { month: 3, day: 20 }, &p, "x").unwrap(),
            d("2026-03-20")
        );
        // Before the period's end: the next year.
        assert_eq!(
            due_day(&ReportDue::FixedDate { month: 1, day: 10 }, &p, "x").unwrap(),
            d("2027-01-10")
        );
        assert!(due_day(&ReportDue::FixedDate { month: 2, day: 30 }, &p, "x").is_err());
    }
}

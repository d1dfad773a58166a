//! Reports (báo cáo) that units and community digital teams submit, read
//! from versioned JSON documents, and the validation rules a JSON Schema
//! cannot express.
//!
//! | schema | what |
//! |---|---|
//! | `dvctt/unit-report@1` | one unit's periodic report on one plan ([`UnitReport`]) |
//! | `dvctt/team-report@1` | a community digital team's report for a commune ([`TeamReport`]) |
//! | `dvctt/tthc-form-06@1` | Biểu số 06/VPCP/KSTT, TTHC handling ([`TthcForm06`], see [`crate::engine::form06`]) |
//!
//! Nothing is lost: every object carries `extra`, the fields dvctt does not
//! know, which are written back unchanged. A `dvctt/unit-report@0` draft is
//! upgraded on read (see [`read_report`]).
//!
//! Rule failures are [`Finding`]s; a [`DvcttError`] only means the input is
//! not a report at all (not JSON, an unknown schema id, a wrong shape).

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::period::{Period, PeriodKind};
use crate::engine::form06::{TthcForm06, TTHC_FORM06_SCHEMA};
use crate::model::indicator::IndicatorId;
use crate::model::org::OrgTree;
use crate::model::plan::Plan;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// Schema id of a unit report.
pub const UNIT_REPORT_SCHEMA: &str = "dvctt/unit-report@1";
/// Schema id of the pre-release draft of the unit report, upgraded on read.
pub const UNIT_REPORT_SCHEMA_V0: &str = "dvctt/unit-report@0";
/// Schema id of a community digital team's report.
pub const TEAM_REPORT_SCHEMA: &str = "dvctt/team-report@1";

/// Fields dvctt does not know, kept as read and written back unchanged.
///
/// In JSON they sit beside the known fields of the same object. Kotlin and
/// Swift see them as the JSON text of an object (`"{}"` when there are none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Extra(pub Map<String, Value>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// Unknown fields cross to Kotlin and Swift as JSON text.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Extra, String, {
    lower: |e| serde_json::to_string(&e.0).unwrap_or_else(|_| "{}".into()),
    try_lift: |s| {
        if s.trim().is_empty() {
            return Ok(Extra::default());
        }
        match serde_json::from_str::<Value>(&s)? {
            Value::Object(m) => Ok(Extra(m)),
            _ => Err(uniffi::deps::anyhow::anyhow!("extra must be the JSON text of an object")),
        }
    },
});

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** Fields dvctt does not know, kept beside the known ones and written back unchanged. */
export type Extra = Record<string, unknown>;
"#;

/// A reference to the plan a report is about: its `id` (as in the plan
/// document) or its document `number` (số hiệu).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub id: Option<String>,
    /// Document number (số hiệu), e.g. `81/KH-SYT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub number: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

impl PlanRef {
    /// Whether this reference designates `plan`: by id, or by document
    /// number (ignoring case and surrounding spaces).
    pub fn designates(&self, plan: &Plan) -> bool {
        let norm = |s: &str| s.trim().to_lowercase();
        self.id.as_deref().is_some_and(|id| id == plan.id)
            || matches!((&self.number, &plan.number), (Some(a), Some(b)) if !a.trim().is_empty() && norm(a) == norm(b))
    }
}

/// The three narrative sections of every Vietnamese report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Narrative {
    /// Results achieved (kết quả đạt được).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub results_achieved: String,
    /// Difficulties and obstacles (khó khăn, vướng mắc).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub difficulties: String,
    /// Proposals and recommendations (đề xuất, kiến nghị).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub proposals: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// A reported indicator value (số liệu chỉ tiêu): numerator and
/// denominator for a ratio (every catalogue indicator today), or a count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorValue {
    pub indicator: IndicatorId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub numerator: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub denominator: Option<i64>,
    /// For count indicators (none in the catalogue yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub count: Option<i64>,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// How far a task got in the period (tình hình thực hiện nhiệm vụ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum TaskStatus {
    /// Done as the plan asks (hoàn thành).
    Kept,
    /// Partly done (hoàn thành một phần).
    Partial,
    /// Under way, not yet due (đang thực hiện).
    InProgress,
    /// Not done by its deadline (chưa hoàn thành, chậm tiến độ).
    Missed,
    /// Not started (chưa triển khai).
    NotStarted,
}

/// A unit's result on one task of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskResult {
    /// The task's id in the plan.
    pub task: String,
    pub status: TaskStatus,
    /// Activities carried out in the period (số hoạt động, sản phẩm).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub activities: i64,
    /// Links to evidence (minh chứng): articles, photos, minutes.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// `dvctt/unit-report@1`: one unit's periodic report on one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitReport {
    /// Always [`UNIT_REPORT_SCHEMA`] once read.
    pub schema: String,
    /// The report's own id, if the sender gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub id: Option<String>,
    pub plan: PlanRef,
    /// Reporting unit's code (mã đơn vị báo cáo).
    pub unit: String,
    /// Period id, any kind (e.g. `2026Q1`, `2026VNQ1`).
    pub period: String,
    /// RFC 3339 timestamp with offset, e.g. `2026-03-20T09:30:00+07:00`.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub submitted_at: String,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub indicators: Vec<IndicatorValue>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tasks: Vec<TaskResult>,
    #[serde(default)]
    pub narrative: Narrative,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// Guidance sessions a team held, by kind (buổi hướng dẫn).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sessions {
    /// Door to door (đến từng hộ gia đình).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub door_to_door: i64,
    /// At one-stop shops (tại bộ phận một cửa).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub one_stop_shop: i64,
    /// At events and campaign days (sự kiện, ngày cao điểm).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub event: i64,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

impl Sessions {
    /// All sessions, whatever their kind.
    pub fn total(&self) -> i64 {
        self.door_to_door
            .saturating_add(self.one_stop_shop)
            .saturating_add(self.event)
    }
}

/// `dvctt/team-report@1`: a community digital team's (Tổ công nghệ số cộng
/// đồng) report for a commune and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TeamReport {
    /// Always [`TEAM_REPORT_SCHEMA`].
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub id: Option<String>,
    /// The plan the work belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub plan: Option<PlanRef>,
    /// The commune's unit code (mã xã, phường).
    pub commune: String,
    /// The team's name, e.g. `Tổ CNSCĐ khu phố 3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub team: Option<String>,
    pub period: String,
    /// RFC 3339 timestamp with offset.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub submitted_at: String,
    #[serde(default)]
    pub sessions: Sessions,
    /// People guided (số người được hướng dẫn).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub people_guided: i64,
    /// Dossiers submitted online with the team's help (hồ sơ nộp trực tuyến được hỗ trợ).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub dossiers_submitted: i64,
    /// Team members trained in the period (thành viên được tập huấn).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub members_trained: i64,
    /// Team size, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub members: Option<i64>,
    #[serde(default)]
    pub narrative: Narrative,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// Any report dvctt reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Report {
    Unit(UnitReport),
    Team(TeamReport),
    /// Biểu số 06/VPCP/KSTT (`dvctt/tthc-form-06@1`).
    Form06(TthcForm06),
}

impl Report {
    pub fn schema(&self) -> &str {
        match self {
            Report::Unit(r) => &r.schema,
            Report::Team(r) => &r.schema,
            Report::Form06(r) => &r.schema,
        }
    }
    /// The reporting unit (the commune for a team report).
    pub fn unit(&self) -> &str {
        match self {
            Report::Unit(r) => &r.unit,
            Report::Team(r) => &r.commune,
            Report::Form06(r) => &r.unit,
        }
    }
    pub fn period(&self) -> &str {
        match self {
            Report::Unit(r) => &r.period,
            Report::Team(r) => &r.period,
            Report::Form06(r) => &r.period,
        }
    }
    pub fn submitted_at(&self) -> &str {
        match self {
            Report::Unit(r) => &r.submitted_at,
            Report::Team(r) => &r.submitted_at,
            Report::Form06(r) => &r.submitted_at,
        }
    }
    fn plan_ref(&self) -> Option<&PlanRef> {
        match self {
            Report::Unit(r) => Some(&r.plan),
            Report::Team(r) => r.plan.as_ref(),
            Report::Form06(_) => None,
        }
    }
}

/// How much a finding matters (DHIS2's validation-rule importance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum FindingSeverity {
    /// The report is wrong and must be corrected (lỗi).
    Error,
    /// Worth a look; the report stands (cảnh báo).
    Warning,
}

/// One failed validation rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// Stable rule id, e.g. `R001-numerator-exceeds-denominator`.
    pub rule: String,
    pub severity: FindingSeverity,
    /// JSON path of the offending value, e.g. `indicators[0].numerator`; `$` for the report.
    pub path: String,
    /// Message in Vietnamese.
    pub message_vi: String,
    /// Message in English.
    pub message_en: String,
}

/// A rule of the catalogue (for documentation and user interfaces).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RuleInfo {
    pub id: String,
    pub severity: FindingSeverity,
    /// Report kinds it applies to: `unit`, `team`.
    pub applies_to: Vec<String>,
    /// What it checks, in English.
    pub checks: String,
}

use FindingSeverity::{Error as E, Warning as W};

/// The rule catalogue: id, severity, kinds, what it checks.
const RULES: &[(&str, FindingSeverity, &str, &str)] = &[
    ("R001-numerator-exceeds-denominator", E, "unit", "an indicator's numerator is not above its denominator"),
    ("R002-negative-count", E, "unit team form06", "no count (numerator, denominator, count, activities, sessions, people, dossiers, members, form 06 cells) is negative"),
    ("R003-period-outside-plan", E, "unit team", "the report's period lies inside the plan's period (a Vietnamese reporting period against a calendar-year plan: inside that year's reporting year, 15 Dec – 14 Dec)"),
    ("R004-unit-unknown", E, "unit team form06", "with an org tree: the unit code is in it"),
    ("R005-unit-not-active", E, "unit team form06", "with an org tree: the unit is active on at least one day of the period"),
    ("R006-plan-mismatch", E, "unit team", "the report's plan reference designates the plan (by id or document number); when it does not, rules R003, R007–R009 and R022 are not checked"),
    ("R007-unknown-task", E, "unit", "every task result names a task of the plan"),
    ("R008-indicator-not-in-plan", W, "unit", "every reported indicator is one of the plan's targets"),
    ("R009-required-indicator-missing", E, "unit", "every indicator of a target whose scope covers the unit (no units listed, or the unit listed) and whose measurement period overlaps the report's period is reported"),
    ("R010-duplicate-indicator", E, "unit", "an indicator is reported once"),
    ("R011-duplicate-task", E, "unit", "a task has one result"),
    ("R012-submitted-in-future", E, "unit team form06", "submitted_at is not after `now`"),
    ("R013-submitted-before-period", W, "unit team form06", "submitted_at is not before the period starts"),
    ("R014-value-incomplete", E, "unit", "a ratio indicator has both numerator and denominator and no count"),
    ("R015-status-contradicts-activities", W, "unit", "a task not started has no activities; a task kept has at least one"),
    ("R016-evidence-not-url", W, "unit", "every evidence link is an http(s) URL"),
    ("R017-results-missing", W, "unit", "the results-achieved section (kết quả đạt được) is not empty"),
    ("R018-superseded", W, "unit team form06", "from current_reports: a later report for the same plan, unit and period replaces this one (both are kept)"),
    ("R019-schema-upgraded", W, "unit", "the report was written in the draft schema dvctt/unit-report@0 and upgraded on read"),
    ("R020-dossiers-exceed-guided", W, "team", "dossiers submitted with help are not more than people guided"),
    ("R021-guided-without-sessions", W, "team", "people were guided only if sessions were held"),
    ("R022-task-not-assigned", W, "unit", "a task result comes from one of the task's lead or cooperating units"),
    ("R023-trained-exceed-members", W, "team", "members trained are not more than the team's members (when given)"),
    ("R024-form06-received-total", E, "form06", "in every row and the total: received.total = online + direct_or_postal + carried_over"),
    ("R025-form06-settled-total", E, "form06", "in every row and the total: settled.total = early + on_time + late"),
    ("R026-form06-in-progress-total", E, "form06", "in every row and the total: in_progress.total = within_deadline + overdue"),
    ("R027-form06-identity", E, "form06", "in every row and the total: received.total = settled.total + in_progress.total"),
    ("R028-form06-total-row", E, "form06", "each count of the total row is the sum of that count over the sector rows"),
    ("R029-form06-duplicate-sector", E, "form06", "a sector has one row"),
    ("R030-report-not-expected", W, "unit", "consolidation: a current report for the period comes from a unit the reporting call expects"),
    ("R031-report-late", W, "unit", "consolidation: an expected report was submitted (day in Vietnam time) on or before its due day; the message gives the days late"),
    ("R032-report-missing", E, "unit", "consolidation: every unit the reporting call expects sent a report for the period (path `$`, names the unit)"),
    ("R033-figure-contradicts-records", W, "unit", "consolidation: a reported figure agrees with the same figure computed from the raw records, within the tolerance"),
    ("R034-report-other-period", W, "unit", "consolidation: a current report is for the consolidated period (others are not consolidated)"),
    ("R035-report-not-consolidated", W, "unit team", "consolidation: a current report is a unit report on the plan consolidated (others are listed, not consolidated)"),
];

/// The catalogue of report validation rules.
pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|(id, sev, kinds, checks)| RuleInfo {
            id: id.to_string(),
            severity: *sev,
            applies_to: kinds.split(' ').map(str::to_string).collect(),
            checks: checks.to_string(),
        })
        .collect()
}

fn severity_of(rule: &str) -> FindingSeverity {
    RULES
        .iter()
        .find(|r| r.0 == rule)
        .map_or(FindingSeverity::Error, |r| r.1)
}

/// A finding of a catalogue rule, with the rule's severity.
pub(crate) fn finding(rule: &str, path: impl Into<String>, vi: String, en: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        severity: severity_of(rule),
        path: path.into(),
        message_vi: vi,
        message_en: en,
    }
}

fn data_err(path: impl Into<String>, detail: impl Into<String>) -> DvcttError {
    DvcttError::Data {
        path: path.into(),
        detail: detail.into(),
    }
}

/// A report as read: the report (upgraded if it was older) and the findings
/// of reading it (R019 when it was upgraded).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ReportRead {
    pub report: Report,
    pub findings: Vec<Finding>,
}

/// Places an error about one report of a list under `list[i]` (e.g.
/// `reports[2].period`).
pub fn in_list(e: DvcttError, list: &str, i: usize) -> DvcttError {
    let at = |path: String| {
        if path == "$" {
            format!("{list}[{i}]")
        } else {
            format!("{list}[{i}].{path}")
        }
    };
    match e {
        DvcttError::Data { path, detail } => DvcttError::Data {
            path: at(path),
            detail,
        },
        DvcttError::UnknownIndicator { id, path, known } => DvcttError::UnknownIndicator {
            id,
            path: at(path),
            known,
        },
        other => other,
    }
}

/// Parses an RFC 3339 timestamp with offset.
pub fn parse_timestamp(s: &str, path: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
        data_err(
            path,
            format!("`{s}` is not an RFC 3339 timestamp with offset (e.g. 2026-03-20T09:30:00+07:00): {e}"),
        )
    })
}

/// Reads a report from JSON text (see [`read_report_value`]).
pub fn read_report(text: &str) -> Result<ReportRead> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| data_err("$", format!("not valid JSON: {e}")))?;
    read_report_value(value)
}

/// Reads a report from a JSON value, by its `schema`.
///
/// `dvctt/unit-report@0` is the pre-release draft of the unit report, defined
/// here (it was never published) so that the upgrade path exists and is
/// tested. It differs from `@1` in three fields, upgraded as follows, with
/// finding R019: `unit_code` becomes `unit`; `submitted_on` (a date) becomes
/// `submitted_at` at 00:00 Vietnam time (`+07:00`); `summary` (one text)
/// becomes `narrative.results_achieved`.
pub fn read_report_value(value: Value) -> Result<ReportRead> {
    let Value::Object(mut map) = value else {
        return Err(data_err("$", "a report must be a JSON object"));
    };
    let schema = match map.get("schema") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(data_err(
                "schema",
                format!("expected a schema id string, found {other}"),
            ))
        }
        None => {
            return Err(data_err(
                "schema",
                format!("missing; expected \"{UNIT_REPORT_SCHEMA}\", \"{TEAM_REPORT_SCHEMA}\" or \"{TTHC_FORM06_SCHEMA}\""),
            ))
        }
    };
    let mut findings = Vec::new();
    let report = match schema.as_str() {
        UNIT_REPORT_SCHEMA => Report::Unit(typed(Value::Object(map))?),
        UNIT_REPORT_SCHEMA_V0 => {
            upgrade_v0(&mut map)?;
            findings.push(finding(
                "R019-schema-upgraded",
                "schema",
                format!("Báo cáo theo mẫu nháp {UNIT_REPORT_SCHEMA_V0} đã được chuyển sang {UNIT_REPORT_SCHEMA}"),
                format!("the report was written in the draft {UNIT_REPORT_SCHEMA_V0} and upgraded to {UNIT_REPORT_SCHEMA}"),
            ));
            Report::Unit(typed(Value::Object(map))?)
        }
        TEAM_REPORT_SCHEMA => Report::Team(typed(Value::Object(map))?),
        TTHC_FORM06_SCHEMA => Report::Form06(typed(Value::Object(map))?),
        other => {
            return Err(data_err(
                "schema",
                format!("unknown report schema \"{other}\"; known: {UNIT_REPORT_SCHEMA}, {UNIT_REPORT_SCHEMA_V0}, {TEAM_REPORT_SCHEMA}, {TTHC_FORM06_SCHEMA}"),
            ))
        }
    };
    check_shape(&report)?;
    Ok(ReportRead { report, findings })
}

fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T> {
    // An unknown indicator id is reported as such, with its path.
    crate::model::indicator::check_indicator_ids(&value, "indicators", "indicator")?;
    serde_path_to_error::deserialize(value)
        .map_err(|e| data_err(json_path(e.path()), e.inner().to_string()))
}

/// Moves the `@0` draft's fields to their `@1` places.
fn upgrade_v0(map: &mut Map<String, Value>) -> Result<()> {
    map.insert("schema".into(), Value::String(UNIT_REPORT_SCHEMA.into()));
    if let Some(u) = map.remove("unit_code") {
        map.insert("unit".into(), u);
    }
    if let Some(d) = map.remove("submitted_on") {
        let s = d
            .as_str()
            .ok_or_else(|| data_err("submitted_on", "expected a date YYYY-MM-DD"))?;
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
            data_err(
                "submitted_on",
                format!("`{s}` is not a date YYYY-MM-DD: {e}"),
            )
        })?;
        let ts = vietnam()
            .from_local_datetime(&date.and_time(NaiveTime::MIN))
            .single()
            .ok_or_else(|| data_err("submitted_on", "date out of range"))?;
        map.insert("submitted_at".into(), Value::String(ts.to_rfc3339()));
    }
    if let Some(s) = map.remove("summary") {
        let narrative = map
            .entry("narrative")
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(n) = narrative else {
            return Err(data_err("narrative", "must be an object"));
        };
        n.entry("results_achieved").or_insert(s);
    }
    Ok(())
}

fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or(Utc.fix())
}

/// Known field names of each modelled object, so that `extra` cannot
/// shadow them when a report is built from records.
const UNIT_FIELDS: &[&str] = &[
    "schema",
    "id",
    "plan",
    "unit",
    "period",
    "submitted_at",
    "indicators",
    "tasks",
    "narrative",
];
const TEAM_FIELDS: &[&str] = &[
    "schema",
    "id",
    "plan",
    "commune",
    "team",
    "period",
    "submitted_at",
    "sessions",
    "people_guided",
    "dossiers_submitted",
    "members_trained",
    "members",
    "narrative",
];
const PLAN_REF_FIELDS: &[&str] = &["id", "number"];
const NARRATIVE_FIELDS: &[&str] = &["results_achieved", "difficulties", "proposals"];
const VALUE_FIELDS: &[&str] = &["indicator", "numerator", "denominator", "count"];
const TASK_FIELDS: &[&str] = &["task", "status", "activities", "evidence", "note"];
const SESSION_FIELDS: &[&str] = &["door_to_door", "one_stop_shop", "event"];

pub(crate) fn check_extra(extra: &Extra, known: &[&str], at: &str) -> Result<()> {
    for k in extra.0.keys() {
        if known.contains(&k.as_str()) {
            let p = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            return Err(data_err(
                p,
                "an unknown field (extra) may not repeat a known field",
            ));
        }
    }
    Ok(())
}

/// What the JSON shape alone does not say but a report must be to be read:
/// the right schema id, a non-empty unit, a period id, an RFC 3339
/// timestamp, and extra fields that do not shadow known ones.
pub fn check_shape(report: &Report) -> Result<()> {
    let (schema, unit_field) = match report {
        Report::Unit(_) => (UNIT_REPORT_SCHEMA, "unit"),
        Report::Team(_) => (TEAM_REPORT_SCHEMA, "commune"),
        Report::Form06(_) => (TTHC_FORM06_SCHEMA, "unit"),
    };
    if report.schema() != schema {
        return Err(data_err(
            "schema",
            format!("expected \"{schema}\", found \"{}\"", report.schema()),
        ));
    }
    if report.unit().trim().is_empty() {
        return Err(data_err(unit_field, "empty"));
    }
    report
        .period()
        .parse::<Period>()
        .map_err(|e| data_err("period", e.to_string()))?;
    parse_timestamp(report.submitted_at(), "submitted_at")?;
    let narrative = match report {
        Report::Unit(r) => {
            check_extra(&r.extra, UNIT_FIELDS, "")?;
            check_extra(&r.plan.extra, PLAN_REF_FIELDS, "plan")?;
            for (i, v) in r.indicators.iter().enumerate() {
                check_extra(&v.extra, VALUE_FIELDS, &format!("indicators[{i}]"))?;
            }
            for (i, t) in r.tasks.iter().enumerate() {
                check_extra(&t.extra, TASK_FIELDS, &format!("tasks[{i}]"))?;
            }
            &r.narrative
        }
        Report::Team(r) => {
            check_extra(&r.extra, TEAM_FIELDS, "")?;
            if let Some(p) = &r.plan {
                check_extra(&p.extra, PLAN_REF_FIELDS, "plan")?;
            }
            check_extra(&r.sessions.extra, SESSION_FIELDS, "sessions")?;
            &r.narrative
        }
        Report::Form06(f) => return crate::engine::form06::check_shape(f),
    };
    check_extra(&narrative.extra, NARRATIVE_FIELDS, "narrative")
}

/// The report as canonical JSON: object keys sorted, two-space indentation,
/// unknown fields in place.
pub fn to_canonical_json(report: &Report) -> Result<String> {
    check_shape(report)?;
    let value = serde_json::to_value(report).map_err(|e| data_err("$", e.to_string()))?;
    serde_json::to_string_pretty(&sorted(value)).map_err(|e| data_err("$", e.to_string()))
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let b: BTreeMap<String, Value> = m.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(b.into_iter().collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The current time, from the system clock.
pub fn system_now() -> DateTime<FixedOffset> {
    DateTime::<Utc>::from(std::time::SystemTime::now()).fixed_offset()
}

/// The current time in Vietnam (`+07:00`), to the second: the
/// `submitted_at` of a form dvctt computes.
pub fn vietnam_now() -> DateTime<FixedOffset> {
    in_vietnam(system_now())
}

/// An instant in Vietnam time (`+07:00`), to the second.
pub fn in_vietnam(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let t = t.with_timezone(&vietnam());
    chrono::Timelike::with_nanosecond(&t, 0).unwrap_or(t)
}

/// Validates a report against a plan and, optionally, an org tree.
/// `now` (default: the system clock) is the instant `submitted_at` may not
/// exceed. Findings are sorted by rule id, then path.
pub fn validate(
    report: &Report,
    plan: Option<&Plan>,
    org: Option<&OrgTree>,
    now: Option<DateTime<FixedOffset>>,
) -> Result<Vec<Finding>> {
    check_shape(report)?;
    let now = now.unwrap_or_else(system_now);
    let period: Period = report
        .period()
        .parse()
        .map_err(|e: DvcttError| data_err("period", e.to_string()))?;
    let submitted = parse_timestamp(report.submitted_at(), "submitted_at")?;
    let mut out = Vec::new();

    // The plan, when the report refers to it.
    let plan = match (plan, report.plan_ref()) {
        (Some(p), Some(r)) if !r.designates(p) => {
            out.push(finding(
                "R006-plan-mismatch",
                "plan",
                format!("Báo cáo không thuộc kế hoạch {}", p.id),
                format!("the report does not refer to plan {}", p.id),
            ));
            None
        }
        (Some(p), Some(_)) => Some(p),
        _ => None,
    };
    if let Some(p) = plan {
        let window = plan_window(p, &period)?;
        if !window.contains(&period) {
            out.push(finding(
                "R003-period-outside-plan",
                "period",
                format!(
                    "Kỳ báo cáo {period} ({} – {}) nằm ngoài thời gian của kế hoạch ({} – {})",
                    period.start(),
                    period.end(),
                    window.start(),
                    window.end()
                ),
                format!(
                    "period {period} ({} to {}) is outside the plan's period ({} to {})",
                    period.start(),
                    period.end(),
                    window.start(),
                    window.end()
                ),
            ));
        }
    }

    // The unit in the org tree.
    let unit_field = match report {
        Report::Unit(_) | Report::Form06(_) => "unit",
        Report::Team(_) => "commune",
    };
    let mut codes = vec![(unit_field.to_string(), report.unit())];
    if let Report::Form06(f) = report {
        codes.extend(
            f.units
                .iter()
                .enumerate()
                .filter(|(_, u)| *u != &f.unit)
                .map(|(i, u)| (format!("units[{i}]"), u.as_str())),
        );
    }
    // A form 06 also names every unit it covers.
    for (unit_field, code) in codes.iter() {
        let Some(tree) = org else { break };
        let unit_field = unit_field.as_str();
        let versions = tree.versions(code);
        if versions.is_empty() {
            out.push(finding(
                "R004-unit-unknown",
                unit_field,
                format!("Đơn vị {code} không có trong cơ cấu tổ chức"),
                format!("unit {code} is not in the organisation tree"),
            ));
        } else if !versions.iter().any(|u| {
            u.valid_from.is_none_or(|f| f <= period.end())
                && u.valid_to.is_none_or(|t| t >= period.start())
        }) {
            out.push(finding(
                "R005-unit-not-active",
                unit_field,
                format!("Đơn vị {code} không hoạt động trong kỳ {period}"),
                format!("unit {code} is not active on any day of period {period}"),
            ));
        }
    }

    // Timestamps.
    if submitted > now {
        out.push(finding(
            "R012-submitted-in-future",
            "submitted_at",
            format!("Thời điểm gửi {submitted} sau thời điểm hiện tại {now}"),
            format!("submitted at {submitted}, after now ({now})"),
        ));
    }
    if submitted.date_naive() < period.start() {
        out.push(finding(
            "R013-submitted-before-period",
            "submitted_at",
            format!(
                "Báo cáo gửi trước khi kỳ {period} bắt đầu ({})",
                period.start()
            ),
            format!(
                "submitted before period {period} starts ({})",
                period.start()
            ),
        ));
    }

    match report {
        Report::Unit(r) => unit_rules(r, plan, &period, &mut out),
        Report::Form06(f) => crate::engine::form06::rules(f, &mut out),
        Report::Team(r) => {
            let s = &r.sessions;
            for (f, v) in [
                ("sessions.door_to_door", s.door_to_door),
                ("sessions.one_stop_shop", s.one_stop_shop),
                ("sessions.event", s.event),
                ("people_guided", r.people_guided),
                ("dossiers_submitted", r.dossiers_submitted),
                ("members_trained", r.members_trained),
            ] {
                negative(&mut out, f.into(), v);
            }
            if let Some(m) = r.members {
                negative(&mut out, "members".into(), m);
                if r.members_trained > m && m >= 0 {
                    out.push(finding(
                        "R023-trained-exceed-members",
                        "members_trained",
                        format!(
                            "Số thành viên được tập huấn ({}) lớn hơn số thành viên của tổ ({m})",
                            r.members_trained
                        ),
                        format!(
                            "members trained ({}) exceed the team's members ({m})",
                            r.members_trained
                        ),
                    ));
                }
            }
            if r.dossiers_submitted > r.people_guided && r.people_guided >= 0 {
                out.push(finding(
                    "R020-dossiers-exceed-guided",
                    "dossiers_submitted",
                    format!("Số hồ sơ được hỗ trợ nộp trực tuyến ({}) lớn hơn số người được hướng dẫn ({})", r.dossiers_submitted, r.people_guided),
                    format!("dossiers submitted with help ({}) exceed people guided ({})", r.dossiers_submitted, r.people_guided),
                ));
            }
            if r.people_guided > 0 && s.total() <= 0 {
                out.push(finding(
                    "R021-guided-without-sessions",
                    "people_guided",
                    format!(
                        "Có {} người được hướng dẫn nhưng không có buổi hướng dẫn nào",
                        r.people_guided
                    ),
                    format!("{} people guided but no session held", r.people_guided),
                ));
            }
        }
    }
    out.sort_by(|a, b| (&a.rule, &a.path).cmp(&(&b.rule, &b.path)));
    Ok(out)
}

/// The span a report's period must lie in: the plan's period, or for a
/// Vietnamese reporting period against a calendar-year plan, that year's
/// Vietnamese reporting year (15 Dec of the year before to 14 Dec).
fn plan_window(plan: &Plan, report: &Period) -> Result<Period> {
    let p: Period = plan
        .period
        .parse()
        .map_err(|e: DvcttError| data_err("plan.period", e.to_string()))?;
    if p.kind() == PeriodKind::Year && report.kind().is_vn() {
        let vn: Period = format!("{}VN", p.id())
            .parse()
            .map_err(|e: DvcttError| data_err("plan.period", e.to_string()))?;
        return Ok(vn);
    }
    Ok(p)
}

/// R002 for one count.
pub(crate) fn negative(out: &mut Vec<Finding>, path: String, v: i64) {
    if v < 0 {
        out.push(finding(
            "R002-negative-count",
            path.clone(),
            format!("Số liệu âm ({v}) tại {path}"),
            format!("negative count ({v}) at {path}"),
        ));
    }
}

fn unit_rules(r: &UnitReport, plan: Option<&Plan>, period: &Period, out: &mut Vec<Finding>) {
    let mut seen: HashMap<IndicatorId, usize> = HashMap::new();
    for (i, v) in r.indicators.iter().enumerate() {
        let at = |f: &str| format!("indicators[{i}].{f}");
        if let Some(first) = seen.insert(v.indicator, i) {
            out.push(finding(
                "R010-duplicate-indicator",
                at("indicator"),
                format!(
                    "Chỉ tiêu {} đã được báo cáo tại indicators[{first}]",
                    v.indicator
                ),
                format!(
                    "indicator {} already reported at indicators[{first}]",
                    v.indicator
                ),
            ));
        }
        for (f, x) in [
            ("numerator", v.numerator),
            ("denominator", v.denominator),
            ("count", v.count),
        ] {
            if let Some(x) = x {
                negative(out, at(f), x);
            }
        }
        if v.indicator.is_ratio()
            && (v.numerator.is_none() || v.denominator.is_none() || v.count.is_some())
        {
            let f = if v.numerator.is_none() {
                "numerator"
            } else if v.denominator.is_none() {
                "denominator"
            } else {
                "count"
            };
            out.push(finding(
                "R014-value-incomplete",
                at(f),
                format!(
                    "Chỉ tiêu tỷ lệ {} cần có tử số và mẫu số (không dùng count)",
                    v.indicator
                ),
                format!(
                    "ratio indicator {} needs a numerator and a denominator (and no count)",
                    v.indicator
                ),
            ));
        }
        if let (Some(n), Some(d)) = (v.numerator, v.denominator) {
            if n > d && n >= 0 && d >= 0 {
                out.push(finding(
                    "R001-numerator-exceeds-denominator",
                    at("numerator"),
                    format!(
                        "Tử số ({n}) lớn hơn mẫu số ({d}) của chỉ tiêu {}",
                        v.indicator
                    ),
                    format!(
                        "numerator ({n}) exceeds denominator ({d}) of {}",
                        v.indicator
                    ),
                ));
            }
        }
        if let Some(p) = plan {
            if !p.targets.iter().any(|t| t.indicator == v.indicator) {
                out.push(finding(
                    "R008-indicator-not-in-plan",
                    at("indicator"),
                    format!("Kế hoạch {} không có chỉ tiêu {}", p.id, v.indicator),
                    format!("plan {} has no target on {}", p.id, v.indicator),
                ));
            }
        }
    }
    if let Some(p) = plan {
        let mut required: Vec<(IndicatorId, &str)> = Vec::new();
        for t in &p.targets {
            let covers = t.scope.units.is_empty() || t.scope.units.contains(&r.unit);
            let overlaps = p.target_period(t).is_ok_and(|tp| tp.overlaps(period));
            if covers && overlaps && !required.iter().any(|(i, _)| *i == t.indicator) {
                required.push((t.indicator, &t.id));
            }
        }
        for (ind, target) in required {
            if !seen.contains_key(&ind) {
                out.push(finding(
                    "R009-required-indicator-missing",
                    "indicators",
                    format!("Thiếu chỉ tiêu {ind} (mục tiêu {target} của kế hoạch)"),
                    format!("indicator {ind} is missing (plan target {target})"),
                ));
            }
        }
    }
    let mut tasks_seen: HashMap<&str, usize> = HashMap::new();
    for (i, t) in r.tasks.iter().enumerate() {
        let at = |f: &str| format!("tasks[{i}].{f}");
        if let Some(first) = tasks_seen.insert(&t.task, i) {
            out.push(finding(
                "R011-duplicate-task",
                at("task"),
                format!("Nhiệm vụ {} đã được báo cáo tại tasks[{first}]", t.task),
                format!("task {} already reported at tasks[{first}]", t.task),
            ));
        }
        negative(out, at("activities"), t.activities);
        let contradicts = match t.status {
            TaskStatus::NotStarted => t.activities > 0,
            TaskStatus::Kept => t.activities == 0,
            _ => false,
        };
        if contradicts {
            out.push(finding(
                "R015-status-contradicts-activities",
                at("status"),
                format!(
                    "Trạng thái nhiệm vụ {} mâu thuẫn với số hoạt động ({})",
                    t.task, t.activities
                ),
                format!(
                    "status of task {} contradicts its {} activities",
                    t.task, t.activities
                ),
            ));
        }
        for (j, link) in t.evidence.iter().enumerate() {
            let l = link.trim().to_ascii_lowercase();
            let url = ["http://", "https://"]
                .iter()
                .any(|s| l.starts_with(s) && l.len() > s.len());
            if !url {
                out.push(finding(
                    "R016-evidence-not-url",
                    format!("tasks[{i}].evidence[{j}]"),
                    format!("Minh chứng \"{link}\" không phải đường dẫn http(s)"),
                    format!("evidence \"{link}\" is not an http(s) link"),
                ));
            }
        }
        if let Some(p) = plan {
            match p.tasks.iter().find(|x| x.id == t.task) {
                None => out.push(finding(
                    "R007-unknown-task",
                    at("task"),
                    format!("Kế hoạch {} không có nhiệm vụ {}", p.id, t.task),
                    format!("plan {} has no task {}", p.id, t.task),
                )),
                Some(pt) => {
                    let assigned = pt
                        .lead_units
                        .iter()
                        .chain(&pt.cooperating_units)
                        .any(|u| *u == r.unit);
                    if !assigned {
                        out.push(finding(
                            "R022-task-not-assigned",
                            at("task"),
                            format!(
                                "Đơn vị {} không chủ trì hay phối hợp nhiệm vụ {}",
                                r.unit, t.task
                            ),
                            format!(
                                "unit {} neither leads nor cooperates on task {}",
                                r.unit, t.task
                            ),
                        ));
                    }
                }
            }
        }
    }
    if r.narrative.results_achieved.trim().is_empty() {
        out.push(finding(
            "R017-results-missing",
            "narrative.results_achieved",
            "Chưa có nội dung kết quả đạt được".into(),
            "the results-achieved section is empty".into(),
        ));
    }
}

/// Which report of each (kind, plan, unit, period) is current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Supersession {
    /// Indices (into the list given) of the current reports, ascending.
    pub current: Vec<u32>,
    /// One R018 finding per superseded report.
    pub superseded: Vec<SupersededReport>,
}

/// A report replaced by a later one; both are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SupersededReport {
    /// Index of the superseded report.
    pub report: u32,
    /// Index of the report that replaces it.
    pub by: u32,
    pub finding: Finding,
}

/// Groups reports by kind, plan reference (id, else number), unit and
/// period; in each group the report submitted last (by instant; on a tie,
/// the later in the list) is current and every other one gets finding
/// R018 naming the report that replaces it. Nothing is dropped.
pub fn supersede(reports: &[Report]) -> Result<Supersession> {
    let mut groups: BTreeMap<(String, String, String, String), Vec<usize>> = BTreeMap::new();
    let mut times = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let ts = parse_timestamp(r.submitted_at(), &format!("reports[{i}].submitted_at"))?;
        let period: Period = r
            .period()
            .parse()
            .map_err(|e: DvcttError| data_err(format!("reports[{i}].period"), e.to_string()))?;
        times.push(ts);
        let plan = r
            .plan_ref()
            .map(|p| {
                p.id.clone()
                    .or_else(|| p.number.as_ref().map(|n| n.trim().to_lowercase()))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        let kind = match r {
            Report::Unit(_) => "unit",
            Report::Team(_) => "team",
            Report::Form06(_) => "form06",
        };
        groups
            .entry((kind.into(), plan, r.unit().to_string(), period.id()))
            .or_default()
            .push(i);
    }
    let idx = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut current = Vec::new();
    let mut superseded = Vec::new();
    for members in groups.values() {
        let Some(&latest) = members
            .iter()
            .max_by(|&&a, &&b| times[a].cmp(&times[b]).then(a.cmp(&b)))
        else {
            continue;
        };
        current.push(idx(latest));
        for &i in members.iter().filter(|&&i| i != latest) {
            let r = &reports[i];
            superseded.push(SupersededReport {
                report: idx(i),
                by: idx(latest),
                finding: finding(
                    "R018-superseded",
                    "$",
                    format!("Báo cáo của {} kỳ {} đã được thay thế bằng báo cáo gửi lúc {} (báo cáo số {latest})", r.unit(), r.period(), times[latest]),
                    format!("report of {} for {} superseded by the one submitted at {} (report {latest})", r.unit(), r.period(), times[latest]),
                ),
            });
        }
    }
    current.sort_unstable();
    superseded.sort_by_key(|s| s.report);
    Ok(Supersession {
        current,
        superseded,
    })
}

#[cfg(feature = "schema")]
/// The JSON Schemas of the report documents, as `(file name, schema)`.
pub fn json_schemas() -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for (file, id, mut schema) in [
        (
            "unit-report.json",
            UNIT_REPORT_SCHEMA,
            schemars::schema_for!(UnitReport),
        ),
        (
            "team-report.json",
            TEAM_REPORT_SCHEMA,
            schemars::schema_for!(TeamReport),
        ),
        (
            "tthc-form-06.json",
            TTHC_FORM06_SCHEMA,
            schemars::schema_for!(TthcForm06),
        ),
        (
            "consolidated-report.json",
            crate::reports::consolidate::CONSOLIDATED_REPORT_SCHEMA,
            schemars::schema_for!(crate::reports::consolidate::ConsolidatedReport),
        ),
    ] {
        schema.insert(
            "$id".into(),
            Value::String(format!("https://dvctt.invalid/schemas/{file}")),
        );
        schema.insert(
            "description".into(),
            Value::String(format!("{id}: generated from the Rust types of dvctt (core/src/report.rs); regenerate with UPDATE_SCHEMAS=1 cargo test -p dvctt --features schema --test schemas")),
        );
        if let Some(Value::Object(props)) = schema.get_mut("properties") {
            props.insert("schema".into(), serde_json::json!({"const": id}));
        }
        out.push((file, schema.to_value()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_rule_table_matches_the_catalogue() {
        let readme = include_str!("../../../README.md");
        for r in rules() {
            let sev = match r.severity {
                FindingSeverity::Error => "error",
                FindingSeverity::Warning => "warning",
            };
            let row = format!("| `{}` | {sev} | {} |", r.id, r.applies_to.join(", "));
            assert!(readme.contains(&row), "README lacks the row {row}");
        }
    }

    #[test]
    fn extra_may_not_shadow_a_known_field() {
        let text = include_str!("../../../examples/reports/team-saigon-2026VNM03.json");
        let Report::Team(mut r) = read_report(text).unwrap().report else {
            panic!("not a team report")
        };
        r.sessions.extra.0.insert("event".into(), Value::from(3));
        let err = to_canonical_json(&Report::Team(r)).unwrap_err();
        assert_eq!(err.fields()["path"], "sessions.event");
    }

    #[test]
    fn now_defaults_to_the_clock() {
        let text = include_str!("../../../examples/reports/nhidong1-2026VNQ1.json")
            .replace("2026-03-18T16:45:00+07:00", "9999-01-01T00:00:00+07:00");
        let read = read_report(&text).unwrap();
        let found = validate(&read.report, None, None, None).unwrap();
        assert!(found.iter().any(|f| f.rule == "R012-submitted-in-future"));
    }
}

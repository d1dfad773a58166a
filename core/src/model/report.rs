//! Reports (báo cáo) that units and community digital teams submit: the
//! document types and what a report must be to be read at all.
//!
//! | schema | what |
//! |---|---|
//! | `dvctt/unit-report@1` | one unit's periodic report on one plan ([`UnitReport`]) |
//! | `dvctt/team-report@1` | a community digital team's report for a commune ([`TeamReport`]) |
//! | `dvctt/tthc-form-06@1` | Biểu số 06/VPCP/KSTT, TTHC handling ([`TthcForm06`], see [`crate::model::form06`]) |
//!
//! Nothing is lost: every object carries `extra`, the fields dvctt does not
//! know, which are written back unchanged. Reading and writing the JSON is
//! in `io::report_json` (a `dvctt/unit-report@0` draft is upgraded there);
//! the validation rules a JSON Schema cannot express are in `reports`.
//!
//! Rule failures are [`Finding`]s; a [`DvcttError`] only means the input is
//! not a report at all (not JSON, an unknown schema id, a wrong shape).

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::time::Timestamp;
use crate::model::extra::{check_extra, Extra};
use crate::model::form06::{TthcForm06, TTHC_FORM06_SCHEMA};
use crate::model::indicator::IndicatorId;
use crate::model::plan::Plan;
use serde::{Deserialize, Serialize};

/// Schema id of a unit report.
pub const UNIT_REPORT_SCHEMA: &str = "dvctt/unit-report@1";
/// Schema id of a community digital team's report.
pub const TEAM_REPORT_SCHEMA: &str = "dvctt/team-report@1";

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
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub submitted_at: Timestamp,
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
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub submitted_at: Timestamp,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        self.submitted_timestamp().as_str()
    }
    /// `submitted_at` as the instant it holds.
    pub fn submitted_timestamp(&self) -> &Timestamp {
        match self {
            Report::Unit(r) => &r.submitted_at,
            Report::Team(r) => &r.submitted_at,
            Report::Form06(r) => &r.submitted_at,
        }
    }
    /// `unit`, `team` or `form06`.
    pub fn kind(&self) -> &'static str {
        match self {
            Report::Unit(_) => "unit",
            Report::Team(_) => "team",
            Report::Form06(_) => "form06",
        }
    }
    /// The plan the report is about, if it names one (a form 06 does not).
    pub fn plan_ref(&self) -> Option<&PlanRef> {
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuleInfo {
    pub id: String,
    pub severity: FindingSeverity,
    /// Report kinds it applies to: `unit`, `team`.
    pub applies_to: Vec<String>,
    /// What it checks, in English.
    pub checks: String,
}

/// A report as read: the report (upgraded if it was older) and the findings
/// of reading it (R019 when it was upgraded).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportRead {
    pub report: Report,
    pub findings: Vec<Finding>,
}

/// Which report of each (kind, plan, unit, period) is current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupersededReport {
    /// Index of the superseded report.
    pub report: u32,
    /// Index of the report that replaces it.
    pub by: u32,
    pub finding: Finding,
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

impl Report {
    /// What the JSON shape alone does not say but a report must be to be read:
    /// the right schema id, a non-empty unit, a period id, an RFC 3339
    /// timestamp, and extra fields that do not shadow known ones.
    pub fn check_shape(&self) -> Result<()> {
        let report = self;
        let (schema, unit_field) = match report {
            Report::Unit(_) => (UNIT_REPORT_SCHEMA, "unit"),
            Report::Team(_) => (TEAM_REPORT_SCHEMA, "commune"),
            Report::Form06(_) => (TTHC_FORM06_SCHEMA, "unit"),
        };
        if report.schema() != schema {
            return Err(DvcttError::data(
                "schema",
                format!("expected \"{schema}\", found \"{}\"", report.schema()),
            ));
        }
        if report.unit().trim().is_empty() {
            return Err(DvcttError::data(unit_field, "empty"));
        }
        report
            .period()
            .parse::<Period>()
            .map_err(|e| DvcttError::data("period", e.to_string()))?;
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
            Report::Form06(f) => return f.check_shape(),
        };
        check_extra(&narrative.extra, NARRATIVE_FIELDS, "narrative")
    }
}

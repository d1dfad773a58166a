//! Plans (Kế hoạch) and their targets, loaded from `dvctt/plan@1` JSON.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::message::CascadeDetail;
use crate::base::period::Period;
use crate::model::indicator::{check_indicator_ids, IndicatorId, Scope};
use crate::model::task::{check_tasks_valid, Task};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;

/// The schema id every plan document carries.
pub const PLAN_SCHEMA: &str = "dvctt/plan@1";

/// How a value is compared with a target's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Comparator {
    /// Value ≥ threshold (tối thiểu, ít nhất).
    #[serde(rename = ">=", alias = "≥")]
    AtLeast,
    /// Value ≤ threshold (tối đa, không quá).
    #[serde(rename = "<=", alias = "≤")]
    AtMost,
    /// Value = threshold (e.g. 100%).
    #[serde(rename = "=")]
    Equal,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
            Comparator::Equal => "=",
        }
    }

    /// The direction a comparator implies: `<=` is lower-is-better, `>=`
    /// and `=` higher-is-better.
    pub fn default_direction(self) -> Direction {
        match self {
            Comparator::AtMost => Direction::LowerIsBetter,
            Comparator::AtLeast | Comparator::Equal => Direction::HigherIsBetter,
        }
    }
}

/// Which way a value improves (chiều cải thiện): IATI's `ascending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Direction {
    /// Higher is better (càng cao càng tốt), e.g. a satisfaction rate.
    HigherIsBetter,
    /// Lower is better (càng thấp càng tốt), e.g. a share of late dossiers.
    LowerIsBetter,
}

impl Direction {
    /// `+1` when higher is better, `−1` when lower is better.
    pub fn sign(self) -> f64 {
        match self {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }

    /// Whether `a` is strictly worse than `b` in this direction.
    pub fn worse(self, a: f64, b: f64) -> bool {
        match self {
            Direction::HigherIsBetter => a < b,
            Direction::LowerIsBetter => a > b,
        }
    }
}

/// A reference to another document (văn bản): a decision, a plan, a law.
///
/// In JSON either an object with any of the fields below or, for backward
/// compatibility, a plain string, which is read as the `title` (the citation
/// as written, e.g. "Kế hoạch số 144/KH-UBND ngày 15/04/2026 của UBND Thành
/// phố").
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// Every field may be absent (see `DocumentRefFields`).
#[cfg_attr(feature = "schema", schemars(default))]
pub struct DocumentRef {
    /// Id of the cited plan when it is encoded as a dvctt plan too
    /// (used by the cascade check).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub plan_id: Option<String>,
    /// Document number (số hiệu), e.g. `1588/QĐ-TTg`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub number: Option<String>,
    /// Date of issue (ngày ban hành).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub date: Option<NaiveDate>,
    /// Issuing body (cơ quan ban hành).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub issuer: Option<String>,
    /// Title (trích yếu), or the whole citation when given as a string.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentRefFields {
    #[serde(default)]
    plan_id: Option<String>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

impl<'de> Deserialize<'de> for DocumentRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = DocumentRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a document reference (an object with plan_id, number, date, issuer, title) or a citation string")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<DocumentRef, E> {
                Ok(DocumentRef {
                    title: Some(v.to_string()),
                    ..DocumentRef::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<DocumentRef, A::Error> {
                let f = DocumentRefFields::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(DocumentRef {
                    plan_id: f.plan_id,
                    number: f.number,
                    date: f.date,
                    issuer: f.issuer,
                    title: f.title,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl DocumentRef {
    /// Whether the reference names nothing at all.
    pub fn is_empty(&self) -> bool {
        self.plan_id.is_none()
            && self.number.is_none()
            && self.date.is_none()
            && self.issuer.is_none()
            && self.title.is_none()
    }

    /// Whether this reference designates `plan`: by plan id, or by document
    /// number (compared ignoring case and surrounding spaces).
    pub fn designates(&self, plan: &Plan) -> bool {
        let norm = |s: &str| s.trim().to_lowercase();
        self.plan_id.as_deref().is_some_and(|id| id == plan.id)
            || matches!((&self.number, &plan.number), (Some(a), Some(b)) if !a.trim().is_empty() && norm(a) == norm(b))
    }
}

/// The value of the indicator when the plan was made (giá trị cơ sở).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Baseline {
    /// In the indicator's unit (percent for ratios).
    pub value: f64,
    /// The date the value refers to.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: NaiveDate,
}

/// An intermediate step of a target (mốc), e.g. 50% of adults by
/// 2025-12-31 on the way to 70% by 2030-12-31.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Milestone {
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deadline: NaiveDate,
    /// Compared with the target's comparator.
    pub threshold: f64,
}

/// A numeric target (chỉ tiêu) of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Target {
    pub id: String,
    /// The target as the plan words it.
    pub description: String,
    pub indicator: IndicatorId,
    pub comparator: Comparator,
    /// In the indicator's unit (percent for ratios).
    pub threshold: f64,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deadline: NaiveDate,
    /// Period the value is measured over; the plan's period when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub period: Option<String>,
    #[serde(default)]
    pub scope: Scope,
    /// Which way the value improves; when absent, derived from the
    /// comparator (`<=`: lower is better, otherwise higher).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub direction: Option<Direction>,
    /// The value when the plan was made, from which progress is measured.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub baseline: Option<Baseline>,
    /// Intermediate steps, in date order, before or on the deadline. The
    /// target's own `threshold` and `deadline` are the final step.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub milestones: Vec<Milestone>,
}

impl Target {
    /// The explicit direction, or the comparator's.
    pub fn direction(&self) -> Direction {
        self.direction
            .unwrap_or_else(|| self.comparator.default_direction())
    }

    /// Every step of the target in date order: the milestones, then the
    /// final (threshold, deadline) unless a milestone already sits on it.
    pub fn points(&self) -> Vec<Milestone> {
        let mut pts = self.milestones.clone();
        if pts.last().is_none_or(|m| m.deadline < self.deadline) {
            pts.push(Milestone {
                deadline: self.deadline,
                threshold: self.threshold,
            });
        }
        pts
    }
}

/// How often a report is due (kỳ báo cáo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReportFrequency {
    /// Hằng tháng.
    Monthly,
    /// Hằng quý.
    Quarterly,
    /// 6 tháng.
    HalfYearly,
    /// Hằng năm.
    Yearly,
}

/// When a report is due (thời hạn gửi báo cáo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReportDue {
    /// On a fixed day of the year, e.g. before 30 November.
    FixedDate { month: u32, day: u32 },
    /// A number of days after the reporting period ends.
    DaysAfterPeriodEnd { days: u32 },
}

/// A reporting obligation of the plan (chế độ báo cáo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportingObligation {
    pub id: String,
    /// Unit codes, or a group name as the plan words it (e.g. "các đơn vị trực thuộc").
    pub reporters: Vec<String>,
    /// Recipient (nơi nhận báo cáo), e.g. the Department of Home Affairs.
    pub to: String,
    /// How often; absent when the plan only says "định kỳ" (periodically)
    /// or "theo quy định" without naming the frequency.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub frequency: Option<ReportFrequency>,
    /// When the report is due; absent when the plan does not say.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub due: Option<ReportDue>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Vec<String>,
}

/// A plan (Kế hoạch) with its numeric targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Plan {
    /// Always [`PLAN_SCHEMA`].
    pub schema: String,
    /// Stable id chosen by whoever encodes the plan, e.g. `hcm-syt-2026`.
    pub id: String,
    /// Document number (số hiệu), e.g. `81/KH-SYT`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub number: Option<String>,
    pub title: String,
    /// Issuing body (cơ quan ban hành).
    pub issuer: String,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub issued_on: Option<NaiveDate>,
    /// Period id the plan covers, e.g. `2026`.
    pub period: String,
    /// Documents the plan cites as its basis (căn cứ); plain citation
    /// strings are accepted (see [`DocumentRef`]).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub legal_basis: Vec<DocumentRef>,
    /// The parent plan this one implements (triển khai thực hiện), e.g. a
    /// department plan implementing the provincial plan.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub implements: Option<DocumentRef>,
    /// Plans this one replaces (thay thế).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub supersedes: Vec<DocumentRef>,
    /// Free-text remarks of whoever encoded the plan.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Vec<String>,
    pub targets: Vec<Target>,
    /// Content themes (nội dung tuyên truyền), as the plan words them.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub themes: Vec<String>,
    /// Tasks (nhiệm vụ) with their lead units and cadence.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tasks: Vec<Task>,
    /// Reporting obligations (chế độ báo cáo).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reporting: Vec<ReportingObligation>,
}

/// Ids of a list (`tasks`, `reporting`) must be non-empty and unique.
pub(crate) fn check_unique<'a>(ids: impl Iterator<Item = &'a str>, list: &str) -> Result<()> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(DvcttError::plan(format!("{list}[{i}].id"), "empty"));
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(DvcttError::plan(
                format!("{list}[{i}].id"),
                format!("duplicate id `{id}` (first at {list}[{first}])"),
            ));
        }
    }
    Ok(())
}

/// Why a threshold or baseline value does not fit the indicator: ratios
/// take percentages in 0..=100, counts any finite number ≥ 0.
fn value_problem(id: IndicatorId, v: f64) -> Option<String> {
    if id.is_ratio() {
        (!(v.is_finite() && (0.0..=100.0).contains(&v)))
            .then(|| format!("{v} is not a percentage between 0 and 100"))
    } else {
        (!(v.is_finite() && v >= 0.0)).then(|| format!("{v} is not a count (finite and ≥ 0)"))
    }
}

/// Direction, baseline and milestones of one target: milestones in strictly
/// increasing date order, on or before the deadline (one on the deadline
/// must repeat the target's threshold), and never going backwards in the
/// target's direction; the baseline before the first step.
fn validate_trajectory(t: &Target, at: &dyn Fn(&str) -> String) -> Result<()> {
    if let Some(d) = t.direction {
        let implied = t.comparator.default_direction();
        if t.comparator != Comparator::Equal && d != implied {
            return Err(DvcttError::plan(
                at("direction"),
                format!(
                    "comparator `{}` contradicts direction {}",
                    t.comparator.symbol(),
                    d.as_str()
                ),
            ));
        }
    }
    let dir = t.direction();
    let mut prev: Option<&Milestone> = None;
    for (j, m) in t.milestones.iter().enumerate() {
        let mat = |f: &str| at(&format!("milestones[{j}].{f}"));
        if let Some(why) = value_problem(t.indicator, m.threshold) {
            return Err(DvcttError::plan(mat("threshold"), why));
        }
        if m.deadline > t.deadline {
            return Err(DvcttError::plan(
                mat("deadline"),
                format!(
                    "{} is after the target's deadline {}",
                    m.deadline, t.deadline
                ),
            ));
        }
        if m.deadline == t.deadline && m.threshold != t.threshold {
            return Err(DvcttError::plan(
                mat("threshold"),
                format!(
                    "a milestone on the deadline must repeat the target's threshold {}",
                    t.threshold
                ),
            ));
        }
        if let Some(p) = prev {
            if m.deadline <= p.deadline {
                return Err(DvcttError::plan(
                    mat("deadline"),
                    format!(
                        "{} is not after the previous milestone's {}",
                        m.deadline, p.deadline
                    ),
                ));
            }
            if dir.worse(m.threshold, p.threshold) {
                return Err(DvcttError::plan(
                    mat("threshold"),
                    format!(
                        "{} goes backwards from the previous milestone's {} ({})",
                        m.threshold,
                        p.threshold,
                        dir.as_str()
                    ),
                ));
            }
        }
        prev = Some(m);
    }
    if let Some(p) = prev {
        if dir.worse(t.threshold, p.threshold) {
            let j = t.milestones.len() - 1;
            return Err(DvcttError::plan(
                at(&format!("milestones[{j}].threshold")),
                format!(
                    "{} is beyond the target's final threshold {} ({})",
                    p.threshold,
                    t.threshold,
                    dir.as_str()
                ),
            ));
        }
    }
    if let Some(b) = &t.baseline {
        if let Some(why) = value_problem(t.indicator, b.value) {
            return Err(DvcttError::plan(at("baseline.value"), why));
        }
        let first = t.points()[0].deadline;
        if b.date >= first {
            return Err(DvcttError::plan(
                at("baseline.date"),
                format!("{} is not before the first deadline {first}", b.date),
            ));
        }
    }
    Ok(())
}

impl Plan {
    /// Parses and validates a plan document.
    pub fn from_json(text: &str) -> Result<Self> {
        let value = crate::base::json::parse_document(text)
            .map_err(|detail| DvcttError::plan("$", detail))?;
        Self::from_value(value)
    }

    /// Validates an already-parsed plan document.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        match value.get("schema") {
            Some(serde_json::Value::String(s)) if s == PLAN_SCHEMA => {}
            Some(other) => {
                return Err(DvcttError::plan(
                    "schema",
                    format!("expected \"{PLAN_SCHEMA}\", found {other}"),
                ))
            }
            None if value.is_object() => {
                return Err(DvcttError::plan(
                    "schema",
                    format!("missing; expected \"{PLAN_SCHEMA}\""),
                ))
            }
            None => return Err(DvcttError::plan("$", "a plan must be a JSON object")),
        }
        check_indicator_ids(&value, "targets", "indicator")?;
        let plan: Plan = crate::base::json::deserialize(value)
            .map_err(|e| DvcttError::plan(json_path(e.path()), e.inner().to_string()))?;
        plan.validate()?;
        Ok(plan)
    }

    /// Rules the JSON shape cannot express.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(DvcttError::plan("id", "empty"));
        }
        self.period
            .parse::<Period>()
            .map_err(|e| DvcttError::plan("period", e.to_string()))?;
        let mut ids = HashMap::new();
        for (i, t) in self.targets.iter().enumerate() {
            let at = |f: &str| format!("targets[{i}].{f}");
            if t.id.trim().is_empty() {
                return Err(DvcttError::plan(at("id"), "empty"));
            }
            if let Some(first) = ids.insert(t.id.as_str(), i) {
                return Err(DvcttError::plan(
                    at("id"),
                    format!("duplicate target id `{}` (first at targets[{first}])", t.id),
                ));
            }
            if let Some(why) = value_problem(t.indicator, t.threshold) {
                return Err(DvcttError::plan(at("threshold"), why));
            }
            if let Some(p) = &t.period {
                p.parse::<Period>()
                    .map_err(|e| DvcttError::plan(at("period"), e.to_string()))?;
            }
            validate_trajectory(t, &at)?;
        }
        check_unique(self.tasks.iter().map(|t| t.id.as_str()), "tasks")?;
        check_tasks_valid(&self.tasks)?;
        check_unique(self.reporting.iter().map(|r| r.id.as_str()), "reporting")?;
        for (i, r) in self.reporting.iter().enumerate() {
            let at = |f: &str| format!("reporting[{i}].{f}");
            if r.reporters.is_empty() {
                return Err(DvcttError::plan(at("reporters"), "no reporter named"));
            }
            if r.to.trim().is_empty() {
                return Err(DvcttError::plan(at("to"), "empty"));
            }
            if let Some(ReportDue::FixedDate { month, day }) = r.due {
                // 2024 is a leap year, so 29 February is accepted.
                if NaiveDate::from_ymd_opt(2024, month, day).is_none() {
                    return Err(DvcttError::plan(
                        at("due"),
                        format!("month {month}, day {day} is not a day of the year"),
                    ));
                }
            }
        }
        for (field, refs) in [
            ("legal_basis", &self.legal_basis),
            ("supersedes", &self.supersedes),
        ] {
            for (i, r) in refs.iter().enumerate() {
                if r.is_empty() {
                    return Err(DvcttError::plan(
                        format!("{field}[{i}]"),
                        "empty document reference",
                    ));
                }
            }
        }
        if self.implements.as_ref().is_some_and(DocumentRef::is_empty) {
            return Err(DvcttError::plan("implements", "empty document reference"));
        }
        Ok(())
    }

    /// The period a target is measured over.
    pub fn target_period(&self, t: &Target) -> Result<Period> {
        t.period.as_deref().unwrap_or(&self.period).parse()
    }
}

/// How much a cascade finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Severity {
    Info,
    Warning,
}

/// One result of [`crate::engine::cascade::cascade`]: how a target relates
/// to its parent plan's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CascadeFinding {
    pub plan_id: String,
    /// `None` for a finding about the plan itself (its parent is not loaded).
    pub target_id: Option<String>,
    /// The loaded parent plan, if found.
    pub parent_plan_id: Option<String>,
    /// The parent target the child target refines, if any.
    pub parent_target_id: Option<String>,
    pub severity: Severity,
    /// The finding in English (the sentence of `detail`).
    pub message: String,
    /// The finding as a message code with its parameters, for outputs in
    /// other languages.
    pub detail: CascadeDetail,
}

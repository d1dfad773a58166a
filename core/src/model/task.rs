//! Tasks (nhiệm vụ) of a plan, their cadence, the activity log units keep,
//! and the result of checking one against the other (the check itself is
//! [`crate::engine::tasks::check_tasks`]; the CSV reader of the log,
//! [`crate::io::activities::read_activities_csv`]).
//!
//! A cadence is turned into *slots*: windows of days, each needing at least
//! `min` activities (the sum of their `count`) of the task by the unit.
//!
//! | cadence (`kind`) | plan wording | slots |
//! |---|---|---|
//! | `regular` | thường xuyên | every quarter (or month, `per`) meeting the period: at least `min` (default 1) |
//! | `monthly` | hằng tháng | every month meeting the period: at least `min` |
//! | `quarterly` | mỗi quý có ít nhất 01 sản phẩm | every quarter meeting the period: at least `min` |
//! | `yearly_on` | 10/10 hằng năm | for each year whose date falls in the period: the date ± `window_days` (default 15) |
//! | `once_by` | Quý IV/2026 | from the period's start to the deadline: at least `min` (default 1) |
//! | `within` | từ tháng 01/2021 đến tháng 12/2022 | the window `from`..`to`, clipped to the period: at least `min` |
//!
//! Month and quarter slots are clipped to the checked period. A slot is *due*
//! once `as_of` is on or after its last day; a due slot with fewer
//! activities than required is *missed*. Slots not yet due are never
//! missed. Activities dated after `as_of` are not counted.

use crate::base::error::{DvcttError, Result};
use crate::model::records::RejectedRow;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

fn one() -> u32 {
    1
}
fn fifteen() -> u32 {
    15
}

/// The slot length of a `regular` cadence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum RegularEvery {
    Month,
    #[default]
    Quarter,
}

/// How often a task must produce an activity (thời gian thực hiện).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Cadence {
    /// Thường xuyên (continuously). Checked as at least `min` activities
    /// every `per` (default: 1 per quarter).
    Regular {
        #[serde(default)]
        per: RegularEvery,
        #[serde(default = "one")]
        #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
        min: u32,
    },
    /// Hằng tháng: at least `min` activities every month.
    Monthly {
        #[serde(default = "one")]
        #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
        min: u32,
    },
    /// Hằng quý, e.g. "mỗi quý có ít nhất 01 sản phẩm": at least `min` every quarter.
    Quarterly {
        #[serde(default = "one")]
        #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
        min: u32,
    },
    /// Every year on a date, e.g. 10 October (Ngày Chuyển đổi số quốc gia):
    /// an activity within `window_days` (default 15) before or after it.
    /// 29 February becomes 28 February in other years.
    YearlyOn {
        month: u32,
        day: u32,
        #[serde(default = "fifteen")]
        #[cfg_attr(feature = "uniffi", uniffi(default = 15))]
        window_days: u32,
    },
    /// Once, by a deadline (e.g. Quý IV/2026 → 2026-12-31).
    OnceBy {
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        deadline: NaiveDate,
    },
    /// At least `min` activities within a window (e.g. 01/2021–12/2022).
    Within {
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        from: NaiveDate,
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        to: NaiveDate,
        #[serde(default = "one")]
        #[cfg_attr(feature = "uniffi", uniffi(default = 1))]
        min: u32,
    },
}

/// A task (nhiệm vụ) of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Task {
    pub id: String,
    /// The task as the plan words it (nội dung).
    pub title: String,
    /// Lead units (đơn vị chủ trì): unit codes, matched literally against
    /// the activity log's `unit_code`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lead_units: Vec<String>,
    /// Cooperating units (đơn vị phối hợp).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cooperating_units: Vec<String>,
    pub cadence: Cadence,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Vec<String>,
}

/// One entry of a unit's activity log (hoạt động đã thực hiện): a product
/// published, an event held, a training given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Activity {
    pub activity_id: String,
    /// The plan task it serves.
    pub task_id: String,
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: NaiveDate,
    /// Free text, e.g. `video`, `event`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// How many products or events the entry stands for (default 1).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub count: Option<u32>,
}

impl Activity {
    /// How many activities the entry counts for (`count`, default 1).
    pub(crate) fn weight(&self) -> u32 {
        self.count.unwrap_or(1)
    }
}

/// Activities read from CSV, and the rows that could not be used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActivityLoad {
    pub activities: Vec<Activity>,
    pub rejected: Vec<RejectedRow>,
}

/// Builds an activity log from a JSON array of objects (what bindings hand
/// over); errors name the path, e.g. `activities[1].date`. Ids must be unique.
pub fn activities_from_value(value: serde_json::Value) -> Result<Vec<Activity>> {
    let list: Vec<Activity> = crate::base::json::deserialize(value).map_err(|e| {
        let at = crate::base::error::json_path(e.path());
        DvcttError::Data {
            path: if at == "$" {
                "activities".into()
            } else {
                format!("activities{at}")
            },
            detail: e.inner().to_string(),
        }
    })?;
    let mut seen = std::collections::HashMap::new();
    for (i, a) in list.iter().enumerate() {
        if let Some(first) = seen.insert(a.activity_id.as_str(), i) {
            return Err(DvcttError::Data {
                path: format!("activities[{i}].activity_id"),
                detail: format!(
                    "duplicate id `{}` (first at activities[{first}])",
                    a.activity_id
                ),
            });
        }
    }
    Ok(list)
}

/// Whether a task's cadence was kept by one lead unit over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskCheck {
    pub task_id: String,
    /// The lead unit; `None` for a task without lead units (any unit's
    /// activities count).
    pub unit_code: Option<String>,
    /// The period checked.
    pub period: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub as_of: NaiveDate,
    /// Activities the cadence asks for over the whole period (Σ of each
    /// slot's minimum).
    pub required: u32,
    /// Activities counted in the slots (dated on or before `as_of`).
    pub done: u32,
    /// No slot due by `as_of` was missed.
    pub kept: bool,
    /// Ids of the missed slots (`2026Q2`, `202603`, `2026-09-25..2026-10-25`).
    pub missed_periods: Vec<String>,
    /// Ids of the slots not yet due at `as_of`.
    pub pending_periods: Vec<String>,
}

/// Checks what a JSON shape cannot express: minimums of at least 1, real
/// dates, windows that do not end before they start.
pub(crate) fn check_tasks_valid(tasks: &[Task]) -> Result<()> {
    for (i, t) in tasks.iter().enumerate() {
        let at = |f: &str| format!("tasks[{i}].{f}");
        if t.title.trim().is_empty() {
            return Err(DvcttError::plan(at("title"), "empty"));
        }
        for (j, u) in t.lead_units.iter().enumerate() {
            if u.trim().is_empty() {
                return Err(DvcttError::plan(at(&format!("lead_units[{j}]")), "empty"));
            }
        }
        let min = match &t.cadence {
            Cadence::Regular { min, .. }
            | Cadence::Monthly { min }
            | Cadence::Quarterly { min }
            | Cadence::Within { min, .. } => Some(*min),
            _ => None,
        };
        if min == Some(0) {
            return Err(DvcttError::plan(at("cadence.min"), "must be at least 1"));
        }
        match &t.cadence {
            Cadence::YearlyOn {
                month,
                day,
                window_days,
            } => {
                if NaiveDate::from_ymd_opt(2024, *month, *day).is_none() {
                    return Err(DvcttError::plan(
                        at("cadence"),
                        format!("month {month}, day {day} is not a day of the year"),
                    ));
                }
                if *window_days > 182 {
                    return Err(DvcttError::plan(
                        at("cadence.window_days"),
                        format!("{window_days} is more than half a year"),
                    ));
                }
            }
            Cadence::Within { from, to, .. } if from > to => {
                return Err(DvcttError::plan(
                    at("cadence.to"),
                    format!("{to} is before the window's start {from}"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Parses an optional `YYYY-MM-DD` date argument, naming `path` in errors.
pub fn parse_date_arg(value: &str, path: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| DvcttError::Data {
        path: path.to_string(),
        detail: format!("`{value}` is not a date (expected YYYY-MM-DD)"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::Plan;

    #[test]
    fn activities_from_objects() {
        let v = serde_json::json!([
            {"activity_id": "A1", "task_id": "T1", "unit_code": "U1", "date": "2026-01-05"},
            {"activity_id": "A2", "task_id": "T1", "unit_code": "U1", "date": "2026-13-05"}
        ]);
        match activities_from_value(v) {
            Err(DvcttError::Data { path, .. }) => assert_eq!(path, "activities[1].date"),
            other => panic!("{other:?}"),
        }
        let v = serde_json::json!([
            {"activity_id": "A1", "task_id": "T1", "unit_code": "U1", "date": "2026-01-05", "count": 3},
            {"activity_id": "A1", "task_id": "T1", "unit_code": "U1", "date": "2026-01-06"}
        ]);
        match activities_from_value(v) {
            Err(DvcttError::Data { path, .. }) => assert_eq!(path, "activities[1].activity_id"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_cadences() {
        for (c, path) in [
            (r#"{"kind": "quarterly", "min": 0}"#, "tasks[0].cadence.min"),
            (
                r#"{"kind": "yearly_on", "month": 2, "day": 30}"#,
                "tasks[0].cadence",
            ),
            (
                r#"{"kind": "within", "from": "2022-12-31", "to": "2021-01-01"}"#,
                "tasks[0].cadence.to",
            ),
        ] {
            let json = format!(
                r#"{{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2026",
                    "targets": [], "tasks": [{{"id": "T1", "title": "x", "cadence": {c}}}]}}"#
            );
            match Plan::from_json(&json) {
                Err(DvcttError::Plan { path: got, .. }) => assert_eq!(got, path, "{c}"),
                other => panic!("{c}: {other:?}"),
            }
        }
    }
}

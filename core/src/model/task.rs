//! Tasks (nhiệm vụ) of a plan, their cadence, the activity log units keep,
//! and the check of one against the other.
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
use crate::base::period::Period;
use crate::io::csv_read::{Row, Schema};
use crate::io::csv_records::{read_records, CsvRecord};
use crate::model::plan::{plan_err, Plan};
use crate::model::records::RejectedRow;
use chrono::{Datelike, Days, NaiveDate};
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
        deadline: NaiveDate,
    },
    /// At least `min` activities within a window (e.g. 01/2021–12/2022).
    Within {
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        from: NaiveDate,
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
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
pub struct Activity {
    pub activity_id: String,
    /// The plan task it serves.
    pub task_id: String,
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
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
    fn weight(&self) -> u32 {
        self.count.unwrap_or(1)
    }
}

impl CsvRecord for Activity {
    const SCHEMA: Schema = Schema {
        required: &["activity_id", "task_id", "unit_code", "date"],
        optional: &["kind", "count"],
        one_of: &[],
    };
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let activity_id = r.text("activity_id")?;
        let task_id = r.text("task_id")?;
        let unit_code = r.text("unit_code")?;
        let date = r.date("date")?;
        let kind = r.opt_text("kind");
        let count = r.opt_u32("count")?;
        Ok(Activity {
            activity_id,
            task_id,
            unit_code,
            date,
            kind,
            count,
        })
    }
}

/// Activities read from CSV, and the rows that could not be used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ActivityLoad {
    pub activities: Vec<Activity>,
    pub rejected: Vec<RejectedRow>,
}

/// Reads an activity log (`activity_id, task_id, unit_code, date`, optional
/// `kind, count`) with the same rules as the other CSV files.
pub fn read_activities_csv(text: &str, file: &str, strict: bool) -> Result<ActivityLoad> {
    let l = read_records::<Activity>(text, file, strict, |a| &a.activity_id)?;
    Ok(ActivityLoad {
        activities: l.records,
        rejected: l.rejected,
    })
}

/// Builds an activity log from a JSON array of objects (what bindings hand
/// over); errors name the path, e.g. `activities[1].date`. Ids must be unique.
pub fn activities_from_value(value: serde_json::Value) -> Result<Vec<Activity>> {
    let list: Vec<Activity> = serde_path_to_error::deserialize(value).map_err(|e| {
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
pub struct TaskCheck {
    pub task_id: String,
    /// The lead unit; `None` for a task without lead units (any unit's
    /// activities count).
    pub unit_code: Option<String>,
    /// The period checked.
    pub period: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
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
            return Err(plan_err(at("title"), "empty"));
        }
        for (j, u) in t.lead_units.iter().enumerate() {
            if u.trim().is_empty() {
                return Err(plan_err(at(&format!("lead_units[{j}]")), "empty"));
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
            return Err(plan_err(at("cadence.min"), "must be at least 1"));
        }
        match &t.cadence {
            Cadence::YearlyOn {
                month,
                day,
                window_days,
            } => {
                if NaiveDate::from_ymd_opt(2024, *month, *day).is_none() {
                    return Err(plan_err(
                        at("cadence"),
                        format!("month {month}, day {day} is not a day of the year"),
                    ));
                }
                if *window_days > 182 {
                    return Err(plan_err(
                        at("cadence.window_days"),
                        format!("{window_days} is more than half a year"),
                    ));
                }
            }
            Cadence::Within { from, to, .. } if from > to => {
                return Err(plan_err(
                    at("cadence.to"),
                    format!("{to} is before the window's start {from}"),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// One window of a cadence within the checked period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    pub(crate) id: String,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) min: u32,
}

fn next_month(y: i32, m: u32) -> (i32, u32) {
    if m == 12 {
        (y + 1, 1)
    } else {
        (y, m + 1)
    }
}

/// Months (`months = 1`) or quarters (`months = 3`) meeting `p`, clipped to it.
fn calendar_slots(p: &Period, months: u32, min: u32) -> Vec<Slot> {
    let mut out = Vec::new();
    let s = p.start();
    let (mut y, mut m) = (s.year(), (s.month() - 1) / months * months + 1);
    loop {
        let id = if months == 1 {
            format!("{y:04}{m:02}")
        } else {
            format!("{y:04}Q{}", (m - 1) / 3 + 1)
        };
        let whole: Period = id.parse().expect("a month or quarter id");
        if whole.start() > p.end() {
            break;
        }
        out.push(Slot {
            id,
            start: whole.start().max(p.start()),
            end: whole.end().min(p.end()),
            min,
        });
        for _ in 0..months {
            (y, m) = next_month(y, m);
        }
    }
    out
}

fn range_id(start: NaiveDate, end: NaiveDate) -> String {
    Period::range(start, end)
        .map(|p| p.id())
        .unwrap_or_else(|_| format!("{start}..{end}"))
}

pub(crate) fn slots(c: &Cadence, p: &Period) -> Vec<Slot> {
    match c {
        Cadence::Regular { per, min } => match per {
            RegularEvery::Month => calendar_slots(p, 1, *min),
            RegularEvery::Quarter => calendar_slots(p, 3, *min),
        },
        Cadence::Monthly { min } => calendar_slots(p, 1, *min),
        Cadence::Quarterly { min } => calendar_slots(p, 3, *min),
        Cadence::YearlyOn {
            month,
            day,
            window_days,
        } => (p.start().year()..=p.end().year())
            .filter_map(|y| {
                let date = NaiveDate::from_ymd_opt(y, *month, *day)
                    .or_else(|| NaiveDate::from_ymd_opt(y, *month, day - 1))?;
                if !p.contains_date(date) {
                    return None;
                }
                let w = Days::new(u64::from(*window_days));
                let (start, end) = (date - w, date + w);
                Some(Slot {
                    id: range_id(start, end),
                    start,
                    end,
                    min: 1,
                })
            })
            .collect(),
        Cadence::OnceBy { deadline } => {
            if *deadline < p.start() {
                return Vec::new();
            }
            vec![Slot {
                id: range_id(p.start(), *deadline),
                start: p.start(),
                end: *deadline,
                min: 1,
            }]
        }
        Cadence::Within { from, to, min } => {
            let (start, end) = ((*from).max(p.start()), (*to).min(p.end()));
            if start > end {
                return Vec::new();
            }
            vec![Slot {
                id: range_id(start, end),
                start,
                end,
                min: *min,
            }]
        }
    }
}

/// Checks every task of a plan against an activity log: one row per task
/// and lead unit (one row with `unit_code: None` for a task without lead
/// units), over `period` (default: the plan's) as of `as_of` (default: the
/// period's last day). A task whose cadence has no slot in the period
/// (a `once_by` deadline or a `within` window outside it) gives no row.
pub fn check_tasks(
    plan: &Plan,
    activities: &[Activity],
    period: Option<&str>,
    as_of: Option<NaiveDate>,
) -> Result<Vec<TaskCheck>> {
    let p: Period = period.unwrap_or(&plan.period).parse()?;
    let as_of = as_of.unwrap_or(p.end());
    let mut out = Vec::new();
    for t in &plan.tasks {
        let sl = slots(&t.cadence, &p);
        if sl.is_empty() {
            continue;
        }
        let units: Vec<Option<&str>> = if t.lead_units.is_empty() {
            vec![None]
        } else {
            t.lead_units.iter().map(|u| Some(u.as_str())).collect()
        };
        for unit in units {
            let mine: Vec<&Activity> = activities
                .iter()
                .filter(|a| a.task_id == t.id && a.date <= as_of)
                .filter(|a| unit.is_none_or(|u| a.unit_code == u))
                .collect();
            let (mut required, mut done) = (0u32, 0u32);
            let (mut missed, mut pending) = (Vec::new(), Vec::new());
            for s in &sl {
                let n: u32 = mine
                    .iter()
                    .filter(|a| s.start <= a.date && a.date <= s.end)
                    .map(|a| a.weight())
                    .sum();
                required += s.min;
                done += n;
                if as_of < s.end {
                    pending.push(s.id.clone());
                } else if n < s.min {
                    missed.push(s.id.clone());
                }
            }
            out.push(TaskCheck {
                task_id: t.id.clone(),
                unit_code: unit.map(str::to_string),
                period: p.id(),
                as_of,
                required,
                done,
                kept: missed.is_empty(),
                missed_periods: missed,
                pending_periods: pending,
            });
        }
    }
    Ok(out)
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

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan(cadence: &str, lead: &[&str]) -> Plan {
        let json = format!(
            r#"{{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2026",
                "targets": [], "tasks": [{{"id": "T1", "title": "task", "lead_units": {lead:?}, "cadence": {cadence}}}]}}"#
        );
        Plan::from_json(&json).unwrap()
    }

    fn act(id: &str, unit: &str, date: &str, count: Option<u32>) -> Activity {
        Activity {
            activity_id: id.into(),
            task_id: "T1".into(),
            unit_code: unit.into(),
            date: d(date),
            kind: None,
            count,
        }
    }

    #[test]
    fn quarterly_min_one_missed_quarters() {
        let p = plan(r#"{"kind": "quarterly", "min": 1}"#, &["VP", "U1"]);
        let log = [
            act("A1", "VP", "2026-02-01", None),
            act("A2", "VP", "2026-08-01", None),
            act("A3", "VP", "2026-11-30", Some(2)),
            act("A4", "U1", "2026-03-31", None),
        ];
        let r = check_tasks(&p, &log, None, None).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].required, r[0].done, r[0].kept), (4, 4, false));
        assert_eq!(r[0].missed_periods, vec!["2026Q2"]);
        assert_eq!(r[1].missed_periods, vec!["2026Q2", "2026Q3", "2026Q4"]);
        // As of 2026-06-29 only Q1 is due: U1 kept it.
        let r = check_tasks(&p, &log, None, Some(d("2026-06-29"))).unwrap();
        assert!(r[1].kept);
        assert_eq!(r[1].pending_periods, vec!["2026Q2", "2026Q3", "2026Q4"]);
    }

    #[test]
    fn monthly_clipped_to_range() {
        let p = plan(r#"{"kind": "monthly"}"#, &["U1"]);
        let log = [act("A1", "U1", "2026-01-20", None)];
        let r = check_tasks(&p, &log, Some("2026-01-15..2026-02-14"), None).unwrap();
        assert_eq!(r[0].required, 2);
        assert_eq!(r[0].missed_periods, vec!["202602"]);
    }

    #[test]
    fn yearly_on_window_and_once_by() {
        let p = plan(r#"{"kind": "yearly_on", "month": 10, "day": 10}"#, &["U1"]);
        let ok = [act("A1", "U1", "2026-10-24", None)];
        let late = [act("A1", "U1", "2026-10-26", None)];
        let r = check_tasks(&p, &ok, None, None).unwrap();
        assert!(r[0].kept && r[0].done == 1);
        let r = check_tasks(&p, &late, None, None).unwrap();
        assert_eq!(r[0].missed_periods, vec!["2026-09-25..2026-10-25"]);
        let p = plan(r#"{"kind": "once_by", "deadline": "2026-12-31"}"#, &[]);
        let r = check_tasks(&p, &late, None, None).unwrap();
        assert_eq!(r[0].unit_code, None);
        assert!(r[0].kept);
    }

    #[test]
    fn activities_csv_bad_count_names_line() {
        let text = "activity_id,task_id,unit_code,date,count\nA1,T1,U1,2026-01-05,2\nA2,T1,U1,2026-01-06,two\n";
        let l = read_activities_csv(text, "a.csv", false).unwrap();
        assert_eq!(l.activities.len(), 1);
        assert_eq!(l.activities[0].count, Some(2));
        assert_eq!(
            (l.rejected[0].line, l.rejected[0].field.as_str()),
            (3, "count")
        );
        let e = read_activities_csv(text, "a.csv", true).unwrap_err();
        assert_eq!(e.variant(), "Csv");
    }

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

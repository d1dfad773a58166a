//! The check of a plan's tasks against an activity log: each cadence is cut
//! into *slots* (windows of days, each needing at least `min` activities)
//! and the activities of each lead unit are counted in them (see
//! [`crate::model::task`] for the cadences and their slots).

use crate::base::error::Result;
use crate::base::period::Period;
use crate::model::plan::Plan;
use crate::model::task::{Activity, Cadence, RegularEvery, TaskCheck};
use chrono::{Datelike, Days, NaiveDate};

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
        // Past year 9999 there is no period id (the loop ends before).
        let Ok(whole) = id.parse::<Period>() else {
            break;
        };
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
                    .or_else(|| NaiveDate::from_ymd_opt(y, *month, day.checked_sub(1)?))?;
                if !p.contains_date(date) {
                    return None;
                }
                let w = Days::new(u64::from(*window_days));
                // A window past the calendar chrono holds ends at its first or last day.
                let start = date.checked_sub_days(w).unwrap_or(NaiveDate::MIN);
                let end = date.checked_add_days(w).unwrap_or(NaiveDate::MAX);
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
                // Saturating: counts given by a caller may be as large as u32 allows.
                let n: u32 = mine
                    .iter()
                    .filter(|a| s.start <= a.date && a.date <= s.end)
                    .fold(0, |sum, a| sum.saturating_add(a.weight()));
                required = required.saturating_add(s.min);
                done = done.saturating_add(n);
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
    fn counts_near_u32_max_and_windows_past_the_calendar_do_not_overflow() {
        // Counts as large as a caller (a Kotlin `UInt`) can give: the sums saturate.
        let p = plan(r#"{"kind": "quarterly", "min": 1}"#, &["U1"]);
        let log = [
            act("A1", "U1", "2026-02-01", Some(u32::MAX)),
            act("A2", "U1", "2026-02-02", Some(u32::MAX)),
        ];
        let rows = check_tasks(&p, &log, None, None).unwrap();
        assert_eq!(rows[0].done, u32::MAX);
        // A plan built as a record is not checked as its JSON is: day 0 and a window of
        // u32::MAX days (past chrono's calendar) give no slot or a clipped one, not a panic.
        let mut p = plan(r#"{"kind": "yearly_on", "month": 3, "day": 1}"#, &["U1"]);
        p.tasks[0].cadence = Cadence::YearlyOn {
            month: 3,
            day: 0,
            window_days: 5,
        };
        assert!(check_tasks(&p, &log, None, None).unwrap().is_empty());
        p.tasks[0].cadence = Cadence::YearlyOn {
            month: 3,
            day: 1,
            window_days: u32::MAX,
        };
        let rows = check_tasks(&p, &log, None, None).unwrap();
        assert_eq!(rows.len(), 1);
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
}

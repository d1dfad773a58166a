//! Step 2: the expected reports: the reporting call (the options' or the
//! plan's obligations with a frequency), each reporter's due day, and the
//! reporting against each obligation.

use crate::base::error::Result;
use crate::base::period::{Period, PeriodKind};
use crate::base::sort;
use crate::model::consolidated::ObligationReporting;
use crate::model::plan::{ReportDue, ReportFrequency, ReportingObligation};
use crate::reports::consolidate::context::{err, pct, submitted_day, u32_of, Context, Current};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// One expected unit: the obligation that expects it and its due day.
pub struct Expected {
    pub obligation: String,
    pub due: Option<NaiveDate>,
}

/// The units expected to report, by unit (a unit in several obligations
/// keeps the earliest due day), and the reporting against each obligation.
pub struct ExpectedReports {
    pub units: BTreeMap<String, Expected>,
    pub per_obligation: Vec<ObligationReporting>,
}

/// The obligations of the reporting call, each with the path it was given
/// at: the options' (each needs a frequency), or the plan's that have a
/// frequency, keeping the reporters that are unit codes.
pub fn obligations(ctx: &Context) -> Result<Vec<(String, ReportingObligation)>> {
    match &ctx.options.obligations {
        Some(list) => {
            for (j, o) in list.iter().enumerate() {
                if o.frequency.is_none() {
                    return Err(err(
                        format!("options.obligations[{j}].frequency"),
                        format!("the reporting call {} needs a frequency", o.id),
                    ));
                }
            }
            Ok(list
                .iter()
                .enumerate()
                .map(|(j, o)| (format!("options.obligations[{j}]"), o.clone()))
                .collect())
        }
        None => Ok(ctx
            .plan
            .reporting
            .iter()
            .enumerate()
            .filter(|(_, o)| o.frequency.is_some())
            .map(|(j, o)| {
                let mut o = o.clone();
                o.reporters.retain(|r| ctx.is_unit_code(r));
                (format!("plan.reporting[{j}]"), o)
            })
            .filter(|(_, o)| !o.reporters.is_empty())
            .collect()),
    }
}

/// The expected reports of the obligations, and how many of each arrived
/// (`current`), on time or not.
pub fn expected_reports(
    ctx: &Context,
    obligations: &[(String, ReportingObligation)],
    current: &Current,
) -> Result<ExpectedReports> {
    let period = &ctx.period;
    let mut expected: BTreeMap<String, Expected> = BTreeMap::new();
    let mut per_obligation = Vec::new();
    for (path, o) in obligations {
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
            .map(|d| due_day(d, period, &format!("{path}.due")))
            .transpose()?;
        let mut units: Vec<&String> = o.reporters.iter().collect();
        sort::sort(&mut units);
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
            expect(&mut expected, u, &o.id, due);
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
    Ok(ExpectedReports {
        units: expected,
        per_obligation,
    })
}

/// Expects `unit` under `obligation`; a unit in several obligations keeps
/// the earliest due day (a due day before none).
fn expect(
    expected: &mut BTreeMap<String, Expected>,
    unit: &str,
    obligation: &str,
    due: Option<NaiveDate>,
) {
    let e = expected.entry(unit.to_string()).or_insert(Expected {
        obligation: obligation.to_string(),
        due,
    });
    if let (Some(d), Some(old)) = (due, e.due) {
        if d < old {
            *e = Expected {
                obligation: obligation.to_string(),
                due: Some(d),
            };
        }
    } else if e.due.is_none() && due.is_some() {
        *e = Expected {
            obligation: obligation.to_string(),
            due,
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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

//! Step 3: the reporting status of every unit expected or reporting (on
//! time, late, received, missing, not expected; R030–R032), and the
//! completeness and timeliness of the reporting.

use crate::base::error::Result;
use crate::base::sort;
use crate::model::consolidated::{
    LateReport, MissingReport, ReportingStatus, ReportingSummary, UnitRow,
};
use crate::model::report::{Finding, UnitReport};
use crate::model::rule::Rule;
use crate::reports::consolidate::context::{
    pct, submitted_day, u32_of, Context, Current, Findings,
};
use crate::reports::consolidate::expected::{Expected, ExpectedReports};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Counts of the reporting, as the units are gone through.
#[derive(Default)]
struct Tally {
    received: u32,
    on_time: u32,
    with_due: u32,
    missing: Vec<MissingReport>,
    late: Vec<LateReport>,
}

/// One row per unit expected or with a current report, by unit code, with
/// its status (figures not yet filled), and the reporting summary.
pub fn unit_statuses(
    ctx: &Context,
    expected: ExpectedReports,
    current: &Current,
    findings: &mut Findings,
) -> Result<(Vec<UnitRow>, ReportingSummary)> {
    let all_units: BTreeSet<&String> = sort::set_of(expected.units.keys().chain(current.keys()));
    let mut rows = Vec::new();
    let mut tally = Tally::default();
    for u in all_units {
        let exp = expected.units.get(u);
        let cur = current.get(u.as_str()).copied();
        let mut row = UnitRow {
            unit: u.clone(),
            name: ctx.name(u),
            status: ReportingStatus::NotExpected,
            report: cur.map(|c| u32_of(c.0)),
            submitted_at: cur.map(|c| c.1.submitted_at.clone()),
            due: exp.and_then(|e| e.due),
            days_late: None,
            in_root: ctx.in_root(u),
            consolidated_in: None,
            figures: Vec::new(),
        };
        if let Some(e) = exp {
            expected_status(ctx, &mut row, e, cur, &mut tally, findings)?;
        } else if let Some((i, _)) = cur {
            findings.push(
                Some(i),
                u,
                Finding::new(
                    Rule::R030,
                    "unit",
                    format!("Đơn vị {u} không thuộc diện phải báo cáo kỳ {}", ctx.period),
                    format!("unit {u} is not asked to report for {}", ctx.period),
                ),
            );
        }
        rows.push(row);
    }
    let expected_n = u32_of(expected.units.len());
    let summary = ReportingSummary {
        obligations: expected.per_obligation,
        expected: expected_n,
        received: tally.received,
        on_time: tally.on_time,
        expected_with_due: tally.with_due,
        completeness: pct(tally.received, expected_n),
        timeliness: pct(tally.on_time, tally.with_due),
        missing: tally.missing,
        late: tally.late,
    };
    Ok((rows, summary))
}

/// The status of an expected unit: missing (R032), on time, late (R031) or
/// received without a due day.
fn expected_status(
    ctx: &Context,
    row: &mut UnitRow,
    e: &Expected,
    cur: Option<(usize, &UnitReport)>,
    tally: &mut Tally,
    findings: &mut Findings,
) -> Result<()> {
    let u = &row.unit;
    if e.due.is_some() {
        tally.with_due += 1;
    }
    match (cur, e.due) {
        (None, _) => {
            row.status = ReportingStatus::Missing;
            tally.missing.push(MissingReport {
                unit: u.clone(),
                obligation: e.obligation.clone(),
                due: e.due,
            });
            findings.push(None, u, missing_finding(ctx, u, e));
        }
        (Some((i, r)), Some(due)) => {
            tally.received += 1;
            let day = submitted_day(r)?;
            if day <= due {
                tally.on_time += 1;
                row.status = ReportingStatus::OnTime;
            } else {
                let days = (day - due).num_days();
                row.status = ReportingStatus::Late;
                row.days_late = Some(days);
                tally.late.push(LateReport {
                    unit: u.clone(),
                    obligation: e.obligation.clone(),
                    report: u32_of(i),
                    due,
                    submitted_at: r.submitted_at.clone(),
                    days_late: days,
                });
                findings.push(Some(i), u, late_finding(day, due, days));
            }
        }
        (Some(_), None) => {
            tally.received += 1;
            row.status = ReportingStatus::Received;
        }
    }
    Ok(())
}

/// R032: `u` sent no report for the period.
fn missing_finding(ctx: &Context, u: &str, e: &Expected) -> Finding {
    let period = &ctx.period;
    let due_txt = e.due.map(|d| d.to_string()).unwrap_or_default();
    Finding::new(
        Rule::R032,
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
    )
}

/// R031: submitted on `day`, `days` after the due day.
fn late_finding(day: NaiveDate, due: NaiveDate, days: i64) -> Finding {
    Finding::new(
        Rule::R031,
        "submitted_at",
        format!("Báo cáo gửi ngày {day}, trễ {days} ngày so với hạn {due}"),
        format!("submitted on {day}, {days} day(s) after the due day {due}"),
    )
}

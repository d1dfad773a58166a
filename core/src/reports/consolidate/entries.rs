//! Step 1: every report validated, supersession deciding the current ones,
//! and of those, the unit reports on the plan for the period (R034, R035
//! for the others).

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::io::report_json::in_list;
use crate::model::consolidated::ReportEntry;
use crate::model::report::{Finding, Report};
use crate::model::rule::Rule;
use crate::reports::consolidate::context::{err, u32_of, Context, Current, Findings};
use crate::reports::supersede::supersede;
use crate::reports::validate::validate;

/// One entry per report: its findings (R018 when superseded), whether it is
/// current.
pub fn report_entries(ctx: &Context, reports: &[Report]) -> Result<Vec<ReportEntry>> {
    let sup = supersede(reports)?;
    let mut entries = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let findings = validate(r, Some(ctx.plan), ctx.tree.as_ref(), Some(ctx.now))
            .map_err(|e| in_list(e, "reports", i))?;
        entries.push(ReportEntry {
            index: u32_of(i),
            kind: r.kind().to_string(),
            unit: r.unit().to_string(),
            period: r.period().to_string(),
            submitted_at: r.submitted_timestamp().clone(),
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
    Ok(entries)
}

/// The current unit reports on the plan for the period, by unit, marked
/// `consolidated` in `entries`; the other current reports get R035 (not a
/// unit report, or on another plan) or R034 (another period).
pub fn current_reports<'r>(
    ctx: &Context,
    reports: &'r [Report],
    entries: &mut [ReportEntry],
    findings: &mut Findings,
) -> Result<Current<'r>> {
    let (plan, period) = (ctx.plan, &ctx.period);
    let mut current = Current::new();
    for (i, r) in reports.iter().enumerate() {
        if !entries[i].current {
            continue;
        }
        let Report::Unit(u) = r else {
            findings.push(
                Some(i),
                r.unit(),
                Finding::new(
                    Rule::R035,
                    "schema",
                    format!(
                        "Báo cáo loại {} không được tổng hợp (chỉ tổng hợp báo cáo của đơn vị)",
                        r.kind()
                    ),
                    format!(
                        "a {} report is not consolidated (only unit reports are)",
                        r.kind()
                    ),
                ),
            );
            continue;
        };
        if !u.plan.designates(plan) {
            findings.push(
                Some(i),
                &u.unit,
                Finding::new(
                    Rule::R035,
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
            findings.push(
                Some(i),
                &u.unit,
                Finding::new(
                    Rule::R034,
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
    Ok(current)
}

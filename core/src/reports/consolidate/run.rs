//! The consolidation, step by step (see the module `reports::consolidate`).

use crate::base::error::Result;
use crate::base::time::Timestamp;
use crate::model::consolidated::{
    ConsolidateOptions, ConsolidatedReport, CONSOLIDATED_REPORT_SCHEMA,
};
use crate::model::plan::Plan;
use crate::model::report::{PlanRef, Report};
use crate::reports::consolidate::context::{Context, Findings};
use crate::reports::consolidate::entries::{current_reports, report_entries};
use crate::reports::consolidate::expected::{expected_reports, obligations};
use crate::reports::consolidate::figures::unit_figures;
use crate::reports::consolidate::records::compare_with_records;
use crate::reports::consolidate::status::unit_statuses;
use crate::reports::consolidate::targets::judge_targets;
use crate::reports::consolidate::tasks::task_summaries;
use crate::reports::consolidate::totals::totals;

/// Consolidates the units' reports on `plan` for `options.period`; see the
/// module documentation and the README ("Consolidated report").
pub fn consolidate(
    plan: &Plan,
    reports: &[Report],
    options: &ConsolidateOptions,
) -> Result<ConsolidatedReport> {
    let ctx = Context::new(plan, options)?;
    let mut findings = Findings::default();
    let mut entries = report_entries(&ctx, reports)?;
    let current = current_reports(&ctx, reports, &mut entries, &mut findings)?;
    let obligations = obligations(&ctx)?;
    let expected = expected_reports(&ctx, &obligations, &current)?;
    let (mut rows, reporting) = unit_statuses(&ctx, expected, &current, &mut findings)?;
    unit_figures(&ctx, &mut rows, &current);
    let (total, by_org_unit) = totals(&ctx, &mut rows);
    let comparisons = compare_with_records(&ctx, &current, &mut findings)?;
    let (targets, targets_not_judged) = judge_targets(&ctx, &rows)?;
    let tasks = task_summaries(&ctx, &current);
    let period = &ctx.period;
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
        root: ctx.root.clone(),
        generated_at: Timestamp::from(ctx.now),
        tolerance_pp: options.tolerance_pp,
        suppression_k: options.suppression_k,
        indicators: ctx.indicators.clone(),
        reporting,
        reports: entries,
        units: rows,
        total,
        by_org_unit,
        comparisons,
        targets,
        targets_not_judged,
        tasks,
        findings: findings.sorted(),
    })
}

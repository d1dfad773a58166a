//! Step 7: the plan's targets judged on the consolidated total: the summed
//! figures become aggregates for the period, judged by the evaluation
//! engine.

use crate::base::error::Result;
use crate::data::dataset::Dataset;
use crate::engine::evaluate::{evaluate_plan, EvaluateOptions};
use crate::model::consolidated::{ConsolidatedTarget, TargetNotJudged, UnitRow};
use crate::model::dataset_records::Aggregate;
use crate::model::indicator::Source;
use crate::reports::consolidate::context::Context;

/// The targets judged, and those that cannot be (a sector scope: unit
/// reports carry no sector breakdown).
pub fn judge_targets(
    ctx: &Context,
    rows: &[UnitRow],
) -> Result<(Vec<ConsolidatedTarget>, Vec<TargetNotJudged>)> {
    let period = &ctx.period;
    let mut agg = Dataset::default();
    for r in rows {
        for f in r.figures.iter().filter(|f| f.summed) {
            agg.aggregates.push(Aggregate {
                indicator: f.indicator,
                unit_code: r.unit.clone(),
                period: period.id(),
                numerator: f.numerator.unwrap_or(0.0),
                denominator: f.denominator.unwrap_or(0.0),
            });
        }
    }
    let mut judged_plan = ctx.plan.clone();
    let mut targets_not_judged = Vec::new();
    judged_plan.targets.retain(|t| {
        if !t.scope.sectors.is_empty() {
            targets_not_judged.push(TargetNotJudged {
                target_id: t.id.clone(),
                reason: "sector scope: unit reports carry no sector breakdown".into(),
            });
            return false;
        }
        true
    });
    for t in &mut judged_plan.targets {
        t.period = Some(period.id());
    }
    let eval = evaluate_plan(
        &judged_plan,
        &agg,
        &EvaluateOptions {
            source: Source::Aggregates,
            as_of: Some(ctx.options.as_of.unwrap_or(period.end())),
            ..EvaluateOptions::default()
        },
    )?;
    let targets = eval
        .into_iter()
        .map(|e| ConsolidatedTarget {
            target_id: e.target_id,
            indicator: e.indicator,
            comparator: e.comparator,
            threshold: e.threshold,
            applicable_threshold: e.applicable_threshold,
            deadline: e.deadline,
            as_of: e.as_of,
            numerator: e.numerator,
            denominator: e.denominator,
            value: e.value,
            status: e.status,
            gap_pp: e.gap_pp,
        })
        .collect();
    Ok((targets, targets_not_judged))
}

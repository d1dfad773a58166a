//! Judging a plan's targets from partial counts (số liệu đếm từng phần):
//! each part of the records (a Dask partition, a Spark task, a file) is
//! counted on the plan's grids ([`partial_grids`], [`partial_counts`]), the
//! parts merge ([`Partial::merge`]), and the merged counts judge every
//! target as the whole data set would ([`evaluate_each_partial`]).
//!
//! The partial counts hold the large kinds: dossiers, survey responses and
//! staff. The campaign logs (procedures, units, publications, outreach,
//! feedback) and reported aggregates are small and are given whole beside
//! them; an indicator of a log kind of which none was given is not
//! computed, saying so.

use crate::base::error::Result;
use crate::base::period::Period;
use crate::data::dataset::Dataset;
use crate::engine::compute::{dossier_grid, Counted};
use crate::engine::cube::Grid;
use crate::engine::evaluate::{evaluate_target, target_periods, EvaluateOptions, TargetEvaluation};
use crate::engine::partial::{Partial, PartialGrids};
use crate::model::indicator::reporting_year_start;
use crate::model::plan::Plan;
use crate::model::records::RecordKind;

/// The periods of a plan's targets reading `kind`.
fn periods_of(plan: &Plan, kind: RecordKind) -> Vec<Period> {
    plan.targets
        .iter()
        .filter(|t| t.indicator.source() == kind)
        .filter_map(|t| plan.target_period(t).ok())
        .collect()
}

fn grid_or_empty(periods: &[Period]) -> Result<Grid> {
    match dossier_grid(periods)? {
        Some(g) => Ok(g),
        None => Grid::new(Vec::new()),
    }
}

/// The time buckets partial counts for `plan` are built on: for each kind,
/// the pieces between the boundaries of its targets' periods (for staff,
/// of the spans from the reporting year's start to each period's end).
pub fn partial_grids(plan: &Plan) -> Result<PartialGrids> {
    let staff: Vec<Period> = periods_of(plan, RecordKind::Staff)
        .iter()
        .filter(|p| reporting_year_start(p) <= p.end())
        .map(|p| Period::range(reporting_year_start(p), p.end()))
        .collect::<Result<_>>()?;
    Ok(PartialGrids {
        dossiers: dossier_grid(&target_periods(plan))?,
        survey: grid_or_empty(&periods_of(plan, RecordKind::Survey))?,
        staff: grid_or_empty(&staff)?,
    })
}

/// The partial counts of one part of the records, for judging `plan`.
pub fn partial_counts(plan: &Plan, part: &Dataset) -> Result<Partial> {
    Partial::build(part, &partial_grids(plan)?)
}

/// The data set the judging reads beside the counts: `data`'s campaign logs
/// and aggregates, and the optional columns the parts or `data` lacked.
fn beside(partial: &Partial, data: &Dataset) -> Dataset {
    let mut absent = data.absent.clone();
    for a in &partial.absent {
        if !absent.contains(a) {
            absent.push(a.clone());
        }
    }
    Dataset {
        aggregates: data.aggregates.clone(),
        procedures: data.procedures.clone(),
        units: data.units.clone(),
        publications: data.publications.clone(),
        outreach: data.outreach.clone(),
        feedback: data.feedback.clone(),
        absent,
        ..Dataset::default()
    }
}

/// Judges each target of a plan from merged partial counts, with `data`'s
/// campaign logs and aggregates (its dossiers, survey and staff are not
/// read: give them as a part): as [`crate::engine::evaluate::evaluate_each`]
/// on all the records.
pub fn evaluate_each_partial(
    plan: &Plan,
    partial: &Partial,
    data: &Dataset,
    opts: &EvaluateOptions,
) -> Result<Vec<(String, Result<Vec<TargetEvaluation>>)>> {
    opts.validate()?;
    let ctx = beside(partial, data);
    Ok(plan
        .targets
        .iter()
        .map(|t| {
            let r = evaluate_target(plan, t, &ctx, Counted::Parts(partial), opts);
            (t.id.clone(), r)
        })
        .collect())
}

/// As [`evaluate_each_partial`], every target's rows in one list; the first
/// target that cannot be judged is the error (as
/// [`crate::engine::evaluate::evaluate_plan`]).
pub fn evaluate_plan_partial(
    plan: &Plan,
    partial: &Partial,
    data: &Dataset,
    opts: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    let mut out = Vec::new();
    for (_, r) in evaluate_each_partial(plan, partial, data, opts)? {
        out.extend(r?);
    }
    Ok(out)
}

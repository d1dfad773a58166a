//! The cascade check (phân cấp): each plan's targets against those of the
//! plan it implements.

use crate::base::message::{CascadeDetail, CascadeStep};
use crate::base::sort;
use crate::model::plan::{CascadeFinding, Milestone, Plan, Severity, Target};

/// Whether the parent's scope contains the child's (an empty list is "all").
fn scope_contains(parent: &[String], child: &[String]) -> bool {
    parent.is_empty() || (!child.is_empty() && child.iter().all(|c| parent.contains(c)))
}

/// How specific a parent scope is (number of restricted dimensions; an
/// identical scope ranks above everything).
fn specificity(parent: &Target, child: &Target) -> u32 {
    if parent.scope == child.scope {
        return 3;
    }
    u32::from(!parent.scope.units.is_empty()) + u32::from(!parent.scope.sectors.is_empty())
}

/// Checks plans against the plans they implement (cascade, phân cấp).
///
/// A plan's parent is the loaded plan its `implements` designates, by plan id
/// or by document number (ignoring case and surrounding spaces). A child
/// target refines the parent targets with the same indicator whose scope
/// contains the child's (an empty unit or sector list contains everything);
/// of those, only the most specific ones count (an identical scope first,
/// then those restricting more dimensions), and their steps (milestones and
/// final thresholds) are merged into one trajectory in date order.
///
/// For each step of the child (its milestones and final threshold), the
/// parent's requirement at that date is the latest parent step due on or
/// before it. A warning is given when:
/// - the child's threshold is worse, in the child's direction, than that
///   requirement (child ≥ 70% where the parent asks ≥ 80% by then);
/// - the parent has a step due inside the child target's measurement
///   period, before the child's deadline, that no child step due by then
///   reaches (the child postpones the parent's deadline);
/// - the two targets disagree on the direction.
///
/// Otherwise an info finding names the parent target refined. A target with
/// no parent target, or a plan whose parent is not loaded, gives an info
/// finding. Plans without `implements` give none.
pub fn cascade(plans: &[Plan]) -> Vec<CascadeFinding> {
    let mut out = Vec::new();
    for plan in plans {
        let Some(r) = &plan.implements else { continue };
        let Some(parent) = plans.iter().find(|p| p.id != plan.id && r.designates(p)) else {
            out.push(CascadeFinding {
                plan_id: plan.id.clone(),
                target_id: None,
                parent_plan_id: None,
                parent_target_id: None,
                severity: Severity::Info,
                message: CascadeDetail::ParentNotLoaded.to_string(),
                detail: CascadeDetail::ParentNotLoaded,
            });
            continue;
        };
        for t in &plan.targets {
            out.extend(cascade_target(plan, t, parent));
        }
    }
    out
}

/// The target being checked, its plan and the parent plan.
struct Pair<'a> {
    plan: &'a Plan,
    target: &'a Target,
    parent: &'a Plan,
}

impl Pair<'_> {
    fn finding(
        &self,
        pt: Option<&str>,
        severity: Severity,
        detail: CascadeDetail,
    ) -> CascadeFinding {
        CascadeFinding {
            plan_id: self.plan.id.clone(),
            target_id: Some(self.target.id.clone()),
            parent_plan_id: Some(self.parent.id.clone()),
            parent_target_id: pt.map(str::to_string),
            severity,
            message: detail.to_string(),
            detail,
        }
    }

    /// A finding relating step `step` of the target to `parent_step` of
    /// the parent target `p`.
    fn about_step(
        &self,
        p: &Target,
        severity: Severity,
        (step, parent_step): (CascadeStep, CascadeStep),
        make: fn(CascadeStep, String, String, CascadeStep) -> CascadeDetail,
    ) -> CascadeFinding {
        let detail = make(step, self.parent.id.clone(), p.id.clone(), parent_step);
        self.finding(Some(&p.id), severity, detail)
    }
}

/// A step of a target as quoted in messages: `>= 80 by 2025-12-31`.
fn show(tt: &Target, m: &Milestone) -> CascadeStep {
    CascadeStep {
        comparator: tt.comparator.symbol().to_string(),
        threshold: m.threshold,
        deadline: m.deadline,
    }
}

fn looser_than_parent(
    step: CascadeStep,
    parent_plan_id: String,
    parent_target_id: String,
    parent_step: CascadeStep,
) -> CascadeDetail {
    CascadeDetail::LooserThanParent {
        step,
        parent_plan_id,
        parent_target_id,
        parent_step,
    }
}

fn later_than_parent(
    step: CascadeStep,
    parent_plan_id: String,
    parent_target_id: String,
    parent_step: CascadeStep,
) -> CascadeDetail {
    CascadeDetail::LaterThanParent {
        step,
        parent_plan_id,
        parent_target_id,
        parent_step,
    }
}

fn refines_parent(
    step: CascadeStep,
    parent_plan_id: String,
    parent_target_id: String,
    parent_step: CascadeStep,
) -> CascadeDetail {
    CascadeDetail::Refines {
        step,
        parent_plan_id,
        parent_target_id,
        parent_step,
    }
}

/// The parent targets `t` refines: same indicator, a scope containing the
/// child's, and of those the most specific; empty when there is none.
fn refined<'a>(parent: &'a Plan, t: &Target) -> Vec<&'a Target> {
    let candidates: Vec<&Target> = parent
        .targets
        .iter()
        .filter(|p| {
            p.indicator == t.indicator
                && scope_contains(&p.scope.units, &t.scope.units)
                && scope_contains(&p.scope.sectors, &t.scope.sectors)
        })
        .collect();
    let Some(best) = candidates.iter().map(|p| specificity(p, t)).max() else {
        return Vec::new();
    };
    candidates
        .into_iter()
        .filter(|p| specificity(p, t) == best)
        .collect()
}

fn cascade_target(plan: &Plan, t: &Target, parent: &Plan) -> Vec<CascadeFinding> {
    let pair = Pair {
        plan,
        target: t,
        parent,
    };
    let chosen = refined(parent, t);
    if chosen.is_empty() {
        return vec![pair.finding(
            None,
            Severity::Info,
            CascadeDetail::NoParentTarget {
                parent_plan_id: parent.id.clone(),
                indicator: t.indicator.to_string(),
            },
        )];
    }
    let dir = t.direction();
    let mut out = Vec::new();
    for p in &chosen {
        if p.direction() != dir {
            out.push(pair.finding(
                Some(&p.id),
                Severity::Warning,
                CascadeDetail::DirectionDiffers {
                    direction: dir.as_str().to_string(),
                    parent_direction: p.direction().as_str().to_string(),
                },
            ));
        }
    }
    // The parent's steps, merged, in date order.
    let mut steps: Vec<(&Target, Milestone)> = chosen
        .iter()
        .flat_map(|p| p.points().into_iter().map(move |m| (*p, m)))
        .collect();
    sort::sort_by_key(&mut steps, |(_, m)| m.deadline);
    let child = t.points();
    out.extend(looser(&pair, &steps, &child));
    out.extend(postponed(&pair, &steps, &child));
    if out.is_empty() {
        out.push(refines(&pair, &steps, &child));
    }
    out
}

/// A warning for each child step worse than the parent's requirement at
/// its date (the latest parent step due on or before it).
fn looser(pair: &Pair, steps: &[(&Target, Milestone)], child: &[Milestone]) -> Vec<CascadeFinding> {
    let (t, dir) = (pair.target, pair.target.direction());
    let mut out = Vec::new();
    for c in child {
        if let Some((p, m)) = steps.iter().rev().find(|(_, m)| m.deadline <= c.deadline) {
            if dir.worse(c.threshold, m.threshold) {
                out.push(pair.about_step(
                    p,
                    Severity::Warning,
                    (show(t, c), show(p, m)),
                    looser_than_parent,
                ));
            }
        }
    }
    out
}

/// A warning for the first parent step due inside the child target's
/// measurement period, before its deadline, that no child step due by then
/// reaches.
fn postponed(
    pair: &Pair,
    steps: &[(&Target, Milestone)],
    child: &[Milestone],
) -> Option<CascadeFinding> {
    let (t, dir) = (pair.target, pair.target.direction());
    let period = pair.plan.target_period(t).ok()?;
    let (p, m) = steps.iter().find(|(_, m)| {
        let inside = period.start() <= m.deadline && m.deadline < t.deadline;
        let reached = child
            .iter()
            .any(|c| c.deadline <= m.deadline && !dir.worse(c.threshold, m.threshold));
        inside && !reached
    })?;
    let last = child.last().expect("a target has a final step");
    Some(pair.about_step(
        p,
        Severity::Warning,
        (show(t, last), show(p, m)),
        later_than_parent,
    ))
}

/// The info finding naming the parent step refined: the latest due by the
/// child's deadline, else the first.
fn refines(pair: &Pair, steps: &[(&Target, Milestone)], child: &[Milestone]) -> CascadeFinding {
    let t = pair.target;
    let (p, m) = steps
        .iter()
        .rev()
        .find(|(_, m)| m.deadline <= t.deadline)
        .or(steps.first())
        .expect("a chosen parent target has steps");
    let last = child.last().expect("a target has a final step");
    pair.about_step(
        p,
        Severity::Info,
        (show(t, last), show(p, m)),
        refines_parent,
    )
}

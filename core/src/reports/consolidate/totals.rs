//! Step 5: the totals up the org tree: Σ numerator ÷ Σ denominator of the
//! summed figures, for the root (or every unit) and for each org node above
//! a reporting unit.

use crate::model::consolidated::{ConsolidatedFigure, UnitRow};
use crate::model::org::OrgTree;
use crate::reports::consolidate::context::Context;
use crate::reports::consolidate::figures::value_of;
use std::collections::BTreeSet;

/// The total and the org nodes' subtotals (by level, then code); sets each
/// row's `consolidated_in`.
pub fn totals(
    ctx: &Context,
    rows: &mut [UnitRow],
) -> (Vec<ConsolidatedFigure>, Vec<ConsolidatedFigure>) {
    let total = sum_over(ctx, rows, &|_| true, ctx.root.clone());
    let mut by_org_unit = Vec::new();
    if let Some(t) = &ctx.tree {
        let nodes = org_nodes(ctx, t, rows);
        for (_, code) in &nodes {
            let under =
                |u: &str| u == code || t.ancestors(u, ctx.on_day).iter().any(|a| &a.code == code);
            by_org_unit.extend(sum_over(ctx, rows, &under, Some(code.clone())));
        }
        for r in rows.iter_mut() {
            r.consolidated_in = t
                .ancestors(&r.unit, ctx.on_day)
                .into_iter()
                .find(|a| nodes.iter().any(|(_, c)| *c == a.code))
                .map(|a| a.code.clone());
        }
    }
    (total, by_org_unit)
}

/// The org nodes above units under the root with a summed figure, below
/// the root, as (level, code).
fn org_nodes(ctx: &Context, t: &OrgTree, rows: &[UnitRow]) -> BTreeSet<(u32, String)> {
    let mut nodes: BTreeSet<(u32, String)> = BTreeSet::new();
    for r in rows
        .iter()
        .filter(|r| r.in_root && r.figures.iter().any(|f| f.summed))
    {
        for a in t.ancestors(&r.unit, ctx.on_day) {
            if Some(&a.code) == ctx.root.as_ref() {
                break;
            }
            nodes.insert((a.level, a.code.clone()));
        }
    }
    nodes
}

/// Per indicator, the sums of the summed figures of the units `units`
/// accepts.
fn sum_over(
    ctx: &Context,
    rows: &[UnitRow],
    units: &dyn Fn(&str) -> bool,
    code: Option<String>,
) -> Vec<ConsolidatedFigure> {
    ctx.indicators
        .iter()
        .enumerate()
        .map(|(k, &ind)| {
            let (mut n, mut d, mut c) = (0.0, 0.0, 0u32);
            for r in rows {
                let f = &r.figures[k];
                if f.summed && units(&r.unit) {
                    n += f.numerator.unwrap_or(0.0);
                    d += f.denominator.unwrap_or(0.0);
                    c += 1;
                }
            }
            ConsolidatedFigure {
                unit_code: code.clone(),
                indicator: ind,
                numerator: n,
                denominator: d,
                value: if c == 0 && !ind.is_ratio() {
                    None
                } else {
                    value_of(ind, n, d)
                },
                reports: c,
            }
        })
        .collect()
}

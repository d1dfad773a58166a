//! Step 4: each unit's figures, one per plan indicator, and whether each
//! is summed into the totals.

use crate::model::consolidated::{UnitFigure, UnitRow};
use crate::model::indicator::IndicatorId;
use crate::model::report::IndicatorValue;
use crate::reports::consolidate::context::{Context, Current};

/// Fills every row's figures from its unit's current report: the reported
/// numerator and denominator (a count: the count and 0), the value when
/// the figure is usable, summed when usable and under the root.
pub fn unit_figures(ctx: &Context, rows: &mut [UnitRow], current: &Current) {
    for row in rows {
        let cur = current.get(row.unit.as_str()).copied();
        for &ind in &ctx.indicators {
            let v = cur.and_then(|(_, r)| r.indicators.iter().find(|v| v.indicator == ind));
            let fig = v.and_then(|v| usable(ind, v));
            let (num, den) = match v {
                Some(v) if ind.is_ratio() => (
                    v.numerator.map(|x| x as f64),
                    v.denominator.map(|x| x as f64),
                ),
                Some(v) => (v.count.or(v.numerator).map(|x| x as f64), Some(0.0)),
                None => (None, None),
            };
            row.figures.push(UnitFigure {
                indicator: ind,
                numerator: num,
                denominator: den,
                value: fig.and_then(|(n, d)| value_of(ind, n, d)),
                summed: fig.is_some() && row.in_root,
            });
        }
    }
}

/// A usable figure of a report: (numerator, denominator) — for a count
/// (count, 0) — when it has no error (complete, not negative, numerator not
/// above denominator).
pub fn usable(ind: IndicatorId, v: &IndicatorValue) -> Option<(f64, f64)> {
    if ind.is_ratio() {
        match (v.numerator, v.denominator, v.count) {
            (Some(n), Some(d), None) if n >= 0 && d >= 0 && n <= d => Some((n as f64, d as f64)),
            _ => None,
        }
    } else {
        match (v.count, v.numerator) {
            (Some(c), _) if c >= 0 => Some((c as f64, 0.0)),
            (None, Some(n)) if n >= 0 => Some((n as f64, 0.0)),
            _ => None,
        }
    }
}

/// The value of a figure: `100 × num ÷ den` for a ratio (`None` when `den`
/// is 0), the count for a count.
pub fn value_of(ind: IndicatorId, num: f64, den: f64) -> Option<f64> {
    if ind.is_ratio() {
        (den > 0.0).then(|| 100.0 * num / den)
    } else {
        Some(num)
    }
}

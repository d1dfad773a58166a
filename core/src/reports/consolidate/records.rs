//! Step 6: each reported figure against the same figure computed from the
//! raw records (`options.data`), flagged (R033) beyond the tolerance.

use crate::base::error::Result;
use crate::data::dataset::Dataset;
use crate::engine::compute::compute;
use crate::model::consolidated::RecordComparison;
use crate::model::indicator::{IndicatorId, IndicatorResult, Query, Scope, Source};
use crate::model::records::RecordKind;
use crate::model::report::{Finding, IndicatorValue};
use crate::model::rule::Rule;
use crate::reports::consolidate::context::{u32_of, Context, Current, Findings};
use crate::reports::consolidate::figures::{usable, value_of};

/// The comparisons, per plan indicator computable from the records given,
/// then per unit with a usable figure.
pub fn compare_with_records(
    ctx: &Context,
    current: &Current,
    findings: &mut Findings,
) -> Result<Vec<RecordComparison>> {
    let mut comparisons = Vec::new();
    let Some(records) = &ctx.options.data else {
        return Ok(comparisons);
    };
    let data = &Dataset::from_records(records.clone());
    for &ind in &ctx.indicators {
        let info = ind.info();
        if info.source == RecordKind::Aggregates || !data.has(info.source) {
            continue;
        }
        let q = Query {
            indicator: ind,
            period: ctx.period.id(),
            by_unit: true,
            scope: Scope::default(),
            source: Source::Records,
            satisfaction_rule: Default::default(),
        };
        let computed = compute(data, &q)?;
        for (u, (i, r)) in current {
            let Some((pos, v)) = r
                .indicators
                .iter()
                .enumerate()
                .find(|(_, v)| v.indicator == ind)
            else {
                continue;
            };
            if let Some(c) = compare(ctx, u, *i, pos, v, &computed, findings) {
                comparisons.push(c);
            }
        }
    }
    Ok(comparisons)
}

/// One reported value (`indicators[pos]` of report `i`, of unit `u`)
/// against the records' figure for the unit; `None` when it is not usable.
fn compare(
    ctx: &Context,
    u: &str,
    i: usize,
    pos: usize,
    v: &IndicatorValue,
    computed: &[IndicatorResult],
    findings: &mut Findings,
) -> Option<RecordComparison> {
    let ind = v.indicator;
    let tolerance = ctx.options.tolerance_pp;
    let (rn, rd) = usable(ind, v)?;
    let c = computed.iter().find(|c| c.unit_code.as_deref() == Some(u));
    let (cn, cd, cv) = c.map_or(
        (0.0, 0.0, if ind.is_ratio() { None } else { Some(0.0) }),
        |c| (c.numerator, c.denominator, c.value),
    );
    let rv = value_of(ind, rn, rd);
    let difference = match (rv, cv) {
        (Some(a), Some(b)) => Some(a - b),
        _ => None,
    };
    let limit = if ind.is_ratio() {
        tolerance
    } else {
        tolerance / 100.0 * cv.unwrap_or(0.0).abs()
    };
    let flagged = difference.is_some_and(|d| d.abs() > limit + 1e-9);
    let field = if ind.is_ratio() {
        "numerator"
    } else if v.count.is_some() {
        "count"
    } else {
        "numerator"
    };
    let path = format!("indicators[{pos}].{field}");
    let comparison = RecordComparison {
        unit: u.to_string(),
        indicator: ind,
        report: u32_of(i),
        path,
        reported_numerator: rn,
        reported_denominator: rd,
        reported_value: rv,
        computed_numerator: cn,
        computed_denominator: cd,
        computed_value: cv,
        difference,
        flagged,
    };
    if flagged {
        findings.push(Some(i), u, contradiction(&comparison, tolerance));
    }
    Some(comparison)
}

/// R033: a reported figure differs from the records beyond the tolerance.
fn contradiction(c: &RecordComparison, tolerance: f64) -> Finding {
    let ind: IndicatorId = c.indicator;
    let fmt = |n: f64, d: f64, v: Option<f64>| {
        if ind.is_ratio() {
            format!("{n}/{d} = {}", v.map_or("—".into(), |v| format!("{v:.2}%")))
        } else {
            format!("{n}")
        }
    };
    let reported = fmt(
        c.reported_numerator,
        c.reported_denominator,
        c.reported_value,
    );
    let computed = fmt(
        c.computed_numerator,
        c.computed_denominator,
        c.computed_value,
    );
    let unit_txt = if ind.is_ratio() { "pp" } else { "" };
    let unit_vi = if ind.is_ratio() { " điểm %" } else { "" };
    let d = c.difference.unwrap_or(0.0);
    // Vietnamese writes the decimal mark as a comma.
    let vi = |s: String| s.replace('.', ",");
    Finding::new(
        Rule::R033,
        c.path.clone(),
        format!(
            "Số liệu {ind} báo cáo ({}) khác số liệu tính từ dữ liệu gốc ({}): chênh {}{unit_vi}, vượt ngưỡng {}{unit_vi}",
            vi(reported.clone()),
            vi(computed.clone()),
            vi(format!("{d:+.2}")),
            vi(tolerance.to_string())
        ),
        format!("reported {ind} ({reported}) differs from the records ({computed}) by {d:+.2}{unit_txt}, beyond the tolerance {tolerance}"),
    )
}

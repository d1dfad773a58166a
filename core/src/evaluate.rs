//! Judging targets against computed indicator values.

use crate::error::Result;
use crate::indicator::{compute, IndicatorId, Query, Source};
use crate::plan::{Comparator, Plan, Target};
use crate::records::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Outcome for one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum TargetStatus {
    /// The value satisfies the comparator (đạt).
    Met,
    /// The value does not (chưa đạt).
    NotMet,
    /// Zero denominator: nothing to judge.
    NoData,
}

/// Options for [`evaluate_plan`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EvaluateOptions {
    /// Also judge each unit on its own.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub by_unit: bool,
    #[serde(default)]
    pub source: Source,
}

impl EvaluateOptions {
    /// Builds options from a JSON value (`null` gives the defaults).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        if value.is_null() {
            return Ok(Self::default());
        }
        crate::error::require_object(&value, "options", "evaluation options")?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            let at = crate::error::json_path(e.path());
            crate::DvcttError::Data {
                path: if at == "$" {
                    "options".into()
                } else {
                    format!("options.{at}")
                },
                detail: e.inner().to_string(),
            }
        })
    }
}

/// A target judged for all units in its scope (or one unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct TargetEvaluation {
    pub target_id: String,
    pub indicator: IndicatorId,
    pub comparator: Comparator,
    pub threshold: f64,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub deadline: NaiveDate,
    pub period: String,
    /// `None` for all units in scope together.
    pub unit_code: Option<String>,
    pub numerator: f64,
    pub denominator: f64,
    pub value: Option<f64>,
    pub status: TargetStatus,
    /// `value − threshold` in percentage points; `None` without data.
    pub gap_pp: Option<f64>,
    pub source: Source,
}

/// Judges one ratio: compares `100 × num` with `threshold × den`, so a value
/// exactly on the threshold is judged exactly.
pub fn judge(comparator: Comparator, threshold: f64, num: f64, den: f64) -> TargetStatus {
    if den <= 0.0 {
        return TargetStatus::NoData;
    }
    let (lhs, rhs) = (num * 100.0, threshold * den);
    let ok = match comparator {
        Comparator::AtLeast => lhs >= rhs,
        Comparator::AtMost => lhs <= rhs,
        Comparator::Equal => lhs == rhs,
    };
    if ok {
        TargetStatus::Met
    } else {
        TargetStatus::NotMet
    }
}

fn evaluate_target(
    plan: &Plan,
    t: &Target,
    data: &Dataset,
    opts: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    let period = plan.target_period(t)?;
    let mut out = Vec::new();
    for by_unit in [false, true] {
        if by_unit && !opts.by_unit {
            break;
        }
        let q = Query {
            indicator: t.indicator,
            period: period.id(),
            by_unit,
            scope: t.scope.clone(),
            source: opts.source,
        };
        for r in compute(data, &q)? {
            out.push(TargetEvaluation {
                target_id: t.id.clone(),
                indicator: t.indicator,
                comparator: t.comparator,
                threshold: t.threshold,
                deadline: t.deadline,
                period: r.period,
                unit_code: r.unit_code,
                numerator: r.numerator,
                denominator: r.denominator,
                value: r.value,
                status: judge(t.comparator, t.threshold, r.numerator, r.denominator),
                gap_pp: r.value.map(|v| v - t.threshold),
                source: r.source,
            });
        }
    }
    Ok(out)
}

/// Judges every target of a plan: one row per target for all units in its
/// scope, followed (with `by_unit`) by one row per unit.
pub fn evaluate_plan(
    plan: &Plan,
    data: &Dataset,
    opts: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    let mut out = Vec::new();
    for t in &plan.targets {
        out.extend(evaluate_target(plan, t, data, opts)?);
    }
    Ok(out)
}

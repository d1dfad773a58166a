//! Judging targets against computed indicator values.
//!
//! # Status rule
//!
//! Each target is judged *as of* a date (`as_of`; default: the last day of
//! the target's measurement period — never the wall clock). The *applicable
//! step* is the first of the target's milestones and final (threshold,
//! deadline) whose deadline is on or after `as_of`; after the final deadline
//! it is the final step. Then, in this order:
//!
//! 1. denominator 0 → `no_data`;
//! 2. the value satisfies the comparator against the applicable threshold
//!    (exactly: `100 × numerator` against `threshold × denominator`) → `met`;
//! 3. `as_of` on or after the applicable deadline → `off_track`;
//! 4. with a baseline: the trajectory runs in a straight line from the
//!    previous step (the baseline, or the previous milestone when it is later
//!    than the baseline) to the applicable threshold at its deadline;
//!    `expected` is its value at `as_of` (the baseline's value before the
//!    baseline's date). The progress ratio is
//!    `R = (value − baseline) ÷ (expected − baseline)`:
//!    `on_track` when `R ≥ on_track_ratio` (default 0.85),
//!    `at_risk` when `R ≥ at_risk_ratio` (default 0.6), `off_track` otherwise.
//!    When the trajectory asks for no progress yet (`expected = baseline`,
//!    or a baseline already beyond the threshold), `on_track` if the value is
//!    no worse than `expected`, `off_track` otherwise;
//! 5. without a baseline there is no evidence of progress, so never
//!    `on_track`: `at_risk` when the value is within
//!    `(1 − on_track_ratio) × |threshold|` of the applicable threshold
//!    (80 ± 12 with the default), `off_track` otherwise.
//!
//! Count targets (e.g. `products_published ≥ 4`) follow the same rule on the
//! count itself: step 1 is "no figure exists", step 2 compares the count with
//! the threshold, and the gap is in the count's unit. A count accumulates
//! from 0 over its measurement period, so a count target without a baseline
//! is judged from an implicit baseline of 0 on the day before the period
//! starts (steps 4, not 5).
//!
//! Survey-based rates (`satisfaction_rate`) also carry a 95% Wilson score
//! interval (`ci_low`, `ci_high`, in %) and `too_few_responses` when
//! `0 < responses < min_responses` (default 30). The status is decided by the
//! value alone; the interval and the flag are shown beside it.

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::data::dataset::Dataset;
use crate::engine::compute::{compute_counted, dossier_cube, Counted};
use crate::engine::cube::DossierCube;
use crate::model::indicator::{IndicatorId, PeriodAggregation, Query, Source};
use crate::model::plan::{Baseline, Comparator, Direction, Milestone, Plan, Target};
use crate::model::records::{RecordKind, SatisfactionRule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::model::target_status::TargetStatus;

fn default_on_track() -> f64 {
    0.85
}
fn default_at_risk() -> f64 {
    0.6
}
fn default_min_responses() -> u32 {
    30
}

/// Options for [`evaluate_plan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvaluateOptions {
    /// Also judge each unit on its own.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub by_unit: bool,
    #[serde(default)]
    pub source: Source,
    /// Date of the judgement; default: each target's measurement period end.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<NaiveDate>,
    /// Least progress ratio that is `on_track` (default 0.85, i.e. within
    /// 15% of the trajectory, as logframe tools use).
    #[serde(default = "default_on_track")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0.85))]
    pub on_track_ratio: f64,
    /// Least progress ratio that is `at_risk` (default 0.6, Open SDG's
    /// "limited progress" bound).
    #[serde(default = "default_at_risk")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 0.6))]
    pub at_risk_ratio: f64,
    /// Survey results from fewer responses are flagged `too_few_responses`.
    #[serde(default = "default_min_responses")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 30))]
    pub min_responses: u32,
    /// Which rating levels count as satisfied (see [`SatisfactionRule`]).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub satisfaction_rule: SatisfactionRule,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            by_unit: false,
            source: Source::default(),
            as_of: None,
            on_track_ratio: default_on_track(),
            at_risk_ratio: default_at_risk(),
            min_responses: default_min_responses(),
            satisfaction_rule: SatisfactionRule::default(),
        }
    }
}

impl EvaluateOptions {
    /// Builds options from a JSON value (`null` gives the defaults).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        if value.is_null() {
            return Ok(Self::default());
        }
        crate::base::error::require_object(&value, "options", "evaluation options")?;
        let opts: Self = crate::base::json::deserialize(value).map_err(|e| {
            let at = crate::base::error::json_path(e.path());
            DvcttError::Data {
                path: if at == "$" {
                    "options".into()
                } else {
                    format!("options.{at}")
                },
                detail: e.inner().to_string(),
            }
        })?;
        opts.validate()?;
        Ok(opts)
    }

    /// The ratios must satisfy `0 < at_risk_ratio ≤ on_track_ratio ≤ 1`.
    pub fn validate(&self) -> Result<()> {
        let err = |f: &str, detail: String| DvcttError::Data {
            path: format!("options.{f}"),
            detail,
        };
        if !(self.on_track_ratio > 0.0 && self.on_track_ratio <= 1.0) {
            return Err(err(
                "on_track_ratio",
                format!("{} is not in (0, 1]", self.on_track_ratio),
            ));
        }
        if !(self.at_risk_ratio > 0.0 && self.at_risk_ratio <= self.on_track_ratio) {
            return Err(err(
                "at_risk_ratio",
                format!(
                    "{} is not in (0, on_track_ratio = {}]",
                    self.at_risk_ratio, self.on_track_ratio
                ),
            ));
        }
        self.satisfaction_rule.validate("options.satisfaction_rule")
    }
}

/// A target judged for all units in its scope (or one unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetEvaluation {
    pub target_id: String,
    pub indicator: IndicatorId,
    pub comparator: Comparator,
    /// The target's final threshold.
    pub threshold: f64,
    /// The target's final deadline.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deadline: NaiveDate,
    pub period: String,
    /// `None` for all units in scope together.
    pub unit_code: Option<String>,
    pub numerator: f64,
    pub denominator: f64,
    pub value: Option<f64>,
    pub status: TargetStatus,
    /// `value − applicable_threshold`, in percentage points (in the count's
    /// unit for counts); `None` without data.
    pub gap_pp: Option<f64>,
    pub source: Source,
    pub direction: Direction,
    /// The date the target was judged at.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub as_of: NaiveDate,
    /// Threshold of the applicable step (a milestone, or the final one).
    pub applicable_threshold: f64,
    /// Deadline of the applicable step.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub applicable_deadline: NaiveDate,
    /// The trajectory's value at `as_of`; `None` without a baseline.
    pub expected: Option<f64>,
    /// `(value − baseline) ÷ (expected − baseline)`, when defined.
    pub progress_ratio: Option<f64>,
    /// 95% Wilson score interval, in %, for survey-based rates with data.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// A survey-based result from fewer than `min_responses` responses.
    pub too_few_responses: bool,
}

/// Whether a ratio satisfies the comparator: compares `100 × num` with
/// `threshold × den`, so a value exactly on the threshold is judged exactly.
/// `None` when the denominator is 0.
pub fn satisfies(comparator: Comparator, threshold: f64, num: f64, den: f64) -> Option<bool> {
    if den <= 0.0 {
        return None;
    }
    let (lhs, rhs) = (num * 100.0, threshold * den);
    Some(match comparator {
        Comparator::AtLeast => lhs >= rhs,
        Comparator::AtMost => lhs <= rhs,
        Comparator::Equal => lhs == rhs,
    })
}

/// The 97.5% quantile of the standard normal distribution.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// 95% Wilson score interval for `successes` of `n`, in %:
/// `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n)` with `p = successes/n`.
/// `None` when `n` is 0.
pub fn wilson_interval(successes: f64, n: f64) -> Option<(f64, f64)> {
    if n <= 0.0 {
        return None;
    }
    let z2 = Z_95 * Z_95;
    let p = successes / n;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some((
        100.0 * (centre - half).max(0.0),
        100.0 * (centre + half).min(1.0),
    ))
}

/// Whether an indicator is a share of survey responses.
fn survey_based(id: IndicatorId) -> bool {
    matches!(id, IndicatorId::SatisfactionRate)
}

/// Where a target stands at a date: the applicable step and the trajectory.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    pub applicable: Milestone,
    /// The trajectory's value at the date; `None` without a baseline.
    pub expected: Option<f64>,
}

fn days(a: NaiveDate, b: NaiveDate) -> f64 {
    (b - a).num_days() as f64
}

/// The applicable step and expected value of a target at `as_of`.
pub fn trajectory(t: &Target, as_of: NaiveDate) -> Trajectory {
    let pts = t.points();
    let idx = pts
        .iter()
        .position(|m| m.deadline >= as_of)
        .unwrap_or(pts.len() - 1);
    let applicable = pts[idx].clone();
    let expected = t.baseline.as_ref().map(|b| {
        let (v0, d0) = match idx.checked_sub(1).map(|i| &pts[i]) {
            Some(prev) if prev.deadline > b.date => (prev.threshold, prev.deadline),
            _ => (b.value, b.date),
        };
        let span = days(d0, applicable.deadline);
        let frac = if span <= 0.0 {
            1.0
        } else {
            (days(d0, as_of) / span).clamp(0.0, 1.0)
        };
        v0 + (applicable.threshold - v0) * frac
    });
    Trajectory {
        applicable,
        expected,
    }
}

/// Status, progress ratio of a ratio target: the rule in the module
/// documentation.
pub fn status_of(
    t: &Target,
    traj: &Trajectory,
    as_of: NaiveDate,
    num: f64,
    den: f64,
    opts: &EvaluateOptions,
) -> (TargetStatus, Option<f64>) {
    let Some(met) = satisfies(t.comparator, traj.applicable.threshold, num, den) else {
        return (TargetStatus::NoData, None);
    };
    judge(t, traj, as_of, met, 100.0 * num / den, opts)
}

/// Status, progress ratio of a count target (`count` is `None` without a
/// figure): the same rule, comparing the count itself with the threshold.
pub fn status_of_count(
    t: &Target,
    traj: &Trajectory,
    as_of: NaiveDate,
    count: Option<f64>,
    opts: &EvaluateOptions,
) -> (TargetStatus, Option<f64>) {
    let Some(value) = count else {
        return (TargetStatus::NoData, None);
    };
    let th = traj.applicable.threshold;
    let met = match t.comparator {
        Comparator::AtLeast => value >= th,
        Comparator::AtMost => value <= th,
        Comparator::Equal => value == th,
    };
    judge(t, traj, as_of, met, value, opts)
}

/// Steps 2–5 of the status rule, for a value with data.
fn judge(
    t: &Target,
    traj: &Trajectory,
    as_of: NaiveDate,
    met: bool,
    value: f64,
    opts: &EvaluateOptions,
) -> (TargetStatus, Option<f64>) {
    let s = t.direction().sign();
    let ratio = match (&t.baseline, traj.expected) {
        (Some(b), Some(exp)) if s * (exp - b.value) > 0.0 => {
            Some((value - b.value) / (exp - b.value))
        }
        _ => None,
    };
    if met {
        return (TargetStatus::Met, ratio);
    }
    if as_of >= traj.applicable.deadline {
        return (TargetStatus::OffTrack, ratio);
    }
    let status = match (ratio, traj.expected) {
        (Some(r), _) if r >= opts.on_track_ratio => TargetStatus::OnTrack,
        (Some(r), _) if r >= opts.at_risk_ratio => TargetStatus::AtRisk,
        (Some(_), _) => TargetStatus::OffTrack,
        (None, Some(exp)) => {
            if s * (value - exp) >= 0.0 {
                TargetStatus::OnTrack
            } else {
                TargetStatus::OffTrack
            }
        }
        (None, None) => {
            let th = traj.applicable.threshold;
            if (value - th).abs() <= (1.0 - opts.on_track_ratio) * th.abs() {
                TargetStatus::AtRisk
            } else {
                TargetStatus::OffTrack
            }
        }
    };
    (status, ratio)
}

/// A count that accumulates over its period (`sum`) starts from 0: without a
/// baseline of its own, a count target is judged from an implicit baseline
/// of 0 on the day before its measurement period starts.
fn with_implicit_baseline(t: &Target, period: &Period) -> Target {
    let mut t = t.clone();
    let sums = t.indicator.period_aggregation() == PeriodAggregation::Sum;
    if !t.indicator.is_ratio() && sums && t.baseline.is_none() {
        if let Some(date) = period.start().pred_opt() {
            t.baseline = Some(Baseline { value: 0.0, date });
        }
    }
    t
}

/// Judges one target, its figures from `data` and `counted`.
pub(crate) fn evaluate_target(
    plan: &Plan,
    t: &Target,
    data: &Dataset,
    counted: Counted<'_>,
    opts: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    let period = plan.target_period(t)?;
    let as_of = opts.as_of.unwrap_or(period.end());
    let judged = with_implicit_baseline(t, &period);
    let traj = trajectory(&judged, as_of);
    let is_ratio = t.indicator.is_ratio();
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
            satisfaction_rule: opts.satisfaction_rule,
        };
        for r in compute_counted(data, &q, counted)? {
            let (status, progress_ratio) = if is_ratio {
                status_of(&judged, &traj, as_of, r.numerator, r.denominator, opts)
            } else {
                status_of_count(&judged, &traj, as_of, r.value, opts)
            };
            let survey = survey_based(t.indicator);
            let ci = if survey {
                wilson_interval(r.numerator, r.denominator)
            } else {
                None
            };
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
                status,
                gap_pp: r.value.map(|v| v - traj.applicable.threshold),
                source: r.source,
                direction: t.direction(),
                as_of,
                applicable_threshold: traj.applicable.threshold,
                applicable_deadline: traj.applicable.deadline,
                expected: traj.expected,
                progress_ratio,
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
                too_few_responses: survey
                    && r.denominator > 0.0
                    && r.denominator < f64::from(opts.min_responses),
            });
        }
    }
    Ok(out)
}

/// Judges every target of a plan: one row per target for all units in its
/// scope, followed (with `by_unit`) by one row per unit. The status rule is
/// in the module documentation.
pub fn evaluate_plan(
    plan: &Plan,
    data: &Dataset,
    opts: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    opts.validate()?;
    // Dossiers are converted once, into one cube whose buckets tile every
    // dossier target's period.
    let cube = if opts.source == Source::Aggregates {
        None
    } else {
        let mut periods = Vec::new();
        for t in &plan.targets {
            if t.indicator.source() == RecordKind::Dossiers {
                periods.push(plan.target_period(t)?);
            }
        }
        dossier_cube(data, &periods)?
    };
    let mut out = Vec::new();
    for t in &plan.targets {
        out.extend(evaluate_target(
            plan,
            t,
            data,
            Counted::Records(cube.as_ref()),
            opts,
        )?);
    }
    Ok(out)
}

/// Judges each target of a plan apart: its evaluations, or why it could not
/// be judged (e.g. an aggregates-only indicator without aggregates), so one
/// target the data cannot judge does not hide the others. As
/// [`evaluate_plan`], one cube serves every dossier target.
pub fn evaluate_each(
    plan: &Plan,
    data: &Dataset,
    opts: &EvaluateOptions,
) -> Result<Vec<(String, Result<Vec<TargetEvaluation>>)>> {
    opts.validate()?;
    let cube = if opts.source == Source::Aggregates {
        None
    } else {
        dossier_cube(data, &target_periods(plan))?
    };
    Ok(evaluate_each_with(plan, data, cube.as_ref(), opts))
}

/// The periods of a plan's dossier targets.
pub fn target_periods(plan: &Plan) -> Vec<Period> {
    plan.targets
        .iter()
        .filter(|t| t.indicator.source() == RecordKind::Dossiers)
        .filter_map(|t| plan.target_period(t).ok())
        .collect()
}

/// [`evaluate_each`] with the dossiers' cube given (e.g. streamed from
/// files too large to hold: its grid must tile every target's period).
pub fn evaluate_each_with(
    plan: &Plan,
    data: &Dataset,
    cube: Option<&DossierCube>,
    opts: &EvaluateOptions,
) -> Vec<(String, Result<Vec<TargetEvaluation>>)> {
    plan.targets
        .iter()
        .map(|t| {
            let r = opts
                .validate()
                .and_then(|()| evaluate_target(plan, t, data, Counted::Records(cube), opts));
            (t.id.clone(), r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn target(extra: &str) -> Target {
        let json = format!(
            r#"{{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2026",
                "targets": [{{"id": "a", "description": "a", "indicator": "online_dossier_share",
                "comparator": ">=", "threshold": 80, "deadline": "2026-12-31"{extra}}}]}}"#
        );
        Plan::from_json(&json).unwrap().targets.remove(0)
    }

    fn judge(t: &Target, as_of: &str, num: f64, den: f64) -> (TargetStatus, Option<f64>) {
        let as_of = d(as_of);
        let traj = trajectory(t, as_of);
        status_of(t, &traj, as_of, num, den, &EvaluateOptions::default())
    }

    #[test]
    fn exact_comparison() {
        assert_eq!(satisfies(Comparator::AtLeast, 80.0, 4.0, 5.0), Some(true));
        assert_eq!(satisfies(Comparator::AtLeast, 81.0, 4.0, 5.0), Some(false));
        assert_eq!(satisfies(Comparator::AtMost, 70.0, 1.0, 2.0), Some(true));
        assert_eq!(satisfies(Comparator::Equal, 100.0, 3.0, 3.0), Some(true));
        assert_eq!(satisfies(Comparator::Equal, 100.0, 0.0, 0.0), None);
    }

    #[test]
    fn trajectory_with_baseline() {
        // Baseline 50 on 2025-12-31, 80 by 2026-12-31 (365 days). On
        // 2026-07-02 (183 days): expected = 50 + 30 × 183/365.
        let t = target(r#", "baseline": {"value": 50, "date": "2025-12-31"}"#);
        let traj = trajectory(&t, d("2026-07-02"));
        let exp = 50.0 + 30.0 * 183.0 / 365.0;
        assert!((traj.expected.unwrap() - exp).abs() < 1e-12);
        // 64/100 → R = 14 / (exp − 50) = 0.9333 → on track.
        let (s, r) = judge(&t, "2026-07-02", 64.0, 100.0);
        assert_eq!(s, TargetStatus::OnTrack);
        assert!((r.unwrap() - 14.0 / (exp - 50.0)).abs() < 1e-12);
        // 60/100 → R = 10/15.04 = 0.665 → at risk; 55/100 → 0.33 → off track.
        assert_eq!(judge(&t, "2026-07-02", 60.0, 100.0).0, TargetStatus::AtRisk);
        assert_eq!(
            judge(&t, "2026-07-02", 55.0, 100.0).0,
            TargetStatus::OffTrack
        );
        // At the deadline, not met is off track; met is met.
        assert_eq!(
            judge(&t, "2026-12-31", 79.0, 100.0).0,
            TargetStatus::OffTrack
        );
        assert_eq!(judge(&t, "2026-12-31", 80.0, 100.0).0, TargetStatus::Met);
        assert_eq!(judge(&t, "2026-12-31", 0.0, 0.0).0, TargetStatus::NoData);
        // Before the baseline's date: no progress asked for yet.
        assert_eq!(
            judge(&t, "2025-06-30", 50.0, 100.0).0,
            TargetStatus::OnTrack
        );
        assert_eq!(
            judge(&t, "2025-06-30", 49.0, 100.0).0,
            TargetStatus::OffTrack
        );
    }

    #[test]
    fn no_baseline_is_never_on_track() {
        let t = target("");
        // Within 0.15 × 80 = 12 pp of 80 → at risk; further → off track.
        assert_eq!(judge(&t, "2026-06-30", 68.0, 100.0).0, TargetStatus::AtRisk);
        assert_eq!(
            judge(&t, "2026-06-30", 67.0, 100.0).0,
            TargetStatus::OffTrack
        );
        assert_eq!(judge(&t, "2026-06-30", 90.0, 100.0).0, TargetStatus::Met);
    }

    #[test]
    fn milestones_select_the_applicable_step() {
        let t = target(
            r#", "baseline": {"value": 30, "date": "2024-12-31"},
               "milestones": [{"deadline": "2025-12-31", "threshold": 50}]"#,
        );
        assert_eq!(t.points().len(), 2);
        // In 2025 the 50% milestone applies.
        let traj = trajectory(&t, d("2025-07-02"));
        assert_eq!(traj.applicable.threshold, 50.0);
        // Final target here is 80 by 2026-12-31; in 2026 the trajectory runs
        // from the 50% milestone (2025-12-31) to 80 at 2026-12-31.
        let traj = trajectory(&t, d("2026-07-02"));
        assert_eq!(traj.applicable.deadline, d("2026-12-31"));
        let exp = 50.0 + 30.0 * 183.0 / 365.0;
        assert!((traj.expected.unwrap() - exp).abs() < 1e-12);
    }

    #[test]
    fn wilson_45_of_50() {
        // By hand (40-digit decimals), z = 1.959963984540054, p = 0.9, n = 50:
        // centre = (p + z²/100) / (1 + z²/50), half = z·√(p(1−p)/50 + z²/10000) / (1 + z²/50).
        let (lo, hi) = wilson_interval(45.0, 50.0).unwrap();
        assert!((lo - 78.639768562520).abs() < 1e-9, "{lo}");
        assert!((hi - 95.652423506811).abs() < 1e-9, "{hi}");
        assert_eq!(wilson_interval(0.0, 0.0), None);
        let (lo, hi) = wilson_interval(0.0, 10.0).unwrap();
        assert_eq!(lo, 0.0);
        assert!(hi > 0.0);
    }

    #[test]
    #[cfg(feature = "synth")]
    fn one_cube_gives_the_per_target_results() {
        use crate::synth::{generate, SynthSpec};
        let s = generate(&SynthSpec {
            seed: 7,
            units: vec![("A".into(), 0.8, 0.9), ("B".into(), 0.5, 0.7)],
            sectors: vec!["x".into(), "y".into()],
            year: 2026,
            dossiers: 600,
            responses: 10,
            staff_per_unit: 2,
        });
        let data = Dataset {
            dossiers: crate::data::dossiers::DossierBatch::from_records(&s.dossiers),
            ..Dataset::default()
        };
        // Overlapping periods of several kinds, one with a sector scope.
        let targets = [
            ("online_dossier_share", "2026", ""),
            ("on_time_completion_rate", "2026Q2", ""),
            ("dossiers_received", "2026-02-15..2026-05-10", ""),
            (
                "digitized_dossier_share",
                "2026VNQ2",
                r#", "scope": {"sectors": ["x"]}"#,
            ),
            ("online_payment_share", "2026W20", ""),
        ]
        .iter()
        .enumerate()
        .map(|(i, (ind, period, extra))| {
            format!(
                r#"{{"id": "t{i}", "description": "d", "indicator": "{ind}", "comparator": ">=",
                    "threshold": 50, "deadline": "2026-12-31", "period": "{period}"{extra}}}"#
            )
        })
        .collect::<Vec<_>>()
        .join(",");
        let plan = Plan::from_json(&format!(
            r#"{{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i",
                "period": "2026", "targets": [{targets}]}}"#
        ))
        .unwrap();
        let opts = EvaluateOptions {
            by_unit: true,
            ..EvaluateOptions::default()
        };
        let rows = evaluate_plan(&plan, &data, &opts).unwrap();
        let mut expected = Vec::new();
        for t in &plan.targets {
            for by_unit in [false, true] {
                let q = Query {
                    indicator: t.indicator,
                    period: plan.target_period(t).unwrap().id(),
                    by_unit,
                    scope: t.scope.clone(),
                    source: Source::Auto,
                    satisfaction_rule: SatisfactionRule::default(),
                };
                for r in crate::engine::compute::compute(&data, &q).unwrap() {
                    expected.push((r.unit_code, r.numerator, r.denominator, r.value));
                }
            }
        }
        let got: Vec<_> = rows
            .into_iter()
            .map(|r| (r.unit_code, r.numerator, r.denominator, r.value))
            .collect();
        assert_eq!(got, expected);
        assert!(
            got.iter().any(|g| g.2 > 0.0),
            "the data must reach the periods"
        );
    }

    #[test]
    fn count_status_compares_the_count() {
        let json = r#"{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2026",
            "targets": [{"id": "a", "description": "a", "indicator": "events_held",
            "comparator": ">=", "threshold": 120, "deadline": "2026-12-31"}]}"#;
        let t = Plan::from_json(json).unwrap().targets.remove(0);
        let o = EvaluateOptions::default();
        let at = |as_of: &str, count: Option<f64>| {
            let p: Period = "2026".parse().unwrap();
            let t = with_implicit_baseline(&t, &p);
            let traj = trajectory(&t, d(as_of));
            status_of_count(&t, &traj, d(as_of), count, &o).0
        };
        assert_eq!(at("2026-12-31", Some(120.0)), TargetStatus::Met);
        assert_eq!(at("2026-12-31", Some(119.0)), TargetStatus::OffTrack);
        assert_eq!(at("2026-12-31", None), TargetStatus::NoData);
        // Mid-year (181/365 of the way): expected 59.5; 55 is R = 0.92, on track;
        // 40 is R = 0.67, at risk; 20 is off track.
        assert_eq!(at("2026-06-30", Some(55.0)), TargetStatus::OnTrack);
        assert_eq!(at("2026-06-30", Some(40.0)), TargetStatus::AtRisk);
        assert_eq!(at("2026-06-30", Some(20.0)), TargetStatus::OffTrack);
    }

    #[test]
    fn option_ratios_validated() {
        let e = EvaluateOptions::from_value(serde_json::json!({"at_risk_ratio": 0.9})).unwrap_err();
        assert_eq!(
            e,
            DvcttError::Data {
                path: "options.at_risk_ratio".into(),
                detail: "0.9 is not in (0, on_track_ratio = 0.85]".into()
            }
        );
    }
}

//! The main report on a plan (báo cáo kết quả thực hiện kế hoạch), what
//! `dvctt report` prints: every target judged, every task checked, every
//! catalogue indicator over the report's period, the cascade check against
//! the plans it implements, the rows refused while reading and the columns
//! the inputs lacked. [`PlanReport`] is the document; `tables::report`
//! turns it into publishing tables.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::base::error::{json_path, require_object, DvcttError, Result};
use crate::base::message::NotComputedReason;
use crate::data::dataset::Dataset;
use crate::engine::compute::{compute_many, compute_many_with, dossier_grid, dossier_periods};
use crate::engine::cube::DossierCube;
use crate::engine::evaluate::{
    evaluate_each, evaluate_each_with, target_periods, EvaluateOptions, TargetEvaluation,
};
use crate::engine::stream::{stream_dossiers, CHUNK_ROWS};
use crate::io::load::CsvSource;
use crate::io::report_json::in_list;
use crate::model::dataset_records::AbsentColumn;
use crate::model::indicator::{catalogue, IndicatorId, IndicatorResult, Query};
use crate::model::plan::{CascadeFinding, Plan};
use crate::model::records::{RecordKind, RejectedRow};
use crate::model::task::{Activity, TaskCheck};

/// Options of the main report; every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanReportOptions {
    /// Period the tasks are checked and the indicators listed over
    /// (default: the plan's).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub period: Option<String>,
    /// Judge the targets and check the tasks as of this date (default:
    /// each period's last day).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub as_of: Option<NaiveDate>,
    /// Also judge each unit on its own.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub by_unit: bool,
    /// The other plans the cascade is checked among (the plan's parent,
    /// grandparent…); one with the plan's id is replaced by the plan.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub plans: Vec<Plan>,
    /// Rows refused while reading the data and the activity log, listed in
    /// the report as given.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub rejected: Vec<RejectedRow>,
}

impl PlanReportOptions {
    /// Options from a JSON value (`null` gives the defaults); errors name
    /// `options.…`, and a plan of `plans` is read as `load_plan` reads one,
    /// its errors under `options.plans[i]`.
    pub fn from_value(mut value: Value) -> Result<Self> {
        if value.is_null() {
            return Ok(Self::default());
        }
        require_object(&value, "options", "report options")?;
        let plans = value.as_object_mut().and_then(|o| o.remove("plans"));
        let mut opts: Self = crate::base::json::deserialize(value).map_err(|e| {
            let at = json_path(e.path());
            DvcttError::data(
                if at == "$" {
                    "options".into()
                } else {
                    format!("options.{at}")
                },
                e.inner().to_string(),
            )
        })?;
        if let Some(plans) = plans {
            let Value::Array(items) = plans else {
                return Err(DvcttError::data(
                    "options.plans",
                    "expected an array of plans",
                ));
            };
            opts.plans = items
                .into_iter()
                .enumerate()
                .map(|(i, p)| Plan::from_value(p).map_err(|e| in_plans(e, i)))
                .collect::<Result<_>>()?;
        }
        Ok(opts)
    }
}

/// An error of plan `i` of the options, placed under `options.plans[i]`.
fn in_plans(e: DvcttError, i: usize) -> DvcttError {
    match e {
        DvcttError::Plan { path, detail } => DvcttError::Plan {
            path: match path.as_str() {
                "$" => format!("options.plans[{i}]"),
                p => format!("options.plans[{i}].{p}"),
            },
            detail,
        },
        other => in_list(other, "options.plans", i),
    }
}

/// How many records of each kind the report was made from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordCounts {
    /// Dossiers (hồ sơ TTHC), held or streamed.
    pub dossiers: u64,
    /// Survey responses (phiếu khảo sát).
    pub survey: u64,
    /// Staff (cán bộ).
    pub staff: u64,
    /// Reported aggregates (số liệu báo cáo).
    pub aggregates: u64,
    /// Activities of the activity log (hoạt động).
    pub activities: u64,
}

/// A target the data cannot judge, and why (e.g. an indicator that exists
/// only as reported aggregates, with none given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetError {
    pub target_id: String,
    /// The error in English.
    pub error: String,
    /// When the target is not judged for lack of data, why, as a message
    /// code with its parameters (`None` for other errors).
    pub reason: Option<NotComputedReason>,
}

/// A catalogue indicator the data cannot give, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorError {
    pub indicator: IndicatorId,
    /// The error in English.
    pub error: String,
    /// When the data lacks what the indicator needs, why, as a message code
    /// with its parameters (`None` for other errors).
    pub reason: Option<NotComputedReason>,
}

/// The cascade check: the plan and the plans above it, and the findings
/// about every plan checked (those about plans outside `chain` too).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanCascade {
    /// The plan's id, its parent's, grandparent's… among the plans given.
    pub chain: Vec<String>,
    pub findings: Vec<CascadeFinding>,
}

/// The main report on a plan: what `dvctt report` prints and writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanReport {
    pub plan: Plan,
    /// Period of the task checks and of the indicator list.
    pub period: String,
    pub records: RecordCounts,
    /// Rows refused while reading (data, then activities).
    pub rejected: Vec<RejectedRow>,
    /// Optional columns the inputs lacked: indicators that need them are
    /// not computed.
    pub absent_columns: Vec<AbsentColumn>,
    /// Every target judged (per unit too with `by_unit`).
    pub targets: Vec<TargetEvaluation>,
    pub target_errors: Vec<TargetError>,
    /// Every task checked, per lead unit.
    pub tasks: Vec<TaskCheck>,
    pub cascade: PlanCascade,
    /// Every catalogue indicator over `period`, all units together.
    pub indicators: Vec<IndicatorResult>,
    pub indicators_not_computed: Vec<IndicatorError>,
}

impl PlanReport {
    /// A report from a JSON value (what [`build`] returns, serialised).
    pub fn from_value(value: Value) -> Result<Self> {
        require_object(&value, "$", "a plan report")?;
        let r: Self = crate::base::json::deserialize(value)
            .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
        r.plan.validate()?;
        Ok(r)
    }
}

/// The report on `plan` from `data` and an activity log (see [`PlanReport`]).
pub fn build(
    plan: &Plan,
    data: &Dataset,
    activities: Vec<Activity>,
    options: &PlanReportOptions,
) -> Result<PlanReport> {
    assemble(plan, data, activities, options, None)
}

/// [`build`] with the dossiers streamed from `dossier_files` into counters
/// instead of held (for exports larger than memory; `data` holds the other
/// records): the same figures, rejected rows, repeated ids and absent
/// columns. The rows refused and the columns absent while streaming come
/// before those of `options` and `data`.
pub fn build_streamed(
    plan: &Plan,
    mut data: Dataset,
    activities: Vec<Activity>,
    options: &PlanReportOptions,
    dossier_files: &[CsvSource],
    strict: bool,
) -> Result<PlanReport> {
    let period = options.period.as_deref().unwrap_or(&plan.period);
    let mut periods = target_periods(plan);
    periods.extend(dossier_periods(&catalogue_queries(period)));
    let Some(grid) = dossier_grid(&periods)? else {
        return build(plan, &data, activities, options);
    };
    let s = stream_dossiers(dossier_files, strict, &grid, CHUNK_ROWS)?;
    // The indicators that need a column the dossier files lack are not
    // computed, as when the dossiers are held.
    data.absent.splice(0..0, s.absent);
    data.give(crate::model::records::RecordKind::Dossiers);
    let mut options = options.clone();
    options.rejected.splice(0..0, s.rejected);
    assemble(plan, &data, activities, &options, Some((&s.cube, s.rows)))
}

/// The report; with the dossiers streamed, their cube and count.
fn assemble(
    plan: &Plan,
    data: &Dataset,
    activities: Vec<Activity>,
    options: &PlanReportOptions,
    streamed: Option<(&DossierCube, usize)>,
) -> Result<PlanReport> {
    let cube = streamed.map(|(c, _)| c);
    let eval = EvaluateOptions {
        by_unit: options.by_unit,
        as_of: options.as_of,
        ..Default::default()
    };
    // Target by target, so that one the data cannot judge does not hide the
    // others; one pass over the records serves them all.
    let judged = match cube {
        Some(c) => evaluate_each_with(plan, data, Some(c), &eval),
        None => evaluate_each(plan, data, &eval)?,
    };
    let (mut targets, mut target_errors) = (Vec::new(), Vec::new());
    for (target_id, r) in judged {
        match r {
            Ok(e) => targets.extend(e),
            Err(e) => target_errors.push(TargetError {
                reason: plan
                    .targets
                    .iter()
                    .find(|t| t.id == target_id)
                    .and_then(|t| reason_of(&e, t.indicator, data)),
                target_id,
                error: e.to_string(),
            }),
        }
    }
    let period = options
        .period
        .clone()
        .unwrap_or_else(|| plan.period.clone());
    let tasks = crate::engine::tasks::check_tasks(plan, &activities, Some(&period), options.as_of)?;
    // Every catalogue indicator over the period, targeted or not.
    let queries = catalogue_queries(&period);
    let results = match cube {
        Some(c) => compute_many_with(data, &queries, Some(c)),
        None => compute_many(data, &queries),
    };
    let (mut indicators, mut indicators_not_computed) = (Vec::new(), Vec::new());
    for (q, r) in queries.iter().zip(results) {
        match r {
            Ok(r) => indicators.extend(r),
            Err(e) => indicators_not_computed.push(IndicatorError {
                indicator: q.indicator,
                error: e.to_string(),
                reason: reason_of(&e, q.indicator, data),
            }),
        }
    }
    let n = |len: usize| len as u64;
    Ok(PlanReport {
        plan: plan.clone(),
        period,
        records: RecordCounts {
            dossiers: n(streamed.map_or(data.dossiers.len(), |(_, rows)| rows)),
            survey: n(data.survey.len()),
            staff: n(data.staff.len()),
            aggregates: n(data.aggregates.len()),
            activities: n(activities.len()),
        },
        rejected: options.rejected.clone(),
        absent_columns: data.absent.clone(),
        targets,
        target_errors,
        tasks,
        cascade: cascade(plan, &options.plans),
        indicators,
        indicators_not_computed,
    })
}

/// The cascade over `others` and the plan (replacing the one of its id),
/// and the chain from the plan up through the plans it implements.
fn cascade(plan: &Plan, others: &[Plan]) -> PlanCascade {
    let mut plans: Vec<Plan> = others.iter().filter(|p| p.id != plan.id).cloned().collect();
    plans.push(plan.clone());
    let findings = crate::engine::cascade::cascade(&plans);
    let mut chain = vec![plan.id.clone()];
    let mut cur = plan;
    while let Some(parent) = cur.implements.as_ref().and_then(|r| {
        plans
            .iter()
            .find(|p| p.id != cur.id && r.designates(p) && !chain.contains(&p.id))
    }) {
        chain.push(parent.id.clone());
        cur = parent;
    }
    PlanCascade { chain, findings }
}

/// Every catalogue indicator over `period`, all units together.
/// Why `indicator` is not computed, as a message code, when the error is
/// for lack of data: the error's own reason, or, for an indicator of
/// reported aggregates only, that none of it were given.
fn reason_of(e: &DvcttError, indicator: IndicatorId, data: &Dataset) -> Option<NotComputedReason> {
    if let Some(r) = e.not_computed_reason() {
        return Some(r.clone());
    }
    let given = data.aggregates.iter().any(|a| a.indicator == indicator);
    (indicator.source() == RecordKind::Aggregates && !given)
        .then_some(NotComputedReason::NoAggregates)
}

fn catalogue_queries(period: &str) -> Vec<Query> {
    catalogue()
        .iter()
        .map(|info| Query {
            indicator: info.id,
            period: period.to_string(),
            by_unit: false,
            scope: Default::default(),
            source: Default::default(),
            satisfaction_rule: Default::default(),
        })
        .collect()
}

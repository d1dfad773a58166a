//! What every step of the consolidation shares: the options checked and
//! parsed (period, org tree, `now`, root), the plan's indicators, the current
//! reports, the findings so far, and small helpers.

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::sort;
use crate::base::time::{parse_timestamp, system_now, vietnam};
use crate::model::consolidated::{ConsolidateOptions, ConsolidationFinding};
use crate::model::indicator::IndicatorId;
use crate::model::org::OrgTree;
use crate::model::plan::Plan;
use crate::model::report::{Finding, UnitReport};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeMap;

/// The current unit reports on the plan for the period, by unit: (index in
/// the list given, report).
pub type Current<'r> = BTreeMap<String, (usize, &'r UnitReport)>;

/// The consolidation's inputs, checked.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub options: &'a ConsolidateOptions,
    pub period: Period,
    pub tree: Option<OrgTree>,
    /// The instant of the consolidation.
    pub now: DateTime<FixedOffset>,
    pub root: Option<String>,
    /// The day the org tree is read on: the period's last day.
    pub on_day: NaiveDate,
    /// The plan's target indicators, in the plan's order, once each.
    pub indicators: Vec<IndicatorId>,
}

impl<'a> Context<'a> {
    /// Checks the options: the period, the tolerance, the records, the org
    /// tree, `now`, the root (errors name `options.…`).
    pub fn new(plan: &'a Plan, options: &'a ConsolidateOptions) -> Result<Self> {
        let period: Period = options
            .period
            .parse()
            .map_err(|e: DvcttError| err("options.period", e.to_string()))?;
        if !(options.tolerance_pp >= 0.0 && options.tolerance_pp.is_finite()) {
            return Err(err(
                "options.tolerance_pp",
                format!("{} is not a number ≥ 0", options.tolerance_pp),
            ));
        }
        if let Some(d) = &options.data {
            d.validate().map_err(|e| match e {
                DvcttError::Data { path, detail } => err(format!("options.data.{path}"), detail),
                other => other,
            })?;
        }
        let tree = options.org.clone().map(OrgTree::new).transpose()?;
        let now: DateTime<FixedOffset> = match &options.now {
            Some(t) => t.at(),
            None => system_now(),
        };
        let on_day = period.end();
        let root = options.root.clone();
        check_root(root.as_deref(), tree.as_ref(), on_day)?;
        let mut indicators = Vec::new();
        for t in &plan.targets {
            if !indicators.contains(&t.indicator) {
                indicators.push(t.indicator);
            }
        }
        Ok(Context {
            plan,
            options,
            period,
            tree,
            now,
            root,
            on_day,
            indicators,
        })
    }

    /// Whether a unit is under the root (always, without a root).
    pub fn in_root(&self, unit: &str) -> bool {
        match (&self.root, &self.tree) {
            (Some(r), Some(t)) => {
                unit == r || t.ancestors(unit, self.on_day).iter().any(|a| &a.code == r)
            }
            _ => true,
        }
    }

    /// A unit's name in the org tree, when known.
    pub fn name(&self, unit: &str) -> Option<String> {
        self.tree
            .as_ref()
            .and_then(|t| t.get(unit))
            .map(|x| x.name.clone())
    }

    /// A reporter that is a unit code: known to the tree, or without the
    /// tree, a single word (the plan may name a group, "các đơn vị trực
    /// thuộc").
    pub fn is_unit_code(&self, code: &str) -> bool {
        match &self.tree {
            Some(t) => !t.versions(code).is_empty(),
            None => !code.trim().is_empty() && !code.contains(char::is_whitespace),
        }
    }
}

/// A root needs the org tree and must be in it on the period's last day.
fn check_root(root: Option<&str>, tree: Option<&OrgTree>, on_day: NaiveDate) -> Result<()> {
    if let Some(r) = root {
        let Some(t) = tree else {
            return Err(err(
                "options.root",
                "a root needs an org tree (options.org)",
            ));
        };
        if t.active_at(r, on_day).is_none() {
            return Err(err(
                "options.root",
                format!("unit {r} is not in the org tree on {on_day}"),
            ));
        }
    }
    Ok(())
}

/// The findings of the consolidation itself (R030–R035), as they are made.
#[derive(Default)]
pub struct Findings(pub Vec<ConsolidationFinding>);

impl Findings {
    /// A finding about report `report` (`None`: a missing report) of `unit`.
    pub fn push(&mut self, report: Option<usize>, unit: &str, f: Finding) {
        self.0.push(ConsolidationFinding {
            report: report.map(u32_of),
            unit: unit.to_string(),
            finding: f,
        });
    }

    /// By rule, then unit, then report (in the order made on a tie).
    pub fn sorted(mut self) -> Vec<ConsolidationFinding> {
        sort::sort_by(&mut self.0, |a, b| {
            (&a.finding.rule, &a.unit, a.report).cmp(&(&b.finding.rule, &b.unit, b.report))
        });
        self.0
    }
}

pub fn err(path: impl Into<String>, detail: impl Into<String>) -> DvcttError {
    DvcttError::Data {
        path: path.into(),
        detail: detail.into(),
    }
}

pub fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `100 × num ÷ den`; `None` when `den` is 0.
pub fn pct(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| 100.0 * f64::from(num) / f64::from(den))
}

/// The day a report was submitted, in Vietnam time.
pub fn submitted_day(r: &UnitReport) -> Result<NaiveDate> {
    Ok(parse_timestamp(r.submitted_at.as_str(), "submitted_at")?
        .with_timezone(&vietnam())
        .date_naive())
}

//! Indicators rolled up along the organisation tree (tổng hợp theo cây đơn
//! vị), comparable across reorganisations.
//!
//! The figures of an organisation unit are the sums of the numerators and
//! denominators of every unit under it on the day the tree is read (its own
//! records included), never an average of the children's percentages. Units
//! whose records predate a reorganisation are first mapped onto that day's
//! units through the reorganisation table ([`OrgTree::successors`]), so a
//! 2024–2026 series of a merged unit adds up the records of the units it
//! was made of.
//!
//! The per-unit figures come from [`indicator::compute`] with `by_unit`
//! (for dossiers: one pass of the dossier cube per segment, then
//! `sum_by_unit`), never from a scan per organisation unit.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::period::Period;
use crate::data::dataset::Dataset;
use crate::engine::compute::source_of;
use crate::model::indicator::{self, IndicatorResult, Part, PeriodAggregation, Query, Source};
use crate::model::org::OrgTree;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which organisation units to compute for, and the day the tree is read.
///
/// Give `level` or `units`, not both; with neither, every unit valid on the
/// day is computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RollUpSpec {
    /// Every unit of this level valid on the day, by code.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub level: Option<u32>,
    /// These units, in this order.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub units: Vec<String>,
    /// The day the tree is read (`YYYY-MM-DD`); `None`: the period's last day.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub date: Option<NaiveDate>,
}

impl RollUpSpec {
    /// Builds a spec from JSON (`null` gives the default); error paths start
    /// with `spec`.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        if value.is_null() {
            return Ok(Self::default());
        }
        crate::base::error::require_object(&value, "spec", "a roll-up spec")?;
        crate::base::json::deserialize(value).map_err(|e| {
            let at = json_path(e.path());
            DvcttError::Data {
                path: if at == "$" {
                    "spec".into()
                } else {
                    format!("spec.{at}")
                },
                detail: e.inner().to_string(),
            }
        })
    }
}

/// Why figures could not be placed on the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum UnplacedReason {
    /// The tree has no unit with the record's `unit_code`.
    UnknownUnit,
    /// The unit is known but its figures reach no unit valid on the day the
    /// tree is read: it did not exist yet when the records are dated, it
    /// was abolished without receivers, it ended without a reorganisation,
    /// or it was created after that day.
    NoUnitOnDate,
}

/// Figures of one record `unit_code` left out of every rolled-up result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnplacedFigures {
    pub unit_code: String,
    pub reason: UnplacedReason,
    /// Numerator and denominator left out (the part that could not be placed).
    pub numerator: f64,
    pub denominator: f64,
}

/// An indicator rolled up to organisation units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RollUp {
    /// The day the tree was read.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: NaiveDate,
    /// One result per organisation unit asked for (`unit_code` set).
    pub results: Vec<IndicatorResult>,
    /// Record unit codes with figures in the period that are in no result,
    /// by code: never dropped silently.
    pub unplaced: Vec<UnplacedFigures>,
}

#[derive(Default, Clone)]
struct Sums {
    num: f64,
    den: f64,
    parts: Vec<Part>,
    /// Some figure was added (a count's value is `None` without one).
    seen: bool,
}

impl Sums {
    fn add(&mut self, num: f64, den: f64, parts: &[Part], share: f64, seen: bool) {
        self.seen |= seen;
        self.num += num * share;
        self.den += den * share;
        for p in parts {
            match self.parts.iter_mut().find(|q| q.name == p.name) {
                Some(q) => q.count += p.count * share,
                None => self.parts.push(Part {
                    name: p.name.clone(),
                    count: p.count * share,
                    share: None,
                }),
            }
        }
    }
}

/// The organisation units a spec asks for, valid on `date`.
fn targets(tree: &OrgTree, spec: &RollUpSpec, date: NaiveDate) -> Result<Vec<String>> {
    match (spec.level, spec.units.is_empty()) {
        (Some(_), false) => Err(DvcttError::data(
            "spec.level",
            "give either level or units, not both",
        )),
        (Some(level), true) => {
            let v: Vec<String> = tree
                .units_at_level(level, date)
                .into_iter()
                .map(|u| u.code.clone())
                .collect();
            if v.is_empty() {
                return Err(DvcttError::data(
                    "spec.level",
                    format!("no unit of level {level} is valid on {date}"),
                ));
            }
            Ok(v)
        }
        (None, false) => {
            for (i, c) in spec.units.iter().enumerate() {
                let path = format!("spec.units[{i}]");
                if tree.versions(c).is_empty() {
                    return Err(DvcttError::data(&path, format!("unknown unit `{c}`")));
                }
                if !tree.is_active(c, date) {
                    return Err(DvcttError::data(
                        &path,
                        format!("unit `{c}` is not valid on {date}"),
                    ));
                }
                if spec.units[..i].contains(c) {
                    return Err(DvcttError::data(&path, format!("`{c}` is listed twice")));
                }
            }
            Ok(spec.units.clone())
        }
        (None, true) => Ok(tree
            .units_at(date)
            .into_iter()
            .map(|u| u.code.clone())
            .collect()),
    }
}

/// The last day on or before `day` on which `code` is valid, if any.
fn anchor(tree: &OrgTree, code: &str, day: NaiveDate) -> Option<NaiveDate> {
    tree.versions(code)
        .into_iter()
        .filter(|v| v.valid_from.is_none_or(|f| f <= day))
        .map(|v| v.valid_to.map_or(day, |t| t.min(day)))
        .max()
}

/// Cuts `period` on every reorganisation date `d` with
/// `start < d <= min(end, date)`, so that records in one piece were made
/// under one structure.
fn segments(tree: &OrgTree, period: &Period, date: NaiveDate) -> Result<Vec<Period>> {
    let until = period.end().min(date);
    let cuts: BTreeSet<NaiveDate> = tree
        .reorganisations()
        .iter()
        .map(|e| e.date)
        .filter(|d| period.start() < *d && *d <= until)
        .collect();
    if cuts.is_empty() {
        return Ok(vec![period.clone()]);
    }
    let mut out = Vec::new();
    let mut start = period.start();
    for d in cuts {
        let end = d.pred_opt().unwrap_or(d);
        out.push(Period::range(start, end)?);
        start = d;
    }
    out.push(Period::range(start, period.end())?);
    Ok(out)
}

/// Computes `query`'s indicator for organisation units (see the module doc).
///
/// The tree is read on `spec.date` (default: the period's last day). The
/// figures of each record unit are placed as follows: for raw records of an
/// indicator that sums over periods, the period is cut at every
/// reorganisation up to that day and each piece's figures are mapped
/// through the reorganisations that follow it; reported aggregates and
/// stock and distinct-count indicators (`latest`, `distinct`) are mapped
/// from the period's last day. A
/// unit no longer valid then is mapped from its last day of validity. Codes
/// the tree does not know, and figures that reach no unit valid on the day,
/// are listed in `unplaced`.
///
/// `query.scope.units` must be empty (the spec chooses the units);
/// `query.by_unit` is ignored: there is always one result per unit asked for.
pub fn roll_up_indicator(
    data: &Dataset,
    query: &Query,
    tree: &OrgTree,
    spec: &RollUpSpec,
) -> Result<RollUp> {
    let period: Period = query.period.parse()?;
    if !query.scope.units.is_empty() {
        return Err(DvcttError::data(
            "scope.units",
            "a roll-up takes its units from the roll-up spec; leave scope.units empty",
        ));
    }
    let date = spec.date.unwrap_or(period.end());
    let wanted = targets(tree, spec, date)?;
    let source = source_of(data, query);
    let sums_periods = query.indicator.period_aggregation() == PeriodAggregation::Sum;
    let pieces = if source == Source::Records && sums_periods {
        segments(tree, &period, date)?
    } else {
        vec![period.clone()]
    };
    let mut placement = Placement::default();
    for piece in &pieces {
        let q = Query {
            period: piece.id(),
            by_unit: true,
            source,
            ..query.clone()
        };
        for r in crate::engine::compute::compute(data, &q)? {
            placement.place(tree, r, piece.end(), date);
        }
    }
    let totals = placement.totals(tree, &wanted, date);
    let results = wanted
        .into_iter()
        .zip(totals)
        .map(|(code, s)| s.result(query, &period, source, code))
        .collect();
    Ok(RollUp {
        date,
        results,
        unplaced: placement
            .unplaced
            .into_iter()
            .filter(|(_, (n, d))| *n != 0.0 || *d != 0.0)
            .map(
                |((unit_code, reason), (numerator, denominator))| UnplacedFigures {
                    unit_code,
                    reason,
                    numerator,
                    denominator,
                },
            )
            .collect(),
    })
}

/// Figures per unit valid on the day the tree is read, after mapping, and
/// those that could not be placed.
#[derive(Default)]
struct Placement {
    placed: BTreeMap<String, Sums>,
    unplaced: BTreeMap<(String, UnplacedReason), (f64, f64)>,
    /// Every part name met, in order.
    part_names: Vec<String>,
}

impl Placement {
    /// Maps one record unit's result of a piece ending on `end` onto the
    /// units valid on `date`.
    fn place(&mut self, tree: &OrgTree, r: IndicatorResult, end: NaiveDate, date: NaiveDate) {
        for p in &r.parts {
            if !self.part_names.contains(&p.name) {
                self.part_names.push(p.name.clone());
            }
        }
        let Some(code) = r.unit_code.clone() else {
            return;
        };
        let unplaced = &mut self.unplaced;
        let mut lose = |reason, share: f64| {
            let e = unplaced.entry((code.clone(), reason)).or_insert((0.0, 0.0));
            e.0 += r.numerator * share;
            e.1 += r.denominator * share;
        };
        if tree.versions(&code).is_empty() {
            lose(UnplacedReason::UnknownUnit, 1.0);
            return;
        }
        let Some(from) = anchor(tree, &code, end) else {
            lose(UnplacedReason::NoUnitOnDate, 1.0);
            return;
        };
        let succ = tree.successors(&code, from, date);
        let kept: f64 = succ.iter().map(|(_, s)| s).sum();
        for (to, share) in succ {
            if tree.is_active(&to, date) {
                self.placed.entry(to).or_default().add(
                    r.numerator,
                    r.denominator,
                    &r.parts,
                    share,
                    r.value.is_some(),
                );
            } else {
                lose(UnplacedReason::NoUnitOnDate, share);
            }
        }
        // Abolished without receivers: the rest goes nowhere.
        if kept < 1.0 - 1e-12 {
            lose(UnplacedReason::NoUnitOnDate, 1.0 - kept);
        }
    }

    /// The sums of each unit asked for: each placed unit counts for itself
    /// and every ancestor asked for.
    fn totals(&self, tree: &OrgTree, wanted: &[String], date: NaiveDate) -> Vec<Sums> {
        let index: HashMap<&str, usize> = wanted
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let zero_parts: Vec<Part> = self
            .part_names
            .iter()
            .map(|n| Part {
                name: n.clone(),
                count: 0.0,
                share: None,
            })
            .collect();
        let mut totals: Vec<Sums> = vec![
            Sums {
                parts: zero_parts,
                ..Sums::default()
            };
            wanted.len()
        ];
        for (code, s) in &self.placed {
            let chain = std::iter::once(code.as_str()).chain(
                tree.ancestors(code, date)
                    .into_iter()
                    .map(|a| a.code.as_str()),
            );
            for c in chain {
                if let Some(&i) = index.get(c) {
                    totals[i].add(s.num, s.den, &s.parts, 1.0, s.seen);
                }
            }
        }
        totals
    }
}

impl Sums {
    /// The result of one organisation unit.
    fn result(
        mut self,
        query: &Query,
        period: &Period,
        source: Source,
        code: String,
    ) -> IndicatorResult {
        for p in &mut self.parts {
            p.share = indicator::ratio(p.count, self.den);
        }
        IndicatorResult {
            indicator: query.indicator,
            period: period.id(),
            unit_code: Some(code),
            numerator: self.num,
            denominator: self.den,
            value: if query.indicator.is_ratio() {
                indicator::ratio(self.num, self.den)
            } else {
                self.seen.then_some(self.num)
            },
            source,
            parts: self.parts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree() -> OrgTree {
        let text = include_str!("../../../examples/org/hcm-health-2026.json");
        OrgTree::from_json(text).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Survey responses `(unit, date, satisfied)`.
    fn survey(rows: &[(&str, &str, bool)]) -> Dataset {
        let rows: Vec<_> = rows
            .iter()
            .enumerate()
            .map(|(i, (u, d, s))| {
                json!({"response_id": format!("R{i}"), "unit_code": u, "responded_on": d, "satisfied": s})
            })
            .collect();
        Dataset::from_value(json!({ "survey": rows })).unwrap()
    }

    fn query(period: &str) -> Query {
        Query::from_value(json!({"indicator": "satisfaction_rate", "period": period})).unwrap()
    }

    fn figures(r: &RollUp) -> Vec<(String, f64, f64)> {
        r.results
            .iter()
            .map(|x| (x.unit_code.clone().unwrap(), x.numerator, x.denominator))
            .collect()
    }

    fn f(code: &str, n: f64, d: f64) -> (String, f64, f64) {
        (code.to_string(), n, d)
    }

    #[test]
    fn parents_sum_their_subtree_not_the_mean() {
        let data = survey(&[
            ("SYT-VP", "2026-03-01", true),
            ("SYT-VP", "2026-03-02", true),
            ("SYT-VP", "2026-03-03", true),
            ("SYT-VP", "2026-03-04", false),
            ("SYT-VP", "2026-03-05", false),
            ("TTKSBT", "2026-03-01", true),
            ("TTKSBT", "2026-03-02", false),
            ("TTKSBT", "2026-03-03", false),
            ("TTKSBT", "2026-03-04", false),
            ("TTKSBT", "2026-03-05", false),
            ("BV-CHORAY", "2026-03-05", true),
        ]);
        let spec = RollUpSpec {
            level: Some(1),
            ..Default::default()
        };
        let r = roll_up_indicator(&data, &query("2026"), &tree(), &spec).unwrap();
        assert_eq!(r.date, day("2026-12-31"));
        assert_eq!(figures(&r), [f("BYT", 1.0, 1.0), f("SYT-HCM", 4.0, 10.0)]);
        assert_eq!(r.results[1].value, Some(40.0));
        assert!(r.unplaced.is_empty());
    }

    #[test]
    fn merged_units_carry_their_predecessors_records() {
        // 2024: BRVT-VP 2/2, BD-VP 0/1, SYT-VP 1/1, Bến Nghé 1/2.
        let data = survey(&[
            ("BRVT-VP", "2024-05-01", true),
            ("BRVT-VP", "2024-05-02", true),
            ("BD-VP", "2024-05-01", false),
            ("SYT-VP", "2024-05-01", true),
            ("TYT-BENNGHE", "2024-05-01", true),
            ("TYT-BENNGHE", "2024-05-02", false),
            ("XYZ", "2024-05-02", false),
        ]);
        let spec = RollUpSpec {
            units: vec!["SYT-HCM".into(), "SYT-VP".into(), "TYT-SAIGON".into()],
            date: Some(day("2026-12-31")),
            ..Default::default()
        };
        let r = roll_up_indicator(&data, &query("2024"), &tree(), &spec).unwrap();
        assert_eq!(
            figures(&r),
            [
                f("SYT-HCM", 4.0, 6.0),
                f("SYT-VP", 3.0, 4.0),
                f("TYT-SAIGON", 1.0, 2.0)
            ]
        );
        assert_eq!(
            r.unplaced,
            [UnplacedFigures {
                unit_code: "XYZ".into(),
                reason: UnplacedReason::UnknownUnit,
                numerator: 0.0,
                denominator: 1.0
            }]
        );
        // Read on the tree of 2024, the three Sở are apart.
        let spec = RollUpSpec {
            level: Some(1),
            ..Default::default()
        };
        let r = roll_up_indicator(&data, &query("2024"), &tree(), &spec).unwrap();
        assert_eq!(
            figures(&r),
            [
                f("BYT", 0.0, 0.0),
                f("SYT-BD", 0.0, 1.0),
                f("SYT-BRVT", 2.0, 2.0),
                f("SYT-HCM", 2.0, 3.0)
            ]
        );
        assert_eq!(r.results[0].value, None);
    }

    #[test]
    fn a_period_across_the_merger_is_cut_at_it() {
        // 2025: BD-VP before the merger, SYT-VP on both sides; the ward
        // stations of Q1 before, TYT-SAIGON after.
        let data = survey(&[
            ("BD-VP", "2025-03-01", true),
            ("SYT-VP", "2025-03-01", false),
            ("SYT-VP", "2025-09-01", true),
            ("TYT-DAKAO", "2025-06-30", true),
            ("TYT-SAIGON", "2025-07-01", false),
            ("PYT-Q1", "2025-02-01", true),
        ]);
        let spec = RollUpSpec::default();
        let r = roll_up_indicator(&data, &query("2025"), &tree(), &spec).unwrap();
        let got = figures(&r);
        // PYT-Q1 was abolished into SYT-HCM: counted at the Sở itself.
        assert!(got.contains(&f("SYT-HCM", 4.0, 6.0)), "{got:?}");
        assert!(got.contains(&f("SYT-VP", 2.0, 3.0)), "{got:?}");
        assert!(got.contains(&f("TYT-SAIGON", 1.0, 2.0)), "{got:?}");
        assert!(r.unplaced.is_empty());
        // Read in the middle of the year, the second half has no unit yet.
        let spec = RollUpSpec {
            units: vec!["SYT-BD".into(), "PYT-Q1".into()],
            date: Some(day("2025-06-30")),
            ..Default::default()
        };
        let r = roll_up_indicator(&data, &query("2025"), &tree(), &spec).unwrap();
        assert_eq!(figures(&r), [f("SYT-BD", 1.0, 1.0), f("PYT-Q1", 2.0, 2.0)]);
        assert_eq!(
            r.unplaced,
            [UnplacedFigures {
                unit_code: "TYT-SAIGON".into(),
                reason: UnplacedReason::NoUnitOnDate,
                numerator: 0.0,
                denominator: 1.0
            }]
        );
    }

    #[test]
    fn spec_and_query_errors_name_the_path() {
        let data = survey(&[]);
        let t = tree();
        let err = |q: &Query, spec: RollUpSpec| match roll_up_indicator(&data, q, &t, &spec)
            .unwrap_err()
        {
            DvcttError::Data { path, detail } => (path, detail),
            other => panic!("{other:?}"),
        };
        let q = query("2026");
        let both = RollUpSpec {
            level: Some(1),
            units: vec!["BYT".into()],
            date: None,
        };
        assert_eq!(err(&q, both).0, "spec.level");
        let units = |u: &[&str]| RollUpSpec {
            units: u.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        assert_eq!(
            err(&q, units(&["BYT", "NOPE"])),
            ("spec.units[1]".into(), "unknown unit `NOPE`".into())
        );
        assert_eq!(
            err(&q, units(&["SYT-BD"])),
            (
                "spec.units[0]".into(),
                "unit `SYT-BD` is not valid on 2026-12-31".into()
            )
        );
        assert_eq!(err(&q, units(&["BYT", "BYT"])).0, "spec.units[1]");
        let level9 = RollUpSpec {
            level: Some(9),
            ..Default::default()
        };
        assert_eq!(err(&q, level9).0, "spec.level");
        let mut scoped = q.clone();
        scoped.scope.units = vec!["BYT".into()];
        assert_eq!(err(&scoped, RollUpSpec::default()).0, "scope.units");
        assert_eq!(
            RollUpSpec::from_value(json!({"date": "2026-02-30"}))
                .unwrap_err()
                .fields()["path"],
            "spec.date"
        );
        assert_eq!(
            RollUpSpec::from_value(json!([1])).unwrap_err().fields()["path"],
            "spec"
        );
        assert_eq!(
            RollUpSpec::from_value(json!(null)).unwrap(),
            RollUpSpec::default()
        );
    }

    #[test]
    fn stocks_and_aggregates_sum_across_units() {
        let data = Dataset::from_value(json!({"aggregates": [
            {"indicator": "trained_staff_coverage", "unit_code": "BD-VP", "period": "2025Q1", "numerator": 3, "denominator": 5},
            {"indicator": "trained_staff_coverage", "unit_code": "SYT-VP", "period": "2025Q4", "numerator": 1, "denominator": 5},
            {"indicator": "trained_staff_coverage", "unit_code": "SYT-VP", "period": "2025Q3", "numerator": 9, "denominator": 9},
        ]}))
        .unwrap();
        let q = Query::from_value(json!({"indicator": "trained_staff_coverage", "period": "2025"}))
            .unwrap();
        let spec = RollUpSpec {
            units: vec!["SYT-HCM".into()],
            ..Default::default()
        };
        let r = roll_up_indicator(&data, &q, &tree(), &spec).unwrap();
        assert_eq!(figures(&r), [f("SYT-HCM", 4.0, 10.0)]);
        assert_eq!(r.results[0].source, Source::Aggregates);
    }
}

//! The indicator catalogue and engine.
//!
//! A ratio indicator's value is `100 × Σ numerator ÷ Σ denominator`, summed
//! over every unit and period asked for before dividing (never an average of
//! percentages). A zero denominator is "no data" (`value: None`).

use crate::cube::{Counter, DossierColumns, DossierCube, Grid, N_COUNTERS};
use crate::error::{DvcttError, Result};
use crate::period::Period;
use crate::records::{Dataset, RecordKind};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// Identifier of an indicator in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum IndicatorId {
    /// Dossiers processed fully online (xử lý hoàn toàn trực tuyến) ÷ dossiers
    /// received, by date of receipt.
    OnlineDossierShare,
    /// Dossiers submitted online (nộp trực tuyến) ÷ dossiers received.
    OnlineSubmissionShare,
    /// Dossiers settled by their due date (early — trước hạn — or on it — đúng
    /// hạn) ÷ dossiers settled, by settlement date; days waiting for the
    /// applicant's supplement (`paused_days`) push the due date back.
    OnTimeCompletionRate,
    /// Dossiers whose fee was paid online (thanh toán trực tuyến) ÷ dossiers of
    /// procedures with a fee, by date of receipt.
    OnlinePaymentShare,
    /// Dossiers whose components were digitised (số hóa) ÷ dossiers received.
    DigitizedDossierShare,
    /// Satisfied responses ÷ all responses (tỷ lệ hài lòng), by response date.
    SatisfactionRate,
    /// Staff in scope trained in the calendar year of the period's end, up to
    /// the period's end ÷ staff in scope (roster snapshot).
    TrainedStaffCoverage,
}

/// How an indicator's figures combine across periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum PeriodAggregation {
    /// Events: figures of disjoint periods add up.
    Sum,
    /// A stock measured at a date (e.g. a roster): the latest figure counts.
    Latest,
}

/// One catalogue entry, for documentation and user interfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct IndicatorInfo {
    pub id: IndicatorId,
    pub name: String,
    pub numerator: String,
    pub denominator: String,
    pub source: RecordKind,
    /// Unit of the value: `%` for ratios.
    pub unit: String,
    pub period_aggregation: PeriodAggregation,
}

impl IndicatorId {
    pub const ALL: [IndicatorId; 7] = [
        IndicatorId::OnlineDossierShare,
        IndicatorId::OnlineSubmissionShare,
        IndicatorId::OnTimeCompletionRate,
        IndicatorId::OnlinePaymentShare,
        IndicatorId::DigitizedDossierShare,
        IndicatorId::SatisfactionRate,
        IndicatorId::TrainedStaffCoverage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorId::OnlineDossierShare => "online_dossier_share",
            IndicatorId::OnlineSubmissionShare => "online_submission_share",
            IndicatorId::OnTimeCompletionRate => "on_time_completion_rate",
            IndicatorId::OnlinePaymentShare => "online_payment_share",
            IndicatorId::DigitizedDossierShare => "digitized_dossier_share",
            IndicatorId::SatisfactionRate => "satisfaction_rate",
            IndicatorId::TrainedStaffCoverage => "trained_staff_coverage",
        }
    }

    /// Whether the value is a percentage of a denominator.
    pub fn is_ratio(self) -> bool {
        true
    }

    pub fn info(self) -> IndicatorInfo {
        let (name, num, den, source, agg) = match self {
            IndicatorId::OnlineDossierShare => (
                "Share of dossiers processed fully online",
                "dossiers received in the period with fully_online = true",
                "dossiers received in the period",
                RecordKind::Dossiers,
                PeriodAggregation::Sum,
            ),
            IndicatorId::OnlineSubmissionShare => (
                "Share of dossiers submitted online",
                "dossiers received in the period with channel = online",
                "dossiers received in the period",
                RecordKind::Dossiers,
                PeriodAggregation::Sum,
            ),
            IndicatorId::OnTimeCompletionRate => (
                "Share of dossiers settled on time",
                "dossiers settled in the period on or before due_on + paused_days (early and on time, also counted apart)",
                "dossiers settled in the period",
                RecordKind::Dossiers,
                PeriodAggregation::Sum,
            ),
            IndicatorId::OnlinePaymentShare => (
                "Share of fees paid online",
                "dossiers received in the period with fee_required and paid_online",
                "dossiers received in the period with fee_required",
                RecordKind::Dossiers,
                PeriodAggregation::Sum,
            ),
            IndicatorId::DigitizedDossierShare => (
                "Share of dossiers digitised",
                "dossiers received in the period with digitized = true",
                "dossiers received in the period",
                RecordKind::Dossiers,
                PeriodAggregation::Sum,
            ),
            IndicatorId::SatisfactionRate => (
                "Citizen satisfaction rate",
                "responses in the period with satisfied = true",
                "responses in the period",
                RecordKind::Survey,
                PeriodAggregation::Sum,
            ),
            IndicatorId::TrainedStaffCoverage => (
                "Coverage of staff training",
                "staff in scope trained from 1 January of the period's end year to the period's end",
                "staff in scope",
                RecordKind::Staff,
                PeriodAggregation::Latest,
            ),
        };
        IndicatorInfo {
            id: self,
            name: name.into(),
            numerator: num.into(),
            denominator: den.into(),
            source,
            unit: "%".into(),
            period_aggregation: agg,
        }
    }

    fn known_list() -> String {
        IndicatorId::ALL.map(|i| i.as_str()).join(", ")
    }

    /// Parses an id, naming `path` (where it was found) in the error.
    pub fn parse_at(id: &str, path: &str) -> Result<Self> {
        IndicatorId::ALL
            .into_iter()
            .find(|i| i.as_str() == id)
            .ok_or_else(|| DvcttError::UnknownIndicator {
                id: id.to_string(),
                path: path.to_string(),
                known: Self::known_list(),
            })
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for IndicatorId {
    type Err = DvcttError;
    fn from_str(s: &str) -> Result<Self> {
        IndicatorId::parse_at(s, "$")
    }
}

/// All catalogue entries.
pub fn catalogue() -> Vec<IndicatorInfo> {
    IndicatorId::ALL.iter().map(|i| i.info()).collect()
}

/// Checks `value[array][i][field]` against the catalogue before typed
/// deserialisation, so an unknown id is reported as such, with its path.
pub(crate) fn check_indicator_ids(
    value: &serde_json::Value,
    array: &str,
    field: &str,
) -> Result<()> {
    if let Some(items) = value.get(array).and_then(|v| v.as_array()) {
        for (i, item) in items.iter().enumerate() {
            if let Some(id) = item.get(field).and_then(|v| v.as_str()) {
                IndicatorId::parse_at(id, &format!("{array}[{i}].{field}"))?;
            }
        }
    }
    Ok(())
}

/// Restricts a computation to some units and sectors; empty lists mean all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Scope {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub units: Vec<String>,
    /// Sectors (lĩnh vực), e.g. land, construction, investment.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sectors: Vec<String>,
}

impl Scope {
    fn unit(&self, u: &str) -> bool {
        self.units.is_empty() || self.units.iter().any(|x| x == u)
    }
    fn sector(&self, s: &str) -> bool {
        self.sectors.is_empty() || self.sectors.iter().any(|x| x == s)
    }
}

/// Where figures come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Source {
    /// Reported aggregates when any exist for the indicator, raw records otherwise.
    #[default]
    Auto,
    /// Raw records only.
    Records,
    /// Reported aggregates only.
    Aggregates,
}

/// What to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Query {
    pub indicator: IndicatorId,
    /// Period id (see [`Period`]).
    pub period: String,
    /// One result per unit instead of one for all units together.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub by_unit: bool,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub source: Source,
}

impl Query {
    /// Builds a query from a JSON value, reporting unknown indicators as such.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::error::require_object(&value, "$", "a query")?;
        if let Some(id) = value.get("indicator").and_then(|v| v.as_str()) {
            IndicatorId::parse_at(id, "indicator")?;
        }
        serde_path_to_error::deserialize(value).map_err(|e| DvcttError::Data {
            path: crate::error::json_path(e.path()),
            detail: e.inner().to_string(),
        })
    }
}

/// An indicator's value for one unit (or all) and one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct IndicatorResult {
    pub indicator: IndicatorId,
    pub period: String,
    /// `None` for all units in scope together.
    pub unit_code: Option<String>,
    pub numerator: f64,
    pub denominator: f64,
    /// `100 × numerator ÷ denominator`; `None` ("no data") when the denominator is 0.
    pub value: Option<f64>,
    /// Which source the figures came from (`records` or `aggregates`).
    pub source: Source,
    /// Counts that make up the figures, where the indicator reports them apart
    /// (e.g. `early`, `on_time`, `late` for on-time completion).
    pub parts: Vec<Part>,
}

/// A named count within a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Part {
    pub name: String,
    pub count: f64,
}

#[derive(Default, Clone)]
struct Counts {
    num: f64,
    den: f64,
    parts: Vec<Part>,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.num += other.num;
        self.den += other.den;
        for p in &other.parts {
            match self.parts.iter_mut().find(|q| q.name == p.name) {
                Some(q) => q.count += p.count,
                None => self.parts.push(p.clone()),
            }
        }
    }
}

/// Computes one indicator over a dataset.
pub fn compute(data: &Dataset, query: &Query) -> Result<Vec<IndicatorResult>> {
    let period: Period = query.period.parse()?;
    let source = match query.source {
        Source::Auto
            if data
                .aggregates
                .iter()
                .any(|a| a.indicator == query.indicator) =>
        {
            Source::Aggregates
        }
        Source::Auto => Source::Records,
        s => s,
    };
    let (units, by_unit) = match source {
        Source::Aggregates => from_aggregates(data, query, &period)?,
        _ => from_records(data, query, &period)?,
    };
    let make = |unit_code: Option<String>, c: Counts| IndicatorResult {
        indicator: query.indicator,
        period: period.id(),
        unit_code,
        numerator: c.num,
        denominator: c.den,
        value: ratio(c.num, c.den),
        source,
        parts: c.parts,
    };
    if query.by_unit {
        Ok(units
            .into_iter()
            .map(|u| {
                let c = by_unit.get(&u).cloned().unwrap_or_default();
                make(Some(u), c)
            })
            .collect())
    } else {
        let mut total = Counts::default();
        for c in by_unit.values() {
            total.add(c);
        }
        Ok(vec![make(None, total)])
    }
}

/// `100 × num ÷ den`, or `None` when `den` is 0. Multiplying first keeps
/// exact results exact (80 for 4 ÷ 5, not 80.00000000000001).
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num * 100.0 / den)
}

type UnitCounts = (BTreeSet<String>, BTreeMap<String, Counts>);

fn from_records(data: &Dataset, q: &Query, p: &Period) -> Result<UnitCounts> {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut add = |unit: &str, hit: bool| {
        let c = counts.entry(unit.to_string()).or_default();
        c.den += 1.0;
        if hit {
            c.num += 1.0;
        }
    };
    let scope = &q.scope;
    match q.indicator {
        IndicatorId::OnlineDossierShare
        | IndicatorId::OnlineSubmissionShare
        | IndicatorId::OnTimeCompletionRate
        | IndicatorId::OnlinePaymentShare
        | IndicatorId::DigitizedDossierShare => {
            let cols = DossierColumns::from_dossiers(&data.dossiers);
            let cube = DossierCube::build(&cols, Grid::new(vec![p.clone()])?);
            for (unit, c) in cube.sum_by_unit(p, |u| scope.unit(u), |s| scope.sector(s))? {
                units.insert(unit.clone());
                counts.insert(unit, dossier_counts(q.indicator, &c));
            }
        }
        IndicatorId::SatisfactionRate => {
            for (i, r) in data.survey.iter().enumerate() {
                if !scope.unit(&r.unit_code) {
                    continue;
                }
                units.insert(r.unit_code.clone());
                let in_sector =
                    match (&r.sector, scope.sectors.is_empty()) {
                        (_, true) => true,
                        (Some(s), false) => scope.sector(s),
                        (None, false) => return Err(DvcttError::Data {
                            path: format!("survey[{i}].sector"),
                            detail:
                                "the response has no sector, so a sector scope cannot be applied"
                                    .into(),
                        }),
                    };
                if in_sector && p.contains_date(r.responded_on) {
                    add(&r.unit_code, r.satisfied);
                }
            }
        }
        IndicatorId::TrainedStaffCoverage => {
            no_sectors(q, &format!("{} has", q.indicator))?;
            let year_start = NaiveDate::from_ymd_opt(p.end().year(), 1, 1).expect("valid year");
            for s in &data.staff {
                if scope.unit(&s.unit_code) {
                    units.insert(s.unit_code.clone());
                    if s.in_scope {
                        let trained = s
                            .trained_on
                            .is_some_and(|t| year_start <= t && t <= p.end());
                        add(&s.unit_code, trained);
                    }
                }
            }
        }
    }
    Ok((units, counts))
}

/// An indicator's figures from the counters of the dossier cube.
fn dossier_counts(id: IndicatorId, c: &[u64; N_COUNTERS]) -> Counts {
    let g = |k: Counter| c[k as usize] as f64;
    let (num, den) = match id {
        IndicatorId::OnlineDossierShare => (g(Counter::FullyOnline), g(Counter::Received)),
        IndicatorId::OnlineSubmissionShare => (g(Counter::ChannelOnline), g(Counter::Received)),
        IndicatorId::OnTimeCompletionRate => (
            g(Counter::CompletedEarly) + g(Counter::CompletedOnTime),
            g(Counter::Completed),
        ),
        IndicatorId::OnlinePaymentShare => (g(Counter::PaidOnline), g(Counter::FeeRequired)),
        IndicatorId::DigitizedDossierShare => (g(Counter::Digitized), g(Counter::Received)),
        other => unreachable!("{other} is not a dossier indicator"),
    };
    let parts = if id == IndicatorId::OnTimeCompletionRate {
        [
            ("early", Counter::CompletedEarly),
            ("on_time", Counter::CompletedOnTime),
            ("late", Counter::CompletedLate),
        ]
        .into_iter()
        .map(|(name, k)| Part {
            name: name.into(),
            count: g(k),
        })
        .collect()
    } else {
        Vec::new()
    };
    Counts { num, den, parts }
}

fn no_sectors(q: &Query, what: &str) -> Result<()> {
    if q.scope.sectors.is_empty() {
        Ok(())
    } else {
        Err(DvcttError::Data {
            path: "scope.sectors".into(),
            detail: format!("{what} no sector dimension"),
        })
    }
}

fn from_aggregates(data: &Dataset, q: &Query, p: &Period) -> Result<UnitCounts> {
    // Reported aggregates carry no sector: a sector scope cannot be honoured.
    no_sectors(q, "reported aggregates have")?;
    let mut units = BTreeSet::new();
    // Per unit: the aggregates inside the period, with their index and parsed period.
    let mut inside: BTreeMap<String, Vec<(usize, Period)>> = BTreeMap::new();
    for (i, a) in data.aggregates.iter().enumerate() {
        if a.indicator != q.indicator || !q.scope.unit(&a.unit_code) {
            continue;
        }
        units.insert(a.unit_code.clone());
        let ap: Period = a.period.parse()?;
        if p.contains(&ap) {
            inside.entry(a.unit_code.clone()).or_default().push((i, ap));
        } else if ap.start() <= p.end() && p.start() <= ap.end() {
            return Err(DvcttError::Data {
                path: format!("aggregates[{i}].period"),
                detail: format!(
                    "{} covers only part of the requested period {}; a reported figure cannot be split",
                    a.period, p
                ),
            });
        }
    }
    let mut counts = BTreeMap::new();
    for (unit, mut list) in inside {
        let c = match q.indicator.info().period_aggregation {
            PeriodAggregation::Sum => {
                list.sort_by_key(|(_, ap)| (ap.start(), ap.end()));
                for w in list.windows(2) {
                    if w[1].1.start() <= w[0].1.end() {
                        return Err(DvcttError::Data {
                            path: format!("aggregates[{}].period", w[1].0),
                            detail: format!(
                                "overlaps aggregates[{}] for unit {unit} and {}; the figures would be counted twice",
                                w[0].0, q.indicator
                            ),
                        });
                    }
                }
                let mut c = Counts::default();
                for (i, _) in &list {
                    c.num += data.aggregates[*i].numerator;
                    c.den += data.aggregates[*i].denominator;
                }
                c
            }
            PeriodAggregation::Latest => {
                // The figure that ends last; among those, the longest period.
                let (i, _) = list
                    .iter()
                    .max_by_key(|(_, ap)| (ap.end(), std::cmp::Reverse(ap.start())))
                    .expect("non-empty");
                Counts {
                    num: data.aggregates[*i].numerator,
                    den: data.aggregates[*i].denominator,
                    parts: Vec::new(),
                }
            }
        };
        counts.insert(unit, c);
    }
    Ok((units, counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_their_serde_names() {
        for id in IndicatorId::ALL {
            assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
            assert_eq!(id.as_str().parse::<IndicatorId>().unwrap(), id);
        }
    }
}

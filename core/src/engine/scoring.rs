//! Scoring profiles: the service-quality index of Decision 766/QĐ-TTg
//! (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân,
//! doanh nghiệp) as data, and score cards computed from it.
//!
//! A profile (`dvctt/scoring-profile@1`) lists groups (nhóm chỉ số) with
//! their maximum points and items (chỉ số thành phần), each an indicator of
//! the catalogue with a threshold X (in %) and maximum points Pmax. An item
//! whose ratio is R (in %) earns
//!
//! ```text
//! points = min(1, R ÷ X) × Pmax
//! ```
//!
//! computed exactly from the counts (`100 × numerator ≥ X × denominator`
//! earns Pmax, otherwise `Pmax × 100 × numerator ÷ (X × denominator)`), never
//! from a rounded percentage: rounding to 2 decimals is for display only.
//! An item without data (zero denominator) earns nothing and is flagged
//! `no_data`; an item the profile documents without an indicator is
//! `not_computed`. A card reports the points earned, the points available
//! from the items that had data, and the profile's maximum, so an incomplete
//! card is not mistaken for a low score.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::period::Period;
use crate::base::sort;
use crate::data::dataset::Dataset;
use crate::engine::compute::compute;
use crate::model::indicator::{check_indicator_ids, IndicatorId, Query, Scope, Source};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The schema id every scoring profile carries.
pub const SCORING_PROFILE_SCHEMA: &str = "dvctt/scoring-profile@1";

/// The default profile shipped with dvctt (Decision 766/QĐ-TTg, the items
/// dvctt's records can compute).
pub const DEFAULT_PROFILE_JSON: &str = include_str!("../../profiles/766-default.json");

/// A document a profile follows, and what of it has been checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProfileSource {
    /// Document number (số hiệu), e.g. `766/QĐ-TTg`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub number: Option<String>,
    /// Date of issue (ngày ban hành).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub date: Option<NaiveDate>,
    /// Title (trích yếu) or a description of the source.
    pub title: String,
    /// What was checked against this source and what was not.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
}

/// A group of items (nhóm chỉ số) with its maximum points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreGroup {
    pub id: String,
    /// Name in Vietnamese, e.g. "Tiến độ giải quyết".
    pub name_vi: String,
    /// Name in English, e.g. "Processing progress".
    pub name_en: String,
    /// Points of the whole group in the index (whether or not every item
    /// is listed in the profile).
    pub max_points: f64,
}

/// An item (chỉ số thành phần): a ratio turned into points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreItem {
    pub id: String,
    /// Id of the group the item belongs to.
    pub group: String,
    pub name_vi: String,
    pub name_en: String,
    /// The catalogue indicator giving R; absent for an item of the index
    /// that dvctt cannot compute (documented, reported `not_computed`).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub indicator: Option<IndicatorId>,
    /// Sectors (lĩnh vực) the ratio is restricted to; empty: all.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sectors: Vec<String>,
    /// X, in %: the ratio that earns full points (0 < X ≤ 100). Required
    /// when `indicator` is given.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub threshold: Option<f64>,
    /// Pmax: the item's points at R ≥ X.
    pub max_points: f64,
    /// Whether X and Pmax were checked against the source document.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub verified: bool,
    /// Where X and Pmax come from.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub source: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
}

/// A scoring profile (`dvctt/scoring-profile@1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoringProfile {
    /// Always [`SCORING_PROFILE_SCHEMA`].
    pub schema: String,
    pub id: String,
    pub title: String,
    /// Documents the profile follows.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sources: Vec<ProfileSource>,
    pub groups: Vec<ScoreGroup>,
    pub items: Vec<ScoreItem>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Vec<String>,
}

/// Tolerance when adding up points given as decimals (0.1 + 0.2 …).
const POINTS_EPS: f64 = 1e-9;

impl ScoringProfile {
    /// Parses and validates a profile from JSON text.
    pub fn from_json(text: &str) -> Result<Self> {
        let value = crate::base::json::parse_json(text, "$")?;
        Self::from_value(value)
    }

    /// Validates an already-parsed profile document; errors name the JSON path.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::base::error::require_object(&value, "$", "a scoring profile")?;
        match value.get("schema") {
            Some(serde_json::Value::String(s)) if s == SCORING_PROFILE_SCHEMA => {}
            Some(other) => {
                return Err(DvcttError::data(
                    "schema",
                    format!("expected \"{SCORING_PROFILE_SCHEMA}\", found {other}"),
                ))
            }
            None => {
                return Err(DvcttError::data(
                    "schema",
                    format!("missing; expected \"{SCORING_PROFILE_SCHEMA}\""),
                ))
            }
        }
        check_indicator_ids(&value, "items", "indicator")?;
        let profile: ScoringProfile = crate::base::json::deserialize(value)
            .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
        profile.validate()?;
        Ok(profile)
    }

    /// Rules the JSON shape cannot express: unique ids, known groups,
    /// 0 < X ≤ 100, positive points, and no group whose items are worth
    /// more than the group.
    pub fn validate(&self) -> Result<()> {
        if self.schema != SCORING_PROFILE_SCHEMA {
            return Err(DvcttError::data(
                "schema",
                format!(
                    "expected \"{SCORING_PROFILE_SCHEMA}\", found \"{}\"",
                    self.schema
                ),
            ));
        }
        if self.id.trim().is_empty() {
            return Err(DvcttError::data("id", "empty"));
        }
        if self.groups.is_empty() {
            return Err(DvcttError::data(
                "groups",
                "a profile needs at least one group",
            ));
        }
        let points_ok = |p: f64| p.is_finite() && p > 0.0;
        let mut groups: HashMap<&str, usize> = HashMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            if group.id.trim().is_empty() {
                return Err(DvcttError::data(format!("groups[{g}].id"), "empty"));
            }
            if let Some(first) = groups.insert(group.id.as_str(), g) {
                return Err(DvcttError::data(
                    format!("groups[{g}].id"),
                    format!(
                        "duplicate group id `{}` (first at groups[{first}])",
                        group.id
                    ),
                ));
            }
            if !points_ok(group.max_points) {
                return Err(DvcttError::data(
                    format!("groups[{g}].max_points"),
                    format!("{} is not a positive number of points", group.max_points),
                ));
            }
        }
        let mut items: HashMap<&str, usize> = HashMap::new();
        let mut group_sum = vec![0.0; self.groups.len()];
        for (i, item) in self.items.iter().enumerate() {
            let at = |f: &str| format!("items[{i}].{f}");
            if item.id.trim().is_empty() {
                return Err(DvcttError::data(at("id"), "empty"));
            }
            if let Some(first) = items.insert(item.id.as_str(), i) {
                return Err(DvcttError::data(
                    at("id"),
                    format!("duplicate item id `{}` (first at items[{first}])", item.id),
                ));
            }
            let Some(&g) = groups.get(item.group.as_str()) else {
                let known: Vec<&str> = self.groups.iter().map(|g| g.id.as_str()).collect();
                return Err(DvcttError::data(
                    at("group"),
                    format!(
                        "unknown group `{}` (known: {})",
                        item.group,
                        known.join(", ")
                    ),
                ));
            };
            match (item.threshold, item.indicator) {
                (Some(x), _) if !(x.is_finite() && x > 0.0 && x <= 100.0) => {
                    return Err(DvcttError::data(
                        at("threshold"),
                        format!("{x} is not a percentage in (0, 100]"),
                    ));
                }
                (None, Some(id)) => {
                    return Err(DvcttError::data(
                        at("threshold"),
                        format!("missing; an item computed from {id} needs its threshold X"),
                    ));
                }
                _ => {}
            }
            if item.indicator.is_none() && !item.sectors.is_empty() {
                return Err(DvcttError::data(
                    at("sectors"),
                    "an item without an indicator cannot have a sector scope",
                ));
            }
            if !points_ok(item.max_points) {
                return Err(DvcttError::data(
                    at("max_points"),
                    format!("{} is not a positive number of points", item.max_points),
                ));
            }
            let group = &self.groups[g];
            group_sum[g] += item.max_points;
            if group_sum[g] > group.max_points + POINTS_EPS {
                return Err(DvcttError::data(
                    at("max_points"),
                    format!(
                        "the items of group `{}` are worth {} points, more than the group's max_points {} (groups[{g}])",
                        group.id, group_sum[g], group.max_points
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The profile's maximum: the sum of its groups' maxima.
    pub fn max_points(&self) -> f64 {
        self.groups.iter().map(|g| g.max_points).sum()
    }
}

/// The default profile (see the README's "766 scoring profile" section).
pub fn default_profile() -> Result<ScoringProfile> {
    ScoringProfile::from_json(DEFAULT_PROFILE_JSON)
}

/// What to score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreQuery {
    /// Period id (see [`Period`]).
    pub period: String,
    /// One card per unit instead of one for all units together.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub by_unit: bool,
    /// Units to score; empty: all.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub units: Vec<String>,
    #[serde(default)]
    pub source: Source,
}

impl ScoreQuery {
    /// Builds a score query from a JSON value; errors name `query.<field>`.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::base::error::require_object(&value, "query", "a score query")?;
        crate::base::json::deserialize(value).map_err(|e| {
            let at = json_path(e.path());
            DvcttError::data(
                if at == "$" {
                    "query".to_string()
                } else {
                    format!("query.{at}")
                },
                e.inner().to_string(),
            )
        })
    }
}

/// How an item came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ItemStatus {
    /// The ratio had data and earned points (possibly 0).
    Scored,
    /// Zero denominator: no points, and the item's Pmax is not available.
    NoData,
    /// The profile documents the item without an indicator.
    NotComputed,
}

/// One item of a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemScore {
    pub item_id: String,
    pub group: String,
    pub indicator: Option<IndicatorId>,
    /// X, in %.
    pub threshold: Option<f64>,
    /// Pmax.
    pub max_points: f64,
    pub status: ItemStatus,
    pub numerator: f64,
    pub denominator: f64,
    /// R, in %, unrounded; `None` without data.
    pub value: Option<f64>,
    /// `min(1, R ÷ X) × Pmax`, unrounded; `None` unless scored.
    pub points: Option<f64>,
    /// Where the figures came from; `None` when not computed.
    pub source: Option<Source>,
}

/// A group's subtotal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GroupScore {
    pub group_id: String,
    pub name_vi: String,
    pub name_en: String,
    /// Points earned by the group's scored items.
    pub points: f64,
    /// Pmax summed over the group's scored items.
    pub points_available: f64,
    /// The group's maximum in the index.
    pub max_points: f64,
}

/// A profile scored for all units in scope (or one unit) over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreCard {
    pub profile_id: String,
    pub period: String,
    /// `None` for all units in scope together.
    pub unit_code: Option<String>,
    /// Points earned.
    pub points: f64,
    /// Pmax summed over the items that had data: the most this card could
    /// have earned.
    pub points_available: f64,
    /// The profile's maximum (sum of its groups' maxima, 100 for 766).
    pub max_points: f64,
    pub groups: Vec<GroupScore>,
    pub items: Vec<ItemScore>,
    /// Ids of the items without data.
    pub no_data: Vec<String>,
    /// Ids of the items the profile lists without an indicator.
    pub not_computed: Vec<String>,
}

/// `min(1, R ÷ X) × Pmax` with `R = 100 × num ÷ den`, decided and computed
/// from the counts so that no rounding enters; `None` when `den` is 0.
pub fn item_points(num: f64, den: f64, threshold: f64, max_points: f64) -> Option<f64> {
    if den <= 0.0 {
        return None;
    }
    Some(if 100.0 * num >= threshold * den {
        max_points
    } else {
        max_points * 100.0 * num / (threshold * den)
    })
}

/// One item's figures: the source used, and (numerator, denominator) for
/// all units (key `None`) or per unit.
type Figures = (Source, BTreeMap<Option<String>, (f64, f64)>);

/// Scores a profile: one card for all units in scope, or (with `by_unit`)
/// one per unit, in unit-code order — every unit seen in the data of any
/// item plus every unit asked for, so a unit without records gets a card
/// of `no_data` items rather than none.
pub fn score(profile: &ScoringProfile, data: &Dataset, q: &ScoreQuery) -> Result<Vec<ScoreCard>> {
    profile.validate()?;
    let period: Period = q.period.parse()?;
    let mut figures: Vec<Option<Figures>> = Vec::with_capacity(profile.items.len());
    let mut units: BTreeSet<String> = sort::set_of(q.units.iter().cloned());
    for (i, item) in profile.items.iter().enumerate() {
        let (Some(indicator), Some(_)) = (item.indicator, item.threshold) else {
            figures.push(None);
            continue;
        };
        let query = Query {
            indicator,
            period: q.period.clone(),
            by_unit: q.by_unit,
            scope: Scope {
                units: q.units.clone(),
                sectors: item.sectors.clone(),
            },
            source: q.source,
            satisfaction_rule: Default::default(),
        };
        let results = match compute(data, &query) {
            // An indicator the data cannot give (a column its inputs lack).
            Err(DvcttError::NotComputed { .. }) => {
                figures.push(None);
                continue;
            }
            other => other,
        };
        let results = results.map_err(|e| match e {
            // The sector scope comes from the profile's item.
            DvcttError::Data { path, detail } if path == "scope.sectors" => DvcttError::Data {
                path: format!("items[{i}].sectors"),
                detail,
            },
            other => other,
        })?;
        // Without any result (no unit has data) `auto` means records.
        let mut source = match q.source {
            Source::Aggregates => Source::Aggregates,
            _ => Source::Records,
        };
        let mut f = BTreeMap::new();
        for r in results {
            if let Some(u) = &r.unit_code {
                units.insert(u.clone());
            }
            source = r.source;
            f.insert(r.unit_code, (r.numerator, r.denominator));
        }
        figures.push(Some((source, f)));
    }
    let keys: Vec<Option<String>> = if q.by_unit {
        units.into_iter().map(Some).collect()
    } else {
        vec![None]
    };
    Ok(keys
        .into_iter()
        .map(|key| card(profile, &period, &figures, key))
        .collect())
}

fn card(
    profile: &ScoringProfile,
    period: &Period,
    figures: &[Option<Figures>],
    key: Option<String>,
) -> ScoreCard {
    let mut items = Vec::with_capacity(profile.items.len());
    let (mut no_data, mut not_computed) = (Vec::new(), Vec::new());
    for (item, f) in profile.items.iter().zip(figures) {
        let (status, num, den, value, points, source) = match (f, item.threshold) {
            (Some((source, f)), Some(x)) => {
                let source = *source;
                let (num, den) = f.get(&key).copied().unwrap_or((0.0, 0.0));
                match item_points(num, den, x, item.max_points) {
                    Some(p) => (
                        ItemStatus::Scored,
                        num,
                        den,
                        crate::model::indicator::ratio(num, den),
                        Some(p),
                        Some(source),
                    ),
                    None => (ItemStatus::NoData, num, den, None, None, Some(source)),
                }
            }
            _ => (ItemStatus::NotComputed, 0.0, 0.0, None, None, None),
        };
        match status {
            ItemStatus::NoData => no_data.push(item.id.clone()),
            ItemStatus::NotComputed => not_computed.push(item.id.clone()),
            ItemStatus::Scored => {}
        }
        items.push(ItemScore {
            item_id: item.id.clone(),
            group: item.group.clone(),
            indicator: item.indicator,
            threshold: item.threshold,
            max_points: item.max_points,
            status,
            numerator: num,
            denominator: den,
            value,
            points,
            source,
        });
    }
    let groups: Vec<GroupScore> = profile
        .groups
        .iter()
        .map(|g| {
            let scored = items
                .iter()
                .filter(|s| s.group == g.id && s.status == ItemStatus::Scored);
            let (mut points, mut available) = (0.0, 0.0);
            for s in scored {
                points += s.points.unwrap_or(0.0);
                available += s.max_points;
            }
            GroupScore {
                group_id: g.id.clone(),
                name_vi: g.name_vi.clone(),
                name_en: g.name_en.clone(),
                points,
                points_available: available,
                max_points: g.max_points,
            }
        })
        .collect();
    ScoreCard {
        profile_id: profile.id.clone(),
        period: period.id(),
        unit_code: key,
        points: groups.iter().map(|g| g.points).sum(),
        points_available: groups.iter().map(|g| g.points_available).sum(),
        max_points: profile.max_points(),
        groups,
        items,
        no_data,
        not_computed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_loads_and_totals_100() {
        let p = default_profile().unwrap();
        assert_eq!(p.max_points(), 100.0);
        let ids: Vec<&str> = p.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "transparency",
                "progress",
                "online_service",
                "digitisation",
                "online_payment",
                "satisfaction"
            ]
        );
        let computed: Vec<(IndicatorId, f64)> = p
            .items
            .iter()
            .filter_map(|i| i.indicator.map(|id| (id, i.threshold.unwrap())))
            .collect();
        assert!(computed.contains(&(IndicatorId::OnlineSubmissionShare, 50.0)));
        assert!(computed.contains(&(IndicatorId::DigitizedDossierShare, 80.0)));
        assert!(computed.contains(&(IndicatorId::SatisfactionRate, 90.0)));
        assert!(computed
            .iter()
            .any(|(id, _)| *id == IndicatorId::OnTimeCompletionRate));
        assert!(computed
            .iter()
            .any(|(id, _)| *id == IndicatorId::OnlinePaymentShare));
        assert!(p
            .sources
            .iter()
            .any(|s| s.number.as_deref() == Some("766/QĐ-TTg")));
    }

    #[test]
    fn points_cap_at_pmax_and_are_proportional_below_x() {
        assert_eq!(item_points(9.0, 10.0, 80.0, 4.0), Some(4.0));
        assert_eq!(item_points(4.0, 5.0, 80.0, 4.0), Some(4.0));
        assert_eq!(item_points(2.0, 10.0, 50.0, 6.0), Some(2.4));
        assert_eq!(item_points(0.0, 10.0, 50.0, 6.0), Some(0.0));
        assert_eq!(item_points(0.0, 0.0, 50.0, 6.0), None);
    }

    fn one_item(indicator: IndicatorId, sectors: &[&str]) -> ScoringProfile {
        let mut p = default_profile().unwrap();
        p.items = vec![ScoreItem {
            id: "x".into(),
            group: "satisfaction".into(),
            name_vi: "x".into(),
            name_en: "x".into(),
            indicator: Some(indicator),
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            threshold: Some(90.0),
            max_points: 6.0,
            verified: false,
            source: None,
            note: None,
        }];
        p
    }

    fn query(period: &str, by_unit: bool, source: Source) -> ScoreQuery {
        ScoreQuery {
            period: period.into(),
            by_unit,
            units: Vec::new(),
            source,
        }
    }

    #[test]
    fn sector_scope_the_indicator_cannot_honour_names_the_item() {
        let p = one_item(IndicatorId::TrainedStaffCoverage, &["dat_dai"]);
        let e = score(&p, &Dataset::default(), &query("2026", false, Source::Auto)).unwrap_err();
        assert!(
            matches!(&e, DvcttError::Data { path, .. } if path == "items[0].sectors"),
            "{e:?}"
        );
    }

    #[test]
    fn empty_data_gives_no_data_cards() {
        let p = one_item(IndicatorId::SatisfactionRate, &[]);
        let cards = score(
            &p,
            &Dataset::default(),
            &query("2026", false, Source::Aggregates),
        )
        .unwrap();
        let c = &cards[0];
        assert_eq!(
            (c.points, c.points_available, c.max_points),
            (0.0, 0.0, 100.0)
        );
        assert_eq!(c.no_data, ["x"]);
        assert_eq!(c.items[0].source, Some(Source::Aggregates));
        assert_eq!(c.items[0].points, None);
        // By unit with no unit anywhere: no cards.
        let none = score(&p, &Dataset::default(), &query("2026", true, Source::Auto)).unwrap();
        assert!(none.is_empty());
        // A bad period is a period error, even before any item is computed.
        let e = score(
            &p,
            &Dataset::default(),
            &query("2026Q5", false, Source::Auto),
        )
        .unwrap_err();
        assert_eq!(e.variant(), "Period");
    }

    proptest::proptest! {
        /// Points stay in [0, Pmax], reach Pmax exactly when R ≥ X, and grow with R.
        #[test]
        fn points_are_bounded_and_monotone(num in 0u32..500, more in 0u32..500, den_extra in 0u32..500, x in 1u32..=100, pmax in 1u32..=22) {
            let den = f64::from(num + more + den_extra + 1);
            let (n1, n2, x, pmax) = (f64::from(num), f64::from(num + more), f64::from(x), f64::from(pmax));
            let a = item_points(n1, den, x, pmax).unwrap();
            let b = item_points(n2.min(den), den, x, pmax).unwrap();
            proptest::prop_assert!((0.0..=pmax).contains(&a));
            proptest::prop_assert!(a <= b + 1e-12);
            proptest::prop_assert_eq!(a == pmax, 100.0 * n1 >= x * den);
        }
    }

    #[test]
    fn group_overflow_names_the_item() {
        let mut p = default_profile().unwrap();
        let i = p.items.iter().position(|i| i.group == "progress").unwrap();
        p.items[i].max_points = 21.0;
        let e = p.validate().unwrap_err();
        assert_eq!(
            e,
            DvcttError::Data {
                path: format!("items[{i}].max_points"),
                detail: "the items of group `progress` are worth 21 points, more than the group's max_points 20 (groups[1])".into(),
            }
        );
    }
}

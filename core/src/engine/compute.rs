//! Computing an indicator: from the columnar data set's records (the
//! dossier cube, survey and staff columns, campaign logs) or from reported
//! aggregates, per unit, summed before dividing.

use crate::base::day::{day_number, NO_DATE};
use crate::base::error::{DvcttError, Result};
use crate::base::message::NotComputedReason;
use crate::base::period::Period;
use crate::base::sort;
use crate::data::dataset::Dataset;
use crate::data::dict::Dict;
use crate::data::survey::NO_SECTOR;
use crate::engine::cube::{Counter, DossierCube, Grid, N_COUNTERS};
use crate::engine::partial::{answer_level, Partial, StaffCounts, StaffDate, SurveyCounts, ROLES};
use crate::model::indicator::{
    ratio, reporting_year_start, IndicatorId, IndicatorResult, Part, PeriodAggregation, Query,
    Scope, Source,
};
use crate::model::records::{
    check_answer, is_satisfied, RecordKind, SatisfactionLevel, SatisfactionRule, StaffRole,
};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default, Clone)]
struct Counts {
    num: f64,
    den: f64,
    parts: Vec<Part>,
    /// Some figure exists (records were scanned, or an aggregate was reported):
    /// a count of 0 is then a value, not "no data".
    seen: bool,
    /// Rating scales met in survey responses: bit 0 the 3-level, bit 1 the 5-level.
    scales: u8,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.num += other.num;
        self.den += other.den;
        self.seen |= other.seen;
        self.scales |= other.scales;
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
    compute_prepared(data, query, None)
}

/// Computes several indicators over one data set: one dossier cube serves
/// every dossier query; each query gets its results or its error.
pub fn compute_many(data: &Dataset, queries: &[Query]) -> Vec<Result<Vec<IndicatorResult>>> {
    let cube = match dossier_cube(data, &dossier_periods(queries)) {
        Ok(c) => c,
        Err(e) => return queries.iter().map(|_| Err(e.clone())).collect(),
    };
    compute_many_with(data, queries, cube.as_ref())
}

/// The periods of the dossier queries among `queries`.
pub fn dossier_periods(queries: &[Query]) -> Vec<Period> {
    queries
        .iter()
        .filter(|q| q.indicator.source() == RecordKind::Dossiers)
        .filter_map(|q| q.period.parse().ok())
        .collect()
}

/// [`compute_many`] with the dossiers' cube given (e.g. streamed from files
/// too large to hold: its grid must tile every query's period).
pub fn compute_many_with(
    data: &Dataset,
    queries: &[Query],
    cube: Option<&DossierCube>,
) -> Vec<Result<Vec<IndicatorResult>>> {
    queries
        .iter()
        .map(|q| compute_prepared(data, q, cube))
        .collect()
}

/// One cube of the dataset's dossiers whose buckets tile each of `periods`
/// exactly (the pieces between all their boundaries), for several
/// computations over one conversion; `None` without periods.
pub(crate) fn dossier_cube(data: &Dataset, periods: &[Period]) -> Result<Option<DossierCube>> {
    Ok(dossier_grid(periods)?.map(|g| DossierCube::build(&data.dossiers.cols, g)))
}

/// A grid whose buckets tile each of `periods` exactly (the pieces between
/// all their boundaries); `None` without periods.
pub fn dossier_grid(periods: &[Period]) -> Result<Option<Grid>> {
    if periods.is_empty() {
        return Ok(None);
    }
    // Boundaries: each period's first day and the day after its last.
    let mut cuts: Vec<chrono::NaiveDate> = Vec::new();
    for p in periods {
        cuts.push(p.start());
        if let Some(next) = p.end().succ_opt() {
            cuts.push(next);
        }
    }
    sort::sort(&mut cuts);
    cuts.dedup();
    let mut buckets = Vec::new();
    for w in cuts.windows(2) {
        if let Some(last) = w[1].pred_opt() {
            if periods.iter().any(|p| p.contains_date(w[0])) {
                buckets.push(Period::range(w[0], last)?);
            }
        }
    }
    Ok(Some(Grid::new(buckets)?))
}

/// Where the figures of dossiers, survey responses and staff come from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Counted<'a> {
    /// The data set's records; for dossier indicators, a cube prepared
    /// ahead when its buckets tile the period.
    Records(Option<&'a DossierCube>),
    /// Counts merged from parts of the records (the data set gives only
    /// the campaign logs and the aggregates).
    Parts(&'a Partial),
}

/// [`compute`] using, for dossier indicators, `cube` when its buckets tile
/// the query's period.
pub(crate) fn compute_prepared(
    data: &Dataset,
    query: &Query,
    cube: Option<&DossierCube>,
) -> Result<Vec<IndicatorResult>> {
    compute_counted(data, query, Counted::Records(cube))
}

/// [`compute`] with the figures of the large record kinds from `counted`.
pub(crate) fn compute_counted(
    data: &Dataset,
    query: &Query,
    counted: Counted<'_>,
) -> Result<Vec<IndicatorResult>> {
    let period: Period = query.period.parse()?;
    query.satisfaction_rule.validate("satisfaction_rule")?;
    let source = source_of(data, query);
    if source == Source::Records {
        let id = query.indicator;
        let columns = data.lacking(id.source(), id.needs_columns());
        if !columns.is_empty() {
            return Err(DvcttError::not_computed(
                id.to_string(),
                NotComputedReason::ColumnsAbsent { columns },
            ));
        }
        if !id.is_ratio() && !holds_records(data, id.source(), counted) {
            return Err(kind_not_given(id));
        }
    }
    let (units, by_unit) = match source {
        Source::Aggregates => from_aggregates(data, query, &period)?,
        _ => from_records(data, query, &period, counted)?,
    };
    let is_ratio = query.indicator.is_ratio();
    let make = |unit_code: Option<String>, c: Counts| IndicatorResult {
        indicator: query.indicator,
        period: period.id(),
        unit_code,
        numerator: c.num,
        denominator: c.den,
        value: if is_ratio {
            ratio(c.num, c.den)
        } else {
            c.seen.then_some(c.num)
        },
        source,
        parts: finish_parts(query.indicator, &c),
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
        let mut total = Counts {
            // Records always give a figure (a count of 0 when none match).
            seen: source == Source::Records,
            ..Counts::default()
        };
        for c in by_unit.values() {
            total.add(c);
        }
        Ok(vec![make(None, total)])
    }
}

/// Whether the records counted hold any of `kind` (the dossiers may be in
/// a cube only: streamed, or merged from parts).
fn holds_records(data: &Dataset, kind: RecordKind, counted: Counted<'_>) -> bool {
    data.gives(kind)
        || match (kind, counted) {
            (RecordKind::Dossiers, Counted::Records(Some(cube))) => !cube.units().is_empty(),
            (RecordKind::Dossiers, Counted::Parts(p)) => {
                p.rows[0] > 0 || p.dossiers.as_ref().is_some_and(|c| !c.units().is_empty())
            }
            _ => false,
        }
}

/// A count from a record kind the inputs did not give is unknown, not 0
/// (a file not given is not an office that did nothing).
fn kind_not_given(id: IndicatorId) -> DvcttError {
    DvcttError::not_computed(
        id.to_string(),
        NotComputedReason::KindNotGiven {
            kind: id.source().as_str().to_string(),
        },
    )
}

/// The source a query's figures come from: `auto` is the reported
/// aggregates when the dataset has some of the indicator, else the records.
pub fn source_of(data: &Dataset, query: &Query) -> Source {
    match query.source {
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
    }
}

/// Names of the survey parts, in order: the five rating levels, then yes/no answers.
const SURVEY_PARTS: [&str; 7] = [
    "level:very_satisfied",
    "level:satisfied",
    "level:neutral",
    "level:dissatisfied",
    "level:very_dissatisfied",
    "boolean:satisfied",
    "boolean:not_satisfied",
];

/// Counts `n` survey responses of one answer.
fn add_answer(c: &mut Counts, answer: Answer, rule: &SatisfactionRule, n: f64) {
    if c.parts.is_empty() {
        c.parts = SURVEY_PARTS.iter().map(|n| Part::new(*n, 0.0)).collect();
    }
    let (satisfied, rating, scale) = answer;
    c.seen = true;
    c.den += n;
    if is_satisfied(satisfied, rating, scale, rule) {
        c.num += n;
    }
    let slot = match (rating, scale) {
        (Some(level), Some(scale)) => {
            c.scales |= if scale == 3 { 1 } else { 2 };
            SatisfactionLevel::ALL.iter().position(|&l| l == level)
        }
        _ => Some(if satisfied == Some(true) { 5 } else { 6 }),
    };
    if let Some(p) = slot.and_then(|i| c.parts.get_mut(i)) {
        p.count += n;
    }
}

/// The parts a result reports, with their shares. Survey results list the
/// levels of the scales met (when any rating was counted) and the yes/no
/// answers apart (only when mixed with ratings); a result of yes/no answers
/// alone has no parts.
fn finish_parts(id: IndicatorId, c: &Counts) -> Vec<Part> {
    let mut parts = c.parts.clone();
    if id == IndicatorId::SatisfactionRate {
        let total = |prefix: &str| -> f64 {
            parts
                .iter()
                .filter(|p| p.name.starts_with(prefix))
                .map(|p| p.count)
                .sum()
        };
        let (rated, yes_no) = (total("level:"), total("boolean:"));
        let five = c.scales & 2 != 0;
        parts.retain(|p| match p.name.as_str() {
            "level:neutral" | "level:very_dissatisfied" => rated > 0.0 && five,
            n if n.starts_with("level:") => rated > 0.0,
            _ => rated > 0.0 && yes_no > 0.0,
        });
    }
    for p in &mut parts {
        p.share = ratio(p.count, c.den);
    }
    parts
}

/// An answer as counted: yes/no, rating level, scale.
type Answer = (Option<bool>, Option<SatisfactionLevel>, Option<u32>);

type UnitCounts = (BTreeSet<String>, BTreeMap<String, Counts>);

fn from_records(data: &Dataset, q: &Query, p: &Period, counted: Counted<'_>) -> Result<UnitCounts> {
    let (units, mut counts) = match (q.indicator.source(), counted) {
        (RecordKind::Dossiers, Counted::Records(prepared)) => from_dossiers(data, q, p, prepared)?,
        (RecordKind::Dossiers, Counted::Parts(pt)) => match &pt.dossiers {
            Some(cube) if cube.grid().tiles(p) => dossiers_from_cube(cube, q, p)?,
            _ => return Err(not_tiled(q, p, "dossier")),
        },
        (RecordKind::Survey, Counted::Records(_)) => from_survey(data, q, p)?,
        (RecordKind::Survey, Counted::Parts(pt)) => survey_from_parts(&pt.survey, q, p)?,
        (RecordKind::Staff, Counted::Records(_)) => from_staff(data, q, p)?,
        (RecordKind::Staff, Counted::Parts(pt)) => staff_from_parts(&pt.staff, q, p)?,
        (kind, Counted::Parts(_)) if !data.has(kind) && kind != RecordKind::Aggregates => {
            return Err(DvcttError::not_computed(
                q.indicator.to_string(),
                NotComputedReason::PartsLackKind {
                    kind: kind.as_str().to_string(),
                },
            ))
        }
        _ => from_other_records(data, q, p)?,
    };
    // Every unit found in the records has a figure, even with no rows counted.
    for u in &units {
        counts.entry(u.clone()).or_default().seen = true;
    }
    Ok((units, counts))
}

fn not_tiled(q: &Query, p: &Period, kind: &str) -> DvcttError {
    DvcttError::not_computed(
        q.indicator.to_string(),
        NotComputedReason::PartsNotTiled {
            kind: kind.to_string(),
            period: p.to_string(),
        },
    )
}

/// Indicators of the campaign logs, or from aggregates only (an error).
fn from_other_records(data: &Dataset, q: &Query, p: &Period) -> Result<UnitCounts> {
    Ok(match q.indicator {
        IndicatorId::AdultUsageRate | IndicatorId::StudentCoverage => {
            return Err(DvcttError::Data {
                path: "source".into(),
                detail: format!(
                    "{} comes from reported aggregates only (dataset.aggregates); there are no records to compute it from",
                    q.indicator
                ),
            })
        }
        IndicatorId::FullProcessProcedureShare
        | IndicatorId::UnitPortalPromotionShare
        | IndicatorId::FeedbackAddressedRate
        | IndicatorId::PeopleGuided
        | IndicatorId::ProductsPublished
        | IndicatorId::EventsHeld => from_logs(data, q, p)?,
        other => {
            return Err(DvcttError::Data {
                path: "indicator".into(),
                detail: format!("{other} reads dossiers, survey or staff"),
            })
        }
    })
}

/// Dossier indicators: the prepared cube when it tiles `p`, else one built here.
fn from_dossiers(
    data: &Dataset,
    q: &Query,
    p: &Period,
    prepared: Option<&DossierCube>,
) -> Result<UnitCounts> {
    match prepared {
        Some(c) if c.grid().tiles(p) => dossiers_from_cube(c, q, p),
        _ => {
            let own = DossierCube::build(&data.dossiers.cols, Grid::new(vec![p.clone()])?);
            dossiers_from_cube(&own, q, p)
        }
    }
}

/// Dossier indicators from a cube whose buckets tile `p`.
fn dossiers_from_cube(cube: &DossierCube, q: &Query, p: &Period) -> Result<UnitCounts> {
    let (mut units, mut counts) = (BTreeSet::new(), BTreeMap::new());
    let scope = &q.scope;
    for (unit, c) in cube.sum_by_unit(p, |u| scope.unit(u), |s| scope.sector(s))? {
        units.insert(unit.clone());
        counts.insert(unit, dossier_counts(q.indicator, &c));
    }
    Ok((units, counts))
}

/// Whether each code of a dictionary passes `keep`, by index.
fn mask(codes: &[String], keep: impl Fn(&str) -> bool) -> Vec<bool> {
    codes.iter().map(|c| keep(c)).collect()
}

/// Scans the rows of a batch whose unit is in scope: every unit met is
/// seen (it gets a figure, even of nothing), and `row` counts row `i` into
/// its unit's counts.
fn scan_units(
    units: &Dict,
    unit: &[u32],
    scope: &Scope,
    mut row: impl FnMut(usize, &mut Option<Counts>) -> Result<()>,
) -> Result<UnitCounts> {
    let unit_in = mask(units.codes(), |u| scope.unit(u));
    let mut seen = vec![false; units.len()];
    let mut counts: Vec<Option<Counts>> = vec![None; units.len()];
    for (i, &u) in unit.iter().enumerate() {
        let u = u as usize;
        if unit_in[u] {
            seen[u] = true;
            row(i, &mut counts[u])?;
        }
    }
    let codes = units.codes();
    let seen_units = sort::set_of(
        (0..codes.len())
            .filter(|&u| seen[u])
            .map(|u| codes[u].clone()),
    );
    let by_unit = sort::map_of(
        counts
            .into_iter()
            .enumerate()
            .filter_map(|(u, c)| c.map(|c| (codes[u].clone(), c))),
    );
    Ok((seen_units, by_unit))
}

/// `satisfaction_rate`: responses in the period, per unit.
fn from_survey(data: &Dataset, q: &Query, p: &Period) -> Result<UnitCounts> {
    let s = &data.survey;
    let scope = &q.scope;
    let sector_in = mask(s.sectors.codes(), |x| scope.sector(x));
    let (first, last) = (day_number(p.start()), day_number(p.end()));
    scan_units(&s.units, &s.unit, scope, |i, c| {
        let in_sector = match (s.sector[i], scope.sectors.is_empty()) {
            (_, true) => true,
            (NO_SECTOR, false) => {
                return Err(DvcttError::Data {
                    path: format!("survey[{i}].sector"),
                    detail: "the response has no sector, so a sector scope cannot be applied"
                        .into(),
                })
            }
            (x, false) => sector_in[x as usize],
        };
        if let Some((field, detail)) = check_answer(s.satisfied[i], s.rating[i], s.scale[i]) {
            return Err(DvcttError::Data {
                path: format!("survey[{i}].{field}"),
                detail,
            });
        }
        let day = s.responded[i];
        if in_sector && first <= day && day <= last {
            let c = c.get_or_insert_with(Counts::default);
            let answer = (s.satisfied[i], s.rating[i], s.scale[i]);
            add_answer(c, answer, &q.satisfaction_rule, 1.0);
        }
        Ok(())
    })
}

/// Staff coverage indicators: members of the role in scope, and those
/// trained (or communicated with) in the reporting year up to the period's end.
fn from_staff(data: &Dataset, q: &Query, p: &Period) -> Result<UnitCounts> {
    no_sectors(q, &format!("{} has", q.indicator))?;
    let s = &data.staff;
    let (from, to) = (day_number(reporting_year_start(p)), day_number(p.end()));
    scan_units(&s.units, &s.unit, &q.scope, |i, c| {
        let role = s.role[i].unwrap_or(StaffRole::Operator);
        if let Some(which) = staff_rule(q.indicator, role, s.in_scope[i]) {
            let on = match which {
                StaffDate::Trained => s.trained[i],
                StaffDate::Communicated => s.communicated[i],
            };
            let c = c.get_or_insert_with(Counts::default);
            c.seen = true;
            c.den += 1.0;
            if on != NO_DATE && from <= on && on <= to {
                c.num += 1.0;
            }
        }
        Ok(())
    })
}

/// Whether a member of `role` (in scope or not) counts in the denominator
/// of staff indicator `id`, and which of its dates the numerator reads.
fn staff_rule(id: IndicatorId, role: StaffRole, in_scope: bool) -> Option<StaffDate> {
    let (member, which) = match id {
        IndicatorId::TrainedStaffCoverage => {
            (role == StaffRole::Operator && in_scope, StaffDate::Trained)
        }
        IndicatorId::TrainedCommunityTeamCoverage => {
            (role == StaffRole::CommunityTeam, StaffDate::Trained)
        }
        _ => (
            matches!(role, StaffRole::Official | StaffRole::Operator),
            StaffDate::Communicated,
        ),
    };
    member.then_some(which)
}

/// Which buckets of `grid` lie inside `p`, when they tile it.
fn inside(grid: &Grid, p: &Period) -> Option<Vec<bool>> {
    let mut mask = vec![false; grid.buckets().len()];
    for b in grid.buckets_in(p).ok().filter(|_| grid.tiles(p))? {
        mask[b] = true;
    }
    Some(mask)
}

/// `satisfaction_rate` from merged partial counts: as [`from_survey`].
fn survey_from_parts(s: &SurveyCounts, q: &Query, p: &Period) -> Result<UnitCounts> {
    let mask = inside(&s.grid, p).ok_or_else(|| not_tiled(q, p, "survey"))?;
    let scope = &q.scope;
    let mut units = BTreeSet::new();
    for (u, &no_sector) in &s.units.0 {
        if !scope.unit(u) {
            continue;
        }
        if no_sector > 0 && !scope.sectors.is_empty() {
            return Err(DvcttError::Data {
                path: "survey.sector".into(),
                detail: format!(
                    "{no_sector} responses of unit {u} have no sector, so a sector scope cannot be applied"
                ),
            });
        }
        units.insert(u.clone());
    }
    let mut counts = BTreeMap::new();
    for ((u, sector, b, (yes, level, scale)), &n) in &s.cells.0 {
        let in_sector =
            scope.sectors.is_empty() || sector.as_deref().is_some_and(|x| scope.sector(x));
        if scope.unit(u) && in_sector && mask[*b as usize] {
            let c = counts.entry(u.clone()).or_insert_with(Counts::default);
            let answer = (*yes, answer_level(*level), *scale);
            add_answer(c, answer, &q.satisfaction_rule, n as f64);
        }
    }
    Ok((units, counts))
}

/// Staff coverage indicators from merged partial counts: as [`from_staff`].
fn staff_from_parts(s: &StaffCounts, q: &Query, p: &Period) -> Result<UnitCounts> {
    no_sectors(q, &format!("{} has", q.indicator))?;
    let (from, to) = (reporting_year_start(p), p.end());
    let mask = if from <= to {
        inside(&s.grid, &Period::range(from, to)?).ok_or_else(|| not_tiled(q, p, "staff"))?
    } else {
        vec![false; s.grid.buckets().len()]
    };
    let scope = &q.scope;
    let rule = |r: u8, in_scope: bool| {
        let role = ROLES
            .get(r as usize)
            .copied()
            .unwrap_or(StaffRole::Operator);
        staff_rule(q.indicator, role, in_scope)
    };
    let units = sort::set_of(s.units.iter().filter(|u| scope.unit(u)).cloned());
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for ((u, r, in_scope), &n) in &s.members.0 {
        if scope.unit(u) && n > 0 && rule(*r, *in_scope).is_some() {
            let c = counts.entry(u.clone()).or_default();
            c.seen = true;
            c.den += n as f64;
        }
    }
    for ((u, r, in_scope, which, b), &n) in &s.dated.0 {
        let counted = rule(*r, *in_scope).is_some_and(|w| w as u8 == *which);
        if counted && mask[*b as usize] {
            if let Some(c) = counts.get_mut(u) {
                c.num += n as f64;
            }
        }
    }
    Ok((units, counts))
}

/// Indicators of the campaign logs.
fn from_logs(data: &Dataset, q: &Query, p: &Period) -> Result<UnitCounts> {
    let (mut units, mut counts) = (BTreeSet::new(), BTreeMap::new());
    if let Some((seen, by_unit)) =
        crate::engine::logs::from_records(data, q.indicator, &q.scope, p)?
    {
        units.extend(seen);
        for (unit, c) in by_unit {
            let (num, den, parts) = (c.num, c.den, c.parts);
            counts.insert(
                unit,
                Counts {
                    num,
                    den,
                    parts,
                    seen: true,
                    scales: 0,
                },
            );
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
        IndicatorId::DossiersReceived => (g(Counter::Received), 0.0),
        other => unreachable!("{other} is not a dossier indicator"),
    };
    let parts = if id == IndicatorId::OnTimeCompletionRate {
        [
            ("early", Counter::CompletedEarly),
            ("on_time", Counter::CompletedOnTime),
            ("late", Counter::CompletedLate),
        ]
        .into_iter()
        .map(|(name, k)| Part::new(name, g(k)))
        .collect()
    } else {
        Vec::new()
    };
    Counts {
        num,
        den,
        parts,
        seen: true,
        scales: 0,
    }
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
        let c = match q.indicator.period_aggregation() {
            PeriodAggregation::Sum => {
                sort::sort_by_key(&mut list, |(_, ap)| (ap.start(), ap.end()));
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
                let mut c = Counts {
                    seen: true,
                    ..Counts::default()
                };
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
                    seen: true,
                    scales: 0,
                }
            }
            PeriodAggregation::Distinct => {
                // Only a figure for exactly the requested period will do.
                let exact: Vec<&(usize, Period)> = list
                    .iter()
                    .filter(|(_, ap)| ap.start() == p.start() && ap.end() == p.end())
                    .collect();
                match exact.as_slice() {
                    [(i, _)] => Counts {
                        num: data.aggregates[*i].numerator,
                        den: data.aggregates[*i].denominator,
                        parts: Vec::new(),
                        seen: true,
                        scales: 0,
                    },
                    [(a, _), (b, _), ..] => {
                        return Err(DvcttError::Data {
                            path: format!("aggregates[{b}].period"),
                            detail: format!(
                                "repeats aggregates[{a}] for unit {unit} and {}",
                                q.indicator
                            ),
                        })
                    }
                    [] => {
                        let i = list.first().map_or(0, |(i, _)| *i);
                        return Err(DvcttError::Data {
                            path: format!("aggregates[{i}].period"),
                            detail: format!(
                                "{} counts distinct units over a whole period: figures for parts of {} cannot be combined; report one for {} itself",
                                q.indicator, p, p
                            ),
                        });
                    }
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
    use crate::model::indicator::Scope;

    #[test]
    fn distinct_aggregates_need_the_exact_period() {
        let agg = |period: &str| {
            format!(
                r#"{{"indicator": "unit_portal_promotion_share", "unit_code": "U1",
                    "period": "{period}", "numerator": 1, "denominator": 1}}"#
            )
        };
        let data = Dataset::from_json(&format!(
            r#"{{"aggregates": [{}, {}]}}"#,
            agg("2026Q1"),
            agg("2026Q2")
        ))
        .unwrap();
        let q = |period: &str| Query {
            indicator: IndicatorId::UnitPortalPromotionShare,
            period: period.into(),
            by_unit: false,
            scope: Scope::default(),
            source: Source::Auto,
            satisfaction_rule: SatisfactionRule::default(),
        };
        let r = compute(&data, &q("2026Q1")).unwrap();
        assert_eq!(r[0].value, Some(100.0));
        let e = compute(&data, &q("2026S1")).unwrap_err();
        assert!(e.to_string().contains("cannot be combined"), "{e}");
    }

    #[test]
    fn count_by_unit_from_aggregates_is_none_without_a_figure() {
        let data = Dataset::from_json(
            r#"{"aggregates": [
                {"indicator": "events_held", "unit_code": "U1", "period": "2026Q1", "numerator": 2, "denominator": 0},
                {"indicator": "events_held", "unit_code": "U2", "period": "2025Q4", "numerator": 5, "denominator": 0}]}"#,
        )
        .unwrap();
        let q = Query {
            indicator: IndicatorId::EventsHeld,
            period: "2026".into(),
            by_unit: true,
            scope: Scope::default(),
            source: Source::Auto,
            satisfaction_rule: SatisfactionRule::default(),
        };
        let r = compute(&data, &q).unwrap();
        let values: Vec<_> = r.iter().map(|r| (r.unit_code.clone(), r.value)).collect();
        assert_eq!(
            values,
            vec![(Some("U1".into()), Some(2.0)), (Some("U2".into()), None)]
        );
    }
}

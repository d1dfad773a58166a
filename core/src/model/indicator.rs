//! The indicator catalogue and engine.
//!
//! A ratio indicator's value is `100 × Σ numerator ÷ Σ denominator`, summed
//! over every unit and period asked for before dividing (never an average of
//! percentages). A zero denominator is "no data" (`value: None`).

use crate::base::error::{DvcttError, Result};
use crate::base::period::{Period, PeriodKind};
use crate::engine::cube::{Counter, DossierColumns, DossierCube, Grid, N_COUNTERS};
use crate::model::records::{
    Dataset, RecordKind, SatisfactionLevel, SatisfactionRule, StaffRole, SurveyResponse,
};
use chrono::NaiveDate;
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
    /// Satisfied responses ÷ all responses (tỷ lệ hài lòng), by response date;
    /// a rated response is satisfied when its level is among the top levels
    /// of its scale under the query's [`SatisfactionRule`].
    SatisfactionRate,
    /// Operators (role `operator`, cán bộ một cửa / xử lý hồ sơ) in scope
    /// trained within the reporting year up to the period's end ÷ operators in
    /// scope (roster snapshot).
    TrainedStaffCoverage,
    /// Procedures offered as full-process online services (DVCTT toàn trình)
    /// ÷ procedures eligible for it (đủ điều kiện), from the procedure catalogue.
    FullProcessProcedureShare,
    /// Members of community digital technology teams (Tổ công nghệ số cộng
    /// đồng, role `community_team`) trained within the reporting year ÷ members.
    TrainedCommunityTeamCoverage,
    /// Officials (cán bộ, công chức: roles `official` and `operator`) who
    /// received communication about DVCTT (tuyên truyền, phổ biến) within the
    /// reporting year ÷ officials.
    CommunicatedStaffCoverage,
    /// Units that published DVCTT guidance on their web portal (Cổng/Trang
    /// thông tin điện tử) in the period ÷ units in the units list.
    UnitPortalPromotionShare,
    /// Feedback (phản ánh, kiến nghị) received in the period and publicly
    /// addressed (xử lý, công khai) by the period's end ÷ feedback received.
    FeedbackAddressedRate,
    /// Adults who used online public services (người dân trưởng thành sử dụng
    /// DVCTT) ÷ adult population; reported aggregates only.
    AdultUsageRate,
    /// Students reached by DVCTT guidance (học sinh, sinh viên được tuyên
    /// truyền, hướng dẫn) ÷ students; reported aggregates only.
    StudentCoverage,
    /// Count: dossiers received (hồ sơ tiếp nhận) in the period.
    DossiersReceived,
    /// Count: people guided in using DVCTT (lượt người được hướng dẫn) at
    /// outreach activities in the period.
    PeopleGuided,
    /// Count: communication products published (sản phẩm truyền thông: tin,
    /// bài, video, infographic) in the period.
    ProductsPublished,
    /// Count: outreach events held (sự kiện, hội nghị, buổi tuyên truyền) in
    /// the period.
    EventsHeld,
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
    /// Distinct entities over the whole period (e.g. units with at least one
    /// publication in it): figures of sub-periods neither add up nor replace
    /// each other, so a reported figure must cover exactly the period asked for.
    Distinct,
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
    /// Records the indicator is computed from (`aggregates`: reported
    /// figures only).
    pub source: RecordKind,
    /// Unit of the value: `%` for ratios; what is counted (`dossiers`,
    /// `people`, …) for counts.
    pub unit: String,
    pub period_aggregation: PeriodAggregation,
}

impl IndicatorId {
    pub const ALL: [IndicatorId; 18] = [
        IndicatorId::OnlineDossierShare,
        IndicatorId::OnlineSubmissionShare,
        IndicatorId::OnTimeCompletionRate,
        IndicatorId::OnlinePaymentShare,
        IndicatorId::DigitizedDossierShare,
        IndicatorId::SatisfactionRate,
        IndicatorId::TrainedStaffCoverage,
        IndicatorId::FullProcessProcedureShare,
        IndicatorId::TrainedCommunityTeamCoverage,
        IndicatorId::CommunicatedStaffCoverage,
        IndicatorId::UnitPortalPromotionShare,
        IndicatorId::FeedbackAddressedRate,
        IndicatorId::AdultUsageRate,
        IndicatorId::StudentCoverage,
        IndicatorId::DossiersReceived,
        IndicatorId::PeopleGuided,
        IndicatorId::ProductsPublished,
        IndicatorId::EventsHeld,
    ];

    /// The id's snake_case name, as in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorId::OnlineDossierShare => "online_dossier_share",
            IndicatorId::OnlineSubmissionShare => "online_submission_share",
            IndicatorId::OnTimeCompletionRate => "on_time_completion_rate",
            IndicatorId::OnlinePaymentShare => "online_payment_share",
            IndicatorId::DigitizedDossierShare => "digitized_dossier_share",
            IndicatorId::SatisfactionRate => "satisfaction_rate",
            IndicatorId::TrainedStaffCoverage => "trained_staff_coverage",
            IndicatorId::FullProcessProcedureShare => "full_process_procedure_share",
            IndicatorId::TrainedCommunityTeamCoverage => "trained_community_team_coverage",
            IndicatorId::CommunicatedStaffCoverage => "communicated_staff_coverage",
            IndicatorId::UnitPortalPromotionShare => "unit_portal_promotion_share",
            IndicatorId::FeedbackAddressedRate => "feedback_addressed_rate",
            IndicatorId::AdultUsageRate => "adult_usage_rate",
            IndicatorId::StudentCoverage => "student_coverage",
            IndicatorId::DossiersReceived => "dossiers_received",
            IndicatorId::PeopleGuided => "people_guided",
            IndicatorId::ProductsPublished => "products_published",
            IndicatorId::EventsHeld => "events_held",
        }
    }

    /// Short Vietnamese name, for table headings.
    pub fn name_vi(self) -> &'static str {
        match self {
            IndicatorId::OnlineDossierShare => "Tỷ lệ hồ sơ trực tuyến toàn trình",
            IndicatorId::OnlineSubmissionShare => "Tỷ lệ hồ sơ nộp trực tuyến",
            IndicatorId::OnTimeCompletionRate => "Tỷ lệ hồ sơ giải quyết đúng hạn",
            IndicatorId::OnlinePaymentShare => "Tỷ lệ thanh toán trực tuyến",
            IndicatorId::DigitizedDossierShare => "Tỷ lệ số hóa hồ sơ",
            IndicatorId::SatisfactionRate => "Tỷ lệ hài lòng",
            IndicatorId::TrainedStaffCoverage => "Tỷ lệ cán bộ vận hành được tập huấn",
            IndicatorId::FullProcessProcedureShare => "Tỷ lệ TTHC cung cấp DVCTT toàn trình",
            IndicatorId::TrainedCommunityTeamCoverage => "Tỷ lệ thành viên Tổ CNSCĐ được tập huấn",
            IndicatorId::CommunicatedStaffCoverage => "Tỷ lệ cán bộ được tuyên truyền",
            IndicatorId::UnitPortalPromotionShare => {
                "Tỷ lệ đơn vị tuyên truyền trên cổng thông tin"
            }
            IndicatorId::FeedbackAddressedRate => "Tỷ lệ phản ánh, kiến nghị được xử lý",
            IndicatorId::AdultUsageRate => "Tỷ lệ người trưởng thành sử dụng DVCTT",
            IndicatorId::StudentCoverage => "Tỷ lệ học sinh, sinh viên được phổ biến",
            IndicatorId::DossiersReceived => "Số hồ sơ tiếp nhận",
            IndicatorId::PeopleGuided => "Số người được hướng dẫn",
            IndicatorId::ProductsPublished => "Số sản phẩm truyền thông",
            IndicatorId::EventsHeld => "Số sự kiện tổ chức",
        }
    }

    /// Short English name, for table headings.
    pub fn name_en(self) -> &'static str {
        match self {
            IndicatorId::OnlineDossierShare => "Dossiers fully online",
            IndicatorId::OnlineSubmissionShare => "Dossiers submitted online",
            IndicatorId::OnTimeCompletionRate => "Dossiers settled on time",
            IndicatorId::OnlinePaymentShare => "Fees paid online",
            IndicatorId::DigitizedDossierShare => "Dossiers digitised",
            IndicatorId::SatisfactionRate => "Satisfaction",
            IndicatorId::TrainedStaffCoverage => "Operators trained",
            IndicatorId::FullProcessProcedureShare => "Procedures fully online",
            IndicatorId::TrainedCommunityTeamCoverage => "Community team members trained",
            IndicatorId::CommunicatedStaffCoverage => "Staff reached by communication",
            IndicatorId::UnitPortalPromotionShare => "Units promoting on their portal",
            IndicatorId::FeedbackAddressedRate => "Feedback addressed",
            IndicatorId::AdultUsageRate => "Adults using online services",
            IndicatorId::StudentCoverage => "Students reached",
            IndicatorId::DossiersReceived => "Dossiers received",
            IndicatorId::PeopleGuided => "People guided",
            IndicatorId::ProductsPublished => "Products published",
            IndicatorId::EventsHeld => "Events held",
        }
    }

    /// Whether the value is a percentage of a denominator; `false` for counts,
    /// whose value is the count itself (see [`IndicatorResult`]).
    pub fn is_ratio(self) -> bool {
        !matches!(
            self,
            IndicatorId::DossiersReceived
                | IndicatorId::PeopleGuided
                | IndicatorId::ProductsPublished
                | IndicatorId::EventsHeld
        )
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
                "responses in the period with satisfied = true or a rating among the satisfaction rule's top levels",
                "responses in the period",
                RecordKind::Survey,
                PeriodAggregation::Sum,
            ),
            IndicatorId::TrainedStaffCoverage => (
                "Coverage of staff training",
                "operators in scope trained from the start of the reporting year to the period's end",
                "operators in scope (role operator, in_scope = true)",
                RecordKind::Staff,
                PeriodAggregation::Latest,
            ),
            IndicatorId::FullProcessProcedureShare => (
                "Share of procedures offered as full-process online services",
                "eligible procedures offered as full-process online services (toàn trình)",
                "procedures eligible for full-process online service",
                RecordKind::Procedures,
                PeriodAggregation::Latest,
            ),
            IndicatorId::TrainedCommunityTeamCoverage => (
                "Coverage of community digital technology team training",
                "community team members trained from the start of the reporting year to the period's end",
                "community team members (role community_team)",
                RecordKind::Staff,
                PeriodAggregation::Latest,
            ),
            IndicatorId::CommunicatedStaffCoverage => (
                "Coverage of communication to officials",
                "officials who received DVCTT communication from the start of the reporting year to the period's end",
                "officials (roles official and operator)",
                RecordKind::Staff,
                PeriodAggregation::Latest,
            ),
            IndicatorId::UnitPortalPromotionShare => (
                "Share of units promoting DVCTT on their web portal",
                "units of the units list with at least one DVCTT guidance publication on their web portal in the period",
                "units in the units list",
                RecordKind::Publications,
                PeriodAggregation::Distinct,
            ),
            IndicatorId::FeedbackAddressedRate => (
                "Share of feedback publicly addressed",
                "feedback received in the period and publicly addressed by the period's end",
                "feedback received in the period",
                RecordKind::Feedback,
                PeriodAggregation::Sum,
            ),
            IndicatorId::AdultUsageRate => (
                "Share of adults using online public services",
                "adults who used online public services (reported)",
                "adult population (reported)",
                RecordKind::Aggregates,
                PeriodAggregation::Latest,
            ),
            IndicatorId::StudentCoverage => (
                "Coverage of students by DVCTT guidance",
                "students reached by DVCTT guidance (reported)",
                "students (reported)",
                RecordKind::Aggregates,
                PeriodAggregation::Latest,
            ),
            IndicatorId::DossiersReceived => (
                "Dossiers received",
                "dossiers received in the period",
                "",
                RecordKind::Dossiers,
                PeriodAggregation::Sum,
            ),
            IndicatorId::PeopleGuided => (
                "People guided in using online public services",
                "sum of people_guided over outreach activities in the period",
                "",
                RecordKind::Outreach,
                PeriodAggregation::Sum,
            ),
            IndicatorId::ProductsPublished => (
                "Communication products published",
                "publications in the period",
                "",
                RecordKind::Publications,
                PeriodAggregation::Sum,
            ),
            IndicatorId::EventsHeld => (
                "Outreach events held",
                "outreach activities of kind event in the period",
                "",
                RecordKind::Outreach,
                PeriodAggregation::Sum,
            ),
        };
        let unit = match self {
            IndicatorId::DossiersReceived => "dossiers",
            IndicatorId::PeopleGuided => "people",
            IndicatorId::ProductsPublished => "products",
            IndicatorId::EventsHeld => "events",
            _ => "%",
        };
        IndicatorInfo {
            id: self,
            name: name.into(),
            numerator: num.into(),
            denominator: den.into(),
            source,
            unit: unit.into(),
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
    /// Which rating levels count as satisfied (`satisfaction_rate` only).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub satisfaction_rule: SatisfactionRule,
}

impl Query {
    /// Builds a query from a JSON value, reporting unknown indicators as such.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::base::error::require_object(&value, "$", "a query")?;
        if let Some(id) = value.get("indicator").and_then(|v| v.as_str()) {
            IndicatorId::parse_at(id, "indicator")?;
        }
        let q: Query = serde_path_to_error::deserialize(value).map_err(|e| DvcttError::Data {
            path: crate::base::error::json_path(e.path()),
            detail: e.inner().to_string(),
        })?;
        q.satisfaction_rule.validate("satisfaction_rule")?;
        Ok(q)
    }
}

/// An indicator's value for one unit (or all) and one period.
///
/// For a ratio, `value = 100 × numerator ÷ denominator`. For a count
/// ([`IndicatorId::is_ratio`] is false), `numerator` holds the count,
/// `denominator` is 0 and `value` is the count itself; `value` is `None` only
/// when no figure exists (a unit with no reported aggregate in the period).
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
    /// Ratios: `100 × numerator ÷ denominator`, `None` ("no data") when the
    /// denominator is 0. Counts: the count (see the type's documentation).
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
    /// `100 × count ÷` the result's denominator; `None` when that is 0.
    pub share: Option<f64>,
}

impl Part {
    fn new(name: impl Into<String>, count: f64) -> Self {
        Part {
            name: name.into(),
            count,
            share: None,
        }
    }
}

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

/// One cube of the dataset's dossiers whose buckets tile each of `periods`
/// exactly (the pieces between all their boundaries), for several
/// computations over one conversion; `None` without periods.
pub(crate) fn dossier_cube(data: &Dataset, periods: &[Period]) -> Result<Option<DossierCube>> {
    if periods.is_empty() {
        return Ok(None);
    }
    // Boundaries: each period's first day and the day after its last.
    let mut cuts: Vec<NaiveDate> = Vec::new();
    for p in periods {
        cuts.push(p.start());
        if let Some(next) = p.end().succ_opt() {
            cuts.push(next);
        }
    }
    cuts.sort();
    cuts.dedup();
    let mut buckets = Vec::new();
    for w in cuts.windows(2) {
        if let Some(last) = w[1].pred_opt() {
            if periods.iter().any(|p| p.contains_date(w[0])) {
                buckets.push(Period::range(w[0], last)?);
            }
        }
    }
    let cols = DossierColumns::from_dossiers(&data.dossiers);
    Ok(Some(DossierCube::build(&cols, Grid::new(buckets)?)))
}

/// Whether the cube's buckets inside `p` cover it exactly.
fn tiles(cube: &DossierCube, p: &Period) -> bool {
    let buckets = cube.grid().buckets();
    cube.grid().buckets_in(p).is_ok_and(|inside| {
        inside
            .iter()
            .filter_map(|&i| buckets.get(i))
            .map(Period::days)
            .sum::<i64>()
            == p.days()
    })
}

/// [`compute`] using, for dossier indicators, `cube` when its buckets tile
/// the query's period.
pub(crate) fn compute_prepared(
    data: &Dataset,
    query: &Query,
    cube: Option<&DossierCube>,
) -> Result<Vec<IndicatorResult>> {
    let period: Period = query.period.parse()?;
    query.satisfaction_rule.validate("satisfaction_rule")?;
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
        _ => from_records(data, query, &period, cube)?,
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

/// Counts one survey response.
fn add_response(c: &mut Counts, r: &SurveyResponse, rule: &SatisfactionRule) {
    if c.parts.is_empty() {
        c.parts = SURVEY_PARTS.iter().map(|n| Part::new(*n, 0.0)).collect();
    }
    c.seen = true;
    c.den += 1.0;
    if r.is_satisfied(rule) {
        c.num += 1.0;
    }
    let slot = match (r.rating, r.scale) {
        (Some(level), Some(scale)) => {
            c.scales |= if scale == 3 { 1 } else { 2 };
            SatisfactionLevel::ALL.iter().position(|&l| l == level)
        }
        _ => Some(if r.satisfied == Some(true) { 5 } else { 6 }),
    };
    if let Some(p) = slot.and_then(|i| c.parts.get_mut(i)) {
        p.count += 1.0;
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

/// First day of the reporting year that encloses the period's end, in the
/// period's own family: the Vietnamese reporting year (from 15 December) for
/// `VN` periods, the financial year for financial years, the calendar year
/// otherwise (ranges included).
pub fn reporting_year_start(p: &Period) -> NaiveDate {
    let kind = match p.kind() {
        k if k.is_vn() => PeriodKind::VnYear,
        k @ (PeriodKind::FinancialApril | PeriodKind::FinancialJuly | PeriodKind::FinancialOct) => {
            k
        }
        _ => PeriodKind::Year,
    };
    Period::containing(p.end(), kind).map_or(p.start(), |y| y.start())
}

/// `100 × num ÷ den`, or `None` when `den` is 0. Multiplying first keeps
/// exact results exact (80 for 4 ÷ 5, not 80.00000000000001).
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den > 0.0).then(|| num * 100.0 / den)
}

type UnitCounts = (BTreeSet<String>, BTreeMap<String, Counts>);

fn from_records(
    data: &Dataset,
    q: &Query,
    p: &Period,
    prepared: Option<&DossierCube>,
) -> Result<UnitCounts> {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut add = |unit: &str, hit: bool| {
        let c = counts.entry(unit.to_string()).or_default();
        c.seen = true;
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
        | IndicatorId::DigitizedDossierShare
        | IndicatorId::DossiersReceived => {
            let own;
            let cube = match prepared {
                Some(c) if tiles(c, p) => c,
                _ => {
                    let cols = DossierColumns::from_dossiers(&data.dossiers);
                    own = DossierCube::build(&cols, Grid::new(vec![p.clone()])?);
                    &own
                }
            };
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
                if let Some((field, detail)) = r.check() {
                    return Err(DvcttError::Data {
                        path: format!("survey[{i}].{field}"),
                        detail,
                    });
                }
                if in_sector && p.contains_date(r.responded_on) {
                    let c = counts.entry(r.unit_code.clone()).or_default();
                    add_response(c, r, &q.satisfaction_rule);
                }
            }
        }
        IndicatorId::TrainedStaffCoverage
        | IndicatorId::TrainedCommunityTeamCoverage
        | IndicatorId::CommunicatedStaffCoverage => {
            no_sectors(q, &format!("{} has", q.indicator))?;
            let year_start = reporting_year_start(p);
            for s in &data.staff {
                if !scope.unit(&s.unit_code) {
                    continue;
                }
                units.insert(s.unit_code.clone());
                let role = s.role();
                let (member, on) = match q.indicator {
                    IndicatorId::TrainedStaffCoverage => {
                        (role == StaffRole::Operator && s.in_scope, s.trained_on)
                    }
                    IndicatorId::TrainedCommunityTeamCoverage => {
                        (role == StaffRole::CommunityTeam, s.trained_on)
                    }
                    _ => (
                        matches!(role, StaffRole::Official | StaffRole::Operator),
                        s.communicated_on,
                    ),
                };
                if member {
                    let hit = on.is_some_and(|t| year_start <= t && t <= p.end());
                    add(&s.unit_code, hit);
                }
            }
        }
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
        | IndicatorId::EventsHeld => {
            if let Some((seen, by_unit)) = crate::model::logs::from_records(data, q.indicator, scope, p)? {
                units.extend(seen);
                for (unit, c) in by_unit {
                    let (num, den, parts) = (c.num, c.den, c.parts);
                    counts.insert(unit, Counts { num, den, parts, seen: true, scales: 0 });
                }
            }
        }
    }
    // Every unit found in the records has a figure, even with no rows counted.
    for u in &units {
        counts.entry(u.clone()).or_default().seen = true;
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

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reporting_year_follows_the_period_family() {
        let start = |id: &str| reporting_year_start(&id.parse().unwrap());
        assert_eq!(start("2026Q3"), d("2026-01-01"));
        assert_eq!(start("2026W27"), d("2026-01-01"));
        assert_eq!(start("2026-03-01..2027-02-10"), d("2027-01-01"));
        assert_eq!(start("2026VNQ1"), d("2025-12-15"));
        assert_eq!(start("2026VNM12"), d("2025-12-15"));
        assert_eq!(start("2026VN9M"), d("2025-12-15"));
        assert_eq!(start("2025July"), d("2025-07-01"));
    }

    #[test]
    fn catalogue_kinds_are_consistent() {
        for id in IndicatorId::ALL {
            let info = id.info();
            assert_eq!(id.is_ratio(), info.unit == "%", "{id}");
            assert_eq!(id.is_ratio(), !info.denominator.is_empty(), "{id}");
            if !id.is_ratio() {
                assert_eq!(info.period_aggregation, PeriodAggregation::Sum, "{id}");
            }
        }
    }

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

    #[test]
    fn ids_match_their_serde_names() {
        for id in IndicatorId::ALL {
            assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
            assert_eq!(id.as_str().parse::<IndicatorId>().unwrap(), id);
        }
    }
}

//! The indicator catalogue and engine.
//!
//! A ratio indicator's value is `100 × Σ numerator ÷ Σ denominator`, summed
//! over every unit and period asked for before dividing (never an average of
//! percentages). A zero denominator is "no data" (`value: None`).

use crate::base::error::{DvcttError, Result};
use crate::base::period::{Period, PeriodKind};
use crate::model::records::{RecordKind, SatisfactionRule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

    /// Where records for the indicator come from.
    pub fn source(self) -> RecordKind {
        match self {
            IndicatorId::OnlineDossierShare
            | IndicatorId::OnlineSubmissionShare
            | IndicatorId::OnTimeCompletionRate
            | IndicatorId::OnlinePaymentShare
            | IndicatorId::DigitizedDossierShare
            | IndicatorId::DossiersReceived => RecordKind::Dossiers,
            IndicatorId::SatisfactionRate => RecordKind::Survey,
            IndicatorId::TrainedStaffCoverage
            | IndicatorId::TrainedCommunityTeamCoverage
            | IndicatorId::CommunicatedStaffCoverage => RecordKind::Staff,
            IndicatorId::FullProcessProcedureShare => RecordKind::Procedures,
            IndicatorId::UnitPortalPromotionShare | IndicatorId::ProductsPublished => {
                RecordKind::Publications
            }
            IndicatorId::FeedbackAddressedRate => RecordKind::Feedback,
            IndicatorId::AdultUsageRate | IndicatorId::StudentCoverage => RecordKind::Aggregates,
            IndicatorId::PeopleGuided | IndicatorId::EventsHeld => RecordKind::Outreach,
        }
    }

    /// The optional columns of its records that the indicator reads: from
    /// inputs without one of them it is not computed (absent is not `false`).
    pub fn needs_columns(self) -> &'static [&'static str] {
        match self {
            IndicatorId::OnTimeCompletionRate => &["due_on", "completed_on"],
            IndicatorId::OnlinePaymentShare => &["fee_required", "paid_online"],
            IndicatorId::DigitizedDossierShare => &["digitized"],
            IndicatorId::TrainedCommunityTeamCoverage => &["role"],
            IndicatorId::CommunicatedStaffCoverage => &["communicated_on"],
            _ => &[],
        }
    }

    /// How figures of several periods combine.
    pub fn period_aggregation(self) -> PeriodAggregation {
        match self {
            IndicatorId::OnlineDossierShare
            | IndicatorId::OnlineSubmissionShare
            | IndicatorId::OnTimeCompletionRate
            | IndicatorId::OnlinePaymentShare
            | IndicatorId::DigitizedDossierShare
            | IndicatorId::SatisfactionRate
            | IndicatorId::FeedbackAddressedRate
            | IndicatorId::DossiersReceived
            | IndicatorId::PeopleGuided
            | IndicatorId::ProductsPublished
            | IndicatorId::EventsHeld => PeriodAggregation::Sum,
            IndicatorId::TrainedStaffCoverage
            | IndicatorId::FullProcessProcedureShare
            | IndicatorId::TrainedCommunityTeamCoverage
            | IndicatorId::CommunicatedStaffCoverage
            | IndicatorId::AdultUsageRate
            | IndicatorId::StudentCoverage => PeriodAggregation::Latest,
            IndicatorId::UnitPortalPromotionShare => PeriodAggregation::Distinct,
        }
    }

    /// The indicator's English name, numerator and denominator.
    fn definition(self) -> (&'static str, &'static str, &'static str) {
        match self {
            IndicatorId::OnlineDossierShare => (
                "Share of dossiers processed fully online",
                "dossiers received in the period with fully_online = true",
                "dossiers received in the period",
            ),
            IndicatorId::OnlineSubmissionShare => (
                "Share of dossiers submitted online",
                "dossiers received in the period with channel = online",
                "dossiers received in the period",
            ),
            IndicatorId::OnTimeCompletionRate => (
                "Share of dossiers settled on time",
                "dossiers settled in the period on or before due_on + paused_days (early and on time, also counted apart)",
                "dossiers settled in the period",
            ),
            IndicatorId::OnlinePaymentShare => (
                "Share of fees paid online",
                "dossiers received in the period with fee_required and paid_online",
                "dossiers received in the period with fee_required",
            ),
            IndicatorId::DigitizedDossierShare => (
                "Share of dossiers digitised",
                "dossiers received in the period with digitized = true",
                "dossiers received in the period",
            ),
            IndicatorId::SatisfactionRate => (
                "Citizen satisfaction rate",
                "responses in the period with satisfied = true or a rating among the satisfaction rule's top levels",
                "responses in the period",
            ),
            IndicatorId::TrainedStaffCoverage => (
                "Coverage of staff training",
                "operators in scope trained from the start of the reporting year to the period's end",
                "operators in scope (role operator, in_scope = true)",
            ),
            IndicatorId::FullProcessProcedureShare => (
                "Share of procedures offered as full-process online services",
                "eligible procedures offered as full-process online services (toàn trình)",
                "procedures eligible for full-process online service",
            ),
            IndicatorId::TrainedCommunityTeamCoverage => (
                "Coverage of community digital technology team training",
                "community team members trained from the start of the reporting year to the period's end",
                "community team members (role community_team)",
            ),
            IndicatorId::CommunicatedStaffCoverage => (
                "Coverage of communication to officials",
                "officials who received DVCTT communication from the start of the reporting year to the period's end",
                "officials (roles official and operator)",
            ),
            IndicatorId::UnitPortalPromotionShare => (
                "Share of units promoting DVCTT on their web portal",
                "units of the units list with at least one DVCTT guidance publication on their web portal in the period",
                "units in the units list",
            ),
            IndicatorId::FeedbackAddressedRate => (
                "Share of feedback publicly addressed",
                "feedback received in the period and publicly addressed by the period's end",
                "feedback received in the period",
            ),
            IndicatorId::AdultUsageRate => (
                "Share of adults using online public services",
                "adults who used online public services (reported)",
                "adult population (reported)",
            ),
            IndicatorId::StudentCoverage => (
                "Coverage of students by DVCTT guidance",
                "students reached by DVCTT guidance (reported)",
                "students (reported)",
            ),
            IndicatorId::DossiersReceived => (
                "Dossiers received",
                "dossiers received in the period",
                "",
            ),
            IndicatorId::PeopleGuided => (
                "People guided in using online public services",
                "sum of people_guided over outreach activities in the period",
                "",
            ),
            IndicatorId::ProductsPublished => (
                "Communication products published",
                "publications in the period",
                "",
            ),
            IndicatorId::EventsHeld => (
                "Outreach events held",
                "outreach activities of kind event in the period",
                "",
            ),
        }
    }

    pub fn info(self) -> IndicatorInfo {
        let (name, num, den) = self.definition();
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
            source: self.source(),
            unit: unit.into(),
            period_aggregation: self.period_aggregation(),
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
                closest: Self::closest(id).map(|i| i.as_str().to_string()),
            })
    }

    /// The known id nearest to `id` in edit distance, when near enough to
    /// be a slip (at most a third of its letters, and at least 2, differ).
    pub fn closest(id: &str) -> Option<IndicatorId> {
        let id = id.trim().to_ascii_lowercase();
        IndicatorId::ALL
            .into_iter()
            .map(|i| (strsim::levenshtein(&id, i.as_str()), i))
            .min_by_key(|(d, _)| *d)
            .filter(|(d, i)| *d <= (i.as_str().len() / 3).max(2))
            .map(|(_, i)| i)
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Whether unit `u` is in scope.
    pub fn unit(&self, u: &str) -> bool {
        self.units.is_empty() || self.units.iter().any(|x| x == u)
    }
    /// Whether sector `s` is in scope.
    pub fn sector(&self, s: &str) -> bool {
        self.sectors.is_empty() || self.sectors.iter().any(|x| x == s)
    }
}

/// Where figures come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        let q: Query = crate::base::json::deserialize(value).map_err(|e| DvcttError::Data {
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Part {
    pub name: String,
    pub count: f64,
    /// `100 × count ÷` the result's denominator; `None` when that is 0.
    pub share: Option<f64>,
}

impl Part {
    /// A part with no share yet.
    pub fn new(name: impl Into<String>, count: f64) -> Self {
        Part {
            name: name.into(),
            count,
            share: None,
        }
    }
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
    fn ids_match_their_serde_names() {
        for id in IndicatorId::ALL {
            assert_eq!(serde_json::to_value(id).unwrap(), id.as_str());
            assert_eq!(id.as_str().parse::<IndicatorId>().unwrap(), id);
        }
    }
}

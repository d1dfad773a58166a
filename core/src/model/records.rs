//! Raw records (dossier exports, survey responses, staff rosters) and the
//! aggregates that units report, with their CSV and JSON readers.
//!
//! A row that cannot be read is never dropped silently: in strict mode the
//! first one is an error naming file, line and field; otherwise every such
//! row is returned in [`Loaded::rejected`] with its reason.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::period::Period;
use crate::model::indicator::IndicatorId;
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Submission channel (hình thức nộp hồ sơ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Channel {
    /// Online (trực tuyến).
    Online,
    /// In person (trực tiếp).
    Direct,
    /// By public postal service (bưu chính công ích).
    Postal,
}

/// Dossier (hồ sơ TTHC): one application for an administrative procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Dossier {
    pub dossier_id: String,
    /// Receiving unit (đơn vị tiếp nhận).
    pub unit_code: String,
    /// Procedure code (mã TTHC).
    pub procedure_code: String,
    /// Sector (lĩnh vực).
    pub sector: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub received_on: NaiveDate,
    pub channel: Channel,
    /// Processed fully online (xử lý hoàn toàn trực tuyến).
    pub fully_online: bool,
    /// Due date for the result (ngày hẹn trả kết quả).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub due_on: Option<NaiveDate>,
    /// Date the dossier was settled (ngày có kết quả), if it was.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub completed_on: Option<NaiveDate>,
    /// Days spent waiting for the applicant to supplement documents
    /// (thời gian tạm dừng, chờ bổ sung), which do not count against the due date.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub paused_days: u32,
    /// The procedure charges a fee or charge (có phí, lệ phí) greater than zero.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fee_required: bool,
    /// The fee was paid online (thanh toán trực tuyến).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub paid_online: bool,
    /// The dossier's components were digitised (số hóa hồ sơ).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub digitized: bool,
}

/// How a settled dossier met its due date, as the on-time completion
/// indicator counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionPart {
    /// Settled before the due date (trước hạn).
    Early,
    /// Settled on the due date (đúng hạn).
    OnTime,
    /// Settled after the due date (quá hạn).
    Late,
}

impl Dossier {
    /// The due date pushed back by the days paused waiting for the
    /// applicant (`due_on + paused_days`): the date on-time rules compare
    /// against. `None` without a due date (or past the calendar's end).
    pub fn effective_due(&self) -> Option<NaiveDate> {
        self.due_on?
            .checked_add_days(chrono::Days::new(u64::from(self.paused_days)))
    }

    /// Early, on time or late for a settled dossier (`None` when not
    /// settled): `completed_on` before, on or after [`Dossier::effective_due`],
    /// exactly as the dossier cube counts `on_time_completion_rate`. A settled
    /// dossier without a due date (which [`Dossier::check`] rejects) is late,
    /// as in the cube.
    pub fn completion_part(&self) -> Option<CompletionPart> {
        let done = self.completed_on?;
        Some(match self.effective_due() {
            Some(due) if done < due => CompletionPart::Early,
            Some(due) if done == due => CompletionPart::OnTime,
            _ => CompletionPart::Late,
        })
    }

    /// Consistency rules a single row must meet, as (field, reason).
    pub fn check(&self) -> Option<(&'static str, String)> {
        if self.fully_online && self.channel != Channel::Online {
            return Some((
                "fully_online",
                "a dossier processed fully online must have channel online".into(),
            ));
        }
        if self.paid_online && !self.fee_required {
            return Some((
                "paid_online",
                "paid online but fee_required is false".into(),
            ));
        }
        if let Some(c) = self.completed_on {
            if c < self.received_on {
                return Some((
                    "completed_on",
                    format!("{c} is before received_on {}", self.received_on),
                ));
            }
            if self.due_on.is_none() {
                return Some(("due_on", "a completed dossier needs its due date".into()));
            }
        }
        if let Some(d) = self.due_on {
            if d < self.received_on {
                return Some((
                    "due_on",
                    format!("{d} is before received_on {}", self.received_on),
                ));
            }
        }
        None
    }
}

/// A level of a satisfaction rating scale (mức độ hài lòng).
///
/// The 3-level scale is Rất hài lòng / Hài lòng / Không hài lòng; the 5-level
/// scale is Rất hài lòng / Hài lòng / Bình thường / Không hài lòng / Rất không
/// hài lòng. `neutral` and `very_dissatisfied` exist only on the 5-level scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum SatisfactionLevel {
    /// Rất hài lòng.
    VerySatisfied,
    /// Hài lòng.
    Satisfied,
    /// Bình thường (5-level scale only).
    Neutral,
    /// Không hài lòng.
    Dissatisfied,
    /// Rất không hài lòng (5-level scale only).
    VeryDissatisfied,
}

impl SatisfactionLevel {
    /// Every level, most satisfied first.
    pub const ALL: [SatisfactionLevel; 5] = [
        SatisfactionLevel::VerySatisfied,
        SatisfactionLevel::Satisfied,
        SatisfactionLevel::Neutral,
        SatisfactionLevel::Dissatisfied,
        SatisfactionLevel::VeryDissatisfied,
    ];

    /// The canonical English key (`very_satisfied`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SatisfactionLevel::VerySatisfied => "very_satisfied",
            SatisfactionLevel::Satisfied => "satisfied",
            SatisfactionLevel::Neutral => "neutral",
            SatisfactionLevel::Dissatisfied => "dissatisfied",
            SatisfactionLevel::VeryDissatisfied => "very_dissatisfied",
        }
    }

    /// The Vietnamese label of the official forms.
    pub fn label_vi(self) -> &'static str {
        match self {
            SatisfactionLevel::VerySatisfied => "Rất hài lòng",
            SatisfactionLevel::Satisfied => "Hài lòng",
            SatisfactionLevel::Neutral => "Bình thường",
            SatisfactionLevel::Dissatisfied => "Không hài lòng",
            SatisfactionLevel::VeryDissatisfied => "Rất không hài lòng",
        }
    }

    /// The levels of a scale (3 or 5), most satisfied first; `None` for
    /// any other scale.
    pub fn scale_levels(scale: u32) -> Option<&'static [SatisfactionLevel]> {
        use SatisfactionLevel::*;
        match scale {
            3 => Some(&[VerySatisfied, Satisfied, Dissatisfied]),
            5 => Some(&[
                VerySatisfied,
                Satisfied,
                Neutral,
                Dissatisfied,
                VeryDissatisfied,
            ]),
            _ => None,
        }
    }

    /// 1-based position on the scale (1 = most satisfied); `None` when the
    /// level is not on the scale.
    pub fn rank(self, scale: u32) -> Option<u32> {
        Self::scale_levels(scale)?
            .iter()
            .position(|&l| l == self)
            .map(|i| i as u32 + 1)
    }

    /// Reads a rating as written in a CSV file: the Vietnamese label (any
    /// case and Unicode normalisation form), the English key, or the
    /// numeric level `1..=scale` with 1 the most satisfied.
    pub fn parse(text: &str, scale: u32) -> std::result::Result<Self, String> {
        use unicode_normalization::UnicodeNormalization;
        let levels =
            Self::scale_levels(scale).ok_or_else(|| format!("scale {scale} is not 3 or 5"))?;
        let t: String = text.trim().nfc().collect::<String>().to_lowercase();
        if let Ok(n) = t.parse::<usize>() {
            return n
                .checked_sub(1)
                .and_then(|i| levels.get(i))
                .copied()
                .ok_or_else(|| format!("level {n} is not between 1 and {scale}"));
        }
        let found = Self::ALL.into_iter().find(|l| {
            l.as_str() == t || l.label_vi().nfc().collect::<String>().to_lowercase() == t
        });
        match found {
            Some(l) if levels.contains(&l) => Ok(l),
            Some(l) => Err(format!(
                "`{text}` ({}) is not on the {scale}-level scale",
                l.as_str()
            )),
            None => Err(format!(
                "`{text}` is not a rating (expected {} or a level 1..={scale})",
                levels
                    .iter()
                    .map(|l| l.label_vi())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// Which rating levels count as satisfied: the top `three_level_top` levels
/// of the 3-level scale and the top `five_level_top` of the 5-level scale
/// (default 2 and 2: Rất hài lòng and Hài lòng on both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SatisfactionRule {
    /// 1 or 2.
    #[serde(default = "default_top")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub three_level_top: u32,
    /// 1 to 4.
    #[serde(default = "default_top")]
    #[cfg_attr(feature = "uniffi", uniffi(default = 2))]
    pub five_level_top: u32,
}

fn default_top() -> u32 {
    2
}

impl Default for SatisfactionRule {
    fn default() -> Self {
        SatisfactionRule {
            three_level_top: 2,
            five_level_top: 2,
        }
    }
}

impl SatisfactionRule {
    /// Each top must leave at least one level unsatisfied and take at least
    /// one: `1 ≤ three_level_top ≤ 2`, `1 ≤ five_level_top ≤ 4`. `path` is
    /// where the rule sits (e.g. `satisfaction_rule`).
    pub fn validate(&self, path: &str) -> Result<()> {
        for (field, v, max) in [
            ("three_level_top", self.three_level_top, 2),
            ("five_level_top", self.five_level_top, 4),
        ] {
            if !(1..=max).contains(&v) {
                return Err(DvcttError::Data {
                    path: format!("{path}.{field}"),
                    detail: format!("{v} is not between 1 and {max}"),
                });
            }
        }
        Ok(())
    }

    /// Whether a rating on a scale counts as satisfied; `None` when the
    /// level is not on the scale.
    pub fn satisfied(&self, level: SatisfactionLevel, scale: u32) -> Option<bool> {
        let top = if scale == 3 {
            self.three_level_top
        } else {
            self.five_level_top
        };
        level.rank(scale).map(|r| r <= top)
    }
}

/// One satisfaction-survey response (phiếu khảo sát sự hài lòng). Exactly
/// one of `satisfied` (a yes/no answer) and `rating` (a level of a 3- or
/// 5-level `scale`) is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SurveyResponse {
    pub response_id: String,
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub responded_on: NaiveDate,
    /// A yes/no answer; absent when `rating` is given.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub satisfied: Option<bool>,
    /// A level of the rating scale; absent for a yes/no answer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rating: Option<SatisfactionLevel>,
    /// Levels of the rating scale (3 or 5), given with `rating`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scale: Option<u32>,
    /// Sector of the procedure rated, when the survey records it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sector: Option<String>,
}

impl SurveyResponse {
    /// Rules a single response must meet, as (field, reason).
    pub fn check(&self) -> Option<(&'static str, String)> {
        match (self.satisfied, self.rating, self.scale) {
            (Some(_), Some(_), _) => {
                Some(("rating", "give either satisfied or rating, not both".into()))
            }
            (None, None, _) => Some(("satisfied", "neither satisfied nor rating is given".into())),
            (Some(_), None, Some(_)) => Some(("scale", "a scale is given without a rating".into())),
            (None, Some(_), None) => Some(("scale", "a rating needs its scale (3 or 5)".into())),
            (None, Some(level), Some(scale)) => {
                if SatisfactionLevel::scale_levels(scale).is_none() {
                    Some(("scale", format!("{scale} is not 3 or 5")))
                } else if level.rank(scale).is_none() {
                    Some((
                        "rating",
                        format!(
                            "{} ({}) is not on the {scale}-level scale",
                            level.as_str(),
                            level.label_vi()
                        ),
                    ))
                } else {
                    None
                }
            }
            (Some(_), None, None) => None,
        }
    }

    /// Whether the response counts as satisfied under `rule` (for a checked
    /// response; an unchecked invalid one counts as not satisfied).
    pub fn is_satisfied(&self, rule: &SatisfactionRule) -> bool {
        match (self.satisfied, self.rating, self.scale) {
            (Some(b), _, _) => b,
            (None, Some(l), Some(s)) => rule.satisfied(l, s).unwrap_or(false),
            _ => false,
        }
    }
}

/// What a staff member is, for the staff indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum StaffRole {
    /// Operates the system: receives and processes dossiers (cán bộ một cửa,
    /// xử lý hồ sơ). A person without a role is an operator.
    Operator,
    /// Other official or civil servant (cán bộ, công chức, viên chức).
    Official,
    /// Member of a community digital technology team (Tổ công nghệ số cộng đồng).
    CommunityTeam,
}

impl StaffRole {
    /// The role's snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Operator => "operator",
            StaffRole::Official => "official",
            StaffRole::CommunityTeam => "community_team",
        }
    }
}

/// One person on a unit's staff roster (cán bộ, công chức, viên chức) or
/// community digital technology team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct StaffMember {
    pub person_id: String,
    pub unit_code: String,
    /// Whether the person is in the target's scope (e.g. operates the system).
    pub in_scope: bool,
    /// Date of the most recent training, if any.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub trained_on: Option<NaiveDate>,
    /// The person's role; absent means `operator` (see [`StaffMember::role`]).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub role: Option<StaffRole>,
    /// Date the person last received communication about DVCTT (tuyên
    /// truyền, phổ biến), if any.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub communicated_on: Option<NaiveDate>,
}

impl StaffMember {
    /// The person's role: `operator` when none is given.
    pub fn role(&self) -> StaffRole {
        self.role.unwrap_or(StaffRole::Operator)
    }
}

/// A figure a unit reports instead of raw records (số liệu báo cáo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Aggregate {
    pub indicator: IndicatorId,
    pub unit_code: String,
    /// Period id, e.g. `2026Q1`.
    pub period: String,
    pub numerator: f64,
    pub denominator: f64,
}

/// Everything an indicator can be computed from. Unknown top-level keys are
/// an error (a misspelt `"dossier"` would otherwise give an empty dataset).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Dataset {
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dossiers: Vec<Dossier>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub survey: Vec<SurveyResponse>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub staff: Vec<StaffMember>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub aggregates: Vec<Aggregate>,
    /// Procedure catalogue (danh mục TTHC).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub procedures: Vec<Procedure>,
    /// Units expected to promote online services.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub units: Vec<UnitEntry>,
    /// Communication products (sản phẩm truyền thông).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub publications: Vec<Publication>,
    /// Outreach sessions of community digital teams.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub outreach: Vec<OutreachSession>,
    /// Citizens' feedback (phản ánh, kiến nghị).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub feedback: Vec<Feedback>,
}

/// A row that was not used, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RejectedRow {
    pub file: String,
    /// 1-based line in the file (the header is line 1).
    pub line: u32,
    pub field: String,
    pub detail: String,
}

impl From<RejectedRow> for DvcttError {
    fn from(r: RejectedRow) -> Self {
        DvcttError::Csv {
            file: r.file,
            line: r.line,
            field: r.field,
            detail: r.detail,
        }
    }
}

/// Records read from a file, and the rows that could not be used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loaded<T> {
    pub records: Vec<T>,
    pub rejected: Vec<RejectedRow>,
}

/// Which kind of record a CSV file holds, or an indicator is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum RecordKind {
    /// Dossiers (hồ sơ TTHC).
    Dossiers,
    /// Satisfaction-survey responses (phiếu khảo sát).
    Survey,
    /// Staff roster (danh sách cán bộ).
    Staff,
    /// Procedure catalogue (danh mục TTHC).
    Procedures,
    /// Units list (danh sách đơn vị).
    Units,
    /// Communication products published (sản phẩm truyền thông).
    Publications,
    /// Outreach activities (hoạt động tuyên truyền, hướng dẫn).
    Outreach,
    /// Feedback log (phản ánh, kiến nghị).
    Feedback,
    /// Reported aggregates only (số liệu báo cáo): no records exist.
    Aggregates,
}

impl RecordKind {
    /// Every kind, in declaration order.
    pub const ALL: [RecordKind; 9] = [
        RecordKind::Dossiers,
        RecordKind::Survey,
        RecordKind::Staff,
        RecordKind::Procedures,
        RecordKind::Units,
        RecordKind::Publications,
        RecordKind::Outreach,
        RecordKind::Feedback,
        RecordKind::Aggregates,
    ];

    /// The kind's snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Dossiers => "dossiers",
            RecordKind::Survey => "survey",
            RecordKind::Staff => "staff",
            RecordKind::Procedures => "procedures",
            RecordKind::Units => "units",
            RecordKind::Publications => "publications",
            RecordKind::Outreach => "outreach",
            RecordKind::Feedback => "feedback",
            RecordKind::Aggregates => "aggregates",
        }
    }
}

impl std::str::FromStr for RecordKind {
    type Err = DvcttError;
    fn from_str(s: &str) -> Result<Self> {
        RecordKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DvcttError::Data {
                path: "kind".into(),
                detail: format!(
                    "`{s}` is not a record kind (expected {})",
                    RecordKind::ALL.map(|k| k.as_str()).join(", ")
                ),
            })
    }
}

/// A record type readable from CSV.
pub trait CsvRecord: Sized {
    /// Required columns, in the contract's order.
    const COLUMNS: &'static [&'static str];
    /// Optional columns read when present.
    const OPTIONAL: &'static [&'static str] = &[];
    /// Groups of optional columns of which at least one must be present;
    /// a missing group is reported as the column `a or b`.
    const ONE_OF: &'static [&'static [&'static str]] = &[];
    fn from_row(row: &Row<'_>) -> Result<Self, RejectedRow>;
    /// Identifier used to detect duplicate rows.
    fn id(&self) -> &str;
}

/// One CSV row with its column positions, for field access with good errors.
pub struct Row<'a> {
    file: &'a str,
    line: u32,
    record: &'a csv::StringRecord,
    columns: &'a HashMap<&'static str, usize>,
}

impl Row<'_> {
    /// A rejection of this row, naming `field`.
    pub fn reject(&self, field: &str, detail: impl Into<String>) -> RejectedRow {
        RejectedRow {
            file: self.file.to_string(),
            line: self.line,
            field: field.to_string(),
            detail: detail.into(),
        }
    }

    fn raw(&self, field: &'static str) -> Option<&str> {
        self.columns
            .get(field)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
    }

    /// A required, non-empty text field.
    pub fn text(&self, field: &'static str) -> Result<String, RejectedRow> {
        match self.raw(field) {
            Some(v) if !v.is_empty() => Ok(v.to_string()),
            _ => Err(self.reject(field, "empty value")),
        }
    }

    /// An optional text field: empty or absent is `None`.
    pub fn opt_text(&self, field: &'static str) -> Option<String> {
        self.raw(field)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    pub fn date(&self, field: &'static str) -> Result<NaiveDate, RejectedRow> {
        let v = self.raw(field).unwrap_or("");
        if v.is_empty() {
            return Err(self.reject(field, "empty date (expected YYYY-MM-DD)"));
        }
        parse_date(v).map_err(|d| self.reject(field, d))
    }

    pub fn opt_date(&self, field: &'static str) -> Result<Option<NaiveDate>, RejectedRow> {
        match self.raw(field) {
            None | Some("") => Ok(None),
            Some(v) => parse_date(v).map(Some).map_err(|d| self.reject(field, d)),
        }
    }

    /// An optional boolean: empty or absent is `false`.
    pub fn opt_boolean(&self, field: &'static str) -> Result<bool, RejectedRow> {
        match self.raw(field) {
            None | Some("") => Ok(false),
            Some(_) => self.boolean(field),
        }
    }

    /// An optional non-negative whole number: empty or absent is `None`.
    pub fn opt_u32(&self, field: &'static str) -> Result<Option<u32>, RejectedRow> {
        match self.raw(field) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| self.reject(field, format!("`{v}` is not a whole number ≥ 0"))),
        }
    }

    /// An optional non-negative whole number: empty or absent is 0.
    pub fn opt_count(&self, field: &'static str) -> Result<u32, RejectedRow> {
        Ok(self.opt_u32(field)?.unwrap_or(0))
    }

    pub fn boolean(&self, field: &'static str) -> Result<bool, RejectedRow> {
        let v = self.raw(field).unwrap_or("");
        match v.to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(self.reject(
                field,
                format!("`{v}` is not a boolean (expected true or false)"),
            )),
        }
    }
}

fn parse_date(v: &str) -> std::result::Result<NaiveDate, String> {
    // Exactly YYYY-MM-DD: chrono alone would accept `2026-1-5`.
    let ok_shape = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) if ok_shape => Ok(d),
        _ => Err(format!("`{v}` is not a date (expected YYYY-MM-DD)")),
    }
}

impl CsvRecord for Dossier {
    const COLUMNS: &'static [&'static str] = &[
        "dossier_id",
        "unit_code",
        "procedure_code",
        "sector",
        "received_on",
        "channel",
        "fully_online",
    ];
    const OPTIONAL: &'static [&'static str] = &[
        "due_on",
        "completed_on",
        "paused_days",
        "fee_required",
        "paid_online",
        "digitized",
    ];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let channel = match r.raw("channel").unwrap_or("").to_ascii_lowercase().as_str() {
            "online" => Channel::Online,
            "direct" => Channel::Direct,
            "postal" => Channel::Postal,
            other => {
                return Err(r.reject(
                    "channel",
                    format!("`{other}` is not a channel (expected online, direct or postal)"),
                ))
            }
        };
        let d = Dossier {
            dossier_id: r.text("dossier_id")?,
            unit_code: r.text("unit_code")?,
            procedure_code: r.text("procedure_code")?,
            sector: r.text("sector")?,
            received_on: r.date("received_on")?,
            channel,
            fully_online: r.boolean("fully_online")?,
            due_on: r.opt_date("due_on")?,
            completed_on: r.opt_date("completed_on")?,
            paused_days: r.opt_count("paused_days")?,
            fee_required: r.opt_boolean("fee_required")?,
            paid_online: r.opt_boolean("paid_online")?,
            digitized: r.opt_boolean("digitized")?,
        };
        match d.check() {
            Some((field, why)) => Err(r.reject(field, why)),
            None => Ok(d),
        }
    }
    fn id(&self) -> &str {
        &self.dossier_id
    }
}

impl CsvRecord for SurveyResponse {
    const COLUMNS: &'static [&'static str] = &["response_id", "unit_code", "responded_on"];
    const OPTIONAL: &'static [&'static str] = &["satisfied", "rating", "scale", "sector"];
    const ONE_OF: &'static [&'static [&'static str]] = &[&["satisfied", "rating"]];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let satisfied = match r.opt_text("satisfied") {
            None => None,
            Some(_) => Some(r.boolean("satisfied")?),
        };
        let scale = match r.opt_u32("scale")? {
            None => None,
            Some(s @ (3 | 5)) => Some(s),
            Some(s) => return Err(r.reject("scale", format!("{s} is not 3 or 5"))),
        };
        let rating = match (r.opt_text("rating"), scale) {
            (None, _) => None,
            (Some(_), None) => return Err(r.reject("scale", "a rating needs its scale (3 or 5)")),
            (Some(t), Some(s)) => {
                Some(SatisfactionLevel::parse(&t, s).map_err(|d| r.reject("rating", d))?)
            }
        };
        let resp = SurveyResponse {
            response_id: r.text("response_id")?,
            unit_code: r.text("unit_code")?,
            responded_on: r.date("responded_on")?,
            satisfied,
            rating,
            scale,
            sector: r.opt_text("sector"),
        };
        match resp.check() {
            Some((field, why)) => Err(r.reject(field, why)),
            None => Ok(resp),
        }
    }
    fn id(&self) -> &str {
        &self.response_id
    }
}

impl CsvRecord for StaffMember {
    const COLUMNS: &'static [&'static str] = &["person_id", "unit_code", "in_scope", "trained_on"];
    const OPTIONAL: &'static [&'static str] = &["role", "communicated_on"];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let role = match r.opt_text("role").map(|v| v.to_ascii_lowercase()) {
            None => None,
            Some(v) => Some(match v.as_str() {
                "operator" => StaffRole::Operator,
                "official" => StaffRole::Official,
                "community_team" => StaffRole::CommunityTeam,
                _ => {
                    return Err(r.reject(
                        "role",
                        format!(
                            "`{v}` is not a role (expected operator, official or community_team)"
                        ),
                    ))
                }
            }),
        };
        Ok(StaffMember {
            person_id: r.text("person_id")?,
            unit_code: r.text("unit_code")?,
            in_scope: r.boolean("in_scope")?,
            trained_on: r.opt_date("trained_on")?,
            role,
            communicated_on: r.opt_date("communicated_on")?,
        })
    }
    fn id(&self) -> &str {
        &self.person_id
    }
}

/// Reads CSV text. `file` names the source in errors. With `strict`, the first
/// unusable row is an error; otherwise unusable rows are returned as rejected.
/// A missing required column is always an error.
pub fn read_csv<T: CsvRecord>(text: &str, file: &str, strict: bool) -> Result<Loaded<T>> {
    read_csv_seen(text, file, strict, &mut IdsSeen::new())
}

/// Ids already read, with the file and line they were first read at, so
/// that a dossier in two exports is reported as a duplicate too.
pub type IdsSeen = HashMap<String, (String, u32)>;

/// [`read_csv`], continuing the duplicate check across files: an id in
/// `seen` is a duplicate; every id read is added to it.
pub fn read_csv_seen<T: CsvRecord>(
    text: &str,
    file: &str,
    strict: bool,
    seen: &mut IdsSeen,
) -> Result<Loaded<T>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| DvcttError::Csv {
            file: file.to_string(),
            line: 1,
            field: String::new(),
            detail: e.to_string(),
        })?
        .clone();
    let width = headers.len();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for &name in T::COLUMNS.iter().chain(T::OPTIONAL) {
        if let Some(i) = headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
        {
            columns.insert(name, i);
        } else if T::COLUMNS.contains(&name) {
            return Err(DvcttError::MissingColumn {
                file: file.to_string(),
                column: name.to_string(),
            });
        }
    }
    for group in T::ONE_OF {
        if !group.iter().any(|c| columns.contains_key(c)) {
            return Err(DvcttError::MissingColumn {
                file: file.to_string(),
                column: group.join(" or "),
            });
        }
    }
    let mut records = Vec::new();
    let mut rejected = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as u32;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() as u32);
                let r = RejectedRow {
                    file: file.to_string(),
                    line,
                    field: String::new(),
                    detail: e.to_string(),
                };
                if strict {
                    return Err(r.into());
                }
                rejected.push(r);
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as u32);
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue; // a blank line carries no record
        }
        let row = Row {
            file,
            line,
            record: &record,
            columns: &columns,
        };
        let parsed = if record.len() != width {
            Err(row.reject(
                "",
                format!("row has {} fields, the header has {width}", record.len()),
            ))
        } else {
            T::from_row(&row).and_then(|rec| match seen.entry(rec.id().to_string()) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    let (first_file, first_line) = first.get();
                    let at = if first_file == file {
                        format!("line {first_line}")
                    } else {
                        format!("{first_file} line {first_line}")
                    };
                    Err(row.reject(
                        T::COLUMNS[0],
                        format!("duplicate id `{}` (first at {at})", rec.id()),
                    ))
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((file.to_string(), line));
                    Ok(rec)
                }
            })
        };
        match parsed {
            Ok(rec) => records.push(rec),
            Err(r) if strict => return Err(r.into()),
            Err(r) => rejected.push(r),
        }
    }
    Ok(Loaded { records, rejected })
}

/// Reads a CSV file from disk (see [`read_csv`]).
pub fn read_csv_file<T: CsvRecord>(path: &std::path::Path, strict: bool) -> Result<Loaded<T>> {
    let text = std::fs::read_to_string(path).map_err(|e| DvcttError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    read_csv(&text, &path.display().to_string(), strict)
}

impl Dataset {
    /// Parses a dataset from JSON text (`{"dossiers": [...], "survey": [...], ...}`).
    pub fn from_json(text: &str) -> Result<Self> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| DvcttError::Data {
                path: "$".into(),
                detail: format!("not valid JSON: {e}"),
            })?;
        Self::from_value(value)
    }

    /// Builds a dataset from an already-parsed JSON value (what bindings hand over).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::base::error::require_object(&value, "$", "a dataset")?;
        crate::model::indicator::check_indicator_ids(&value, "aggregates", "indicator")?;
        let ds: Dataset =
            serde_path_to_error::deserialize(value).map_err(|e| DvcttError::Data {
                path: json_path(e.path()),
                detail: e.inner().to_string(),
            })?;
        ds.validate()?;
        Ok(ds)
    }

    /// Rules a type cannot express: unique ids, valid periods, sane counts.
    pub fn validate(&self) -> Result<()> {
        fn unique<'a>(kind: &str, field: &str, ids: impl Iterator<Item = &'a str>) -> Result<()> {
            let mut seen = HashMap::new();
            for (i, id) in ids.enumerate() {
                if let Some(first) = seen.insert(id, i) {
                    return Err(DvcttError::Data {
                        path: format!("{kind}[{i}].{field}"),
                        detail: format!("duplicate id `{id}` (first at {kind}[{first}])"),
                    });
                }
            }
            Ok(())
        }
        unique(
            "dossiers",
            "dossier_id",
            self.dossiers.iter().map(|d| d.dossier_id.as_str()),
        )?;
        unique(
            "survey",
            "response_id",
            self.survey.iter().map(|r| r.response_id.as_str()),
        )?;
        for (i, r) in self.survey.iter().enumerate() {
            if let Some((field, detail)) = r.check() {
                return Err(DvcttError::Data {
                    path: format!("survey[{i}].{field}"),
                    detail,
                });
            }
        }
        unique(
            "staff",
            "person_id",
            self.staff.iter().map(|s| s.person_id.as_str()),
        )?;
        unique(
            "procedures",
            "procedure_id",
            self.procedures.iter().map(|p| p.procedure_id.as_str()),
        )?;
        unique(
            "units",
            "unit_code",
            self.units.iter().map(|u| u.unit_code.as_str()),
        )?;
        unique(
            "publications",
            "publication_id",
            self.publications.iter().map(|p| p.publication_id.as_str()),
        )?;
        unique(
            "outreach",
            "session_id",
            self.outreach.iter().map(|o| o.session_id.as_str()),
        )?;
        unique(
            "feedback",
            "feedback_id",
            self.feedback.iter().map(|f| f.feedback_id.as_str()),
        )?;
        crate::model::logs::validate(self)?;
        for (i, a) in self.aggregates.iter().enumerate() {
            let err = |field: &str, detail: String| DvcttError::Data {
                path: format!("aggregates[{i}].{field}"),
                detail,
            };
            if let Err(e) = a.period.parse::<Period>() {
                return Err(err("period", e.to_string()));
            }
            for (field, v) in [("numerator", a.numerator), ("denominator", a.denominator)] {
                if !v.is_finite() || v < 0.0 {
                    return Err(err(
                        field,
                        format!("{v} is not a count (must be finite and ≥ 0)"),
                    ));
                }
            }
            if !a.indicator.is_ratio() && a.denominator != 0.0 {
                return Err(err(
                    "denominator",
                    format!(
                        "{} is a count: its aggregate has no denominator (give 0)",
                        a.indicator
                    ),
                ));
            }
            if a.indicator.is_ratio() && a.numerator > a.denominator {
                return Err(err(
                    "numerator",
                    format!(
                        "numerator {} exceeds denominator {}",
                        a.numerator, a.denominator
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n";

    #[test]
    fn reads_dossiers_and_ignores_extra_columns() {
        let text =
            "extra,dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n\
                    x,D1,U1,P1,health,2026-01-05,online,true\n";
        let l = read_csv::<Dossier>(text, "d.csv", true).unwrap();
        assert_eq!(l.records.len(), 1);
        assert_eq!(l.records[0].unit_code, "U1");
        assert!(l.records[0].fully_online);
    }

    #[test]
    fn bad_date_names_line_and_field() {
        let text =
            format!("{HEAD}D1,U1,P1,s,2026-01-05,online,true\nD2,U1,P1,s,2026-13-01,online,true\n");
        let e = read_csv::<Dossier>(&text, "d.csv", true).unwrap_err();
        assert_eq!(
            e,
            DvcttError::Csv {
                file: "d.csv".into(),
                line: 3,
                field: "received_on".into(),
                detail: "`2026-13-01` is not a date (expected YYYY-MM-DD)".into()
            }
        );
        let l = read_csv::<Dossier>(&text, "d.csv", false).unwrap();
        assert_eq!(l.records.len(), 1);
        assert_eq!(l.rejected.len(), 1);
        assert_eq!(l.rejected[0].line, 3);
    }

    #[test]
    fn missing_column_and_duplicates_and_short_rows() {
        let e = read_csv::<SurveyResponse>("response_id,unit_code,satisfied\n", "s.csv", true)
            .unwrap_err();
        assert_eq!(e.variant(), "MissingColumn");
        assert!(e.to_string().contains("responded_on"), "{e}");
        let text = format!(
            "{HEAD}D1,U1,P1,s,2026-01-05,online,true\nD1,U1,P1,s,2026-01-06,online,true\nD3,U1\n"
        );
        let l = read_csv::<Dossier>(&text, "d.csv", false).unwrap();
        assert_eq!(l.records.len(), 1);
        let lines: Vec<u32> = l.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert!(l.rejected[0].detail.contains("first at line 2"));
    }

    #[test]
    fn ratings_parse_labels_keys_and_levels() {
        use SatisfactionLevel::*;
        assert_eq!(
            SatisfactionLevel::parse("Rất hài lòng", 3),
            Ok(VerySatisfied)
        );
        // Decomposed (NFD) accents and upper case match the label.
        let nfd = "RA\u{302}\u{301}T KHO\u{302}NG HA\u{300}I LO\u{300}NG";
        assert_eq!(SatisfactionLevel::parse(nfd, 5), Ok(VeryDissatisfied));
        assert_eq!(SatisfactionLevel::parse(" neutral ", 5), Ok(Neutral));
        assert_eq!(SatisfactionLevel::parse("3", 3), Ok(Dissatisfied));
        assert_eq!(SatisfactionLevel::parse("3", 5), Ok(Neutral));
        assert!(SatisfactionLevel::parse("0", 5).is_err());
        assert!(SatisfactionLevel::parse("6", 5).is_err());
        assert!(SatisfactionLevel::parse("Bình thường", 3)
            .unwrap_err()
            .contains("not on the 3-level scale"));
        // "Hài lòng" is not a prefix match of "Rất hài lòng".
        assert_eq!(SatisfactionLevel::parse("hài lòng", 5), Ok(Satisfied));
        assert!(SatisfactionLevel::parse("rất", 5).is_err());
        for scale in [3, 5] {
            for (i, l) in SatisfactionLevel::scale_levels(scale)
                .unwrap()
                .iter()
                .enumerate()
            {
                assert_eq!(l.rank(scale), Some(i as u32 + 1));
                assert_eq!(SatisfactionLevel::parse(l.label_vi(), scale), Ok(*l));
            }
        }
    }

    #[test]
    fn satisfaction_rule_bounds() {
        let r = SatisfactionRule::default();
        assert_eq!(r.satisfied(SatisfactionLevel::Satisfied, 3), Some(true));
        assert_eq!(r.satisfied(SatisfactionLevel::Neutral, 5), Some(false));
        assert_eq!(r.satisfied(SatisfactionLevel::Neutral, 3), None);
        let bad = SatisfactionRule {
            three_level_top: 2,
            five_level_top: 5,
        };
        assert_eq!(
            bad.validate("satisfaction_rule").unwrap_err(),
            DvcttError::Data {
                path: "satisfaction_rule.five_level_top".into(),
                detail: "5 is not between 1 and 4".into()
            }
        );
    }

    #[test]
    fn staff_roles_and_communication_dates() {
        let text = "person_id,unit_code,in_scope,trained_on,role,communicated_on\n\
                    A,U1,true,,,\n\
                    B,U1,false,2026-01-02,Community_Team,2026-02-03\n\
                    C,U1,false,,mayor,\n\
                    D,U1,false,,official,2026-02-30\n";
        let l = read_csv::<StaffMember>(text, "staff.csv", false).unwrap();
        assert_eq!(l.records.len(), 2);
        assert_eq!(l.records[0].role, None);
        assert_eq!(l.records[0].role(), StaffRole::Operator);
        assert_eq!(l.records[1].role, Some(StaffRole::CommunityTeam));
        assert_eq!(
            l.records[1].communicated_on,
            NaiveDate::from_ymd_opt(2026, 2, 3)
        );
        let bad: Vec<(u32, &str)> = l
            .rejected
            .iter()
            .map(|r| (r.line, r.field.as_str()))
            .collect();
        assert_eq!(bad, vec![(4, "role"), (5, "communicated_on")]);
        // The optional columns may be absent altogether.
        let l = read_csv::<StaffMember>(
            "person_id,unit_code,in_scope,trained_on\nA,U1,true,\n",
            "staff.csv",
            true,
        )
        .unwrap();
        assert_eq!(l.records[0].role(), StaffRole::Operator);
    }

    #[test]
    fn count_aggregates_have_no_denominator() {
        let ds = Dataset::from_json(
            r#"{"aggregates": [{"indicator": "events_held", "unit_code": "U1",
                "period": "2026", "numerator": 3, "denominator": 1}]}"#,
        )
        .unwrap_err();
        assert_eq!(ds.variant(), "Data");
        assert!(ds.to_string().contains("aggregates[0].denominator"), "{ds}");
    }

    #[test]
    fn loose_dates_are_rejected() {
        let text = format!("{HEAD}D1,U1,P1,s,2026-1-5,online,true\n");
        assert!(read_csv::<Dossier>(&text, "d.csv", true).is_err());
    }
}

//! Raw records (dossier exports, survey responses, staff rosters) and the
//! aggregates that units report, with their CSV and JSON readers.
//!
//! A row that cannot be read is never dropped silently: in strict mode the
//! first one is an error naming file, line and field; otherwise every such
//! row is returned in [`Loaded::rejected`] with its reason.

use crate::base::day::{date_of, day_number, NO_DATE};
use crate::base::error::{DvcttError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Submission channel (hình thức nộp hồ sơ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Channel {
    /// Online (trực tuyến).
    Online,
    /// In person (trực tiếp).
    Direct,
    /// By public postal service (bưu chính công ích).
    Postal,
}

impl Channel {
    /// Reads a channel as written in an input file (`online`, `direct`,
    /// `postal`, any case); the CSV and Arrow readers share it.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        if text.eq_ignore_ascii_case("online") {
            Ok(Channel::Online)
        } else if text.eq_ignore_ascii_case("direct") {
            Ok(Channel::Direct)
        } else if text.eq_ignore_ascii_case("postal") {
            Ok(Channel::Postal)
        } else {
            Err(format!(
                "`{}` is not a channel (expected online, direct or postal)",
                text.to_ascii_lowercase()
            ))
        }
    }
}

/// A survey answer's scale and rating as read from an input file: the scale
/// must be 3 or 5, a rating needs its scale. An error is (field, reason).
#[allow(clippy::type_complexity)]
pub fn read_rating(
    scale: Option<u32>,
    rating: Option<&str>,
) -> std::result::Result<(Option<u32>, Option<SatisfactionLevel>), (&'static str, String)> {
    let scale = match scale {
        None => None,
        Some(s @ (3 | 5)) => Some(s),
        Some(s) => return Err(("scale", format!("{s} is not 3 or 5"))),
    };
    let rating = match (rating, scale) {
        (None, _) => None,
        (Some(_), None) => return Err(("scale", "a rating needs its scale (3 or 5)".into())),
        (Some(t), Some(s)) => Some(SatisfactionLevel::parse(t, s).map_err(|d| ("rating", d))?),
    };
    Ok((scale, rating))
}

/// One of a closed list of names (case-insensitive), as the readers of the
/// campaign logs take `channel` and `kind`.
pub fn choose<T: Copy>(
    field: &str,
    value: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> std::result::Result<T, String> {
    let v = value.to_ascii_lowercase();
    all.iter().copied().find(|&c| name(c) == v).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&c| name(c)).collect();
        format!("`{value}` is not a {field} (expected {})", names.join(", "))
    })
}

/// Dossier (hồ sơ TTHC): one application for an administrative procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dossier {
    pub dossier_id: String,
    /// Receiving unit (đơn vị tiếp nhận).
    pub unit_code: String,
    /// Procedure code (mã TTHC).
    pub procedure_code: String,
    /// Sector (lĩnh vực).
    pub sector: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub received_on: NaiveDate,
    pub channel: Channel,
    /// Processed fully online (xử lý hoàn toàn trực tuyến).
    pub fully_online: bool,
    /// Due date for the result (ngày hẹn trả kết quả).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub due_on: Option<NaiveDate>,
    /// Date the dossier was settled (ngày có kết quả), if it was.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
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
        self.fields().check()
    }

    /// The dossier's fields, borrowed, with dates as day numbers.
    pub fn fields(&self) -> DossierFields<'_> {
        DossierFields {
            id: &self.dossier_id,
            unit: &self.unit_code,
            procedure: &self.procedure_code,
            sector: &self.sector,
            received: day_number(self.received_on),
            channel: self.channel,
            fully_online: self.fully_online,
            due: self.due_on.map_or(NO_DATE, day_number),
            completed: self.completed_on.map_or(NO_DATE, day_number),
            paused: self.paused_days,
            fee_required: self.fee_required,
            paid_online: self.paid_online,
            digitized: self.digitized,
        }
    }
}

/// One dossier's fields as read, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct DossierFields<'a> {
    pub id: &'a str,
    pub unit: &'a str,
    pub procedure: &'a str,
    pub sector: &'a str,
    pub received: i32,
    pub channel: Channel,
    pub fully_online: bool,
    /// `due_on` as given (without the paused days), or [`NO_DATE`].
    pub due: i32,
    pub completed: i32,
    pub paused: u32,
    pub fee_required: bool,
    pub paid_online: bool,
    pub digitized: bool,
}

impl DossierFields<'_> {
    /// The consistency rules a dossier must meet, as (field, reason):
    /// see [`Dossier::check`].
    pub fn check(&self) -> Option<(&'static str, String)> {
        let date = |d: i32| date_of(d).map_or_else(|| d.to_string(), |x| x.to_string());
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
        if self.completed != NO_DATE {
            if self.completed < self.received {
                return Some((
                    "completed_on",
                    format!(
                        "{} is before received_on {}",
                        date(self.completed),
                        date(self.received)
                    ),
                ));
            }
            if self.due == NO_DATE {
                return Some(("due_on", "a completed dossier needs its due date".into()));
            }
        }
        if self.due != NO_DATE && self.due < self.received {
            return Some((
                "due_on",
                format!(
                    "{} is before received_on {}",
                    date(self.due),
                    date(self.received)
                ),
            ));
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        use crate::base::nfc::nfc;
        let levels =
            Self::scale_levels(scale).ok_or_else(|| format!("scale {scale} is not 3 or 5"))?;
        // Only a non-ASCII text can be a Vietnamese label (and need NFC).
        let t = text.trim();
        let ascii = t.is_ascii();
        let t: String = if ascii {
            t.to_ascii_lowercase()
        } else {
            nfc(t).to_lowercase()
        };
        if let Ok(n) = t.parse::<usize>() {
            return n
                .checked_sub(1)
                .and_then(|i| levels.get(i))
                .copied()
                .ok_or_else(|| format!("level {n} is not between 1 and {scale}"));
        }
        let found = Self::ALL
            .into_iter()
            .find(|l| l.as_str() == t || (!ascii && nfc(l.label_vi()).to_lowercase() == t));
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SurveyResponse {
    pub response_id: String,
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
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
        check_answer(self.satisfied, self.rating, self.scale)
    }

    /// Whether the response counts as satisfied under `rule` (for a checked
    /// response; an unchecked invalid one counts as not satisfied).
    pub fn is_satisfied(&self, rule: &SatisfactionRule) -> bool {
        is_satisfied(self.satisfied, self.rating, self.scale, rule)
    }
}

/// The rules a response's answer must meet, as (field, reason): exactly
/// one of a yes/no answer and a rating on a 3- or 5-level scale.
pub fn check_answer(
    satisfied: Option<bool>,
    rating: Option<SatisfactionLevel>,
    scale: Option<u32>,
) -> Option<(&'static str, String)> {
    match (satisfied, rating, scale) {
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

/// Whether an answer counts as satisfied under `rule` (an invalid one does not).
pub fn is_satisfied(
    satisfied: Option<bool>,
    rating: Option<SatisfactionLevel>,
    scale: Option<u32>,
    rule: &SatisfactionRule,
) -> bool {
    match (satisfied, rating, scale) {
        (Some(b), _, _) => b,
        (None, Some(l), Some(s)) => rule.satisfied(l, s).unwrap_or(false),
        _ => false,
    }
}

/// What a staff member is, for the staff indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Reads a role as written in an input file (any case); the CSV and
    /// Arrow readers share it.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let v = text.to_ascii_lowercase();
        match v.as_str() {
            "operator" => Ok(StaffRole::Operator),
            "official" => Ok(StaffRole::Official),
            "community_team" => Ok(StaffRole::CommunityTeam),
            _ => Err(format!(
                "`{v}` is not a role (expected operator, official or community_team)"
            )),
        }
    }

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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StaffMember {
    pub person_id: String,
    pub unit_code: String,
    /// Whether the person is in the target's scope (e.g. operates the system).
    pub in_scope: bool,
    /// Date of the most recent training, if any.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
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
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub communicated_on: Option<NaiveDate>,
}

impl StaffMember {
    /// The person's role: `operator` when none is given.
    pub fn role(&self) -> StaffRole {
        self.role.unwrap_or(StaffRole::Operator)
    }
}

/// The optional fields of a dossier, in the CSV contract's order: a CSV
/// file or a JSON list without one of them lacks that column.
pub const DOSSIER_OPTIONAL: &[&str] = &[
    "due_on",
    "completed_on",
    "paused_days",
    "fee_required",
    "paid_online",
    "digitized",
];

/// The optional fields of a staff member, in the CSV contract's order.
pub const STAFF_OPTIONAL: &[&str] = &["role", "communicated_on"];

/// A row that was not used, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RejectedRow {
    pub file: String,
    /// 1-based line in the file (the header is line 1) where the row starts.
    pub line: u32,
    /// The row's last line, when it runs over several (a quoted field with
    /// line breaks, often a quote never closed); every line from `line` to
    /// it belongs to this row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub last_line: Option<u32>,
    pub field: String,
    pub detail: String,
}

impl RejectedRow {
    /// A row of `file` refused, that starts on `line` and ends on
    /// `last_line` (the same line, or a later one: then the detail says so).
    pub fn spanning(
        file: &str,
        line: u32,
        last_line: u32,
        field: &str,
        mut detail: String,
    ) -> Self {
        let last_line = (last_line > line).then_some(last_line);
        if let Some(last) = last_line {
            detail.push_str(&format!(" (the row runs from line {line} to line {last})"));
        }
        RejectedRow {
            file: file.to_string(),
            line,
            last_line,
            field: field.to_string(),
            detail,
        }
    }
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

//! Campaign logs beyond dossiers: the procedure catalogue (danh mục TTHC),
//! the list of units expected to promote online services, publications,
//! outreach sessions of community digital teams and citizens' feedback
//! (phản ánh, kiến nghị) — their records, CSV readers and the indicators
//! computed from them.

use crate::base::period::Period;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An administrative procedure (thủ tục hành chính) of the catalogue
/// (danh mục TTHC), with whether it is offered as a full-process online
/// service (dịch vụ công trực tuyến toàn trình).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Procedure {
    /// Procedure code (mã TTHC), unique in the catalogue.
    pub procedure_id: String,
    /// Unit that settles the procedure.
    pub unit_code: String,
    /// Sector (lĩnh vực).
    pub sector: String,
    pub name: String,
    /// The procedure may be offered full-process online (đủ điều kiện cung cấp
    /// dịch vụ công trực tuyến toàn trình).
    pub eligible_full_process: bool,
    /// The procedure is offered full-process online.
    pub full_process_online: bool,
    /// Date from which it is offered full-process online; absent: since
    /// before any period asked about.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub online_since: Option<NaiveDate>,
}

impl Procedure {
    /// Consistency rules a single record must meet, as (field, reason).
    pub fn check(&self) -> Option<(&'static str, String)> {
        if self.full_process_online && !self.eligible_full_process {
            return Some((
                "full_process_online",
                "offered full-process online but eligible_full_process is false".into(),
            ));
        }
        if self.online_since.is_some() && !self.full_process_online {
            return Some((
                "online_since",
                "online_since is given but full_process_online is false".into(),
            ));
        }
        None
    }

    /// Offered full-process online on `day`.
    pub fn online_on(&self, day: NaiveDate) -> bool {
        self.full_process_online && self.online_since.is_none_or(|s| s <= day)
    }
}

/// A unit expected to promote online public services (e.g. publish guidance
/// on its web portal), with the dates it exists between.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitEntry {
    pub unit_code: String,
    pub name: String,
    /// First day the unit exists; absent: always before.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub active_from: Option<NaiveDate>,
    /// Last day the unit exists (e.g. merged or abolished); absent: still exists.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub active_to: Option<NaiveDate>,
}

impl UnitEntry {
    /// Consistency rules a single record must meet, as (field, reason).
    pub fn check(&self) -> Option<(&'static str, String)> {
        match (self.active_from, self.active_to) {
            (Some(f), Some(t)) if t < f => {
                Some(("active_to", format!("{t} is before active_from {f}")))
            }
            _ => None,
        }
    }

    /// Exists on at least one day of `p`.
    pub fn active_in(&self, p: &Period) -> bool {
        self.active_from.is_none_or(|f| f <= p.end())
            && self.active_to.is_none_or(|t| t >= p.start())
    }
}

/// Where a publication appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PublicationChannel {
    /// The unit's web portal (cổng/trang thông tin điện tử).
    Portal,
    /// Newspapers, radio, television (báo chí).
    Press,
    /// Social networks (mạng xã hội: Zalo, Facebook, ...).
    Social,
    /// Grassroots loudspeakers and notice boards (hệ thống thông tin cơ sở).
    Grassroots,
    /// At the one-stop shop (bộ phận một cửa).
    OneStop,
    Other,
}

impl PublicationChannel {
    pub const ALL: [PublicationChannel; 6] = [
        PublicationChannel::Portal,
        PublicationChannel::Press,
        PublicationChannel::Social,
        PublicationChannel::Grassroots,
        PublicationChannel::OneStop,
        PublicationChannel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PublicationChannel::Portal => "portal",
            PublicationChannel::Press => "press",
            PublicationChannel::Social => "social",
            PublicationChannel::Grassroots => "grassroots",
            PublicationChannel::OneStop => "one_stop",
            PublicationChannel::Other => "other",
        }
    }
}

/// What a publication is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PublicationKind {
    /// Step-by-step guidance (hướng dẫn) on using online services.
    Guidance,
    Video,
    Article,
    Infographic,
    Other,
}

impl PublicationKind {
    pub const ALL: [PublicationKind; 5] = [
        PublicationKind::Guidance,
        PublicationKind::Video,
        PublicationKind::Article,
        PublicationKind::Infographic,
        PublicationKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PublicationKind::Guidance => "guidance",
            PublicationKind::Video => "video",
            PublicationKind::Article => "article",
            PublicationKind::Infographic => "infographic",
            PublicationKind::Other => "other",
        }
    }
}

/// A communication product (sản phẩm truyền thông) promoting online services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Publication {
    pub publication_id: String,
    /// Publishing unit.
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub published_on: NaiveDate,
    pub channel: PublicationChannel,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<PublicationKind>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub url: Option<String>,
}

/// How an outreach session reached people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum OutreachKind {
    /// Going from house to house (đến từng hộ gia đình).
    DoorToDoor,
    /// Helping at the one-stop shop (tại bộ phận một cửa).
    OneStop,
    /// An event: a campaign day, a fair, a meeting (sự kiện, ngày hội).
    Event,
    /// Remotely: hotline, video call, chat.
    Online,
    Other,
}

impl OutreachKind {
    pub const ALL: [OutreachKind; 5] = [
        OutreachKind::DoorToDoor,
        OutreachKind::OneStop,
        OutreachKind::Event,
        OutreachKind::Online,
        OutreachKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutreachKind::DoorToDoor => "door_to_door",
            OutreachKind::OneStop => "one_stop",
            OutreachKind::Event => "event",
            OutreachKind::Online => "online",
            OutreachKind::Other => "other",
        }
    }
}

/// A session in which a community digital team (tổ công nghệ số cộng đồng)
/// guided people (hướng dẫn người dân) to use online services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OutreachSession {
    pub session_id: String,
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub held_on: NaiveDate,
    pub kind: OutreachKind,
    /// People guided in the session.
    pub people_guided: u32,
    /// Dossiers submitted online with the team's help.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dossiers_helped: Option<u32>,
    /// Team members present.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub members: Option<u32>,
}

/// A citizen's feedback or petition (phản ánh, kiến nghị) and whether its
/// handling result was made public (công khai kết quả xử lý).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Feedback {
    pub feedback_id: String,
    /// Unit the feedback is addressed to.
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub received_on: NaiveDate,
    /// Date the handling result was given; absent: not yet addressed.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub addressed_on: Option<NaiveDate>,
    /// Whether the result was made public; absent: public if addressed
    /// (results are published when given), so `false` marks the exceptions.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub public: Option<bool>,
}

impl Feedback {
    /// Consistency rules a single record must meet, as (field, reason).
    pub fn check(&self) -> Option<(&'static str, String)> {
        if let Some(a) = self.addressed_on {
            if a < self.received_on {
                return Some((
                    "addressed_on",
                    format!("{a} is before received_on {}", self.received_on),
                ));
            }
        } else if self.public == Some(true) {
            return Some((
                "public",
                "a result cannot be public before it is given (addressed_on is empty)".into(),
            ));
        }
        None
    }

    /// Addressed and its result made public on or before `day`.
    pub fn addressed_publicly_by(&self, day: NaiveDate) -> bool {
        self.public != Some(false) && self.addressed_on.is_some_and(|a| a <= day)
    }
}

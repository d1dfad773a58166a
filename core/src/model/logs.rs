//! Campaign logs beyond dossiers: the procedure catalogue (danh mục TTHC),
//! the list of units expected to promote online services, publications,
//! outreach sessions of community digital teams and citizens' feedback
//! (phản ánh, kiến nghị) — their records, CSV readers and the indicators
//! computed from them.

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::model::indicator::{IndicatorId, Part, Scope};
use crate::model::records::{CsvRecord, Dataset, RejectedRow, Row};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An administrative procedure (thủ tục hành chính) of the catalogue
/// (danh mục TTHC), with whether it is offered as a full-process online
/// service (dịch vụ công trực tuyến toàn trình).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
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
pub struct UnitEntry {
    pub unit_code: String,
    pub name: String,
    /// First day the unit exists; absent: always before.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub active_from: Option<NaiveDate>,
    /// Last day the unit exists (e.g. merged or abolished); absent: still exists.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
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
pub struct Publication {
    pub publication_id: String,
    /// Publishing unit.
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
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
pub struct OutreachSession {
    pub session_id: String,
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
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
pub struct Feedback {
    pub feedback_id: String,
    /// Unit the feedback is addressed to.
    pub unit_code: String,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub received_on: NaiveDate,
    /// Date the handling result was given; absent: not yet addressed.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
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

/// A required whole number ≥ 0.
fn count(r: &Row<'_>, field: &'static str) -> Result<u32, RejectedRow> {
    r.opt_u32(field)?
        .ok_or_else(|| r.reject(field, "empty value (expected a whole number ≥ 0)"))
}

/// An optional boolean kept as `None` when empty or absent.
fn opt_bool(r: &Row<'_>, field: &'static str) -> Result<Option<bool>, RejectedRow> {
    match r.opt_text(field) {
        None => Ok(None),
        Some(_) => r.boolean(field).map(Some),
    }
}

/// One of a closed list of names (case-insensitive).
fn choice<T: Copy>(
    r: &Row<'_>,
    field: &'static str,
    value: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, RejectedRow> {
    let v = value.to_ascii_lowercase();
    all.iter().copied().find(|&c| name(c) == v).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&c| name(c)).collect();
        r.reject(
            field,
            format!("`{value}` is not a {field} (expected {})", names.join(", ")),
        )
    })
}

fn checked<T>(
    r: &Row<'_>,
    rec: T,
    check: fn(&T) -> Option<(&'static str, String)>,
) -> Result<T, RejectedRow> {
    match check(&rec) {
        Some((field, why)) => Err(r.reject(field, why)),
        None => Ok(rec),
    }
}

impl CsvRecord for Procedure {
    const COLUMNS: &'static [&'static str] = &[
        "procedure_id",
        "unit_code",
        "sector",
        "name",
        "eligible_full_process",
        "full_process_online",
    ];
    const OPTIONAL: &'static [&'static str] = &["online_since"];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let p = Procedure {
            procedure_id: r.text("procedure_id")?,
            unit_code: r.text("unit_code")?,
            sector: r.text("sector")?,
            name: r.text("name")?,
            eligible_full_process: r.boolean("eligible_full_process")?,
            full_process_online: r.boolean("full_process_online")?,
            online_since: r.opt_date("online_since")?,
        };
        checked(r, p, Procedure::check)
    }
    fn id(&self) -> &str {
        &self.procedure_id
    }
}

impl CsvRecord for UnitEntry {
    const COLUMNS: &'static [&'static str] = &["unit_code", "name"];
    const OPTIONAL: &'static [&'static str] = &["active_from", "active_to"];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let u = UnitEntry {
            unit_code: r.text("unit_code")?,
            name: r.text("name")?,
            active_from: r.opt_date("active_from")?,
            active_to: r.opt_date("active_to")?,
        };
        checked(r, u, UnitEntry::check)
    }
    fn id(&self) -> &str {
        &self.unit_code
    }
}

impl CsvRecord for Publication {
    const COLUMNS: &'static [&'static str] =
        &["publication_id", "unit_code", "published_on", "channel"];
    const OPTIONAL: &'static [&'static str] = &["kind", "url"];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let channel = r.text("channel")?;
        let kind = r.opt_text("kind");
        Ok(Publication {
            publication_id: r.text("publication_id")?,
            unit_code: r.text("unit_code")?,
            published_on: r.date("published_on")?,
            channel: choice(
                r,
                "channel",
                &channel,
                &PublicationChannel::ALL,
                PublicationChannel::as_str,
            )?,
            kind: kind
                .map(|k| {
                    choice(
                        r,
                        "kind",
                        &k,
                        &PublicationKind::ALL,
                        PublicationKind::as_str,
                    )
                })
                .transpose()?,
            url: r.opt_text("url"),
        })
    }
    fn id(&self) -> &str {
        &self.publication_id
    }
}

impl CsvRecord for OutreachSession {
    const COLUMNS: &'static [&'static str] = &[
        "session_id",
        "unit_code",
        "held_on",
        "kind",
        "people_guided",
    ];
    const OPTIONAL: &'static [&'static str] = &["dossiers_helped", "members"];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let kind = r.text("kind")?;
        Ok(OutreachSession {
            session_id: r.text("session_id")?,
            unit_code: r.text("unit_code")?,
            held_on: r.date("held_on")?,
            kind: choice(r, "kind", &kind, &OutreachKind::ALL, OutreachKind::as_str)?,
            people_guided: count(r, "people_guided")?,
            dossiers_helped: r.opt_u32("dossiers_helped")?,
            members: r.opt_u32("members")?,
        })
    }
    fn id(&self) -> &str {
        &self.session_id
    }
}

impl CsvRecord for Feedback {
    const COLUMNS: &'static [&'static str] = &["feedback_id", "unit_code", "received_on"];
    const OPTIONAL: &'static [&'static str] = &["addressed_on", "public"];
    fn from_row(r: &Row<'_>) -> Result<Self, RejectedRow> {
        let f = Feedback {
            feedback_id: r.text("feedback_id")?,
            unit_code: r.text("unit_code")?,
            received_on: r.date("received_on")?,
            addressed_on: r.opt_date("addressed_on")?,
            public: opt_bool(r, "public")?,
        };
        checked(r, f, Feedback::check)
    }
    fn id(&self) -> &str {
        &self.feedback_id
    }
}

/// Checks the new kinds of a dataset given as JSON: unique ids and the
/// per-record rules, reported with their JSON path.
pub(crate) fn validate(d: &Dataset) -> Result<()> {
    fn rules<T>(
        kind: &str,
        items: &[T],
        check: fn(&T) -> Option<(&'static str, String)>,
    ) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            if let Some((field, detail)) = check(item) {
                return Err(DvcttError::Data {
                    path: format!("{kind}[{i}].{field}"),
                    detail,
                });
            }
        }
        Ok(())
    }
    rules("procedures", &d.procedures, Procedure::check)?;
    rules("units", &d.units, UnitEntry::check)?;
    rules("feedback", &d.feedback, Feedback::check)
}

/// One unit's figures for an indicator computed from these logs.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LogCounts {
    pub num: f64,
    pub den: f64,
    pub parts: Vec<Part>,
}

impl LogCounts {
    fn with_parts(names: impl IntoIterator<Item = &'static str>) -> Self {
        LogCounts {
            parts: names
                .into_iter()
                .map(|n| Part {
                    name: n.into(),
                    count: 0.0,
                    share: None,
                })
                .collect(),
            ..Default::default()
        }
    }
    fn bump(&mut self, part: &str, by: f64) {
        if let Some(p) = self.parts.iter_mut().find(|p| p.name == part) {
            p.count += by;
        }
    }
}

/// Units seen (in scope) and each unit's figures.
pub(crate) type LogUnitCounts = (BTreeSet<String>, BTreeMap<String, LogCounts>);

fn in_units(scope: &Scope, unit: &str) -> bool {
    scope.units.is_empty() || scope.units.iter().any(|u| u == unit)
}

fn no_sectors(scope: &Scope, id: IndicatorId) -> Result<()> {
    if scope.sectors.is_empty() {
        Ok(())
    } else {
        Err(DvcttError::Data {
            path: "scope.sectors".into(),
            detail: format!("{id} has no sector dimension"),
        })
    }
}

/// Computes an indicator of this module from records, per unit; `None` when
/// `id` is not one of them.
pub(crate) fn from_records(
    data: &Dataset,
    id: IndicatorId,
    scope: &Scope,
    p: &Period,
) -> Result<Option<LogUnitCounts>> {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, LogCounts> = BTreeMap::new();
    let channel_names = || PublicationChannel::ALL.map(PublicationChannel::as_str);
    match id {
        IndicatorId::FullProcessProcedureShare => {
            // A stock: the catalogue as of the period's end.
            for pr in &data.procedures {
                let in_sector = scope.sectors.is_empty() || scope.sectors.contains(&pr.sector);
                if !in_units(scope, &pr.unit_code) || !in_sector {
                    continue;
                }
                units.insert(pr.unit_code.clone());
                let c = counts.entry(pr.unit_code.clone()).or_default();
                if pr.eligible_full_process {
                    c.den += 1.0;
                    if pr.online_on(p.end()) {
                        c.num += 1.0;
                    }
                }
            }
        }
        IndicatorId::UnitPortalPromotionShare => {
            no_sectors(scope, id)?;
            let published: BTreeSet<&str> = data
                .publications
                .iter()
                .filter(|x| {
                    x.channel == PublicationChannel::Portal && p.contains_date(x.published_on)
                })
                .map(|x| x.unit_code.as_str())
                .collect();
            for u in &data.units {
                if !in_units(scope, &u.unit_code) {
                    continue;
                }
                units.insert(u.unit_code.clone());
                let c = counts.entry(u.unit_code.clone()).or_default();
                // A unit counts once, even if listed in several files.
                if u.active_in(p) && c.den == 0.0 {
                    c.den = 1.0;
                    if published.contains(u.unit_code.as_str()) {
                        c.num = 1.0;
                    }
                }
            }
        }
        IndicatorId::FeedbackAddressedRate => {
            no_sectors(scope, id)?;
            for f in &data.feedback {
                if !in_units(scope, &f.unit_code) {
                    continue;
                }
                units.insert(f.unit_code.clone());
                let c = counts
                    .entry(f.unit_code.clone())
                    .or_insert_with(|| LogCounts::with_parts(["addressed", "not_public", "open"]));
                if p.contains_date(f.received_on) {
                    c.den += 1.0;
                    if f.addressed_publicly_by(p.end()) {
                        c.num += 1.0;
                        c.bump("addressed", 1.0);
                    } else if f.addressed_on.is_some_and(|a| a <= p.end()) {
                        c.bump("not_public", 1.0);
                    } else {
                        c.bump("open", 1.0);
                    }
                }
            }
        }
        IndicatorId::ProductsPublished => {
            no_sectors(scope, id)?;
            for x in &data.publications {
                if !in_units(scope, &x.unit_code) {
                    continue;
                }
                units.insert(x.unit_code.clone());
                let c = counts
                    .entry(x.unit_code.clone())
                    .or_insert_with(|| LogCounts::with_parts(channel_names()));
                if p.contains_date(x.published_on) {
                    c.num += 1.0;
                    c.bump(x.channel.as_str(), 1.0);
                }
            }
        }
        IndicatorId::PeopleGuided | IndicatorId::EventsHeld => {
            no_sectors(scope, id)?;
            let guided = id == IndicatorId::PeopleGuided;
            for s in &data.outreach {
                if !in_units(scope, &s.unit_code) {
                    continue;
                }
                units.insert(s.unit_code.clone());
                let c = counts.entry(s.unit_code.clone()).or_insert_with(|| {
                    if guided {
                        LogCounts::with_parts(OutreachKind::ALL.map(OutreachKind::as_str))
                    } else {
                        LogCounts::default()
                    }
                });
                if !p.contains_date(s.held_on) {
                    continue;
                }
                if guided {
                    c.num += f64::from(s.people_guided);
                    c.bump(s.kind.as_str(), f64::from(s.people_guided));
                } else if s.kind == OutreachKind::Event {
                    c.num += 1.0;
                }
            }
        }
        _ => return Ok(None),
    }
    Ok(Some((units, counts)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::read_csv;

    #[test]
    fn procedures_reject_inconsistent_flags() {
        let text = "procedure_id,unit_code,sector,name,eligible_full_process,full_process_online,online_since\n\
                    P1,U1,health,A,true,true,2026-03-01\n\
                    P2,U1,health,B,false,true,\n\
                    P3,U1,health,C,true,false,2026-01-01\n\
                    P4,U1,health,D,false,false,\n";
        let l = read_csv::<Procedure>(text, "p.csv", false).unwrap();
        assert_eq!(l.records.len(), 2);
        let got: Vec<(u32, &str)> = l
            .rejected
            .iter()
            .map(|r| (r.line, r.field.as_str()))
            .collect();
        assert_eq!(got, vec![(3, "full_process_online"), (4, "online_since")]);
        let p1 = &l.records[0];
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(!p1.online_on(d("2026-02-28")));
        assert!(p1.online_on(d("2026-03-01")));
    }

    #[test]
    fn units_publications_outreach_feedback_read() {
        let u = read_csv::<UnitEntry>(
            "unit_code,name,active_from,active_to\nU1,A,,\nU2,B,2026-07-01,2026-06-30\nU1,C,,\n",
            "u.csv",
            false,
        )
        .unwrap();
        assert_eq!(u.records.len(), 1);
        assert_eq!(u.rejected[0].field, "active_to");
        assert!(u.rejected[1].detail.contains("duplicate id `U1`"));

        let p = read_csv::<Publication>(
            "publication_id,unit_code,published_on,channel,kind\nB1,U1,2026-01-02,Portal,guidance\nB2,U1,2026-01-02,radio,\nB3,U1,2026-01-02,press,poster\n",
            "p.csv",
            false,
        )
        .unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].channel, PublicationChannel::Portal);
        assert_eq!(p.records[0].kind, Some(PublicationKind::Guidance));
        assert_eq!(p.rejected[0].field, "channel");
        assert!(
            p.rejected[0].detail.contains("one_stop"),
            "{}",
            p.rejected[0].detail
        );
        assert_eq!(p.rejected[1].field, "kind");

        let o = read_csv::<OutreachSession>(
            "session_id,unit_code,held_on,kind,people_guided,members\nS1,U1,2026-01-02,event,40,5\nS2,U1,2026-01-02,event,,\nS3,U1,2026-01-02,door_to_door,-3,\n",
            "o.csv",
            false,
        )
        .unwrap();
        assert_eq!(o.records.len(), 1);
        assert_eq!(o.records[0].members, Some(5));
        assert_eq!(o.records[0].dossiers_helped, None);
        let fields: Vec<&str> = o.rejected.iter().map(|r| r.field.as_str()).collect();
        assert_eq!(fields, vec!["people_guided", "people_guided"]);

        let f = read_csv::<Feedback>(
            "feedback_id,unit_code,received_on,addressed_on,public\nF1,U1,2026-01-05,2026-01-04,\nF2,U1,2026-01-05,,true\nF3,U1,2026-01-05,2026-01-09,\nF4,U1,2026-01-05,2026-01-09,false\n",
            "f.csv",
            true,
        )
        .unwrap_err();
        assert_eq!(
            f,
            DvcttError::Csv {
                file: "f.csv".into(),
                line: 2,
                field: "addressed_on".into(),
                detail: "2026-01-04 is before received_on 2026-01-05".into()
            }
        );
    }

    #[test]
    fn a_unit_listed_twice_counts_once() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let unit = |to: Option<&str>| UnitEntry {
            unit_code: "U1".into(),
            name: "A".into(),
            active_from: None,
            active_to: to.map(d),
        };
        // As if read from two files: one entry ended before the period, one did not.
        let data = Dataset {
            units: vec![unit(Some("2025-12-31")), unit(None), unit(None)],
            ..Default::default()
        };
        let p: Period = "2026Q1".parse().unwrap();
        let (_, counts) = from_records(
            &data,
            IndicatorId::UnitPortalPromotionShare,
            &Scope::default(),
            &p,
        )
        .unwrap()
        .unwrap();
        assert_eq!((counts["U1"].num, counts["U1"].den), (0.0, 1.0));
    }

    #[test]
    fn feedback_public_defaults_to_addressed() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let f = |addressed: Option<&str>, public: Option<bool>| Feedback {
            feedback_id: "F".into(),
            unit_code: "U".into(),
            received_on: d("2026-01-01"),
            addressed_on: addressed.map(d),
            public,
        };
        let end = d("2026-01-31");
        assert!(f(Some("2026-01-10"), None).addressed_publicly_by(end));
        assert!(!f(Some("2026-01-10"), Some(false)).addressed_publicly_by(end));
        assert!(!f(Some("2026-02-01"), None).addressed_publicly_by(end));
        assert!(!f(None, None).addressed_publicly_by(end));
        assert!(f(None, Some(true)).check().is_some());
    }
}

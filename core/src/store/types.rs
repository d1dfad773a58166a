//! What the field app keeps: the entries of the team's activity log (built
//! on the campaign-log and task types of `model`), their versions, the sync
//! bundle, the outbox and the team's indicators.

use crate::base::time::Timestamp;
use crate::engine::evaluate::TargetEvaluation;
use crate::model::indicator::IndicatorResult;
use crate::model::logs::OutreachSession;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Schema id of a sync bundle.
pub const SYNC_BUNDLE_SCHEMA: &str = "dvctt/sync-bundle@1";

/// Dossiers submitted online with the team's help for one service
/// (thủ tục hành chính).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServiceCount {
    /// Procedure code (mã TTHC) or the service's name.
    pub service: String,
    pub dossiers: u32,
}

/// A guidance session (buổi hướng dẫn người dân sử dụng DVCTT): the
/// campaign log's outreach session, with where it was held and the
/// dossiers submitted with help, by service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuidanceSession {
    /// Date, kind, people guided, dossiers helped (the sum of `by_service`
    /// when that is given), members present. An empty `session_id` gets a
    /// new id made on the device; an empty `unit_code` is the store's commune.
    pub session: OutreachSession,
    /// Where (địa điểm), e.g. `Nhà văn hoá khu phố 3`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub place: Option<String>,
    /// Dossiers submitted with help, by service.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub by_service: Vec<ServiceCount>,
}

/// A training of team members (tập huấn thành viên tổ công nghệ số).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MemberTraining {
    /// Empty: a new id made on the device.
    pub training_id: String,
    pub held_on: NaiveDate,
    /// The members trained (`person_id`s of the team's members).
    pub members: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub topic: Option<String>,
}

/// The kind of an entry of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum EntryKind {
    /// A [`GuidanceSession`].
    Session,
    /// A [`MemberTraining`].
    Training,
    /// Communication work on a plan task (tuyên truyền): a
    /// [`crate::model::task::Activity`].
    Outreach,
    /// A team member: a [`crate::model::records::StaffMember`] of role
    /// `community_team`.
    Member,
}

impl EntryKind {
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Session,
        EntryKind::Training,
        EntryKind::Outreach,
        EntryKind::Member,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Session => "session",
            EntryKind::Training => "training",
            EntryKind::Outreach => "outreach",
            EntryKind::Member => "member",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The version of an entry: a hybrid logical clock (wall-clock
/// milliseconds, then a counter) and the device that wrote it. Versions are
/// ordered by `(wall, counter, device)`; the greatest wins a merge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Version {
    /// Milliseconds since 1970 (UTC) of the hybrid logical clock.
    pub wall: i64,
    /// Logical counter within the same `wall`.
    pub counter: u32,
    /// Id of the device that wrote this version.
    pub device: String,
}

/// One entry of a sync bundle: its latest version, or its tombstone.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleEntry {
    pub id: String,
    pub kind: EntryKind,
    pub version: Version,
    /// A tombstone: the entry was deleted (no `body`).
    #[serde(default)]
    pub deleted: bool,
    /// The record (a [`GuidanceSession`], [`MemberTraining`], `Activity`
    /// or `StaffMember` by `kind`); absent for a tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Box<serde_json::value::RawValue>>,
}

impl PartialEq for BundleEntry {
    fn eq(&self, o: &Self) -> bool {
        (&self.id, self.kind, &self.version, self.deleted) == (&o.id, o.kind, &o.version, o.deleted)
            && self.body.as_ref().map(|b| b.get()) == o.body.as_ref().map(|b| b.get())
    }
}

/// `dvctt/sync-bundle@1`: what a device and the server exchange. Merging a
/// bundle keeps, for each entry id, the version with the greatest
/// [`Version`], so bundles can be merged in any order, any number of times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncBundle {
    /// Always [`SYNC_BUNDLE_SCHEMA`].
    pub schema: String,
    /// The device (or server) that exported it.
    pub device: String,
    /// The commune the entries belong to, if the exporter knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// An incremental bundle: it holds the entries the exporter changed
    /// (logged, edited, deleted or merged) after its change number `since`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
    /// The exporter's change number when it exported (set with `since`):
    /// once the receiver has merged the bundle, the next incremental export
    /// to it starts after this number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upto: Option<u64>,
    pub entries: Vec<BundleEntry>,
}

/// An incremental sync bundle and the change number to export from next
/// time, once the receiver has merged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BundleExport {
    /// The bundle (`dvctt/sync-bundle@1` JSON, with `since` and `upto`).
    pub json: String,
    /// Its `upto`: pass it as `since` to the next export to the same receiver.
    pub upto: u64,
    /// Entries in the bundle.
    pub entries: u64,
}

/// What merging a bundle did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MergeSummary {
    /// Entries in the bundle.
    pub received: u64,
    /// Entries new to this store, or newer than its version (kept).
    pub applied: u64,
    /// Entries this store already had in this or a newer version.
    pub unchanged: u64,
}

/// A report waiting in (or sent from) the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxItem {
    /// The report's id (`TeamReport::id`).
    pub id: String,
    pub period: String,
    /// The report as canonical JSON, as it will be sent.
    pub report_json: String,
    /// When it was queued.
    pub queued_at: Timestamp,
    /// When it was sent; absent while waiting for a network.
    pub sent_at: Option<Timestamp>,
    /// The server's receipt (số tiếp nhận), once sent.
    pub receipt: Option<String>,
}

/// The team's own figures for a period, computed by the same engine as
/// everywhere from the log: people guided, sessions held (events among
/// them), members trained; and the commune's targets judged on them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamIndicators {
    pub commune: String,
    pub period: String,
    /// Guidance sessions held in the period.
    pub sessions_held: u64,
    /// Dossiers submitted online with the team's help in the period.
    pub dossiers_helped: u64,
    /// `people_guided` (count) for the commune.
    pub people_guided: IndicatorResult,
    /// `events_held` (count) for the commune.
    pub events_held: IndicatorResult,
    /// `trained_community_team_coverage`: members trained within the
    /// reporting year ÷ members (no data without members).
    pub members_trained: IndicatorResult,
    /// The targets of the commune's plan slice, judged on the log (a target
    /// the log cannot compute, e.g. one on dossiers, says why).
    pub targets: Vec<TargetEvaluation>,
}

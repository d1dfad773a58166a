//! The field app's store as one object: `Store.open(path)` in Kotlin and
//! Swift (closeable: `use {}` / `close()` frees it), `dvctt::api::Store` in
//! Rust. Each method is one operation of the team's workflow (the README's
//! API table lists them); the work is done in [`crate::store`].

use std::sync::{Arc, Mutex, MutexGuard};

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::time::Timestamp;
use crate::model::plan::Plan;
use crate::model::records::StaffMember;
use crate::model::report::{Finding, TeamReport};
use crate::model::task::Activity;
use crate::store::{
    self, BundleExport, GuidanceSession, MemberTraining, MergeSummary, OutboxItem, TeamIndicators,
};

/// A community digital team's local store (one SQLite file): the commune's
/// plan slice, the activity log, drafts, the outbox, sync bundles. Safe to
/// share between threads (calls are serialised).
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[derive(Debug)]
pub struct Store {
    inner: Mutex<store::Store>,
}

fn period_arg(period: Option<String>) -> Result<Option<Period>> {
    period.map(|p| p.parse()).transpose()
}

fn one<T>(mut v: Vec<T>) -> Result<T> {
    v.pop()
        .ok_or_else(|| DvcttError::data("$", "nothing was stored"))
}

impl Store {
    fn lock(&self) -> Result<MutexGuard<'_, store::Store>> {
        self.inner.lock().map_err(|_| DvcttError::Io {
            path: "store".into(),
            detail: "an earlier call failed while holding the store; reopen it".into(),
        })
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Store {
    /// Opens (creating if needed) the store at `path`, migrating its schema.
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn open(path: String) -> Result<Arc<Store>> {
        Ok(Arc::new(Store {
            inner: Mutex::new(store::Store::open(&path)?),
        }))
    }

    /// This device's id, made on first open.
    pub fn device_id(&self) -> Result<String> {
        Ok(self.lock()?.device().to_string())
    }

    /// Keeps the commune's slice of a plan (its targets, measured on the
    /// commune, and its tasks) and the team's name; returns the slice.
    pub fn load_plan_slice(
        &self,
        plan: Plan,
        commune: String,
        team: Option<String>,
    ) -> Result<Plan> {
        self.lock()?
            .load_plan_slice(&plan, &commune, team.as_deref())
    }

    /// The plan slice loaded, if any.
    pub fn plan_slice(&self) -> Result<Option<Plan>> {
        Ok(self.lock()?.slice()?.map(|(p, _, _)| p))
    }

    /// Logs a guidance session, or edits it when its id is known; returns it
    /// as stored (with its id and commune).
    pub fn log_session(&self, session: GuidanceSession) -> Result<GuidanceSession> {
        one(self.lock()?.put_sessions(vec![session])?)
    }

    /// Logs (or edits) several sessions in one transaction.
    pub fn log_sessions(&self, sessions: Vec<GuidanceSession>) -> Result<Vec<GuidanceSession>> {
        self.lock()?.put_sessions(sessions)
    }

    /// Logs (or edits) a training of team members.
    pub fn log_training(&self, training: MemberTraining) -> Result<MemberTraining> {
        one(self.lock()?.put_trainings(vec![training])?)
    }

    /// Logs (or edits) communication work on a task of the plan slice.
    pub fn log_outreach(&self, activity: Activity) -> Result<Activity> {
        one(self.lock()?.put_outreach(vec![activity])?)
    }

    /// Adds (or edits) a team member.
    pub fn put_member(&self, member: StaffMember) -> Result<StaffMember> {
        one(self.lock()?.put_members(vec![member])?)
    }

    /// Deletes an entry of the log (a tombstone that syncs).
    pub fn delete_entry(&self, id: String) -> Result<()> {
        self.lock()?.delete_entry(&id)
    }

    /// Guidance sessions held in `period` (all when absent), by date.
    pub fn sessions(&self, period: Option<String>) -> Result<Vec<GuidanceSession>> {
        let p = period_arg(period)?;
        self.lock()?.sessions(p.as_ref())
    }

    /// Trainings held in `period` (all when absent), by date.
    pub fn trainings(&self, period: Option<String>) -> Result<Vec<MemberTraining>> {
        let p = period_arg(period)?;
        self.lock()?.trainings(p.as_ref())
    }

    /// Communication work in `period` (all when absent), by date.
    pub fn outreach(&self, period: Option<String>) -> Result<Vec<Activity>> {
        let p = period_arg(period)?;
        self.lock()?.outreach(p.as_ref())
    }

    /// The team's members.
    pub fn members(&self) -> Result<Vec<StaffMember>> {
        self.lock()?.members()
    }

    /// The team's indicators for a period, by the engine, and the slice's
    /// targets judged on the log.
    pub fn team_indicators(&self, period: String) -> Result<TeamIndicators> {
        self.lock()?.team_indicators(&period)
    }

    /// The period's team report built from the log (`submitted_at`:
    /// default now, held in Vietnam time to the second).
    pub fn build_team_report(
        &self,
        period: String,
        submitted_at: Option<Timestamp>,
    ) -> Result<TeamReport> {
        self.lock()?.build_team_report(&period, submitted_at)
    }

    /// Validates a team report against the plan slice (vi/en messages).
    pub fn validate_team_report(
        &self,
        report: TeamReport,
        now: Option<Timestamp>,
    ) -> Result<Vec<Finding>> {
        self.lock()?.validate_team_report(&report, now)
    }

    /// Keeps the period's draft (replacing the previous one).
    pub fn save_draft(&self, report: TeamReport) -> Result<()> {
        self.lock()?.save_draft(&report)
    }

    /// The period's draft, if any.
    pub fn draft(&self, period: String) -> Result<Option<TeamReport>> {
        self.lock()?.draft(&period)
    }

    /// Validates the report and puts it in the outbox (refused with an
    /// error naming the first error finding).
    pub fn queue_report(&self, report: TeamReport, now: Option<Timestamp>) -> Result<OutboxItem> {
        self.lock()?.queue_report(report, now)
    }

    /// The outbox, oldest first; only unsent reports when `pending_only`.
    pub fn outbox(&self, pending_only: bool) -> Result<Vec<OutboxItem>> {
        self.lock()?.outbox(pending_only)
    }

    /// Marks a queued report sent with the server's receipt.
    pub fn mark_sent(
        &self,
        id: String,
        receipt: String,
        sent_at: Option<Timestamp>,
    ) -> Result<OutboxItem> {
        self.lock()?.mark_sent(&id, &receipt, sent_at)
    }

    /// The log as a sync bundle (`dvctt/sync-bundle@1` JSON), tombstones included.
    pub fn export_bundle(&self) -> Result<String> {
        self.lock()?.export_bundle_json()
    }

    /// The entries changed after change number `since` (0: all) as an
    /// incremental sync bundle, with the number to pass as `since` next
    /// time, once the receiver has merged this one.
    pub fn export_bundle_since(&self, since: u64) -> Result<BundleExport> {
        self.lock()?.export_bundle_since_json(since)
    }

    /// Merges a sync bundle (JSON) from another device or the server.
    pub fn import_bundle(&self, json: String) -> Result<MergeSummary> {
        self.lock()?.import_bundle_json(&json)
    }

    /// How far ahead of this device's clock a version in a merged bundle may
    /// lie (default one day, for this open store): a bundle with one further
    /// ahead is refused, the error naming the entry, so that one device with
    /// a wrong clock cannot drag every clock into the future.
    pub fn set_max_clock_drift(&self, drift: std::time::Duration) -> Result<()> {
        let ms = i64::try_from(drift.as_millis()).unwrap_or(i64::MAX);
        self.lock()?.set_max_clock_drift(ms);
        Ok(())
    }
}

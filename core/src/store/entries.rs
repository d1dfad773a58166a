//! The activity log: writing entries (each write a new version, in one
//! transaction), deleting them (tombstones) and reading them back.

use super::clock::Hlc;
use super::types::{EntryKind, GuidanceSession, MemberTraining, Version};
use super::{new_id, Store};
use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::model::logs::{OutreachKind, OutreachSession};
use crate::model::records::{StaffMember, StaffRole};
use crate::model::task::Activity;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A record the log keeps: its kind, id, date, and its own checks.
pub(crate) trait LogRecord: Serialize + DeserializeOwned {
    const KIND: EntryKind;
    /// Field holding the id, for messages.
    const ID_FIELD: &'static str;
    fn id(&self) -> &str;
    fn id_mut(&mut self) -> &mut String;
    /// The unit the record belongs to, if it names one.
    fn unit_mut(&mut self) -> Option<&mut String>;
    /// The unit field's path and value, if the record names a unit.
    fn unit(&self) -> Option<(&'static str, &str)>;
    fn day(&self) -> Option<NaiveDate>;
    /// The columns kept beside the JSON body.
    fn columns(&self) -> Columns {
        Columns {
            day: self.day().map(day_number),
            ..Default::default()
        }
    }
    /// Fills what can be derived (before `check`).
    fn fill(&mut self) {}
    /// Checks the record alone; errors are (path in the record, reason).
    fn check(&self) -> Option<(String, String)>;
}

/// What an entry keeps in columns beside its JSON body: its date, and a
/// session's figures (so that reports read no bodies).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Columns {
    pub day: Option<i64>,
    pub unit: Option<String>,
    pub sub_kind: Option<&'static str>,
    pub people: Option<i64>,
    pub dossiers: Option<i64>,
    pub members: Option<i64>,
}

/// Days since 0001-01-01, the store's date column.
pub(crate) fn day_number(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

impl LogRecord for GuidanceSession {
    const KIND: EntryKind = EntryKind::Session;
    const ID_FIELD: &'static str = "session.session_id";
    fn id(&self) -> &str {
        &self.session.session_id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.session.session_id
    }
    fn unit_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.session.unit_code)
    }
    fn unit(&self) -> Option<(&'static str, &str)> {
        Some(("session.unit_code", &self.session.unit_code))
    }
    fn day(&self) -> Option<NaiveDate> {
        Some(self.session.held_on)
    }
    fn columns(&self) -> Columns {
        let s = &self.session;
        Columns {
            day: Some(day_number(s.held_on)),
            unit: Some(s.unit_code.clone()),
            sub_kind: Some(s.kind.as_str()),
            people: Some(i64::from(s.people_guided)),
            dossiers: s.dossiers_helped.map(i64::from),
            members: s.members.map(i64::from),
        }
    }
    fn fill(&mut self) {
        if self.session.dossiers_helped.is_none() && !self.by_service.is_empty() {
            let sum: u64 = self.by_service.iter().map(|s| u64::from(s.dossiers)).sum();
            self.session.dossiers_helped = Some(u32::try_from(sum).unwrap_or(u32::MAX));
        }
    }
    fn check(&self) -> Option<(String, String)> {
        let helped: u64 = self.by_service.iter().map(|s| u64::from(s.dossiers)).sum();
        if let Some(i) = self
            .by_service
            .iter()
            .position(|s| s.service.trim().is_empty())
        {
            return Some((format!("by_service[{i}].service"), "empty".into()));
        }
        match self.session.dossiers_helped {
            Some(d) if !self.by_service.is_empty() && u64::from(d) != helped => Some((
                "session.dossiers_helped".into(),
                format!("{d} is not the sum of by_service ({helped})"),
            )),
            _ => None,
        }
    }
}

impl LogRecord for MemberTraining {
    const KIND: EntryKind = EntryKind::Training;
    const ID_FIELD: &'static str = "training_id";
    fn id(&self) -> &str {
        &self.training_id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.training_id
    }
    fn unit_mut(&mut self) -> Option<&mut String> {
        None
    }
    fn unit(&self) -> Option<(&'static str, &str)> {
        None
    }
    fn day(&self) -> Option<NaiveDate> {
        Some(self.held_on)
    }
    fn check(&self) -> Option<(String, String)> {
        if self.members.is_empty() {
            return Some(("members".into(), "no member trained".into()));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, m) in self.members.iter().enumerate() {
            if m.trim().is_empty() {
                return Some((format!("members[{i}]"), "empty".into()));
            }
            if !seen.insert(m) {
                return Some((format!("members[{i}]"), format!("`{m}` listed twice")));
            }
        }
        None
    }
}

impl LogRecord for Activity {
    const KIND: EntryKind = EntryKind::Outreach;
    const ID_FIELD: &'static str = "activity_id";
    fn id(&self) -> &str {
        &self.activity_id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.activity_id
    }
    fn unit_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.unit_code)
    }
    fn unit(&self) -> Option<(&'static str, &str)> {
        Some(("unit_code", &self.unit_code))
    }
    fn day(&self) -> Option<NaiveDate> {
        Some(self.date)
    }
    fn check(&self) -> Option<(String, String)> {
        self.task_id
            .trim()
            .is_empty()
            .then(|| ("task_id".into(), "empty".into()))
    }
}

impl LogRecord for StaffMember {
    const KIND: EntryKind = EntryKind::Member;
    const ID_FIELD: &'static str = "person_id";
    fn id(&self) -> &str {
        &self.person_id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.person_id
    }
    fn unit_mut(&mut self) -> Option<&mut String> {
        Some(&mut self.unit_code)
    }
    fn unit(&self) -> Option<(&'static str, &str)> {
        Some(("unit_code", &self.unit_code))
    }
    fn day(&self) -> Option<NaiveDate> {
        None
    }
    fn fill(&mut self) {
        self.role.get_or_insert(StaffRole::CommunityTeam);
    }
    fn check(&self) -> Option<(String, String)> {
        match self.role {
            Some(StaffRole::CommunityTeam) | None => None,
            Some(r) => Some((
                "role".into(),
                format!("a team member has role community_team, not {}", r.as_str()),
            )),
        }
    }
}

/// Sessions of one kind summed: how many, people guided, dossiers helped.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct SessionTotals {
    pub sessions: i64,
    pub people: i64,
    pub dossiers: i64,
}

/// An entry's current state as stored.
pub(crate) struct Stored {
    pub kind: String,
    pub version: Version,
    pub deleted: bool,
}

pub(crate) fn stored(tx: &rusqlite::Connection, id: &str) -> rusqlite::Result<Option<Stored>> {
    tx.prepare_cached("SELECT kind, wall, counter, device, deleted FROM entries WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Stored {
                kind: r.get(0)?,
                version: Version {
                    wall: r.get(1)?,
                    counter: r.get(2)?,
                    device: r.get(3)?,
                },
                deleted: r.get(4)?,
            })
        })
        .optional()
}

/// The upsert of an entry: `UPSERT_WHEN` below decides whether a stored
/// entry is replaced.
/// The upsert of an entry; every write takes the next change number
/// (`seq`, `?14`, counted by [`Writer`]).
macro_rules! upsert_sql {
    () => {
        "INSERT INTO entries (id, kind, day, wall, counter, device, deleted, body,
           unit, sub_kind, people, dossiers, members, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, day = excluded.day,
           wall = excluded.wall, counter = excluded.counter, device = excluded.device,
           deleted = excluded.deleted, body = excluded.body, unit = excluded.unit,
           sub_kind = excluded.sub_kind, people = excluded.people,
           dossiers = excluded.dossiers, members = excluded.members, seq = excluded.seq"
    };
}

/// A local write replaces the stored entry.
const UPSERT: &str = upsert_sql!();

/// A merged entry replaces the stored one only if it is greater in
/// `(version, deleted, body)` — the merge order (see `sync`): integers
/// and texts (binary collation, the bytes) compare as in Rust, and a
/// tombstone's missing body is only reached when both are tombstones of the
/// same version, which are equal (the comparison is then null: not greater).
const MERGE_UPSERT: &str = concat!(
    upsert_sql!(),
    " WHERE (excluded.wall, excluded.counter, excluded.device, excluded.deleted, excluded.body)
       > (entries.wall, entries.counter, entries.device, entries.deleted, entries.body)"
);

/// Writes entries within one transaction: one prepared statement for all,
/// and the change numbers counted on from the greatest stored.
pub(crate) struct Writer<'t> {
    stmt: rusqlite::CachedStatement<'t>,
    seq: i64,
}

impl<'t> Writer<'t> {
    /// Local writes: each replaces the stored entry.
    pub fn local(tx: &'t rusqlite::Connection) -> rusqlite::Result<Writer<'t>> {
        Writer::new(tx, UPSERT)
    }

    /// Merged entries: each replaces the stored one only if it wins, in one
    /// statement (one look-up of the id).
    pub fn merging(tx: &'t rusqlite::Connection) -> rusqlite::Result<Writer<'t>> {
        Writer::new(tx, MERGE_UPSERT)
    }

    fn new(tx: &'t rusqlite::Connection, sql: &str) -> rusqlite::Result<Writer<'t>> {
        let seq = tx.query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |r| {
            r.get(0)
        })?;
        Ok(Writer {
            stmt: tx.prepare_cached(sql)?,
            seq,
        })
    }

    /// Writes an entry's version; whether it was written.
    pub fn put(
        &mut self,
        id: &str,
        kind: EntryKind,
        cols: &Columns,
        v: &Version,
        body: Option<&str>,
    ) -> rusqlite::Result<bool> {
        let n = self.stmt.execute(params![
            id,
            kind.as_str(),
            cols.day,
            v.wall,
            v.counter,
            v.device,
            body.is_none(),
            body,
            cols.unit,
            cols.sub_kind,
            cols.people,
            cols.dossiers,
            cols.members,
            self.seq + 1
        ])?;
        if n == 1 {
            self.seq += 1;
        }
        Ok(n == 1)
    }
}

impl Store {
    /// The commune of the loaded plan slice, if any.
    pub fn commune(&self) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT commune FROM plan_slice WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.err())
    }

    /// The next version of a local write.
    fn next_version(&mut self) -> Version {
        let now = (self.wall)();
        self.hlc = self.hlc.tick(now);
        Version {
            wall: self.hlc.wall,
            counter: self.hlc.counter,
            device: self.device.clone(),
        }
    }

    /// Logs (or, with the id of an existing entry, edits) records in one
    /// transaction: each gets a new version; an empty id gets a new one and
    /// an empty unit the store's commune. Returns the records as stored.
    pub(crate) fn put_all<T: LogRecord>(&mut self, mut records: Vec<T>) -> Result<Vec<T>> {
        let commune = self.commune()?;
        let single = records.len() == 1;
        for (i, r) in records.iter_mut().enumerate() {
            let at = |field: &str| {
                if single {
                    field.to_string()
                } else {
                    format!("[{i}].{field}")
                }
            };
            if r.id().trim().is_empty() {
                *r.id_mut() = new_id();
            }
            if let Some(unit) = r.unit_mut() {
                match (&commune, unit.trim().is_empty()) {
                    (Some(c), true) => *unit = c.clone(),
                    (None, true) => {
                        return Err(DvcttError::data(
                            at("unit_code"),
                            "empty, and no plan slice names the commune",
                        ))
                    }
                    (Some(c), false) if unit != c => {
                        return Err(DvcttError::data(
                            at("unit_code"),
                            format!("`{unit}` is not this store's commune `{c}`"),
                        ))
                    }
                    _ => {}
                }
            }
            r.fill();
            if let Some((field, reason)) = r.check() {
                return Err(DvcttError::data(at(&field), reason));
            }
        }
        let path = self.path.clone();
        let err = super::db_err(&path);
        let tx = self.conn.transaction().map_err(&err)?;
        let mut hlc = self.hlc;
        let mut w = Writer::local(&tx).map_err(&err)?;
        for r in &records {
            if let Some(s) = stored(&tx, r.id()).map_err(&err)? {
                if s.kind != T::KIND.as_str() {
                    return Err(DvcttError::data(
                        T::ID_FIELD,
                        format!("`{}` is an entry of kind {}", r.id(), s.kind),
                    ));
                }
                if s.deleted {
                    return Err(DvcttError::data(
                        T::ID_FIELD,
                        format!("`{}` was deleted", r.id()),
                    ));
                }
            }
            hlc = hlc.tick((self.wall)());
            let v = Version {
                wall: hlc.wall,
                counter: hlc.counter,
                device: self.device.clone(),
            };
            let body = serde_json::to_string(r)
                .map_err(|e| DvcttError::data(T::ID_FIELD, e.to_string()))?;
            w.put(r.id(), T::KIND, &r.columns(), &v, Some(&body))
                .map_err(&err)?;
        }
        drop(w);
        hlc.save(&tx).map_err(&err)?;
        tx.commit().map_err(&err)?;
        self.hlc = hlc;
        Ok(records)
    }

    /// Deletes an entry: its tombstone is a new version, so the delete
    /// reaches every device at the next sync. An unknown id is an error.
    pub fn delete_entry(&mut self, id: &str) -> Result<()> {
        let path = self.path.clone();
        let err = super::db_err(&path);
        let v = self.next_version();
        let tx = self.conn.transaction().map_err(&err)?;
        let Some(s) = stored(&tx, id).map_err(&err)? else {
            return Err(DvcttError::data("id", format!("no entry `{id}`")));
        };
        if s.deleted {
            return Err(DvcttError::data("id", format!("`{id}` is already deleted")));
        }
        let kind = EntryKind::parse(&s.kind).ok_or_else(|| DvcttError::Io {
            path: path.clone(),
            detail: format!("store: entry `{id}` has an unknown kind `{}`", s.kind),
        })?;
        Writer::local(&tx)
            .and_then(|mut w| w.put(id, kind, &Columns::default(), &v, None))
            .map_err(&err)?;
        Hlc {
            wall: v.wall,
            counter: v.counter,
        }
        .save(&tx)
        .map_err(&err)?;
        tx.commit().map_err(&err)
    }

    /// The current records of a kind, dated in `period` when given, by
    /// date then id.
    pub(crate) fn list<T: LogRecord>(&self, period: Option<&Period>) -> Result<Vec<T>> {
        let (from, to) = period.map_or((i64::MIN, i64::MAX), |p| {
            (day_number(p.start()), day_number(p.end()))
        });
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, body FROM entries WHERE kind = ?1 AND deleted = 0
                 AND (?2 OR day BETWEEN ?3 AND ?4) ORDER BY day, id",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![T::KIND.as_str(), period.is_none(), from, to], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body) = row.map_err(self.err())?;
            out.push(serde_json::from_str(&body).map_err(|e| DvcttError::Io {
                path: self.path.clone(),
                detail: format!("store: entry `{id}` cannot be read: {e}"),
            })?);
        }
        Ok(out)
    }

    /// The guidance sessions dated in `period`, as outreach records read
    /// from their columns (no body decoded), by date then id.
    pub(crate) fn session_rows(&self, period: &Period) -> Result<Vec<OutreachSession>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, unit, day, sub_kind, people, dossiers, members FROM entries
                 WHERE kind = 'session' AND deleted = 0 AND day BETWEEN ?1 AND ?2
                 ORDER BY day, id",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(
                params![day_number(period.start()), day_number(period.end())],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<i64>>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, Option<i64>>(6)?,
                    ))
                },
            )
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (id, unit, day, kind, people, dossiers, members) = row.map_err(self.err())?;
            let corrupt = |what: &str| DvcttError::Io {
                path: self.path.clone(),
                detail: format!("store: session `{id}`: {what}"),
            };
            let count = |v: Option<i64>| v.and_then(|n| u32::try_from(n).ok());
            out.push(OutreachSession {
                held_on: i32::try_from(day)
                    .ok()
                    .and_then(NaiveDate::from_num_days_from_ce_opt)
                    .ok_or_else(|| corrupt("bad day"))?,
                kind: kind
                    .as_deref()
                    .and_then(|k| OutreachKind::ALL.into_iter().find(|x| x.as_str() == k))
                    .ok_or_else(|| corrupt("bad kind"))?,
                unit_code: unit.ok_or_else(|| corrupt("no unit"))?,
                people_guided: count(people).ok_or_else(|| corrupt("bad people_guided"))?,
                dossiers_helped: count(dossiers),
                members: count(members),
                session_id: id,
            });
        }
        Ok(out)
    }

    /// The sessions held in `period`, summed by kind: (sessions, people
    /// guided, dossiers submitted with help). Reads the covering index
    /// only, and allocates nothing per session.
    pub(crate) fn session_totals(
        &self,
        period: &Period,
    ) -> Result<Vec<(OutreachKind, SessionTotals)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sub_kind, people, dossiers FROM entries
                 WHERE kind = 'session' AND deleted = 0 AND day BETWEEN ?1 AND ?2",
            )
            .map_err(self.err())?;
        let mut rows = stmt
            .query(params![
                day_number(period.start()),
                day_number(period.end())
            ])
            .map_err(self.err())?;
        let mut totals = [SessionTotals::default(); OutreachKind::ALL.len()];
        while let Some(r) = rows.next().map_err(self.err())? {
            let kind = r
                .get_ref(0)
                .map_err(self.err())?
                .as_str_or_null()
                .ok()
                .flatten();
            let k = kind
                .and_then(|k| OutreachKind::ALL.iter().position(|x| x.as_str() == k))
                .ok_or_else(|| DvcttError::Io {
                    path: self.path.clone(),
                    detail: format!("store: a session of kind {kind:?}, unknown"),
                })?;
            let people: Option<i64> = r.get(1).map_err(self.err())?;
            let dossiers: Option<i64> = r.get(2).map_err(self.err())?;
            let t = &mut totals[k];
            t.sessions += 1;
            t.people = t.people.saturating_add(people.unwrap_or(0));
            t.dossiers = t.dossiers.saturating_add(dossiers.unwrap_or(0));
        }
        Ok(OutreachKind::ALL.into_iter().zip(totals).collect())
    }

    /// The version of an entry and whether it is deleted (`None`: unknown).
    pub fn entry_version(&self, id: &str) -> Result<Option<(Version, bool)>> {
        Ok(stored(&self.conn, id)
            .map_err(self.err())?
            .map(|s| (s.version, s.deleted)))
    }
}

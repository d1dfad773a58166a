//! Sync bundles (`dvctt/sync-bundle@1`): export every entry's current
//! version (tombstones included) and merge a bundle into the store. Merge
//! keeps, per entry id, the greatest `(version, deleted, body)`: a
//! deterministic winner, so merging is a union that commutes, associates and
//! can be repeated (each device and the server converge to the same log).
//! The comparison is made by SQLite in the write itself
//! (`entries::Writer::merging`), one look-up per entry.

use super::clock::Hlc;
use super::entries::{Columns, LogRecord, Writer};
use super::types::{
    BundleEntry, BundleExport, EntryKind, GuidanceSession, MemberTraining, MergeSummary,
    SyncBundle, SYNC_BUNDLE_SCHEMA,
};
use super::{db_err, Store};
use crate::base::error::{json_path, DvcttError, Result};
use crate::model::records::StaffMember;
use crate::model::task::Activity;

/// An entry of a bundle, checked: its canonical body and columns.
struct Incoming<'a> {
    entry: &'a BundleEntry,
    body: Option<String>,
    cols: Columns,
}

fn decode<T: LogRecord>(
    id: &str,
    value: &serde_json::value::RawValue,
    commune: Option<&str>,
) -> Result<(String, Columns), (String, String)> {
    let r: T = match serde_json::from_str(value.get()) {
        Ok(r) => r,
        // Decoded again, tracking the path, only to name where it fails.
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(value.get());
            serde_path_to_error::deserialize(&mut de)
                .map_err(|e| (json_path(e.path()), e.inner().to_string()))?
        }
    };
    if r.id() != id {
        return Err((
            T::ID_FIELD.to_string(),
            format!("`{}` is not the entry's id `{id}`", r.id()),
        ));
    }
    if let (Some(c), Some((field, unit))) = (commune, r.unit()) {
        if unit != c {
            return Err((
                field.to_string(),
                format!("`{unit}` is not this store's commune `{c}`"),
            ));
        }
    }
    if let Some(problem) = r.check() {
        return Err(problem);
    }
    let body = serde_json::to_string(&r).map_err(|e| ("$".to_string(), e.to_string()))?;
    Ok((body, r.columns()))
}

/// The wall-clock milliseconds as an RFC 3339 instant (UTC), for messages.
fn wall_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(
        || format!("{ms} ms"),
        |t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    )
}

/// How far a merged version may lie ahead of this device's clock.
#[derive(Clone, Copy)]
struct Horizon {
    now: i64,
    max_drift: i64,
}

impl Horizon {
    fn check(self, i: usize, e: &BundleEntry) -> Result<()> {
        let ahead = e.version.wall.saturating_sub(self.now);
        if ahead <= self.max_drift {
            return Ok(());
        }
        Err(DvcttError::data(
            format!("entries[{i}].version.wall"),
            format!(
                "entry `{}` (device `{}`) has a version at {}, {:.1} hours ahead of this device's clock ({}); at most {:.1} hours are accepted: one of the two clocks is wrong — set it right and export again (the bundle was not merged)",
                e.id,
                e.version.device,
                wall_text(e.version.wall),
                ahead as f64 / 3_600_000.0,
                wall_text(self.now),
                self.max_drift as f64 / 3_600_000.0,
            ),
        ))
    }
}

fn check_entry<'a>(
    i: usize,
    e: &'a BundleEntry,
    commune: Option<&str>,
    horizon: Horizon,
) -> Result<Incoming<'a>> {
    let at = |f: &str| format!("entries[{i}].{f}");
    if e.id.trim().is_empty() {
        return Err(DvcttError::data(at("id"), "empty"));
    }
    if e.version.device.trim().is_empty() {
        return Err(DvcttError::data(at("version.device"), "empty"));
    }
    horizon.check(i, e)?;
    let (body, cols) = match (&e.body, e.deleted) {
        (None, true) => (None, Columns::default()),
        (Some(_), true) => return Err(DvcttError::data(at("body"), "a deleted entry has no body")),
        (None, false) => return Err(DvcttError::data(at("body"), "missing")),
        (Some(v), false) => {
            let decoded = match e.kind {
                EntryKind::Session => decode::<GuidanceSession>(&e.id, v, commune),
                EntryKind::Training => decode::<MemberTraining>(&e.id, v, commune),
                EntryKind::Outreach => decode::<Activity>(&e.id, v, commune),
                EntryKind::Member => decode::<StaffMember>(&e.id, v, commune),
            };
            let (body, cols) = decoded.map_err(|(path, reason)| {
                let path = if path == "$" {
                    String::new()
                } else {
                    format!(".{path}")
                };
                DvcttError::data(format!("entries[{i}].body{path}"), reason)
            })?;
            (Some(body), cols)
        }
    };
    Ok(Incoming {
        entry: e,
        body,
        cols,
    })
}

/// Reads a bundle from JSON text; errors name the JSON path.
pub fn parse_bundle(json: &str) -> Result<SyncBundle> {
    let b: SyncBundle = match serde_json::from_str(json) {
        Ok(b) => b,
        // Read again, tracking the path, only to name where it fails.
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(json);
            serde_path_to_error::deserialize(&mut de)
                .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?
        }
    };
    if b.schema != SYNC_BUNDLE_SCHEMA {
        return Err(DvcttError::data(
            "schema",
            format!("expected \"{SYNC_BUNDLE_SCHEMA}\", found \"{}\"", b.schema),
        ));
    }
    Ok(b)
}

impl Store {
    /// Every entry's current version, tombstones included, by id.
    pub fn export_bundle(&self) -> Result<SyncBundle> {
        self.export_entries(None)
    }

    /// The entries changed (logged, edited, deleted, merged) after change
    /// number `since` (0: all), with `since` and `upto` set; the receiver
    /// merges it like a full bundle.
    pub fn export_bundle_since(&self, since: u64) -> Result<SyncBundle> {
        self.export_entries(Some(since))
    }

    /// [`Store::export_bundle_since`] as JSON, with its `upto`.
    pub fn export_bundle_since_json(&self, since: u64) -> Result<BundleExport> {
        let b = self.export_bundle_since(since)?;
        Ok(BundleExport {
            json: serde_json::to_string(&b).map_err(|e| DvcttError::data("$", e.to_string()))?,
            upto: b.upto.unwrap_or(since),
            entries: b.entries.len() as u64,
        })
    }

    fn export_entries(&self, since: Option<u64>) -> Result<SyncBundle> {
        // One read transaction: the entries and `upto` agree.
        let tx = self.conn.unchecked_transaction().map_err(self.err())?;
        let upto: i64 = tx
            .query_row("SELECT coalesce(max(seq), 0) FROM entries", [], |r| {
                r.get(0)
            })
            .map_err(self.err())?;
        let mut stmt = tx
            .prepare(
                "SELECT id, kind, wall, counter, device, deleted, body FROM entries
                 WHERE seq > ?1 ORDER BY id",
            )
            .map_err(self.err())?;
        let after = i64::try_from(since.unwrap_or(0)).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map([after], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    super::Version {
                        wall: r.get(2)?,
                        counter: r.get(3)?,
                        device: r.get(4)?,
                    },
                    r.get::<_, bool>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(self.err())?;
        let mut entries = Vec::new();
        for row in rows {
            let (id, kind, version, deleted, body) = row.map_err(self.err())?;
            let corrupt = |d: String| DvcttError::Io {
                path: self.path.clone(),
                detail: format!("store: entry `{id}`: {d}"),
            };
            let kind =
                EntryKind::parse(&kind).ok_or_else(|| corrupt(format!("unknown kind {kind}")))?;
            let body = body
                .map(|b| {
                    serde_json::value::RawValue::from_string(b).map_err(|e| corrupt(e.to_string()))
                })
                .transpose()?;
            entries.push(BundleEntry {
                id,
                kind,
                version,
                deleted,
                body,
            });
        }
        drop(stmt);
        tx.finish().map_err(self.err())?;
        Ok(SyncBundle {
            schema: SYNC_BUNDLE_SCHEMA.into(),
            device: self.device.clone(),
            commune: self.commune()?,
            since,
            upto: since.map(|_| u64::try_from(upto).unwrap_or(0)),
            entries,
        })
    }

    /// [`Store::export_bundle`] as JSON text.
    pub fn export_bundle_json(&self) -> Result<String> {
        serde_json::to_string(&self.export_bundle()?)
            .map_err(|e| DvcttError::data("$", e.to_string()))
    }

    /// Merges a bundle given as JSON text (see [`Store::merge_bundle`]).
    pub fn import_bundle_json(&mut self, json: &str) -> Result<MergeSummary> {
        let b = parse_bundle(json)?;
        self.merge_bundle(&b)
    }

    /// Merges a bundle: every entry is checked first (an error names
    /// `entries[i]…` and nothing is written), then, in one transaction, each
    /// entry the store does not have in this or a greater version is kept.
    /// The clock moves past every version seen; a bundle with a version
    /// further ahead of this device's clock than the allowed drift
    /// ([`Store::set_max_clock_drift`], one day by default) is refused, the
    /// error naming the entry.
    pub fn merge_bundle(&mut self, b: &SyncBundle) -> Result<MergeSummary> {
        if b.schema != SYNC_BUNDLE_SCHEMA {
            return Err(DvcttError::data(
                "schema",
                format!("expected \"{SYNC_BUNDLE_SCHEMA}\", found \"{}\"", b.schema),
            ));
        }
        let commune = self.commune()?;
        if let (Some(theirs), Some(ours)) = (&b.commune, &commune) {
            if theirs != ours {
                return Err(DvcttError::data(
                    "commune",
                    format!("the bundle is for commune `{theirs}`, this store for `{ours}`"),
                ));
            }
        }
        let horizon = Horizon {
            now: (self.wall)(),
            max_drift: self.max_drift_ms,
        };
        let incoming = b
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| check_entry(i, e, commune.as_deref(), horizon))
            .collect::<Result<Vec<_>>>()?;
        let path = self.path.clone();
        let err = db_err(&path);
        let tx = self.conn.transaction().map_err(&err)?;
        let mut summary = MergeSummary {
            received: incoming.len() as u64,
            ..Default::default()
        };
        let mut hlc = self.hlc;
        let mut w = Writer::merging(&tx).map_err(&err)?;
        for inc in &incoming {
            let e = inc.entry;
            hlc = hlc.observe(Hlc {
                wall: e.version.wall,
                counter: e.version.counter,
            });
            let body = inc.body.as_deref();
            if w.put(&e.id, e.kind, &inc.cols, &e.version, body)
                .map_err(&err)?
            {
                summary.applied += 1;
            } else {
                summary.unchanged += 1;
            }
        }
        drop(w);
        hlc.save(&tx).map_err(&err)?;
        tx.commit().map_err(&err)?;
        self.hlc = hlc;
        Ok(summary)
    }
}

//! The field app's local store (feature `store`): a community digital
//! team's (Tổ công nghệ số cộng đồng) offline work on one SQLite file — the
//! commune's slice of a plan, the activity log, report drafts and the
//! outbox — and the sync that merges what several devices and the server
//! hold without losing an entry.
//!
//! - **SQLite** through rusqlite (bundled), in WAL mode with
//!   `synchronous=FULL`; the schema is versioned (`PRAGMA user_version`,
//!   [`schema`]) and every write is one transaction, so a process killed
//!   mid-write leaves the last committed state.
//! - **Entries** (sessions, trainings, outreach, members) carry ids made on
//!   the device (UUIDv7) and a [`Version`]: a hybrid logical clock
//!   ([`clock`]) and the device id. An edit writes a new version; a delete
//!   writes a tombstone. Merging ([`sync`]) keeps per entry the greatest
//!   version, a deterministic winner, so merges commute and repeat safely.
//! - **The workflow** ([`team`], [`outbox`]): the team's indicators from the
//!   log by the engine, the period's team report, its validation, the queue.

mod clock;
mod entries;
mod outbox;
pub mod schema;
mod sync;
mod team;
mod types;

pub use types::{
    BundleEntry, BundleExport, EntryKind, GuidanceSession, MemberTraining, MergeSummary,
    OutboxItem, ServiceCount, SyncBundle, TeamIndicators, Version, SYNC_BUNDLE_SCHEMA,
};

use crate::base::error::{DvcttError, Result};
use clock::Hlc;
use rusqlite::{Connection, OptionalExtension};

/// A source of wall-clock milliseconds (the system clock unless a test sets one).
pub type WallClock = Box<dyn FnMut() -> i64 + Send>;

/// An open store. Not `Sync`: the API wraps it in a mutex.
pub struct Store {
    conn: Connection,
    path: String,
    device: String,
    hlc: Hlc,
    wall: WallClock,
    max_drift_ms: i64,
}

/// How far ahead of this device's clock a merged version may lie (one day)
/// unless [`Store::set_max_clock_drift`] says otherwise.
pub const DEFAULT_MAX_CLOCK_DRIFT_MS: i64 = 86_400_000;

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

/// A SQLite failure, as an `Io` error on the store's file.
pub(crate) fn db_err(path: &str) -> impl Fn(rusqlite::Error) -> DvcttError + '_ {
    move |e| DvcttError::Io {
        path: path.to_string(),
        detail: format!("store: {e}"),
    }
}

/// A new id made on this device: a UUIDv7 (time-ordered, random).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn system_wall() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Store {
    /// Opens (creating if needed) the store at `path`, migrating its schema.
    /// The device id is made on first open and kept.
    pub fn open(path: &str) -> Result<Store> {
        let err = db_err(path);
        let mut conn = Connection::open(path).map_err(&err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(&err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(&err)?;
        if !mode.eq_ignore_ascii_case("wal") && path != ":memory:" {
            return Err(DvcttError::Io {
                path: path.into(),
                detail: format!("store: cannot use write-ahead logging (journal mode {mode})"),
            });
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(&err)?;
        // 16 MB of page cache (SQLite's default is 2 MB): the log's index
        // of 100,000 sessions stays in memory while a bundle is merged.
        conn.pragma_update(None, "cache_size", -16_000)
            .map_err(&err)?;
        schema::migrate(&mut conn).map_err(|detail| DvcttError::Io {
            path: path.into(),
            detail: format!("store: {detail}"),
        })?;
        let device = match meta_get(&conn, "device").map_err(&err)? {
            Some(d) => d,
            None => {
                let d = new_id();
                conn.execute("INSERT INTO meta (key, value) VALUES ('device', ?1)", [&d])
                    .map_err(&err)?;
                d
            }
        };
        let hlc = Hlc::load(&conn).map_err(&err)?;
        Ok(Store {
            conn,
            path: path.to_string(),
            device,
            hlc,
            wall: Box::new(system_wall),
            max_drift_ms: DEFAULT_MAX_CLOCK_DRIFT_MS,
        })
    }

    /// This device's id (a UUIDv7 made on first open).
    pub fn device(&self) -> &str {
        &self.device
    }

    /// The file the store lives in.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Replaces the wall clock the hybrid logical clock reads (tests).
    pub fn set_wall_clock(&mut self, wall: WallClock) {
        self.wall = wall;
    }

    /// How far (milliseconds) ahead of this device's wall clock a version in
    /// a merged bundle may lie: a bundle with one further ahead is refused
    /// (its sender's clock, or this one, is wrong), so that one wrong clock
    /// cannot drag every device's hybrid clock into the future.
    pub fn set_max_clock_drift(&mut self, ms: i64) {
        self.max_drift_ms = ms.max(0);
    }

    /// The store's schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(db_err(&self.path))
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> DvcttError + '_ {
        db_err(&self.path)
    }
}

pub(crate) fn meta_get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

pub(crate) fn meta_set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
    .map(|_| ())
}

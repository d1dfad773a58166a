//! The store's SQLite schema and its migrations. `PRAGMA user_version` is
//! the number of migrations applied; each runs in its own transaction, so a
//! store is always at one version or the next.

use rusqlite::Connection;

/// Migration `i` takes a store from version `i` to `i + 1`. Append only:
/// a store written by a released version must open in every later one.
const MIGRATIONS: &[&str] = &[
    // 1: the team's plan slice, the activity log, drafts, the outbox.
    "CREATE TABLE meta (
         key TEXT PRIMARY KEY,
         value TEXT NOT NULL
     ) STRICT;
     CREATE TABLE plan_slice (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         commune TEXT NOT NULL,
         team TEXT,
         plan TEXT NOT NULL,
         loaded_at TEXT NOT NULL
     ) STRICT;
     CREATE TABLE entries (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL,
         day INTEGER,
         wall INTEGER NOT NULL,
         counter INTEGER NOT NULL,
         device TEXT NOT NULL,
         deleted INTEGER NOT NULL DEFAULT 0,
         body TEXT
     ) STRICT;
     CREATE INDEX entries_by_kind_day ON entries (kind, day);
     CREATE TABLE drafts (
         period TEXT PRIMARY KEY,
         report TEXT NOT NULL,
         updated_at TEXT NOT NULL
     ) STRICT;
     CREATE TABLE outbox (
         id TEXT PRIMARY KEY,
         period TEXT NOT NULL,
         report TEXT NOT NULL,
         queued_at TEXT NOT NULL,
         sent_at TEXT,
         receipt TEXT
     ) STRICT;",
    // 2: a session's figures in columns beside its JSON body, so the team's
    // report and indicators read them without decoding bodies; filled from
    // the bodies of the sessions already logged. The index covers the
    // report's query, which then reads no row (and no body) at all, and
    // serves the lists by kind and date, so the first index goes.
    "ALTER TABLE entries ADD COLUMN unit TEXT;
     ALTER TABLE entries ADD COLUMN sub_kind TEXT;
     ALTER TABLE entries ADD COLUMN people INTEGER;
     ALTER TABLE entries ADD COLUMN dossiers INTEGER;
     ALTER TABLE entries ADD COLUMN members INTEGER;
     UPDATE entries SET
       unit = json_extract(body, '$.session.unit_code'),
       sub_kind = json_extract(body, '$.session.kind'),
       people = json_extract(body, '$.session.people_guided'),
       dossiers = json_extract(body, '$.session.dossiers_helped'),
       members = json_extract(body, '$.session.members')
     WHERE kind = 'session' AND body IS NOT NULL;
     CREATE INDEX entries_figures ON entries
       (kind, deleted, day, id, unit, sub_kind, people, dossiers, members);
     DROP INDEX entries_by_kind_day;",
    // 3: a change number per entry (`seq`), set on every write, local or
    // merged, from a store-wide counter that only grows: an incremental
    // bundle holds the entries changed after a number the receiver
    // acknowledged. Entries already logged are numbered in row order.
    "ALTER TABLE entries ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
     UPDATE entries SET seq = rowid;
     CREATE INDEX entries_by_seq ON entries (seq);",
];

/// The migrations, in order (for tests that build an older store).
pub fn migrations() -> &'static [&'static str] {
    MIGRATIONS
}

/// The schema version this dvctt writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the store to [`SCHEMA_VERSION`]; refuses a store written by a
/// newer dvctt (its meaning is unknown here).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), String> {
    let current: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if current > SCHEMA_VERSION {
        return Err(format!(
            "the store has schema version {current}; this dvctt knows versions up to {SCHEMA_VERSION}"
        ));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        tx.execute_batch(sql)
            .map_err(|e| format!("migration {}: {e}", i + 1))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}

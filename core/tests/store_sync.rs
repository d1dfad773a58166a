//! Sync that loses nothing: random edits on three replicas with random
//! exchanges converge, no entry that was never deleted goes missing, and
//! merging is idempotent and commutative. And a process killed in the middle
//! of writing leaves the store readable with its last committed state.

use chrono::NaiveDate;
use dvctt::store::{GuidanceSession, Store, SyncBundle};
use dvctt::{OutreachKind, OutreachSession};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

const COMMUNE: &str = "P-ANPHU";

#[derive(Debug, Clone)]
enum Op {
    /// On replica `r`: log a new session, or edit the `pick`-th live one.
    Put {
        r: usize,
        new: bool,
        pick: usize,
        people: u32,
    },
    /// On replica `r`: delete the `pick`-th live session.
    Delete { r: usize, pick: usize },
    /// Replica `to` merges the bundle of replica `from`.
    Sync { from: usize, to: usize },
    /// The shared wall clock moves (each replica also has its own skew).
    Tick { ms: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, any::<bool>(), any::<usize>(), 0..50u32)
            .prop_map(|(r, new, pick, people)| Op::Put { r, new, pick, people }),
        1 => (0..3usize, any::<usize>()).prop_map(|(r, pick)| Op::Delete { r, pick }),
        2 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Sync { from, to }),
        1 => (-5i64..20).prop_map(|ms| Op::Tick { ms }),
    ]
}

fn session(people: u32) -> GuidanceSession {
    GuidanceSession {
        session: OutreachSession {
            session_id: String::new(),
            unit_code: COMMUNE.into(),
            held_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            kind: OutreachKind::DoorToDoor,
            people_guided: people,
            dossiers_helped: None,
            members: None,
        },
        place: None,
        by_service: vec![],
    }
}

/// A store in memory whose wall clock is the shared one plus a skew, so
/// devices disagree about the time (the hybrid clock must cope).
fn replica(clock: &Arc<AtomicI64>, skew: i64) -> Store {
    let mut s = Store::open(":memory:").unwrap();
    let c = Arc::clone(clock);
    s.set_wall_clock(Box::new(move || c.load(Ordering::SeqCst) + skew));
    s
}

/// The state that must agree: every entry's version, tombstone and body.
fn state(s: &Store) -> Vec<dvctt::store::BundleEntry> {
    s.export_bundle().unwrap().entries
}

fn live(s: &Store) -> Vec<GuidanceSession> {
    s.sessions(None).unwrap()
}

fn bundle(s: &Store) -> SyncBundle {
    s.export_bundle().unwrap()
}

/// Three replicas and what each has acknowledged of the others' change
/// numbers (for incremental bundles).
struct Net {
    reps: Vec<Store>,
    acked: [[u64; 3]; 3],
    incremental: bool,
}

impl Net {
    /// Replica `to` merges what `from` exports: its whole log, or (when
    /// incremental) what changed after the number `to` last acknowledged.
    fn sync(&mut self, from: usize, to: usize) {
        if from == to {
            return;
        }
        let b = if self.incremental {
            self.reps[from]
                .export_bundle_since(self.acked[from][to])
                .unwrap()
        } else {
            bundle(&self.reps[from])
        };
        self.reps[to].merge_bundle(&b).unwrap();
        if let Some(upto) = b.upto {
            self.acked[from][to] = upto;
        }
    }
}

/// Runs the operations; returns the replicas, every id created and every id
/// deleted somewhere.
fn run(
    ops: &[Op],
    skews: [i64; 3],
    incremental: bool,
) -> (Net, BTreeSet<String>, BTreeSet<String>) {
    let clock = Arc::new(AtomicI64::new(1_780_000_000_000));
    let mut net = Net {
        reps: skews.iter().map(|k| replica(&clock, *k)).collect(),
        acked: [[0; 3]; 3],
        incremental,
    };
    let (mut created, mut deleted) = (BTreeSet::new(), BTreeSet::new());
    for op in ops {
        match *op {
            Op::Put {
                r,
                new,
                pick,
                people,
            } => {
                let known = live(&net.reps[r]);
                let mut s = if new || known.is_empty() {
                    session(people)
                } else {
                    known[pick % known.len()].clone()
                };
                s.session.people_guided = people;
                let out = net.reps[r].put_sessions(vec![s]).unwrap();
                created.insert(out[0].session.session_id.clone());
            }
            Op::Delete { r, pick } => {
                let known = live(&net.reps[r]);
                if !known.is_empty() {
                    let id = known[pick % known.len()].session.session_id.clone();
                    net.reps[r].delete_entry(&id).unwrap();
                    deleted.insert(id);
                }
            }
            Op::Sync { from, to } => net.sync(from, to),
            Op::Tick { ms } => {
                clock.fetch_add(ms, Ordering::SeqCst);
            }
        }
    }
    (net, created, deleted)
}

/// After a final exchange in a ring, twice round, all replicas hold the
/// same log; every entry ever made is there, and those never deleted live.
fn converges(ops: &[Op], skews: [i64; 3], incremental: bool) -> Result<(), TestCaseError> {
    let (mut net, created, deleted) = run(ops, skews, incremental);
    for (from, to) in [(0, 1), (1, 2), (2, 0), (0, 1), (1, 2)] {
        net.sync(from, to);
    }
    let reps = &net.reps;
    let s0 = state(&reps[0]);
    prop_assert_eq!(&s0, &state(&reps[1]));
    prop_assert_eq!(&s0, &state(&reps[2]));
    let ids: BTreeSet<String> = s0.iter().map(|e| e.id.clone()).collect();
    prop_assert_eq!(
        &ids,
        &created,
        "every entry ever made is known (live or tombstone)"
    );
    for e in &s0 {
        if !deleted.contains(&e.id) {
            prop_assert!(!e.deleted, "{} was never deleted but is a tombstone", e.id);
        }
    }
    let live_ids: BTreeSet<String> = live(&reps[2])
        .into_iter()
        .map(|s| s.session.session_id)
        .collect();
    for id in created.difference(&deleted) {
        prop_assert!(live_ids.contains(id), "{} missing", id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn three_replicas_converge_and_lose_nothing(
        ops in prop::collection::vec(op(), 1..60),
        skews in [-50i64..50, -50i64..50, -50i64..50],
    ) {
        converges(&ops, skews, false)?;
    }

    /// The same with incremental bundles: each replica sends another only
    /// what changed after the last number that one acknowledged.
    #[test]
    fn three_replicas_converge_with_incremental_bundles(
        ops in prop::collection::vec(op(), 1..60),
        skews in [-50i64..50, -50i64..50, -50i64..50],
    ) {
        converges(&ops, skews, true)?;
    }

    #[test]
    fn merge_is_idempotent_and_commutative(
        ops in prop::collection::vec(op(), 1..40),
        skews in [-50i64..50, -50i64..50, -50i64..50],
    ) {
        let (net, _, _) = run(&ops, skews, false);
        let reps = net.reps;
        let (a, b, c) = (bundle(&reps[0]), bundle(&reps[1]), bundle(&reps[2]));
        let clock = Arc::new(AtomicI64::new(1_780_000_000_000));
        // a ∪ b == b ∪ a
        let mut ab = replica(&clock, 0);
        ab.merge_bundle(&a).unwrap();
        ab.merge_bundle(&b).unwrap();
        let mut ba = replica(&clock, 0);
        ba.merge_bundle(&b).unwrap();
        ba.merge_bundle(&a).unwrap();
        prop_assert_eq!(state(&ab), state(&ba));
        // (a ∪ b) ∪ c == a ∪ (c ∪ b), and merging again changes nothing.
        ab.merge_bundle(&c).unwrap();
        let mut cb = replica(&clock, 0);
        cb.merge_bundle(&c).unwrap();
        cb.merge_bundle(&b).unwrap();
        let mut a_cb = replica(&clock, 0);
        a_cb.merge_bundle(&a).unwrap();
        a_cb.merge_bundle(&bundle(&cb)).unwrap();
        prop_assert_eq!(state(&ab), state(&a_cb));
        let before = state(&ab);
        for x in [&a, &b, &c] {
            let again = ab.merge_bundle(x).unwrap();
            prop_assert_eq!(again.applied, 0);
        }
        prop_assert_eq!(state(&ab), before);
    }
}

#[test]
fn a_later_local_edit_wins_over_what_was_merged() {
    // Device B's clock is an hour ahead; A merges B's entry, then edits it:
    // A's edit must win although A's wall clock is behind.
    let clock = Arc::new(AtomicI64::new(1_780_000_000_000));
    let mut a = replica(&clock, 0);
    let mut b = replica(&clock, 3_600_000);
    let s = b.put_sessions(vec![session(5)]).unwrap().remove(0);
    a.merge_bundle(&bundle(&b)).unwrap();
    let mut edit = s.clone();
    edit.session.people_guided = 9;
    a.put_sessions(vec![edit]).unwrap();
    b.merge_bundle(&bundle(&a)).unwrap();
    assert_eq!(live(&b)[0].session.people_guided, 9);
    assert_eq!(state(&a), state(&b));
}

#[test]
fn a_bundle_from_a_clock_far_ahead_is_refused_naming_the_entry() {
    // Device B's clock is two days ahead: A refuses its bundle (one day is
    // allowed by default), writes nothing, and its own clock stays put.
    let clock = Arc::new(AtomicI64::new(1_780_000_000_000));
    let mut a = replica(&clock, 0);
    let mut b = replica(&clock, 2 * 86_400_000);
    let mine = a.put_sessions(vec![session(1)]).unwrap().remove(0);
    let s = b.put_sessions(vec![session(5)]).unwrap().remove(0);
    let before = state(&a);
    let e = a.merge_bundle(&bundle(&b)).unwrap_err().to_string();
    assert!(
        e.starts_with("data: entries[0].version.wall: ") && e.contains(&s.session.session_id),
        "{e}"
    );
    assert!(e.contains("48.0 hours ahead"), "{e}");
    assert_eq!(state(&a), before);
    // A's next edit is stamped with its own clock, not B's.
    let mut edit = mine.clone();
    edit.session.people_guided = 2;
    a.put_sessions(vec![edit]).unwrap();
    let after = state(&a);
    assert_eq!(after.len(), 1);
    assert!(
        after[0].version.wall < 1_780_000_000_000 + 1_000,
        "{:?}",
        after[0].version
    );
    // 23 hours ahead is within the day; with three days allowed, B's
    // bundle is merged.
    let mut c = replica(&clock, 23 * 3_600_000);
    c.put_sessions(vec![session(3)]).unwrap();
    assert_eq!(a.merge_bundle(&bundle(&c)).unwrap().applied, 1);
    a.set_max_clock_drift(3 * 86_400_000);
    assert_eq!(a.merge_bundle(&bundle(&b)).unwrap().applied, 1);
    assert_eq!(live(&a).len(), 3);
}

#[test]
fn an_incremental_bundle_holds_what_changed_after_the_acknowledged_number() {
    let clock = Arc::new(AtomicI64::new(1_780_000_000_000));
    let mut a = replica(&clock, 0);
    let mut b = replica(&clock, 0);
    let one = a.put_sessions(vec![session(1), session(2)]).unwrap();
    let first = a.export_bundle_since(0).unwrap();
    assert_eq!((first.since, first.entries.len()), (Some(0), 2));
    assert_eq!(
        first.entries,
        bundle(&a).entries,
        "since 0 is the whole log"
    );
    b.merge_bundle(&first).unwrap();
    let acked = first.upto.unwrap();
    // Nothing changed: an empty bundle, the same number.
    let none = a.export_bundle_since(acked).unwrap();
    assert_eq!((none.entries.len(), none.upto), (0, Some(acked)));
    // An edit, a delete, and an entry merged from another device are changes.
    let mut edit = one[0].clone();
    edit.session.people_guided = 7;
    a.put_sessions(vec![edit]).unwrap();
    a.delete_entry(&one[1].session.session_id).unwrap();
    let mut c = replica(&clock, 0);
    let theirs = c.put_sessions(vec![session(3)]).unwrap().remove(0);
    a.merge_bundle(&bundle(&c)).unwrap();
    let next = a.export_bundle_since(acked).unwrap();
    let ids: BTreeSet<&str> = next.entries.iter().map(|e| e.id.as_str()).collect();
    let want: BTreeSet<&str> = [&one[0], &one[1], &theirs]
        .iter()
        .map(|s| s.session.session_id.as_str())
        .collect();
    assert_eq!(ids, want);
    assert!(next.upto.unwrap() > acked);
    b.merge_bundle(&next).unwrap();
    assert_eq!(state(&a), state(&b));
    // A full bundle carries neither number, as before.
    let json = serde_json::to_string(&bundle(&a)).unwrap();
    assert!(
        !json.contains("\"since\"") && !json.contains("\"upto\""),
        "{json}"
    );
}

// --- crash test ------------------------------------------------------------------

const CHILD_ENV: &str = "DVCTT_STORE_CRASH_CHILD";
const BATCH: u32 = 25;

/// Run as a child process by `a_killed_writer_leaves_the_last_commit`:
/// writes batches of sessions in a loop (one transaction each) and prints
/// the number of each batch once committed, until it is killed.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut s = Store::open(&path).unwrap();
    for batch in 1.. {
        let list = (0..BATCH).map(|_| session(batch)).collect();
        s.put_sessions(list).unwrap();
        println!("committed {batch}");
    }
}

#[cfg(unix)]
#[test]
fn a_killed_writer_leaves_the_last_commit() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-store-crash-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let path = dir.join("crash.sqlite");
    let path = path.to_str().unwrap();
    Store::open(path).unwrap();
    let mut before = 0u32;
    for round in 0..3 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut last = 0u32;
        let mut reported = |line: std::io::Result<String>| {
            if let Some(n) = line.unwrap().strip_prefix("committed ") {
                last = n.parse().unwrap();
            }
            last
        };
        for line in lines.by_ref() {
            if reported(line) >= 20 + round * 7 {
                break;
            }
        }
        // SIGKILL while it is writing the next batch; what it reported
        // committed before dying is still in the pipe.
        child.kill().unwrap();
        child.wait().unwrap();
        for line in lines {
            reported(line);
        }
        let s = Store::open(path).unwrap();
        let sessions = s.sessions(None).unwrap();
        // Batches are whole: each batch's sessions all there or none.
        let mut per_batch = std::collections::BTreeMap::new();
        for x in &sessions {
            *per_batch.entry(x.session.people_guided).or_insert(0u32) += 1;
        }
        assert!(
            per_batch.values().all(|n| n % BATCH == 0),
            "a torn batch: {per_batch:?}"
        );
        // Round r's child restarts numbering at 1: count this round's batches.
        let this_round = sessions.len() as u32 / BATCH - before;
        assert!(
            this_round == last || this_round == last + 1,
            "round {round}: {this_round} batches stored, {last} reported committed"
        );
        let ok: String = rusqlite::Connection::open(path)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        before += this_round;
    }
}

//! The field app's store at scale: 100,000 logged guidance sessions, the
//! year's team report and indicators built from them, and a merge of two
//! 50,000-entry sync bundles — each against a peer measured in the same run.
//!
//! `cargo bench -p dvctt --features store --bench store`
//!
//! Peers: for logging, the same rows (id, kind, day, version, JSON body)
//! inserted into a bare table of the same shape in one transaction (what
//! SQLite itself costs); for the report, reading those bodies back and
//! decoding them with serde_json (the floor of any report from the log);
//! for the merge, parsing the two bundles' JSON text only.
//! Targets (issue 13): report ≤ 100 ms, merge ≤ 1 s.

use chrono::NaiveDate;
use dvctt::store::{GuidanceSession, ServiceCount, Store};
use dvctt::{OutreachKind, OutreachSession, Plan};
use std::path::{Path, PathBuf};
use std::time::Instant;

const N: usize = 100_000;
const RUNS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// CPU time this thread has run, in ms (`/proc/thread-self/schedstat`,
/// nanoseconds on a CPU): less sensitive than wall time to a loaded machine.
/// The bench is one thread (SQLite starts none).
fn cpu_ms() -> f64 {
    schedstat(0)
}

/// Time this thread has waited, runnable, for a CPU other threads held,
/// in ms (the second field of `/proc/thread-self/schedstat`): on a loaded
/// machine, wall time = CPU time + this wait + time blocked (I/O, fsync).
fn runqueue_ms() -> f64 {
    schedstat(1)
}

fn schedstat(field: usize) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(field)?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}

fn sessions(n: usize, seed: u64) -> Vec<GuidanceSession> {
    let kinds = OutreachKind::ALL;
    let mut x = seed;
    (0..n)
        .map(|i| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (x >> 33) as u32;
            GuidanceSession {
                session: OutreachSession {
                    session_id: String::new(),
                    unit_code: String::new(),
                    held_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                        + chrono::Days::new(u64::from(r % 365)),
                    kind: kinds[i % kinds.len()],
                    people_guided: 1 + r % 40,
                    dossiers_helped: None,
                    members: Some(1 + r % 4),
                },
                place: Some(format!("Khu phố {}", r % 12)),
                by_service: vec![ServiceCount {
                    service: format!("1.00{}", r % 9),
                    dossiers: r % 3,
                }],
            }
        })
        .collect()
}

fn fresh(dir: &Path, name: &str, plan: &Plan) -> (Store, PathBuf) {
    let path = dir.join(name);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    let mut s = Store::open(path.to_str().unwrap()).unwrap();
    s.load_plan_slice(plan, "P-ANPHU", Some("Tổ 3")).unwrap();
    (s, path)
}

fn file_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|e| std::fs::metadata(format!("{}{e}", path.display())).ok())
        .map(|m| m.len())
        .sum()
}

/// The peer of logging: the same rows into a bare table, one transaction.
fn raw_insert(dir: &Path, rows: &[(String, String)]) -> f64 {
    let path = dir.join("raw.sqlite");
    let _ = std::fs::remove_file(&path);
    let mut c = rusqlite::Connection::open(&path).unwrap();
    c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
        .unwrap();
    c.pragma_update(None, "synchronous", "FULL").unwrap();
    c.execute_batch(
        "CREATE TABLE entries (id TEXT PRIMARY KEY, kind TEXT NOT NULL, day INTEGER,
         wall INTEGER NOT NULL, counter INTEGER NOT NULL, device TEXT NOT NULL,
         deleted INTEGER NOT NULL DEFAULT 0, body TEXT) STRICT;
         CREATE INDEX entries_by_kind_day ON entries (kind, day);",
    )
    .unwrap();
    let t = Instant::now();
    let tx = c.transaction().unwrap();
    {
        let mut st = tx
            .prepare("INSERT INTO entries VALUES (?1, 'session', ?2, ?3, 0, 'dev', 0, ?4)")
            .unwrap();
        for (i, (id, body)) in rows.iter().enumerate() {
            st.execute(rusqlite::params![id, i as i64 % 365, i as i64, body])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    ms(t)
}

/// The peer of the report: read the bodies back and decode them.
fn raw_read(path: &Path) -> f64 {
    let c = rusqlite::Connection::open(path).unwrap();
    let t = Instant::now();
    let mut st = c
        .prepare("SELECT body FROM entries WHERE kind = 'session' AND deleted = 0")
        .unwrap();
    let mut people = 0u64;
    let rows = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
    for b in rows {
        let s: GuidanceSession = serde_json::from_str(&b.unwrap()).unwrap();
        people += u64::from(s.session.people_guided);
    }
    std::hint::black_box(people);
    ms(t)
}

fn main() {
    let plan = Plan::from_json(include_str!("../tests/data/team-plan.json")).unwrap();
    let dir = std::env::temp_dir().join(format!("dvctt-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    // Logging 100,000 sessions in batches of 1,000 (one transaction each).
    let (mut store, path) = fresh(&dir, "log.sqlite", &plan);
    let all = sessions(N, 7);
    let t = Instant::now();
    for chunk in all.chunks(1_000) {
        store.put_sessions(chunk.to_vec()).unwrap();
    }
    let log_ms = ms(t);
    let rows: Vec<(String, String)> = store
        .sessions(None)
        .unwrap()
        .into_iter()
        .map(|s| {
            (
                s.session.session_id.clone(),
                serde_json::to_string(&s).unwrap(),
            )
        })
        .collect();
    let raw_ms = raw_insert(&dir, &rows);
    println!(
        "log {N} sessions (batches of 1,000): {log_ms:.0} ms; bare SQLite insert of the same rows (one transaction): {raw_ms:.0} ms; ratio {:.2}",
        log_ms / raw_ms
    );
    println!(
        "store file: {:.1} MB ({:.0} bytes a session)",
        file_size(&path) as f64 / 1e6,
        file_size(&path) as f64 / N as f64
    );

    // The year's report and indicators from 100,000 sessions.
    let mut report_cpu = Vec::new();
    let report = median(
        (0..RUNS)
            .map(|_| {
                let (t, cpu) = (Instant::now(), cpu_ms());
                let r = store
                    .build_team_report("2026", Some("2027-01-05T08:00:00+07:00".parse().unwrap()))
                    .unwrap();
                assert!(r.people_guided > 0);
                report_cpu.push(cpu_ms() - cpu);
                ms(t)
            })
            .collect(),
    );
    let indicators = median(
        (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let i = store.team_indicators("2026").unwrap();
                assert_eq!(i.sessions_held as usize, N);
                ms(t)
            })
            .collect(),
    );
    let mut peer_cpu = Vec::new();
    let peer = median(
        (0..RUNS)
            .map(|_| {
                let cpu = cpu_ms();
                let t = raw_read(&path);
                peer_cpu.push(cpu_ms() - cpu);
                t
            })
            .collect(),
    );
    let (report_cpu, peer_cpu) = (median(report_cpu), median(peer_cpu));
    println!(
        "team report for 2026 over {N} sessions: {report:.1} ms (median of {RUNS}; target ≤ 100 ms); indicators: {indicators:.1} ms; peer (read + decode the bodies): {peer:.1} ms; ratios {:.2} and {:.2}",
        report / peer,
        indicators / peer
    );
    println!(
        "  CPU time: report {report_cpu:.1} ms, peer {peer_cpu:.1} ms; ratio {:.2}",
        report_cpu / peer_cpu
    );

    // Merge two 50,000-entry bundles into a third store.
    let (mut a, _) = fresh(&dir, "a.sqlite", &plan);
    let (mut b, _) = fresh(&dir, "b.sqlite", &plan);
    for chunk in sessions(N / 2, 11).chunks(5_000) {
        a.put_sessions(chunk.to_vec()).unwrap();
    }
    for chunk in sessions(N / 2, 13).chunks(5_000) {
        b.put_sessions(chunk.to_vec()).unwrap();
    }
    let (ja, jb) = (
        a.export_bundle_json().unwrap(),
        b.export_bundle_json().unwrap(),
    );
    let (mut merge, mut merge_cpu, mut merge_wait) = (Vec::new(), Vec::new(), Vec::new());
    let (mut parse, mut parse_cpu) = (Vec::new(), Vec::new());
    for run in 0..3 {
        let (mut c, _) = fresh(&dir, &format!("c{run}.sqlite"), &plan);
        let (t, cpu, wait) = (Instant::now(), cpu_ms(), runqueue_ms());
        let sa = c.import_bundle_json(&ja).unwrap();
        let sb = c.import_bundle_json(&jb).unwrap();
        merge.push(ms(t));
        merge_cpu.push(cpu_ms() - cpu);
        merge_wait.push(runqueue_ms() - wait);
        assert_eq!(sa.applied + sb.applied, N as u64);
        let (t, cpu) = (Instant::now(), cpu_ms());
        let pa: serde_json::Value = serde_json::from_str(&ja).unwrap();
        let pb: serde_json::Value = serde_json::from_str(&jb).unwrap();
        std::hint::black_box((pa, pb));
        parse.push(ms(t));
        parse_cpu.push(cpu_ms() - cpu);
    }
    // Wall time less the wait for a CPU: what the merge takes on a machine
    // that runs nothing else (CPU time and time blocked on I/O), per run.
    let merge_alone: Vec<f64> = merge.iter().zip(&merge_wait).map(|(w, q)| w - q).collect();
    println!(
        "  merge runs: wall {:?} ms; CPU {:?} ms; waiting for a CPU {:?} ms; wall less that wait {:?} ms",
        merge.iter().map(|x| x.round()).collect::<Vec<_>>(),
        merge_cpu.iter().map(|x| x.round()).collect::<Vec<_>>(),
        merge_wait.iter().map(|x| x.round()).collect::<Vec<_>>(),
        merge_alone.iter().map(|x| x.round()).collect::<Vec<_>>()
    );
    let merge_alone = median(merge_alone);
    println!("  merge, wall time less the wait for a CPU (target ≤ 1000 ms): {merge_alone:.0} ms (median)");
    let (merge, parse) = (median(merge), median(parse));
    let (merge_cpu, parse_cpu) = (median(merge_cpu), median(parse_cpu));
    println!(
        "merge two bundles of {} entries ({:.1} MB of JSON each) into a new store: {merge:.0} ms (median of 3; target ≤ 1000 ms); peer (parse their JSON only): {parse:.0} ms; ratio {:.2}",
        N / 2,
        ja.len() as f64 / 1e6,
        merge / parse
    );
    println!(
        "  CPU time: merge {merge_cpu:.0} ms, peer {parse_cpu:.0} ms; ratio {:.2}",
        merge_cpu / parse_cpu
    );
    // Merging the same bundle again changes nothing and is cheaper.
    let (mut c, _) = fresh(&dir, "again.sqlite", &plan);
    c.import_bundle_json(&ja).unwrap();
    let t = Instant::now();
    let again = c.import_bundle_json(&ja).unwrap();
    println!(
        "merge the same 50,000-entry bundle again: {:.0} ms, {} applied",
        ms(t),
        again.applied
    );
    let _ = std::fs::remove_dir_all(&dir);
}

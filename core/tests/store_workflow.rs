//! The field app's workflow on a real SQLite file: load the commune's plan
//! slice, log, edit and delete, the team's indicators, the period's report,
//! validation, drafts, outbox, reopening.

use chrono::NaiveDate;
use dvctt::store::{GuidanceSession, MemberTraining, ServiceCount, Store};
use dvctt::{Activity, OutreachKind, OutreachSession, Plan, StaffMember};
use std::path::PathBuf;

/// A database path in a directory removed when the `TempDir` is dropped.
fn temp_db(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix(&format!("dvctt-store-{name}-"))
        .tempdir()
        .unwrap();
    let path = tmp.path().join("team.sqlite");
    (tmp, path)
}

fn plan() -> Plan {
    Plan::from_json(include_str!("data/team-plan.json")).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn session(
    held_on: &str,
    kind: OutreachKind,
    people: u32,
    by_service: &[(&str, u32)],
) -> GuidanceSession {
    GuidanceSession {
        session: OutreachSession {
            session_id: String::new(),
            unit_code: String::new(),
            held_on: day(held_on),
            kind,
            people_guided: people,
            dossiers_helped: None,
            members: Some(2),
        },
        place: Some("Nhà văn hoá khu phố 3".into()),
        by_service: by_service
            .iter()
            .map(|(s, n)| ServiceCount {
                service: s.to_string(),
                dossiers: *n,
            })
            .collect(),
    }
}

fn member(id: &str) -> StaffMember {
    StaffMember {
        person_id: id.into(),
        unit_code: String::new(),
        in_scope: true,
        trained_on: None,
        role: None,
        communicated_on: None,
    }
}

#[test]
fn the_whole_workflow_on_a_sqlite_file() {
    let (_tmp, path) = temp_db("workflow");
    let p = path.to_str().unwrap();
    let mut s = Store::open(p).unwrap();
    assert_eq!(
        s.schema_version().unwrap(),
        dvctt::store::schema::SCHEMA_VERSION
    );

    // Before a slice is loaded, a session must name its commune.
    let e = s
        .put_sessions(vec![session("2026-03-02", OutreachKind::Event, 10, &[])])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "data: unit_code: empty, and no plan slice names the commune"
    );

    let slice = s
        .load_plan_slice(&plan(), "P-ANPHU", Some("Tổ CNSCĐ khu phố 3"))
        .unwrap();
    let targets: Vec<&str> = slice.targets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(targets, ["people-guided-600", "team-trained-100"]);
    assert_eq!(slice.targets[0].scope.units, ["P-ANPHU"]);
    let tasks: Vec<&str> = slice.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tasks, ["loudspeaker"]);

    let logged = s
        .put_sessions(vec![
            session(
                "2026-03-02",
                OutreachKind::DoorToDoor,
                12,
                &[("1.001", 3), ("2.002", 2)],
            ),
            session("2026-03-15", OutreachKind::Event, 40, &[("1.001", 9)]),
            session("2026-03-20", OutreachKind::Online, 5, &[]),
            session("2026-04-01", OutreachKind::OneStop, 7, &[]),
        ])
        .unwrap();
    assert_eq!(logged[0].session.unit_code, "P-ANPHU");
    assert_eq!(logged[0].session.dossiers_helped, Some(5));
    assert_eq!(logged[0].session.session_id.len(), 36, "a UUID");
    assert_ne!(logged[0].session.session_id, logged[1].session.session_id);

    // A session of another commune, a wrong sum, an unknown task: refused, naming the field.
    let mut other = session("2026-03-03", OutreachKind::Event, 1, &[]);
    other.session.unit_code = "P-BINHTRUNG".into();
    assert_eq!(
        s.put_sessions(vec![other]).unwrap_err().to_string(),
        "data: unit_code: `P-BINHTRUNG` is not this store's commune `P-ANPHU`"
    );
    let mut wrong = session("2026-03-03", OutreachKind::Event, 9, &[("1.001", 2)]);
    wrong.session.dossiers_helped = Some(3);
    assert_eq!(
        s.put_sessions(vec![wrong]).unwrap_err().to_string(),
        "data: session.dossiers_helped: 3 is not the sum of by_service (2)"
    );
    let act = Activity {
        activity_id: String::new(),
        task_id: "district-fair".into(),
        unit_code: String::new(),
        date: day("2026-03-05"),
        kind: Some("loa".into()),
        count: None,
    };
    assert!(s
        .put_outreach(vec![act.clone()])
        .unwrap_err()
        .to_string()
        .contains(
        "task_id: `district-fair` is not a task of the commune's plan slice (tasks: loudspeaker)"
    ));
    s.put_outreach(vec![Activity {
        task_id: "loudspeaker".into(),
        ..act
    }])
    .unwrap();

    s.put_members(vec![member("M1"), member("M2"), member("M3")])
        .unwrap();
    s.put_trainings(vec![MemberTraining {
        training_id: String::new(),
        held_on: day("2026-03-10"),
        members: vec!["M1".into(), "M2".into()],
        topic: Some("VNeID".into()),
    }])
    .unwrap();

    // Edit: a new version of the same id; delete: a tombstone.
    let mut edited = logged[1].clone();
    edited.session.people_guided = 45;
    let id = edited.session.session_id.clone();
    let (v1, _) = s.entry_version(&id).unwrap().unwrap();
    s.put_sessions(vec![edited]).unwrap();
    let (v2, deleted) = s.entry_version(&id).unwrap().unwrap();
    assert!(v2 > v1 && !deleted);
    let gone = logged[3].session.session_id.clone();
    s.delete_entry(&gone).unwrap();
    assert!(s.entry_version(&gone).unwrap().unwrap().1);
    assert!(s
        .put_sessions(vec![logged[3].clone()])
        .unwrap_err()
        .to_string()
        .contains("was deleted"));
    assert!(s.delete_entry("nope").is_err());

    // The team's indicators for March, by the engine.
    let ind = s.team_indicators("202603").unwrap();
    assert_eq!(ind.sessions_held, 3);
    assert_eq!(ind.dossiers_helped, 14);
    assert_eq!(ind.people_guided.value, Some(62.0));
    assert_eq!(ind.events_held.value, Some(1.0));
    assert_eq!(
        (
            ind.members_trained.numerator,
            ind.members_trained.denominator
        ),
        (2.0, 3.0)
    );
    assert_eq!(ind.targets.len(), 2);
    assert_eq!(ind.targets[0].target_id, "people-guided-600");
    // April: the one-stop session was deleted.
    assert_eq!(s.team_indicators("202604").unwrap().sessions_held, 0);

    // The report of March from the log, validated, drafted, queued, sent.
    let r = s
        .build_team_report("202603", Some("2026-04-02T08:00:00+07:00".parse().unwrap()))
        .unwrap();
    assert_eq!(r.commune, "P-ANPHU");
    assert_eq!(r.team.as_deref(), Some("Tổ CNSCĐ khu phố 3"));
    assert_eq!(
        (
            r.sessions.door_to_door,
            r.sessions.event,
            r.sessions.one_stop_shop
        ),
        (1, 1, 0)
    );
    assert_eq!(
        r.sessions.extra.0.get("online"),
        Some(&serde_json::json!(1))
    );
    assert_eq!(
        (
            r.people_guided,
            r.dossiers_submitted,
            r.members_trained,
            r.members
        ),
        (62, 14, 2, Some(3))
    );
    assert_eq!(
        r.plan.as_ref().unwrap().number.as_deref(),
        Some("12/KH-UBND")
    );
    let now = Some("2026-04-02T09:00:00+07:00".parse().unwrap());
    assert_eq!(s.validate_team_report(&r, now.clone()).unwrap(), vec![]);
    s.save_draft(&r).unwrap();
    assert_eq!(s.draft("202603").unwrap().as_ref(), Some(&r));

    // A warning (R020) is shown but does not block; an error (R012) does.
    let mut odd = r.clone();
    odd.dossiers_submitted = 100;
    let f = s.validate_team_report(&odd, now.clone()).unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "R020-dossiers-exceed-guided");
    assert!(f[0].message_vi.contains("lớn hơn số người được hướng dẫn"));
    let mut bad = r.clone();
    bad.submitted_at = "2026-05-01T00:00:00+07:00".parse().unwrap();
    let e = s.queue_report(bad, now.clone()).unwrap_err().to_string();
    assert!(
        e.starts_with("data: submitted_at: R012-submitted-in-future: "),
        "{e}"
    );
    assert!(e.contains("sau thời điểm hiện tại"), "{e}");

    let item = s.queue_report(r.clone(), now.clone()).unwrap();
    assert_eq!(s.draft("202603").unwrap(), None);
    assert!(item.report_json.contains("\"people_guided\": 62"));
    assert_eq!(s.outbox(true).unwrap().len(), 1);
    assert!(s.queue_report(r.clone(), now).is_err(), "queued twice");
    let sent = s
        .mark_sent(
            &item.id,
            "SRV-2026-0042",
            Some("2026-04-02T10:00:00+07:00".parse().unwrap()),
        )
        .unwrap();
    assert_eq!(sent.receipt.as_deref(), Some("SRV-2026-0042"));
    assert_eq!(s.outbox(true).unwrap().len(), 0);
    assert!(s.mark_sent(&item.id, "SRV-2026-0042", None).is_ok());
    assert!(s.mark_sent(&item.id, "OTHER", None).is_err());
    let device = s.device().to_string();
    drop(s);

    // Reopened: everything is there, the device id is kept.
    let s = Store::open(p).unwrap();
    assert_eq!(s.device(), device);
    assert_eq!(s.sessions(None).unwrap().len(), 3);
    assert_eq!(
        s.outbox(false).unwrap()[0].receipt.as_deref(),
        Some("SRV-2026-0042")
    );
    assert_eq!(
        s.team_indicators("202603").unwrap().people_guided.value,
        Some(62.0)
    );
}

#[test]
fn a_newer_schema_is_refused_and_a_bad_bundle_names_the_field() {
    let (_tmp, path) = temp_db("schema");
    let p = path.to_str().unwrap();
    let mut s = Store::open(p).unwrap();
    s.load_plan_slice(&plan(), "P-ANPHU", None).unwrap();
    let bundle = s.export_bundle_json().unwrap();
    assert!(bundle.starts_with("{\"schema\":\"dvctt/sync-bundle@1\""));
    let bad = r#"{"schema":"dvctt/sync-bundle@1","device":"d","entries":[
        {"id":"x","kind":"session","version":{"wall":1,"counter":0,"device":"d"},
         "body":{"session":{"session_id":"x","unit_code":"P-ANPHU","held_on":"2026-02-30",
                 "kind":"event","people_guided":1}}}]}"#;
    let e = s.import_bundle_json(bad).unwrap_err().to_string();
    assert!(
        e.starts_with("data: entries[0].body.session.held_on: "),
        "{e}"
    );
    let elsewhere = bad
        .replace("2026-02-30", "2026-02-27")
        .replace("P-ANPHU", "P-X");
    let e = s.import_bundle_json(&elsewhere).unwrap_err().to_string();
    assert_eq!(
        e,
        "data: entries[0].body.session.unit_code: `P-X` is not this store's commune `P-ANPHU`"
    );
    let fine = bad.replace("2026-02-30", "2026-02-27");
    assert_eq!(s.import_bundle_json(&fine).unwrap().applied, 1);
    assert_eq!(s.sessions(None).unwrap()[0].session.people_guided, 1);
    let other = r#"{"schema":"dvctt/sync-bundle@1","device":"d","commune":"P-X","entries":[]}"#;
    assert!(s
        .import_bundle_json(other)
        .unwrap_err()
        .to_string()
        .contains("commune `P-X`"));
    let v2 = r#"{"schema":"dvctt/sync-bundle@2","device":"d","entries":[]}"#;
    assert!(s
        .import_bundle_json(v2)
        .unwrap_err()
        .to_string()
        .starts_with("data: schema:"));
    drop(s);
    let conn_path = p.to_string();
    {
        // Simulate a store written by a newer dvctt.
        let s = Store::open(&conn_path).unwrap();
        drop(s);
    }
    set_user_version(&conn_path, 99);
    let e = Store::open(&conn_path).unwrap_err().to_string();
    assert!(e.contains("schema version 99"), "{e}");
}

fn set_user_version(path: &str, v: i64) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "user_version", v).unwrap();
}

#[test]
fn a_version_1_store_is_migrated_and_keeps_its_log() {
    // A store as the first schema wrote it, with one session logged.
    let (_tmp, path) = temp_db("migrate");
    let p = path.to_str().unwrap();
    {
        let c = rusqlite::Connection::open(p).unwrap();
        c.execute_batch(dvctt::store::schema::migrations()[0])
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        let plan = serde_json::to_string(&plan()).unwrap();
        c.execute(
            "INSERT INTO plan_slice VALUES (1, 'P-ANPHU', NULL, ?1, '2026-01-01T00:00:00+07:00')",
            [plan],
        )
        .unwrap();
        let mut s = session("2026-03-02", OutreachKind::Event, 17, &[("1.001", 4)]);
        s.session.session_id = "S-OLD".into();
        s.session.unit_code = "P-ANPHU".into();
        s.session.dossiers_helped = Some(4);
        let body = serde_json::to_string(&s).unwrap();
        let day = i64::from(chrono::Datelike::num_days_from_ce(&day("2026-03-02")));
        c.execute(
            "INSERT INTO entries (id, kind, day, wall, counter, device, deleted, body)
             VALUES ('S-OLD', 'session', ?1, 5, 0, 'old-device', 0, ?2)",
            rusqlite::params![day, body],
        )
        .unwrap();
    }
    let mut s = Store::open(p).unwrap();
    assert_eq!(s.schema_version().unwrap(), 3);
    // Migration 3 numbered the old entry, so incremental exports see it.
    let old = s.export_bundle_since(0).unwrap();
    assert_eq!(old.entries.len(), 1);
    assert_eq!(old.upto, Some(1));
    let ind = s.team_indicators("202603").unwrap();
    assert_eq!((ind.sessions_held, ind.dossiers_helped), (1, 4));
    assert_eq!(ind.events_held.value, Some(1.0));
    assert_eq!(ind.people_guided.value, Some(17.0));
    let r = s
        .build_team_report("202603", Some("2026-04-01T08:00:00+07:00".parse().unwrap()))
        .unwrap();
    assert_eq!((r.people_guided, r.sessions.event), (17, 1));
    s.put_sessions(vec![session("2026-03-03", OutreachKind::Event, 5, &[])])
        .unwrap();
    let new = s.export_bundle_since(1).unwrap();
    assert_eq!((new.entries.len(), new.upto), (1, Some(2)));
}

#[test]
fn the_report_query_reads_the_covering_index_only() {
    let (_tmp, path) = temp_db("plan");
    let p = path.to_str().unwrap();
    drop(Store::open(p).unwrap());
    let c = rusqlite::Connection::open(p).unwrap();
    let plan: String = c
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id, unit, day, sub_kind, people, dossiers, members FROM entries
             WHERE kind = 'session' AND deleted = 0 AND day BETWEEN 1 AND 2 ORDER BY day, id",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(
        plan.contains("USING COVERING INDEX entries_figures"),
        "{plan}"
    );
    // The team report's sums by kind (`session_totals`).
    let plan: String = c
        .query_row(
            "EXPLAIN QUERY PLAN SELECT sub_kind, people, dossiers FROM entries
             WHERE kind = 'session' AND deleted = 0 AND day BETWEEN 1 AND 2",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(
        plan.contains("USING COVERING INDEX entries_figures"),
        "{plan}"
    );
}

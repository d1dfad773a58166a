//! Records → CSV text (the `io::csv_write` writers) → read back with the
//! readers → the same records, for every kind, with optional fields given
//! and empty, and text that needs quoting.

use chrono::NaiveDate;
use dvctt::io::csv_write::{write_csv, write_csv_with, CsvWrite};
use dvctt::{
    api::read_activities_csv_text, api::read_csv_text, Activity, Channel, Dataset, Dossier,
    Feedback, OutreachKind, OutreachSession, Procedure, Publication, PublicationChannel,
    PublicationKind, RecordKind, SatisfactionLevel, StaffMember, StaffRole, SurveyResponse,
    UnitEntry,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Writes `rows` with every column and with only the required and `used`
/// optional columns, reads both back strictly and returns what was read.
fn round_trip<T: CsvWrite + Clone + PartialEq + std::fmt::Debug>(
    kind: RecordKind,
    rows: &[T],
    used: &[&str],
    get: fn(Dataset) -> Vec<T>,
) {
    for text in [write_csv(rows), write_csv_with(rows, used).unwrap()] {
        let load = read_csv_text(kind, &text, "x.csv", true)
            .unwrap_or_else(|e| panic!("{kind:?}: {e}\n{text}"));
        assert!(load.rejected.is_empty());
        assert_eq!(get(load.dataset), rows, "{kind:?}:\n{text}");
    }
}

#[test]
fn dossiers() {
    let full = Dossier {
        dossier_id: "HS1".into(),
        unit_code: "U1".into(),
        procedure_code: "1.000001".into(),
        sector: "đất đai, xây dựng".into(),
        received_on: d("2026-01-05"),
        channel: Channel::Online,
        fully_online: true,
        due_on: Some(d("2026-01-15")),
        completed_on: Some(d("2026-01-20")),
        paused_days: 3,
        fee_required: true,
        paid_online: true,
        digitized: true,
    };
    let bare = Dossier {
        dossier_id: "HS2".into(),
        channel: Channel::Postal,
        fully_online: false,
        due_on: None,
        completed_on: None,
        paused_days: 0,
        fee_required: false,
        paid_online: false,
        digitized: false,
        ..full.clone()
    };
    let direct = Dossier {
        dossier_id: "HS3".into(),
        channel: Channel::Direct,
        fully_online: false,
        paid_online: false,
        ..full.clone()
    };
    round_trip(
        RecordKind::Dossiers,
        std::slice::from_ref(&bare),
        &[],
        |d| d.dossiers.records(),
    );
    round_trip(
        RecordKind::Dossiers,
        &[full, bare, direct],
        &[
            "due_on",
            "completed_on",
            "paused_days",
            "fee_required",
            "paid_online",
            "digitized",
        ],
        |d| d.dossiers.records(),
    );
}

#[test]
fn survey() {
    let yes_no = SurveyResponse {
        response_id: "KS1".into(),
        unit_code: "U1".into(),
        responded_on: d("2026-02-01"),
        satisfied: Some(false),
        rating: None,
        scale: None,
        sector: Some("y_te".into()),
    };
    let rated = SurveyResponse {
        response_id: "KS2".into(),
        satisfied: None,
        rating: Some(SatisfactionLevel::VeryDissatisfied),
        scale: Some(5),
        sector: None,
        ..yes_no.clone()
    };
    let three = SurveyResponse {
        response_id: "KS3".into(),
        satisfied: None,
        rating: Some(SatisfactionLevel::Satisfied),
        scale: Some(3),
        ..yes_no.clone()
    };
    round_trip(
        RecordKind::Survey,
        &[yes_no.clone(), rated, three],
        &["satisfied", "rating", "scale", "sector"],
        |d| d.survey.records(),
    );
    round_trip(
        RecordKind::Survey,
        &[yes_no],
        &["satisfied", "sector"],
        |d| d.survey.records(),
    );
}

#[test]
fn staff() {
    let full = StaffMember {
        person_id: "CB1".into(),
        unit_code: "U1".into(),
        in_scope: true,
        trained_on: Some(d("2025-03-01")),
        role: Some(StaffRole::CommunityTeam),
        communicated_on: Some(d("2025-03-02")),
    };
    let bare = StaffMember {
        person_id: "CB2".into(),
        in_scope: false,
        trained_on: None,
        role: None,
        communicated_on: None,
        ..full.clone()
    };
    let roles = [StaffRole::Operator, StaffRole::Official].map(|r| StaffMember {
        person_id: format!("CB-{}", r.as_str()),
        role: Some(r),
        ..full.clone()
    });
    let mut rows = vec![full, bare.clone()];
    rows.extend(roles);
    round_trip(
        RecordKind::Staff,
        &rows,
        &["role", "communicated_on"],
        |d| d.staff.records(),
    );
    round_trip(RecordKind::Staff, &[bare], &[], |d| d.staff.records());
}

#[test]
fn procedures() {
    let online = Procedure {
        procedure_id: "1.000001".into(),
        unit_code: "U1".into(),
        sector: "y_te".into(),
        name: "Cấp giấy phép \"hành nghề\", lần đầu".into(),
        eligible_full_process: true,
        full_process_online: true,
        online_since: Some(d("2026-03-01")),
    };
    let not_yet = Procedure {
        procedure_id: "1.000002".into(),
        full_process_online: false,
        eligible_full_process: false,
        online_since: None,
        name: "Thủ tục 1.000002".into(),
        ..online.clone()
    };
    round_trip(
        RecordKind::Procedures,
        &[online, not_yet],
        &["online_since"],
        |d| d.procedures,
    );
}

#[test]
fn units() {
    let rows = [
        UnitEntry {
            unit_code: "U1".into(),
            name: "Sở Y tế\nTP.HCM".into(),
            active_from: Some(d("2025-07-01")),
            active_to: Some(d("2026-12-31")),
        },
        UnitEntry {
            unit_code: "U2".into(),
            name: "Bệnh viện".into(),
            active_from: None,
            active_to: None,
        },
    ];
    round_trip(
        RecordKind::Units,
        &rows,
        &["active_from", "active_to"],
        |d| d.units,
    );
}

#[test]
fn publications() {
    let mut rows: Vec<Publication> = PublicationChannel::ALL
        .into_iter()
        .zip(PublicationKind::ALL.into_iter().cycle())
        .enumerate()
        .map(|(i, (channel, kind))| Publication {
            publication_id: format!("SP{i}"),
            unit_code: "U1".into(),
            published_on: d("2026-04-01"),
            channel,
            kind: Some(kind),
            url: Some(format!("https://example.invalid/a?b={i},c")),
        })
        .collect();
    rows.push(Publication {
        publication_id: "SP-bare".into(),
        kind: None,
        url: None,
        ..rows[0].clone()
    });
    round_trip(RecordKind::Publications, &rows, &["kind", "url"], |d| {
        d.publications
    });
}

#[test]
fn outreach() {
    let mut rows: Vec<OutreachSession> = OutreachKind::ALL
        .into_iter()
        .enumerate()
        .map(|(i, kind)| OutreachSession {
            session_id: format!("HD{i}"),
            unit_code: "U1".into(),
            held_on: d("2026-05-01"),
            kind,
            people_guided: 10 + i as u32,
            dossiers_helped: Some(i as u32),
            members: Some(3),
        })
        .collect();
    rows.push(OutreachSession {
        session_id: "HD-bare".into(),
        people_guided: 0,
        dossiers_helped: None,
        members: None,
        ..rows[0].clone()
    });
    round_trip(
        RecordKind::Outreach,
        &rows,
        &["dossiers_helped", "members"],
        |d| d.outreach,
    );
}

#[test]
fn feedback() {
    let base = Feedback {
        feedback_id: "PA1".into(),
        unit_code: "U1".into(),
        received_on: d("2026-06-01"),
        addressed_on: Some(d("2026-06-05")),
        public: Some(true),
    };
    let rows = [
        base.clone(),
        Feedback {
            feedback_id: "PA2".into(),
            public: Some(false),
            ..base.clone()
        },
        Feedback {
            feedback_id: "PA3".into(),
            addressed_on: None,
            public: None,
            ..base
        },
    ];
    round_trip(
        RecordKind::Feedback,
        &rows,
        &["addressed_on", "public"],
        |d| d.feedback,
    );
}

#[test]
fn activities() {
    let full = Activity {
        activity_id: "A1".into(),
        task_id: "T1".into(),
        unit_code: "U1".into(),
        date: d("2026-10-10"),
        kind: Some("video, short".into()),
        count: Some(3),
    };
    let bare = Activity {
        activity_id: "A2".into(),
        kind: None,
        count: None,
        ..full.clone()
    };
    let rows = [full, bare];
    for text in [
        write_csv(&rows),
        write_csv_with(&rows, &["kind", "count"]).unwrap(),
    ] {
        let load = read_activities_csv_text(&text, "a.csv", true).unwrap();
        assert!(load.rejected.is_empty());
        assert_eq!(load.activities, rows, "{text}");
    }
    let text = write_csv_with(&rows[1..], &[]).unwrap();
    assert_eq!(
        text,
        "activity_id,task_id,unit_code,date\nA2,T1,U1,2026-10-10\n"
    );
    let load = read_activities_csv_text(&text, "a.csv", true).unwrap();
    assert_eq!(load.activities, rows[1..]);
}

//! The record files of the example data sets, built as records from the
//! seeded generator and written with the core's CSV writers.

use chrono::{Days, NaiveDate};
use dvctt::io::csv_write::{write_csv, write_csv_with};
use dvctt::synth::{generate, Rng, SynthSpec};
use dvctt::{
    Dossier, Feedback, OutreachKind, OutreachSession, Procedure, Publication, PublicationChannel,
    PublicationKind, SatisfactionLevel, StaffMember, StaffRole, SurveyResponse, UnitEntry,
};

/// Generated files of one data set, in writing order: name, contents.
pub type Files = Vec<(&'static str, String)>;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The HCMC example's shape: a few health units with different performance.
fn hcm_spec() -> SynthSpec {
    let units = [
        ("SYT-VP", 0.86, 0.97),
        ("BV-NHIDONG1", 0.81, 0.96),
        ("BV-CHORAY", 0.74, 0.93),
        ("TTKSBT", 0.90, 0.95),
        ("BV-DALIEU", 0.66, 0.91),
    ];
    SynthSpec {
        seed: 2026,
        units: units
            .iter()
            .map(|(u, o, s)| (u.to_string(), *o, *s))
            .collect(),
        sectors: [
            "kham_chua_benh",
            "duoc_pham",
            "y_te_du_phong",
            "trang_thiet_bi_y_te",
            "an_toan_thuc_pham",
        ]
        .map(String::from)
        .to_vec(),
        year: 2026,
        dossiers: 4000,
        responses: 1500,
        staff_per_unit: 40,
    }
}

/// HCMC 2026: the dossier, survey and staff files, the procedure
/// catalogue, the units list and the campaign logs.
pub fn hcm_records() -> Files {
    let spec = hcm_spec();
    let s = generate(&spec);
    let mut rng = Rng::new(20_261);
    let affiliated = [
        (
            "TTKSBT",
            "Trung tâm Kiểm soát bệnh tật Thành phố Hồ Chí Minh",
        ),
        ("BV-NHIDONG1", "Bệnh viện Nhi Đồng 1"),
        ("BV-DALIEU", "Bệnh viện Da Liễu Thành phố Hồ Chí Minh"),
        ("BV-BARIA", "Bệnh viện Bà Rịa"),
        ("BV-DKBD", "Bệnh viện Đa khoa Bình Dương"),
    ];
    // Every eligible procedure of the Department is offered full-process online.
    let units: Vec<&str> = spec.units.iter().map(|u| u.0.as_str()).collect();
    let procs: Vec<Procedure> = (0..40usize)
        .map(|k| {
            let eligible = k % 10 != 7;
            procedure(
                format!("1.{:06}", 1000 + k),
                units[k % units.len()],
                &spec.sectors[k % spec.sectors.len()],
                eligible,
                eligible,
                (k % 6 == 0).then(|| ymd(2026, 3, 1)),
            )
        })
        .collect();
    let pubs_units: Vec<&str> = affiliated.iter().map(|u| u.0).chain(["SYT-VP"]).collect();
    vec![
        ("dossiers.csv", write_csv(&s.dossiers)),
        ("survey.csv", columns(&s.survey, &["satisfied", "sector"])),
        ("staff.csv", columns(&s.staff, &[])),
        ("procedures.csv", write_csv(&procs)),
        ("units.csv", write_csv(&unit_entries(&affiliated))),
        (
            "publications.csv",
            write_csv(&publications(&mut rng, &pubs_units, 2026, 12, &[])),
        ),
        (
            "outreach.csv",
            write_csv(&outreach(&mut rng, &pubs_units, 2026, 12)),
        ),
        (
            "feedback.csv",
            write_csv(&feedback(&mut rng, &pubs_units, 2026, 12, 1.0)),
        ),
    ]
}

/// [`write_csv_with`] for optional columns known to exist.
fn columns<T: dvctt::io::csv_write::CsvWrite>(rows: &[T], optional: &[&str]) -> String {
    write_csv_with(rows, optional).expect("optional columns of the kind")
}

/// The units of the health department of Bà Rịa–Vũng Tàu (health sectors,
/// 5-level ratings) and the provincial departments of land, construction
/// and investment (3-level ratings).
const BRVT_UNITS: [(&str, &str); 7] = [
    ("SYT-BRVT", "Sở Y tế tỉnh Bà Rịa - Vũng Tàu"),
    (
        "BRVT-TTKSBT",
        "Trung tâm Kiểm soát bệnh tật tỉnh Bà Rịa - Vũng Tàu",
    ),
    ("BV-BARIA", "Bệnh viện Bà Rịa"),
    ("BV-VUNGTAU", "Bệnh viện Vũng Tàu"),
    (
        "STNMT-BRVT",
        "Sở Tài nguyên và Môi trường tỉnh Bà Rịa - Vũng Tàu",
    ),
    ("SXD-BRVT", "Sở Xây dựng tỉnh Bà Rịa - Vũng Tàu"),
    ("SKHDT-BRVT", "Sở Kế hoạch và Đầu tư tỉnh Bà Rịa - Vũng Tàu"),
];

/// Bà Rịa–Vũng Tàu 2025, January to June: the health department's units
/// and the provincial departments, a commune's community digital team, and
/// the province's reported adult-usage and student figures.
pub fn brvt_records() -> Files {
    let (dossiers, responses) = brvt_dossiers_and_responses();
    let mut rng = Rng::new(20_251);
    let survey = brvt_survey(&mut rng, responses);
    let staff = brvt_staff(&mut rng);
    let publishers: Vec<&str> = BRVT_UNITS.iter().map(|u| u.0).collect();
    vec![
        ("dossiers.csv", write_csv(&dossiers)),
        ("survey.csv", write_csv(&survey)),
        ("staff.csv", write_csv(&staff)),
        ("procedures.csv", write_csv(&brvt_procedures())),
        ("units.csv", write_csv(&unit_entries(&BRVT_UNITS))),
        (
            "publications.csv",
            write_csv(&publications(
                &mut rng,
                &publishers,
                2025,
                6,
                &["BV-VUNGTAU"],
            )),
        ),
        (
            "outreach.csv",
            write_csv(&outreach(
                &mut rng,
                &["SYT-BRVT", "UBND-P1-VUNGTAU"],
                2025,
                6,
            )),
        ),
        (
            "feedback.csv",
            write_csv(&feedback(&mut rng, &publishers, 2025, 6, 0.96)),
        ),
        ("aggregates.json", brvt_aggregates()),
    ]
}

/// The dossiers received and the survey responses given by 30 June 2025,
/// ids prefixed by group; each response with its group's rating scale.
fn brvt_dossiers_and_responses() -> (Vec<Dossier>, Vec<(SurveyResponse, u32)>) {
    let end = ymd(2025, 6, 30);
    let health = SynthSpec {
        seed: 2025,
        units: [
            ("SYT-BRVT", 0.84, 0.95),
            ("BRVT-TTKSBT", 0.86, 0.94),
            ("BV-BARIA", 0.80, 0.93),
            ("BV-VUNGTAU", 0.71, 0.90),
        ]
        .iter()
        .map(|(u, o, s)| (u.to_string(), *o, *s))
        .collect(),
        sectors: ["kham_chua_benh", "duoc_pham", "y_te_du_phong"]
            .map(String::from)
            .to_vec(),
        year: 2025,
        dossiers: 1600,
        responses: 700,
        staff_per_unit: 0,
    };
    let departments = [
        ("STNMT-BRVT", "dat_dai", 0.58, 0.83),
        ("SXD-BRVT", "xay_dung", 0.74, 0.86),
        ("SKHDT-BRVT", "dau_tu", 0.88, 0.88),
    ];
    let (mut dossiers, mut survey) = (Vec::new(), Vec::new());
    let mut add = |tag: &str, spec: &SynthSpec, scale: u32| {
        let s = generate(spec);
        for mut d in s.dossiers.into_iter().filter(|d| d.received_on <= end) {
            d.dossier_id = format!("{tag}-{}", d.dossier_id);
            dossiers.push(d);
        }
        for mut r in s.survey.into_iter().filter(|r| r.responded_on <= end) {
            r.response_id = format!("{tag}-{}", r.response_id);
            survey.push((r, scale));
        }
    };
    add("YT", &health, 5);
    for (i, (unit, sector, online, sat)) in departments.iter().enumerate() {
        let spec = SynthSpec {
            seed: 2025 + 1 + i as u64,
            units: vec![(unit.to_string(), *online, *sat)],
            sectors: vec![sector.to_string()],
            year: 2025,
            dossiers: 500,
            responses: 240,
            staff_per_unit: 0,
        };
        add(&sector.replace('_', "").to_uppercase(), &spec, 3);
    }
    (dossiers, survey)
}

/// Ratings instead of yes/no, on each group's scale.
fn brvt_survey(rng: &mut Rng, responses: Vec<(SurveyResponse, u32)>) -> Vec<SurveyResponse> {
    use SatisfactionLevel::*;
    responses
        .into_iter()
        .map(|(r, scale)| {
            let ok = r.satisfied.unwrap_or(false);
            let level = match (ok, scale, rng.below(3)) {
                (true, _, 0) => VerySatisfied,
                (true, _, _) => Satisfied,
                (false, 3, _) => Dissatisfied,
                (false, _, 0) => Neutral,
                (false, _, 1) => Dissatisfied,
                (false, _, _) => VeryDissatisfied,
            };
            SurveyResponse {
                satisfied: None,
                rating: Some(level),
                scale: Some(scale),
                ..r
            }
        })
        .collect()
}

/// Operators, officials and a commune's community digital team.
fn brvt_staff(rng: &mut Rng) -> Vec<StaffMember> {
    // Unit, share trained, share told about online services.
    let staff_units = [
        ("SYT-BRVT", 0.97, 1.0),
        ("BRVT-TTKSBT", 0.95, 1.0),
        ("BV-BARIA", 0.92, 1.0),
        ("BV-VUNGTAU", 0.85, 1.0),
        ("STNMT-BRVT", 0.9, 0.8),
        ("SXD-BRVT", 0.95, 0.9),
        ("SKHDT-BRVT", 1.0, 0.95),
    ];
    let day = |rng: &mut Rng, p: f64| {
        rng.chance(p)
            .then(|| ymd(2025, 1, 2) + Days::new(rng.below(180)))
    };
    let mut out = Vec::new();
    let mut person = |unit: &str, trained_on, role, communicated_on| {
        out.push(StaffMember {
            person_id: format!("CB{:04}", out.len() + 1),
            unit_code: unit.to_string(),
            in_scope: true,
            trained_on,
            role: Some(role),
            communicated_on,
        })
    };
    for (unit, trained, told) in staff_units {
        for k in 0..18 {
            let role = if k < 8 {
                StaffRole::Operator
            } else {
                StaffRole::Official
            };
            let t = day(rng, trained);
            let c = day(rng, told);
            person(unit, t, role, c);
        }
    }
    for _ in 0..12 {
        let t = day(rng, 0.9);
        person("UBND-P1-VUNGTAU", t, StaffRole::CommunityTeam, None);
    }
    out
}

/// The procedure catalogue: health fully online, the land department not yet.
fn brvt_procedures() -> Vec<Procedure> {
    let mut procs = Vec::new();
    for (k, (unit, sector, eligible, online)) in [
        ("SYT-BRVT", "kham_chua_benh", 12, 12),
        ("SYT-BRVT", "duoc_pham", 10, 10),
        ("STNMT-BRVT", "dat_dai", 14, 11),
        ("SXD-BRVT", "xay_dung", 9, 9),
        ("SKHDT-BRVT", "dau_tu", 11, 10),
    ]
    .into_iter()
    .enumerate()
    {
        for j in 0..eligible + 2 {
            procs.push(procedure(
                format!("2.{:03}{:03}", k + 1, j + 1),
                unit,
                sector,
                j < eligible,
                j < online,
                None,
            ));
        }
    }
    procs
}

/// The province's reported adult-usage and student figures.
fn brvt_aggregates() -> String {
    let aggregates = serde_json::json!({ "aggregates": [
        { "indicator": "adult_usage_rate", "unit_code": "UBND-BRVT", "period": "2025S1",
          "numerator": 478_500, "denominator": 870_000 },
        { "indicator": "student_coverage", "unit_code": "UBND-BRVT", "period": "2025S1",
          "numerator": 41_300, "denominator": 56_000 },
    ]});
    serde_json::to_string_pretty(&aggregates).expect("serialisable") + "\n"
}

fn procedure(
    id: String,
    unit: &str,
    sector: &str,
    eligible: bool,
    online: bool,
    since: Option<NaiveDate>,
) -> Procedure {
    Procedure {
        name: format!("Thủ tục {id}"),
        procedure_id: id,
        unit_code: unit.to_string(),
        sector: sector.to_string(),
        eligible_full_process: eligible,
        full_process_online: online,
        online_since: since,
    }
}

fn unit_entries(rows: &[(&str, &str)]) -> Vec<UnitEntry> {
    rows.iter()
        .map(|(code, name)| UnitEntry {
            unit_code: code.to_string(),
            name: name.to_string(),
            active_from: None,
            active_to: None,
        })
        .collect()
}

fn month_day(rng: &mut Rng, year: i32, month: u32) -> NaiveDate {
    ymd(year, month, 1 + rng.below(28) as u32)
}

/// About two products a month per unit over the first `months` months;
/// `silent` units publish nothing on their portal.
fn publications(
    rng: &mut Rng,
    units: &[&str],
    year: i32,
    months: u32,
    silent: &[&str],
) -> Vec<Publication> {
    use PublicationChannel::*;
    use PublicationKind::*;
    let mut out = Vec::new();
    for m in 1..=months {
        for u in units {
            for _ in 0..rng.below(3) {
                let channel = match rng.below(4) {
                    _ if silent.contains(u) => Social,
                    0 | 1 => Portal,
                    2 => Social,
                    _ => Press,
                };
                let kind = [Guidance, Video, Article, Infographic][rng.below(4) as usize];
                out.push(Publication {
                    publication_id: format!("SP{:05}", out.len() + 1),
                    unit_code: u.to_string(),
                    published_on: month_day(rng, year, m),
                    channel,
                    kind: Some(kind),
                    url: None,
                });
            }
        }
    }
    out
}

/// One to three outreach sessions a month per unit.
fn outreach(rng: &mut Rng, units: &[&str], year: i32, months: u32) -> Vec<OutreachSession> {
    use OutreachKind::*;
    let mut out = Vec::new();
    for m in 1..=months {
        for u in units {
            for _ in 0..1 + rng.below(3) {
                let kind = [DoorToDoor, OneStop, Event, Online][rng.below(4) as usize];
                let people = 5 + rng.below(60);
                let held_on = month_day(rng, year, m);
                let helped = rng.below(people);
                let members = 2 + rng.below(5);
                out.push(OutreachSession {
                    session_id: format!("HD{:05}", out.len() + 1),
                    unit_code: u.to_string(),
                    held_on,
                    kind,
                    people_guided: people as u32,
                    dossiers_helped: Some(helped as u32),
                    members: Some(members as u32),
                });
            }
        }
    }
    out
}

/// A few feedback items a month per unit; each is answered publicly within
/// 20 days with probability `addressed`.
fn feedback(
    rng: &mut Rng,
    units: &[&str],
    year: i32,
    months: u32,
    addressed: f64,
) -> Vec<Feedback> {
    let mut out = Vec::new();
    for m in 1..=months {
        for u in units {
            for _ in 0..rng.below(3) {
                let got = month_day(rng, year, m);
                let done = rng
                    .chance(addressed)
                    .then(|| got + Days::new(1 + rng.below(20)));
                out.push(Feedback {
                    feedback_id: format!("PA{:05}", out.len() + 1),
                    unit_code: u.to_string(),
                    received_on: got,
                    addressed_on: done,
                    public: None,
                });
            }
        }
    }
    out
}

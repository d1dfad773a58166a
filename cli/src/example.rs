//! The bundled examples: every plan of `examples/plans/` with the seeded
//! synthetic data set it is checked on (regenerate the data with
//! `dvctt generate-example`).
//!
//! Plans that concern the same units share one data set: the Bà Rịa–Vũng
//! Tàu plans of 2025 and Decision 1588/QĐ-TTg are all checked on the
//! province's 2025 records (`examples/data/brvt-2025/`).

use dvctt::synth::{activities, generate, Rng, SynthSpec};
use dvctt::{api::load_plan, Activity, Period, Plan, RecordKind};

/// A synthetic data set: record files and one activity log for the tasks of
/// every plan checked on it.
pub struct DataSet {
    /// Folder, relative to the repository root (and to `generate-example --out`).
    pub dir: &'static str,
    /// Record files: kind, file name, contents.
    pub records: &'static [(RecordKind, &'static str, &'static str)],
    /// `activities.csv`, when the data set has one.
    pub activities: Option<&'static str>,
    /// `aggregates.json` (`{"aggregates": [...]}`), figures units report.
    pub aggregates: Option<&'static str>,
    /// The date the data runs to, when before the plans' period ends: the
    /// targets are judged and the tasks checked as of it.
    pub as_of: Option<&'static str>,
}

/// One bundled plan and the data set it is checked on.
pub struct Example {
    /// The plan's id, also the name given to `--example`.
    pub id: &'static str,
    /// The plan file, relative to the repository root.
    pub plan_file: &'static str,
    pub plan: &'static str,
    pub data: &'static DataSet,
    /// The period tasks are checked and indicators listed over, when not
    /// the plan's own (a plan running to 2030 checked on 2025 data).
    pub period: Option<&'static str>,
}

/// The example `report --example` runs when no name is given.
pub const DEFAULT: &str = "hcm-syt-2026";

macro_rules! file {
    ($path:literal) => {
        include_str!(concat!("../../", $path))
    };
}

pub static HCM_2026: DataSet = DataSet {
    dir: "",
    records: &[
        (
            RecordKind::Dossiers,
            "dossiers.csv",
            file!("examples/data/dossiers.csv"),
        ),
        (
            RecordKind::Survey,
            "survey.csv",
            file!("examples/data/survey.csv"),
        ),
        (
            RecordKind::Staff,
            "staff.csv",
            file!("examples/data/staff.csv"),
        ),
        (
            RecordKind::Procedures,
            "procedures.csv",
            file!("examples/data/procedures.csv"),
        ),
        (
            RecordKind::Units,
            "units.csv",
            file!("examples/data/units.csv"),
        ),
        (
            RecordKind::Publications,
            "publications.csv",
            file!("examples/data/publications.csv"),
        ),
        (
            RecordKind::Outreach,
            "outreach.csv",
            file!("examples/data/outreach.csv"),
        ),
        (
            RecordKind::Feedback,
            "feedback.csv",
            file!("examples/data/feedback.csv"),
        ),
    ],
    activities: Some(file!("examples/data/activities.csv")),
    aggregates: None,
    as_of: None,
};

/// Bà Rịa–Vũng Tàu, 2025: records run to 30 June 2025, the day before the
/// province became part of Ho Chi Minh City.
pub static BRVT_2025: DataSet = DataSet {
    dir: "brvt-2025",
    records: &[
        (
            RecordKind::Dossiers,
            "dossiers.csv",
            file!("examples/data/brvt-2025/dossiers.csv"),
        ),
        (
            RecordKind::Survey,
            "survey.csv",
            file!("examples/data/brvt-2025/survey.csv"),
        ),
        (
            RecordKind::Staff,
            "staff.csv",
            file!("examples/data/brvt-2025/staff.csv"),
        ),
        (
            RecordKind::Procedures,
            "procedures.csv",
            file!("examples/data/brvt-2025/procedures.csv"),
        ),
        (
            RecordKind::Units,
            "units.csv",
            file!("examples/data/brvt-2025/units.csv"),
        ),
        (
            RecordKind::Publications,
            "publications.csv",
            file!("examples/data/brvt-2025/publications.csv"),
        ),
        (
            RecordKind::Outreach,
            "outreach.csv",
            file!("examples/data/brvt-2025/outreach.csv"),
        ),
        (
            RecordKind::Feedback,
            "feedback.csv",
            file!("examples/data/brvt-2025/feedback.csv"),
        ),
    ],
    activities: Some(file!("examples/data/brvt-2025/activities.csv")),
    aggregates: Some(file!("examples/data/brvt-2025/aggregates.json")),
    as_of: Some(BRVT_END),
};

const BRVT_END: &str = "2025-06-30";

pub static THANHHOA_2021: DataSet = DataSet {
    dir: "thanhhoa-2021-2022",
    records: &[],
    activities: Some(file!("examples/data/thanhhoa-2021-2022/activities.csv")),
    aggregates: None,
    as_of: None,
};

pub static EXAMPLES: &[Example] = &[
    Example {
        id: "hcm-syt-2026",
        plan_file: "examples/plans/hcm-syt-2026.json",
        plan: file!("examples/plans/hcm-syt-2026.json"),
        data: &HCM_2026,
        period: None,
    },
    Example {
        id: "qd-1588-ttg",
        plan_file: "examples/plans/qd-1588-ttg.json",
        plan: file!("examples/plans/qd-1588-ttg.json"),
        data: &BRVT_2025,
        period: Some("2025"),
    },
    Example {
        id: "brvt-ubnd-159-2025",
        plan_file: "examples/plans/brvt-ubnd-159-2025.json",
        plan: file!("examples/plans/brvt-ubnd-159-2025.json"),
        data: &BRVT_2025,
        period: Some("2025"),
    },
    Example {
        id: "brvt-syt-81-2025",
        plan_file: "examples/plans/brvt-syt-81-2025.json",
        plan: file!("examples/plans/brvt-syt-81-2025.json"),
        data: &BRVT_2025,
        period: Some("2025"),
    },
    Example {
        id: "brvt-syt-2025-cchc",
        plan_file: "examples/plans/brvt-syt-2025-cchc.json",
        plan: file!("examples/plans/brvt-syt-2025-cchc.json"),
        data: &BRVT_2025,
        period: None,
    },
    Example {
        id: "thanhhoa-syt-2021-2022",
        plan_file: "examples/plans/thanhhoa-syt-2021-2022.json",
        plan: file!("examples/plans/thanhhoa-syt-2021-2022.json"),
        data: &THANHHOA_2021,
        period: None,
    },
];

/// The example named `name`, or an error listing the names.
pub fn find(name: &str) -> Result<&'static Example, String> {
    EXAMPLES.iter().find(|e| e.id == name).ok_or_else(|| {
        format!(
            "no bundled example `{name}`; the examples are: {}",
            names().join(", ")
        )
    })
}

pub fn names() -> Vec<&'static str> {
    EXAMPLES.iter().map(|e| e.id).collect()
}

impl DataSet {
    /// A file's path relative to the repository root.
    pub fn path(&self, file: &str) -> String {
        if self.dir.is_empty() {
            format!("examples/data/{file}")
        } else {
            format!("examples/data/{}/{file}", self.dir)
        }
    }

    fn examples(&self) -> impl Iterator<Item = &'static Example> + '_ {
        EXAMPLES.iter().filter(move |e| std::ptr::eq(e.data, self))
    }
}

/// Every bundled plan, parsed.
pub fn plans() -> dvctt::Result<Vec<Plan>> {
    EXAMPLES.iter().map(|e| load_plan(e.plan)).collect()
}

/// How each data set is generated.
struct Recipe {
    data: &'static DataSet,
    seed: u64,
    records: Option<fn() -> Records>,
    /// Probability that a unit leaves a task's slot short.
    miss: fn(&str) -> f64,
}

fn recipes() -> Vec<Recipe> {
    vec![
        Recipe {
            data: &HCM_2026,
            seed: 2026,
            records: Some(hcm_records),
            miss: |unit| match unit {
                "BV-DALIEU" => 0.35,
                "SYT-TCCB" => 0.3,
                "SYT-VP" => 0.0,
                _ => 0.08,
            },
        },
        Recipe {
            data: &BRVT_2025,
            seed: 2025,
            records: Some(brvt_records),
            miss: |unit| match unit {
                "BV-VUNGTAU" => 0.4,
                "BRVT-KHTC" => 0.0,
                _ => 0.1,
            },
        },
        Recipe {
            data: &THANHHOA_2021,
            seed: 2021,
            records: None,
            miss: |unit| match unit {
                "TH-BVNHI" | "TH-MOTCUA" => 0.3,
                _ => 0.05,
            },
        },
    ]
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

/// Writes every data set under `out` (the repository's `examples/data` by
/// default); returns the files written.
pub fn write(out: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut written = Vec::new();
    for r in recipes() {
        let dir = if r.data.dir.is_empty() {
            out.to_string()
        } else {
            format!("{out}/{}", r.data.dir)
        };
        std::fs::create_dir_all(&dir)?;
        let mut put = |name: &str, text: String| -> std::io::Result<()> {
            let path = format!("{dir}/{name}");
            std::fs::write(&path, text)?;
            written.push(path);
            Ok(())
        };
        if let Some(make) = r.records {
            for (name, text) in make().files {
                put(name, text)?;
            }
        }
        let mut log = Vec::new();
        for (k, e) in r.data.examples().enumerate() {
            let plan = load_plan(e.plan)?;
            let mut period: Period = e.period.unwrap_or(&plan.period).parse()?;
            if let Some(end) = r.data.as_of {
                let end = chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d")?;
                if end < period.end() {
                    period = Period::range(period.start(), end)?;
                }
            }
            log.extend(activities(
                &plan,
                &period,
                r.seed.wrapping_add(k as u64 * 7919),
                "HD",
                log.len() + 1,
                |_, unit| (r.miss)(unit),
            ));
        }
        put("activities.csv", activities_csv(&log))?;
    }
    Ok(written)
}

fn date(x: Option<chrono::NaiveDate>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

fn dossiers_csv(rows: &[dvctt::Dossier]) -> String {
    let mut d = String::from(
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,\
         due_on,completed_on,paused_days,fee_required,paid_online,digitized\n",
    );
    for r in rows {
        let ch = serde_json::to_value(r.channel).expect("serialisable");
        d += &format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            r.dossier_id,
            r.unit_code,
            r.procedure_code,
            r.sector,
            r.received_on,
            ch.as_str().unwrap_or_default(),
            r.fully_online,
            date(r.due_on),
            date(r.completed_on),
            r.paused_days,
            r.fee_required,
            r.paid_online,
            r.digitized
        );
    }
    d
}

fn survey_csv(rows: &[dvctt::SurveyResponse]) -> String {
    let mut v = String::from("response_id,unit_code,responded_on,satisfied,sector\n");
    for r in rows {
        v += &format!(
            "{},{},{},{},{}\n",
            r.response_id,
            r.unit_code,
            r.responded_on,
            r.satisfied.map(|b| b.to_string()).unwrap_or_default(),
            r.sector.as_deref().unwrap_or("")
        );
    }
    v
}

fn staff_csv(rows: &[dvctt::StaffMember]) -> String {
    let mut t = String::from("person_id,unit_code,in_scope,trained_on\n");
    for r in rows {
        t += &format!(
            "{},{},{},{}\n",
            r.person_id,
            r.unit_code,
            r.in_scope,
            date(r.trained_on)
        );
    }
    t
}

fn activities_csv(rows: &[Activity]) -> String {
    let mut t = String::from("activity_id,task_id,unit_code,date\n");
    for a in rows {
        t += &format!(
            "{},{},{},{}\n",
            a.activity_id, a.task_id, a.unit_code, a.date
        );
    }
    t
}

/// Generated files of one data set, in writing order.
struct Records {
    files: Vec<(&'static str, String)>,
}

/// HCMC 2026: the dossier, survey and staff files as before, plus the
/// procedure catalogue, the units list and the campaign logs.
fn hcm_records() -> Records {
    let s = generate(&hcm_spec());
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
    let units: Vec<&str> = hcm_spec_units();
    let sectors = hcm_spec().sectors;
    let mut procs = Vec::new();
    for k in 0..40u32 {
        let eligible = k % 10 != 7;
        procs.push(Procedure {
            id: format!("1.{:06}", 1000 + k),
            unit: units[k as usize % units.len()].to_string(),
            sector: sectors[k as usize % sectors.len()].clone(),
            eligible,
            online: eligible,
            since: (k % 6 == 0).then(|| "2026-03-01".to_string()),
        });
    }
    let pubs_units: Vec<&str> = affiliated.iter().map(|u| u.0).chain(["SYT-VP"]).collect();
    Records {
        files: vec![
            ("dossiers.csv", dossiers_csv(&s.dossiers)),
            ("survey.csv", survey_csv(&s.survey)),
            ("staff.csv", staff_csv(&s.staff)),
            ("procedures.csv", procedures_csv(&procs)),
            ("units.csv", units_csv(&affiliated)),
            (
                "publications.csv",
                publications_csv(&mut rng, &pubs_units, 2026, 12, &[]),
            ),
            (
                "outreach.csv",
                outreach_csv(&mut rng, &pubs_units, 2026, 12),
            ),
            (
                "feedback.csv",
                feedback_csv(&mut rng, &pubs_units, 2026, 12, 1.0),
            ),
        ],
    }
}

fn hcm_spec_units() -> Vec<&'static str> {
    vec!["SYT-VP", "BV-NHIDONG1", "BV-CHORAY", "TTKSBT", "BV-DALIEU"]
}

/// Bà Rịa–Vũng Tàu 2025, January to June: the health department's units
/// (health sectors, 5-level ratings) and the provincial departments of land,
/// construction and investment (3-level ratings), a commune's community
/// digital team, and the province's reported adult-usage and student figures.
fn brvt_records() -> Records {
    let end = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
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
    let mut add = |tag: &str, spec: &SynthSpec, scale: u8| {
        let s = generate(spec);
        for mut d in s.dossiers.into_iter().filter(|d| d.received_on <= end) {
            d.dossier_id = format!("{tag}-{}", d.dossier_id);
            dossiers.push(d);
        }
        for r in s.survey.into_iter().filter(|r| r.responded_on <= end) {
            survey.push((format!("{tag}-{}", r.response_id), r, scale));
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
    let mut rng = Rng::new(20_251);
    // Survey: ratings instead of yes/no, on each group's scale.
    let mut sv = String::from("response_id,unit_code,responded_on,satisfied,rating,scale,sector\n");
    for (id, r, scale) in &survey {
        let ok = r.satisfied.unwrap_or(false);
        let level = match (ok, scale, rng.below(3)) {
            (true, _, 0) => "very_satisfied",
            (true, _, _) => "satisfied",
            (false, 3, _) => "dissatisfied",
            (false, _, 0) => "neutral",
            (false, _, 1) => "dissatisfied",
            (false, _, _) => "very_dissatisfied",
        };
        sv += &format!(
            "{id},{},{},,{level},{scale},{}\n",
            r.unit_code,
            r.responded_on,
            r.sector.as_deref().unwrap_or("")
        );
    }
    // Staff: operators, officials and a commune's community digital team.
    let mut st = String::from("person_id,unit_code,in_scope,trained_on,role,communicated_on\n");
    let staff_units = [
        ("SYT-BRVT", 0.97, 1.0),
        ("BRVT-TTKSBT", 0.95, 1.0),
        ("BV-BARIA", 0.92, 1.0),
        ("BV-VUNGTAU", 0.85, 1.0),
        ("STNMT-BRVT", 0.9, 0.8),
        ("SXD-BRVT", 0.95, 0.9),
        ("SKHDT-BRVT", 1.0, 0.95),
    ];
    let day = |rng: &mut Rng| {
        (chrono::NaiveDate::from_ymd_opt(2025, 1, 2).expect("a date")
            + chrono::Days::new(rng.below(180)))
        .to_string()
    };
    let mut n = 0;
    for (unit, trained, told) in staff_units {
        for k in 0..18 {
            n += 1;
            let role = if k < 8 { "operator" } else { "official" };
            let t = if rng.chance(trained) {
                day(&mut rng)
            } else {
                String::new()
            };
            let c = if rng.chance(told) {
                day(&mut rng)
            } else {
                String::new()
            };
            st += &format!("CB{n:04},{unit},true,{t},{role},{c}\n");
        }
    }
    for _ in 0..12 {
        n += 1;
        let t = if rng.chance(0.9) {
            day(&mut rng)
        } else {
            String::new()
        };
        st += &format!("CB{n:04},UBND-P1-VUNGTAU,true,{t},community_team,\n");
    }
    // Procedure catalogue: health fully online, the land department not yet.
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
            procs.push(Procedure {
                id: format!("2.{:03}{:03}", k + 1, j + 1),
                unit: unit.to_string(),
                sector: sector.to_string(),
                eligible: j < eligible,
                online: j < online,
                since: None,
            });
        }
    }
    let units = [
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
    let publishers: Vec<&str> = units.iter().map(|u| u.0).collect();
    let aggregates = serde_json::json!({ "aggregates": [
        { "indicator": "adult_usage_rate", "unit_code": "UBND-BRVT", "period": "2025S1",
          "numerator": 478_500, "denominator": 870_000 },
        { "indicator": "student_coverage", "unit_code": "UBND-BRVT", "period": "2025S1",
          "numerator": 41_300, "denominator": 56_000 },
    ]});
    Records {
        files: vec![
            ("dossiers.csv", dossiers_csv(&dossiers)),
            ("survey.csv", sv),
            ("staff.csv", st),
            ("procedures.csv", procedures_csv(&procs)),
            ("units.csv", units_csv(&units)),
            (
                "publications.csv",
                publications_csv(&mut rng, &publishers, 2025, 6, &["BV-VUNGTAU"]),
            ),
            (
                "outreach.csv",
                outreach_csv(&mut rng, &["SYT-BRVT", "UBND-P1-VUNGTAU"], 2025, 6),
            ),
            (
                "feedback.csv",
                feedback_csv(&mut rng, &publishers, 2025, 6, 0.96),
            ),
            (
                "aggregates.json",
                serde_json::to_string_pretty(&aggregates).expect("serialisable") + "\n",
            ),
        ],
    }
}

struct Procedure {
    id: String,
    unit: String,
    sector: String,
    eligible: bool,
    online: bool,
    since: Option<String>,
}

fn procedures_csv(rows: &[Procedure]) -> String {
    let mut t = String::from(
        "procedure_id,unit_code,sector,name,eligible_full_process,full_process_online,online_since\n",
    );
    for p in rows {
        t += &format!(
            "{},{},{},Thủ tục {},{},{},{}\n",
            p.id,
            p.unit,
            p.sector,
            p.id,
            p.eligible,
            p.online,
            p.since.as_deref().unwrap_or("")
        );
    }
    t
}

fn units_csv(rows: &[(&str, &str)]) -> String {
    let mut t = String::from("unit_code,name,active_from,active_to\n");
    for (code, name) in rows {
        t += &format!("{code},{name},,\n");
    }
    t
}

fn month_day(rng: &mut Rng, year: i32, month: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, month, 1 + rng.below(28) as u32).expect("a date")
}

/// About two products a month per unit over the first `months` months;
/// `silent` units publish nothing on their portal.
fn publications_csv(
    rng: &mut Rng,
    units: &[&str],
    year: i32,
    months: u32,
    silent: &[&str],
) -> String {
    let mut t = String::from("publication_id,unit_code,published_on,channel,kind,url\n");
    let mut n = 0;
    for m in 1..=months {
        for u in units {
            for _ in 0..rng.below(3) {
                n += 1;
                let channel = match rng.below(4) {
                    _ if silent.contains(u) => "social",
                    0 | 1 => "portal",
                    2 => "social",
                    _ => "press",
                };
                let kind = ["guidance", "video", "article", "infographic"][rng.below(4) as usize];
                t += &format!(
                    "SP{n:05},{u},{},{channel},{kind},\n",
                    month_day(rng, year, m)
                );
            }
        }
    }
    t
}

fn outreach_csv(rng: &mut Rng, units: &[&str], year: i32, months: u32) -> String {
    let mut t =
        String::from("session_id,unit_code,held_on,kind,people_guided,dossiers_helped,members\n");
    let mut n = 0;
    for m in 1..=months {
        for u in units {
            for _ in 0..1 + rng.below(3) {
                n += 1;
                let kind = ["door_to_door", "one_stop", "event", "online"][rng.below(4) as usize];
                let people = 5 + rng.below(60);
                t += &format!(
                    "HD{n:05},{u},{},{kind},{people},{},{}\n",
                    month_day(rng, year, m),
                    rng.below(people),
                    2 + rng.below(5)
                );
            }
        }
    }
    t
}

/// A few feedback items a month per unit; each is answered publicly within
/// 20 days with probability `addressed`.
fn feedback_csv(rng: &mut Rng, units: &[&str], year: i32, months: u32, addressed: f64) -> String {
    let mut t = String::from("feedback_id,unit_code,received_on,addressed_on,public\n");
    let mut n = 0;
    for m in 1..=months {
        for u in units {
            for _ in 0..rng.below(3) {
                n += 1;
                let got = month_day(rng, year, m);
                let done = if rng.chance(addressed) {
                    (got + chrono::Days::new(1 + rng.below(20))).to_string()
                } else {
                    String::new()
                };
                t += &format!("PA{n:05},{u},{got},{done},\n");
            }
        }
    }
    t
}

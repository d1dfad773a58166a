//! The bundled examples: every plan of `examples/plans/` with the seeded
//! synthetic data set it is checked on (regenerate the data with
//! `dvctt generate-example`).
//!
//! Plans that concern the same units share one data set: the Bà Rịa–Vũng
//! Tàu plans of 2025 and Decision 1588/QĐ-TTg are all checked on the
//! province's 2025 records (`examples/data/brvt-2025/`).

use dvctt::synth::{activities, generate, SynthSpec};
use dvctt::{load_plan, Activity, Period, Plan, RecordKind};

/// A synthetic data set: record files and one activity log for the tasks of
/// every plan checked on it.
pub struct DataSet {
    /// Folder, relative to the repository root (and to `generate-example --out`).
    pub dir: &'static str,
    /// Record files: kind, file name, contents.
    pub records: &'static [(RecordKind, &'static str, &'static str)],
    /// `activities.csv`, when the data set has one.
    pub activities: Option<&'static str>,
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
    ],
    activities: Some(file!("examples/data/activities.csv")),
};

pub static BRVT_2025: DataSet = DataSet {
    dir: "brvt-2025",
    records: &[],
    activities: Some(file!("examples/data/brvt-2025/activities.csv")),
};

pub static THANHHOA_2021: DataSet = DataSet {
    dir: "thanhhoa-2021-2022",
    records: &[],
    activities: Some(file!("examples/data/thanhhoa-2021-2022/activities.csv")),
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
    records: Option<SynthSpec>,
    /// Probability that a unit leaves a task's slot short.
    miss: fn(&str) -> f64,
}

fn recipes() -> Vec<Recipe> {
    vec![
        Recipe {
            data: &HCM_2026,
            seed: 2026,
            records: Some(hcm_spec()),
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
            records: None,
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
        if let Some(spec) = &r.records {
            let s = generate(spec);
            put("dossiers.csv", dossiers_csv(&s.dossiers))?;
            put("survey.csv", survey_csv(&s.survey))?;
            put("staff.csv", staff_csv(&s.staff))?;
        }
        let mut log = Vec::new();
        for (k, e) in r.data.examples().enumerate() {
            let plan = load_plan(e.plan)?;
            let period: Period = e.period.unwrap_or(&plan.period).parse()?;
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

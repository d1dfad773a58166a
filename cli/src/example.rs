//! The bundled example: the HCMC Department of Health 2026 plan and a seeded
//! synthetic data set (regenerate with `dvctt generate-example`).

use dvctt::synth::{generate, SynthSpec};
use dvctt::RecordKind;

pub const PLAN: &str = include_str!("../../examples/plans/hcm-syt-2026.json");

pub const DATA: [(RecordKind, &str, &str); 3] = [
    (
        RecordKind::Dossiers,
        "examples/data/dossiers.csv",
        include_str!("../../examples/data/dossiers.csv"),
    ),
    (
        RecordKind::Survey,
        "examples/data/survey.csv",
        include_str!("../../examples/data/survey.csv"),
    ),
    (
        RecordKind::Staff,
        "examples/data/staff.csv",
        include_str!("../../examples/data/staff.csv"),
    ),
];

/// The example's shape: a few HCMC health units with different performance.
pub fn spec() -> SynthSpec {
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

pub fn write(dir: &str) -> std::io::Result<()> {
    let s = generate(&spec());
    std::fs::create_dir_all(dir)?;
    let mut d = String::from(
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,\
         due_on,completed_on,paused_days,fee_required,paid_online,digitized\n",
    );
    for r in &s.dossiers {
        let ch = serde_json::to_value(r.channel).expect("serialisable");
        let date = |x: Option<chrono::NaiveDate>| x.map(|x| x.to_string()).unwrap_or_default();
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
    std::fs::write(format!("{dir}/dossiers.csv"), d)?;
    let mut v = String::from("response_id,unit_code,responded_on,satisfied,sector\n");
    for r in &s.survey {
        v += &format!(
            "{},{},{},{},{}\n",
            r.response_id,
            r.unit_code,
            r.responded_on,
            r.satisfied.map(|b| b.to_string()).unwrap_or_default(),
            r.sector.as_deref().unwrap_or("")
        );
    }
    std::fs::write(format!("{dir}/survey.csv"), v)?;
    let mut t = String::from("person_id,unit_code,in_scope,trained_on\n");
    for r in &s.staff {
        let trained = r.trained_on.map(|d| d.to_string()).unwrap_or_default();
        t += &format!(
            "{},{},{},{}\n",
            r.person_id, r.unit_code, r.in_scope, trained
        );
    }
    std::fs::write(format!("{dir}/staff.csv"), t)?;
    Ok(())
}

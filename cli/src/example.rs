//! The bundled examples: every plan of `examples/plans/` with the seeded
//! synthetic data set it is checked on (regenerate the data with
//! `cargo run -q -p xtask -- generate-example`, whose recipes pair the same
//! plans with the same data sets).
//!
//! Plans that concern the same units share one data set: the Bà Rịa–Vũng
//! Tàu plans of 2025 and Decision 1588/QĐ-TTg are all checked on the
//! province's 2025 records (`examples/data/brvt-2025/`).

use dvctt::{api::load_plan, Plan, RecordKind};

/// A synthetic data set: record files and one activity log for the tasks of
/// every plan checked on it.
pub struct DataSet {
    /// Folder under `examples/data/` (empty: that folder itself).
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
}

/// Every bundled plan, parsed.
pub fn plans() -> dvctt::Result<Vec<Plan>> {
    EXAMPLES.iter().map(|e| load_plan(e.plan)).collect()
}

//! The bundled example data sets (`examples/data/`) and how each is
//! generated: its record files and one activity log for the tasks of every
//! plan checked on it (the CLI's `--example` catalogue, `cli/src/example.rs`,
//! pairs the same plans with the same data sets).

use crate::records::{brvt_records, hcm_records, Files};
use dvctt::io::csv_write::write_csv_with;
use dvctt::synth::activities;
use dvctt::{api::load_plan, Period};

/// A plan checked on a data set: its id (the file `examples/plans/{id}.json`),
/// its text, and the period its tasks are checked over when not the plan's.
type PlanOn = (&'static str, &'static str, Option<&'static str>);

macro_rules! plan {
    ($id:literal, $period:expr) => {
        (
            $id,
            include_str!(concat!("../../examples/plans/", $id, ".json")),
            $period,
        )
    };
}

/// How one data set is generated.
struct Recipe {
    /// Folder under the output folder (empty: the output folder itself).
    dir: &'static str,
    seed: u64,
    /// The date the data runs to, when before the plans' period ends.
    as_of: Option<&'static str>,
    /// The plans checked on the data set, in the CLI catalogue's order.
    plans: &'static [PlanOn],
    records: Option<fn() -> Files>,
    /// Probability that a unit leaves a task's slot short.
    miss: fn(&str) -> f64,
}

const RECIPES: &[Recipe] = &[
    Recipe {
        dir: "",
        seed: 2026,
        as_of: None,
        plans: &[plan!("hcm-syt-2026", None)],
        records: Some(hcm_records),
        miss: |unit| match unit {
            "BV-DALIEU" => 0.35,
            "SYT-TCCB" => 0.3,
            "SYT-VP" => 0.0,
            _ => 0.08,
        },
    },
    // Bà Rịa–Vũng Tàu, 2025: records run to 30 June 2025, the day before the
    // province became part of Ho Chi Minh City.
    Recipe {
        dir: "brvt-2025",
        seed: 2025,
        as_of: Some("2025-06-30"),
        plans: &[
            plan!("qd-1588-ttg", Some("2025")),
            plan!("brvt-ubnd-159-2025", Some("2025")),
            plan!("brvt-syt-81-2025", Some("2025")),
            plan!("brvt-syt-2025-cchc", None),
        ],
        records: Some(brvt_records),
        miss: |unit| match unit {
            "BV-VUNGTAU" => 0.4,
            "BRVT-KHTC" => 0.0,
            _ => 0.1,
        },
    },
    Recipe {
        dir: "thanhhoa-2021-2022",
        seed: 2021,
        as_of: None,
        plans: &[plan!("thanhhoa-syt-2021-2022", None)],
        records: None,
        miss: |unit| match unit {
            "TH-BVNHI" | "TH-MOTCUA" => 0.3,
            _ => 0.05,
        },
    },
];

/// Writes every data set under `out`; returns the files written.
pub fn write(out: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut written = Vec::new();
    for r in RECIPES {
        let dir = if r.dir.is_empty() {
            out.to_string()
        } else {
            format!("{out}/{}", r.dir)
        };
        std::fs::create_dir_all(&dir)?;
        let mut put = |name: &str, text: String| -> std::io::Result<()> {
            let path = format!("{dir}/{name}");
            std::fs::write(&path, text)?;
            written.push(path);
            Ok(())
        };
        if let Some(make) = r.records {
            for (name, text) in make() {
                put(name, text)?;
            }
        }
        put("activities.csv", activity_log(r)?)?;
    }
    Ok(written)
}

/// `activities.csv`: the activities of every plan checked on the data set.
fn activity_log(r: &Recipe) -> Result<String, Box<dyn std::error::Error>> {
    let mut log = Vec::new();
    for (k, (_, text, period)) in r.plans.iter().enumerate() {
        let plan = load_plan(text)?;
        let mut period: Period = period.unwrap_or(&plan.period).parse()?;
        if let Some(end) = r.as_of {
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
    Ok(write_csv_with(&log, &[])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_plan_file_is_checked_on_one_data_set() {
        let plans = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/plans");
        let mut files = BTreeSet::new();
        for e in std::fs::read_dir(plans).expect("examples/plans") {
            let p = e.expect("an entry").path();
            if p.extension().is_some_and(|x| x == "json") {
                let stem = p.file_stem().and_then(|s| s.to_str()).expect("a name");
                files.insert(stem.to_string());
            }
        }
        let ids: Vec<&str> = RECIPES
            .iter()
            .flat_map(|r| r.plans.iter().map(|p| p.0))
            .collect();
        let unique: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
        assert_eq!(unique.len(), ids.len(), "a plan in two recipes: {ids:?}");
        assert_eq!(unique, files);
        for r in RECIPES {
            for (id, text, _) in r.plans {
                assert_eq!(load_plan(text).expect("a plan").id, *id);
            }
        }
    }
}

//! Judging targets from partial counts: the bundled examples cut into parts
//! (uneven, one empty), each part counted on the plan's grids, the counts
//! sent through their bytes and merged in two orders, judge every target
//! exactly as `evaluate_each` on the whole data set — dossiers, survey
//! (with a sector scope) and staff indicators; logs and aggregates given
//! whole beside the counts.

use dvctt::api::read_csv_files;
use dvctt::engine::evaluate::evaluate_each;
use dvctt::engine::evaluate_parts::{evaluate_each_partial, partial_counts};
use dvctt::engine::partial::Partial;
use dvctt::model::dataset_records::{AbsentColumn, DatasetRecords};
use dvctt::{CsvSource, Dataset, DvcttError, EvaluateOptions, Plan, RecordKind};

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn plan(name: &str) -> Plan {
    let path = root().join(format!("examples/plans/{name}.json"));
    Plan::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn example(dir: &str) -> Dataset {
    let sources = RecordKind::ALL
        .iter()
        .map(|&k| {
            let path = root().join(format!("examples/data/{dir}{}.csv", k.as_str()));
            CsvSource::new(k, path.to_string_lossy())
        })
        .filter(|s| std::path::Path::new(&s.path).exists())
        .collect();
    let mut data = read_csv_files(sources, true).unwrap().dataset;
    let agg = root().join(format!("examples/data/{dir}aggregates.json"));
    if let Ok(text) = std::fs::read_to_string(agg) {
        data.append(&Dataset::from_json(&text).unwrap());
    }
    data
}

/// `parts` data sets of the dossiers, survey responses and staff, dealt
/// round-robin with weights 3:1:0:2… (so one part is empty).
fn split(data: &Dataset, parts: usize) -> Vec<Dataset> {
    let r = data.to_records();
    let deal = |n: usize| -> Vec<usize> {
        let pattern: Vec<usize> = (0..parts)
            .flat_map(|p| std::iter::repeat_n(p, [3, 1, 0, 2][p % 4]))
            .collect();
        (0..n).map(|i| pattern[i % pattern.len()]).collect()
    };
    let (d, s, st) = (
        deal(r.dossiers.len()),
        deal(r.survey.len()),
        deal(r.staff.len()),
    );
    (0..parts)
        .map(|p| {
            Dataset::from_records(DatasetRecords {
                dossiers: pick(&r.dossiers, &d, p),
                survey: pick(&r.survey, &s, p),
                staff: pick(&r.staff, &st, p),
                absent_columns: r.absent_columns.clone(),
                ..DatasetRecords::default()
            })
        })
        .collect()
}

fn pick<T: Clone>(rows: &[T], owner: &[usize], p: usize) -> Vec<T> {
    rows.iter()
        .zip(owner)
        .filter(|(_, &o)| o == p)
        .map(|(r, _)| r.clone())
        .collect()
}

/// What is given whole beside the counts: all but the large kinds.
fn logs(data: &Dataset) -> Dataset {
    Dataset {
        dossiers: Default::default(),
        survey: Default::default(),
        staff: Default::default(),
        ..data.clone()
    }
}

fn merged(plan: &Plan, parts: &[Dataset]) -> Partial {
    let counts: Vec<Partial> = parts
        .iter()
        .map(|p| {
            let c = partial_counts(plan, p).unwrap();
            let back = Partial::from_bytes(&c.to_bytes()).unwrap();
            assert_eq!(back, c, "bytes round trip");
            back
        })
        .collect();
    let forward = counts[1..]
        .iter()
        .fold(counts[0].clone(), |acc, c| acc.merge(c).unwrap());
    let backward = counts[..counts.len() - 1]
        .iter()
        .rev()
        .fold(counts[counts.len() - 1].clone(), |acc, c| {
            c.merge(&acc).unwrap()
        });
    assert_eq!(forward, backward, "merge order");
    forward
}

/// Judges `plan` on the whole data and from the merged counts of its parts;
/// returns the record kinds whose targets had data.
fn same_verdicts(plan: &Plan, data: &Dataset) -> Vec<RecordKind> {
    let mut judged = Vec::new();
    for by_unit in [false, true] {
        let opts = EvaluateOptions {
            by_unit,
            ..EvaluateOptions::default()
        };
        let whole = evaluate_each(plan, data, &opts).unwrap();
        let partial = merged(plan, &split(data, 5));
        let from_parts = evaluate_each_partial(plan, &partial, &logs(data), &opts).unwrap();
        assert_eq!(whole.len(), from_parts.len());
        for ((id, w), (id2, p)) in whole.iter().zip(&from_parts) {
            assert_eq!(id, id2);
            assert_eq!(w, p, "target {id} (by_unit {by_unit})");
            let t = plan.targets.iter().find(|t| &t.id == id).unwrap();
            if w.as_ref()
                .is_ok_and(|rows| rows.iter().any(|r| r.denominator > 0.0))
            {
                judged.push(t.indicator.source());
            }
        }
    }
    judged
}

#[test]
fn hcm_plan_from_parts_equals_whole() {
    let judged = same_verdicts(&plan("hcm-syt-2026"), &example(""));
    for kind in [RecordKind::Dossiers, RecordKind::Survey] {
        assert!(judged.contains(&kind), "{kind:?} targets judged with data");
    }
}

#[test]
fn brvt_plans_from_parts_equal_whole() {
    let data = example("brvt-2025/");
    let mut judged = Vec::new();
    for name in ["brvt-ubnd-159-2025", "brvt-syt-81-2025", "qd-1588-ttg"] {
        judged.extend(same_verdicts(&plan(name), &data));
    }
    for kind in [RecordKind::Dossiers, RecordKind::Survey, RecordKind::Staff] {
        assert!(judged.contains(&kind), "{kind:?} targets judged with data");
    }
}

#[test]
fn a_log_indicator_without_its_records_is_not_computed() {
    let plan = plan("hcm-syt-2026");
    let data = example("");
    let partial = merged(&plan, &split(&data, 2));
    let each =
        evaluate_each_partial(&plan, &partial, &Dataset::default(), &Default::default()).unwrap();
    let (_, r) = each
        .iter()
        .find(|(id, _)| {
            let t = plan.targets.iter().find(|t| &t.id == id).unwrap();
            t.indicator.source() == RecordKind::Procedures
        })
        .unwrap();
    match r {
        Err(DvcttError::NotComputed { reason, .. }) => {
            assert!(reason.contains("no procedures records"), "{reason}")
        }
        other => panic!("expected not computed, got {other:?}"),
    }
}

#[test]
fn a_part_without_an_optional_column_makes_its_indicator_not_computed() {
    let plan = Plan::from_json(
        r#"{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2026",
            "targets": [{"id": "d", "description": "d", "indicator": "digitized_dossier_share",
            "comparator": ">=", "threshold": 50, "deadline": "2026-12-31"}]}"#,
    )
    .unwrap();
    let data = example("");
    let mut parts = split(&data, 2);
    parts[1].absent.push(AbsentColumn {
        kind: RecordKind::Dossiers,
        column: "digitized".into(),
        source: "part1.csv".into(),
    });
    let partial = merged(&plan, &parts);
    let each =
        evaluate_each_partial(&plan, &partial, &Dataset::default(), &Default::default()).unwrap();
    match &each[0].1 {
        Err(DvcttError::NotComputed { reason, .. }) => {
            assert_eq!(reason, "part1.csv has no `digitized` column")
        }
        other => panic!("expected not computed, got {other:?}"),
    }
}

#[test]
fn counts_of_another_plan_do_not_merge_or_judge() {
    let data = example("");
    let hcm = plan("hcm-syt-2026");
    let other = Plan::from_json(
        r#"{"schema": "dvctt/plan@1", "id": "p", "title": "t", "issuer": "i", "period": "2026",
            "targets": [{"id": "q", "description": "d", "indicator": "online_dossier_share",
            "comparator": ">=", "threshold": 50, "deadline": "2026-12-31", "period": "2026Q2"}]}"#,
    )
    .unwrap();
    let a = partial_counts(&hcm, &data).unwrap();
    let b = partial_counts(&other, &data).unwrap();
    let e = a.merge(&b).unwrap_err();
    assert!(e.to_string().contains("different time buckets"), "{e}");
    // Counts on the quarter's grid cannot judge a target over the year.
    let each = evaluate_each_partial(&hcm, &b, &logs(&data), &Default::default()).unwrap();
    let dossier_target = hcm
        .targets
        .iter()
        .position(|t| t.indicator.source() == RecordKind::Dossiers)
        .unwrap();
    match &each[dossier_target].1 {
        Err(DvcttError::NotComputed { reason, .. }) => {
            assert!(reason.contains("do not tile 2026"), "{reason}")
        }
        other => panic!("expected not computed, got {other:?}"),
    }
}

#[test]
fn bad_bytes_are_errors() {
    let a = partial_counts(&plan("hcm-syt-2026"), &example("")).unwrap();
    let bytes = a.to_bytes();
    for cut in [0, 3, 4, 9, 40, bytes.len() - 1] {
        let e = Partial::from_bytes(&bytes[..cut]).unwrap_err();
        assert!(
            e.to_string().contains("partial") || e.to_string().contains("cube"),
            "{e}"
        );
    }
}

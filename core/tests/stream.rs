//! Streaming dossier files into one cube gives the verdict, the indicators,
//! the rejected rows and the absent columns that reading them into a data
//! set gives — with repeats within and across files, bad rows, a file
//! without the optional columns, and chunks small enough to be merged many
//! times.

use dvctt::api::read_csv_files;
use dvctt::engine::compute::{compute_many, compute_many_with, dossier_grid, dossier_periods};
use dvctt::engine::evaluate::{evaluate_each, evaluate_each_with, target_periods};
use dvctt::engine::stream::{stream_dossiers, stream_dossiers_split, Streaming};
use dvctt::io::parallel::Split;
use dvctt::{CsvSource, EvaluateOptions, IndicatorId, Plan, Query, RecordKind};

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn streamed_equals_held() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-stream-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let example = std::fs::read_to_string(root().join("examples/data/dossiers.csv")).unwrap();
    let lines: Vec<&str> = example.lines().collect();
    // A second export: a repeat of the first file's rows, a repeat of its
    // own, bad rows; without the optional columns.
    let mut second = String::from(
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n",
    );
    // Ids quoted or padded in one block and plain in another: the same ids
    // (the first pass takes the id column alone, the second whole rows).
    second.push_str("\"Q1\",BV-DALIEU,1.001,y_te,10/03/2026,online,true\n");
    second.push_str("P1,BV-DALIEU,1.001,y_te,10/03/2026,online,true\n");
    for l in &lines[1..40] {
        let f: Vec<&str> = l.split(',').collect();
        second.push_str(&f[..7].join(","));
        second.push('\n');
    }
    second.push_str("Q1,BV-DALIEU,1.001,y_te,11/03/2026,online,true\n");
    second.push_str(" P1 ,BV-DALIEU,1.001,y_te,11/03/2026,online,true\n");
    second.push_str("NEW1,BV-DALIEU,1.001,y_te,10/03/2026,online,true\n");
    second.push_str("NEW1,BV-DALIEU,1.001,y_te,11/03/2026,online,true\n");
    second.push_str("NEW2,BV-DALIEU,1.001,y_te,2026-02-30,online,true\n");
    // A third export with a column dvctt does not read, a note over two
    // lines: a repeat whose row runs over two lines is refused naming both.
    let third =
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,note\n\
        ML1,BV-DALIEU,1.001,y_te,10/03/2026,online,true,\"a note\non two lines\"\n\
        ML1,BV-DALIEU,1.001,y_te,12/03/2026,online,true,\"again\non two lines\"\n\
        Q1,BV-DALIEU,1.001,y_te,12/03/2026,online,true,\n";
    let (a, b, c) = (dir.join("a.csv"), dir.join("b.csv"), dir.join("c.csv"));
    std::fs::write(&a, &example).unwrap();
    std::fs::write(&b, &second).unwrap();
    std::fs::write(&c, third).unwrap();
    let sources = vec![
        CsvSource::new(RecordKind::Dossiers, a.to_string_lossy()),
        CsvSource::new(RecordKind::Dossiers, b.to_string_lossy()),
        CsvSource::new(RecordKind::Dossiers, c.to_string_lossy()),
    ];
    let held = read_csv_files(sources.clone(), false).unwrap();

    let plan = Plan::from_json(
        &std::fs::read_to_string(root().join("examples/plans/hcm-syt-2026.json")).unwrap(),
    )
    .unwrap();
    let opts = EvaluateOptions {
        by_unit: true,
        ..EvaluateOptions::default()
    };
    let queries: Vec<Query> = IndicatorId::ALL
        .iter()
        .filter(|i| i.source() == RecordKind::Dossiers)
        .flat_map(|&indicator| {
            ["2026", "2026Q2", "2026M03"].map(|period| {
                Query::from_value(serde_json::json!({
                    "indicator": indicator.as_str(), "period": period, "by_unit": true
                }))
                .unwrap()
            })
        })
        .collect();
    let mut periods = target_periods(&plan);
    periods.extend(dossier_periods(&queries));
    let grid = dossier_grid(&periods).unwrap().unwrap();

    // One thread with chunks of 7, 1000 and 2^20 rows; then every file in
    // parallel in small blocks, read twice, then once (the ids kept).
    let parallel = |threads, block, one_pass_up_to| {
        Some(Streaming {
            split: Split { threads, block },
            parallel_from: 0,
            one_pass_up_to,
        })
    };
    for (chunk, split) in [
        (7, None),
        (1000, None),
        (1 << 20, None),
        (1 << 20, parallel(2, 997, 0)),
        (1 << 20, parallel(3, 1 << 12, 0)),
        (1 << 20, parallel(2, 997, u64::MAX)),
        (1 << 20, parallel(3, 1 << 12, u64::MAX)),
    ] {
        let s = match split {
            None => stream_dossiers(&sources, false, &grid, chunk).unwrap(),
            Some(how) => stream_dossiers_split(&sources, false, &grid, chunk, how).unwrap(),
        };
        let chunk = format!("{chunk} {split:?}");
        assert_eq!(s.rows, held.dataset.dossiers.len(), "chunk {chunk}");
        assert_eq!(s.rejected, held.rejected, "chunk {chunk}");
        assert_eq!(s.absent, held.dataset.absent, "chunk {chunk}");
        let data = dvctt::Dataset {
            absent: s.absent.clone(),
            ..Default::default()
        };
        assert_eq!(
            evaluate_each_with(&plan, &data, Some(&s.cube), &opts),
            evaluate_each(&plan, &held.dataset, &opts).unwrap(),
            "chunk {chunk}"
        );
        assert_eq!(
            compute_many_with(&data, &queries, Some(&s.cube)),
            compute_many(&held.dataset, &queries),
            "chunk {chunk}"
        );
    }
    let reasons: Vec<&str> = held.rejected.iter().map(|r| r.detail.as_str()).collect();
    let two_lines = held
        .rejected
        .iter()
        .find(|r| r.detail.contains("duplicate id `ML1`"))
        .expect("the repeat over two lines is refused");
    assert_eq!(
        two_lines.last_line,
        Some(two_lines.line + 1),
        "{two_lines:?}"
    );
    for id in ["Q1", "P1"] {
        let repeat = format!("duplicate id `{id}`");
        assert!(reasons.iter().any(|r| r.contains(&repeat)), "{reasons:?}");
    }
    assert!(
        reasons
            .iter()
            .filter(|r| r.contains("duplicate id"))
            .count()
            >= 42,
        "{reasons:?}"
    );
}

//! Several CSV files of one kind (one dossier export per unit): a dossier in
//! two exports is a duplicate, named by the file and line of both rows.

use dvctt::{api::read_csv_files, CsvSource, RecordKind};
use std::path::Path;

const HEADER: &str =
    "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n";

fn write(dir: &Path, name: &str, rows: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{HEADER}{rows}")).unwrap();
    path.to_string_lossy().into_owned()
}

/// A directory removed when the value is dropped (also when a test fails).
fn dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("dvctt-csv-files-{tag}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn a_dossier_in_two_exports_is_a_duplicate() {
    let tmp = dir("lenient");
    let d = tmp.path();
    let a = write(
        d,
        "a.csv",
        "HS1,U1,1.1,y_te,2026-01-05,online,true\nHS2,U1,1.1,y_te,2026-01-06,direct,false\n",
    );
    let b = write(
        d,
        "b.csv",
        "HS3,U2,1.1,y_te,2026-01-07,online,false\nHS2,U2,1.1,y_te,2026-01-08,online,false\n",
    );
    let sources = vec![
        CsvSource::new(RecordKind::Dossiers, a.clone()),
        CsvSource::new(RecordKind::Dossiers, b.clone()),
    ];
    let load = read_csv_files(sources.clone(), false).unwrap();
    let ids: Vec<&str> = load.dataset.dossiers.ids.iter().collect();
    assert_eq!(ids, ["HS1", "HS2", "HS3"]);
    assert_eq!(load.rejected.len(), 1);
    let r = &load.rejected[0];
    assert_eq!(
        (r.file.as_str(), r.line, r.field.as_str()),
        (b.as_str(), 3, "dossier_id")
    );
    assert!(
        r.detail.contains(&format!("first at {a} line 3")),
        "{}",
        r.detail
    );

    let e = read_csv_files(sources, true).unwrap_err();
    assert_eq!(e.fields()["file"], b.as_str());
    assert_eq!(e.fields()["line"], 3);
}

#[test]
fn other_kinds_keep_their_own_ids() {
    let tmp = dir("kinds");
    let d = tmp.path();
    let a = write(d, "a.csv", "X1,U1,1.1,y_te,2026-01-05,online,true\n");
    let survey = d.join("s.csv");
    std::fs::write(
        &survey,
        "response_id,unit_code,responded_on,satisfied\nX1,U1,2026-01-05,true\n",
    )
    .unwrap();
    let load = read_csv_files(
        vec![
            CsvSource::new(RecordKind::Dossiers, a),
            CsvSource::new(RecordKind::Survey, survey.to_string_lossy().into_owned()),
        ],
        true,
    )
    .unwrap();
    assert_eq!(
        (load.dataset.dossiers.len(), load.dataset.survey.len()),
        (1, 1)
    );
}

//! Workbooks as offices exchange them (`tests/sheets/`, made by
//! `tests/sheets/make.py`): XLSX from openpyxl, ODS from LibreOffice.
//! A title block above the header, date cells, a date typed as an Excel
//! serial number, a procedure code stored as a number, an empty row.

use dvctt::api::{read_bytes, read_csv_files};
use dvctt::io::options::ReadOptions;
use dvctt::{CsvSource, Dossier, RecordKind};

fn sheet(name: &str) -> String {
    format!("{}/../tests/sheets/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn check_dossiers(path: &str) {
    let load = read_csv_files(vec![CsvSource::new(RecordKind::Dossiers, path)], false)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let file = format!("{path}[Hồ sơ]");
    let d: Vec<Dossier> = load.dataset.dossiers.records();
    let got: Vec<(&str, &str, chrono::NaiveDate)> = d
        .iter()
        .map(|d| {
            (
                d.dossier_id.as_str(),
                d.procedure_code.as_str(),
                d.received_on,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("HS001", "1.001", day("2025-09-10")),
            ("HS002", "1.002", day("2025-09-11")),
            ("HS003", "1.001", day("2025-09-11")),
        ],
        "{path}"
    );
    assert_eq!(d[0].due_on, Some(day("2025-09-20")));
    assert_eq!(d[0].completed_on, Some(day("2025-09-12")));
    assert!(d[0].fully_online && !d[1].fully_online && d[2].fully_online);
    assert_eq!(d[2].paused_days, 2);
    let rejected: Vec<(&str, u32, &str, &str)> = load
        .rejected
        .iter()
        .map(|r| (r.file.as_str(), r.line, r.field.as_str(), r.detail.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                file.as_str(),
                9,
                "received_on",
                "`31/02/2025` is not a date (that day does not exist in 2025-02)"
            ),
            (
                file.as_str(),
                10,
                "dossier_id",
                "duplicate id `HS001` (first at line 5)"
            ),
        ],
        "{path}"
    );
    let absent: Vec<&str> = load
        .dataset
        .absent
        .iter()
        .map(|a| a.column.as_str())
        .collect();
    assert_eq!(absent, ["fee_required", "paid_online", "digitized"]);
}

#[test]
fn xlsx_with_a_title_block_dates_and_serials() {
    check_dossiers(&sheet("dossiers.xlsx"));
}

#[test]
fn ods_from_libreoffice() {
    check_dossiers(&sheet("dossiers.ods"));
}

#[test]
fn a_sheet_by_name_and_bytes() {
    let bytes = std::fs::read(sheet("dossiers.xlsx")).unwrap();
    let opts = ReadOptions {
        sheet: Some("khảo sát".into()),
        ..ReadOptions::default()
    };
    let load = read_bytes(
        RecordKind::Survey,
        bytes.clone(),
        "s.xlsx",
        Some(opts),
        true,
    )
    .unwrap();
    assert_eq!(load.dataset.survey.len(), 1);
    let opts = ReadOptions {
        sheet: Some("Tổng hợp".into()),
        ..ReadOptions::default()
    };
    let e = read_bytes(
        RecordKind::Survey,
        bytes.clone(),
        "s.xlsx",
        Some(opts),
        true,
    )
    .unwrap_err();
    assert!(e.to_string().contains("its sheets: Hồ sơ, Khảo sát"), "{e}");
    // The header row given: row 4 of the first sheet.
    let opts = ReadOptions {
        header_row: Some(4),
        ..ReadOptions::default()
    };
    let load = read_bytes(
        RecordKind::Dossiers,
        bytes.clone(),
        "d.xlsx",
        Some(opts),
        false,
    )
    .unwrap();
    assert_eq!(load.dataset.dossiers.len(), 3);
    // Row 5 is a record, not the header: the columns are missing.
    let opts = ReadOptions {
        header_row: Some(5),
        ..ReadOptions::default()
    };
    let e = read_bytes(
        RecordKind::Dossiers,
        bytes.clone(),
        "d.xlsx",
        Some(opts),
        false,
    )
    .unwrap_err();
    assert_eq!(e.variant(), "MissingColumn", "{e}");
}

#[test]
fn not_a_workbook() {
    let e = read_bytes(
        RecordKind::Dossiers,
        b"PK\x03\x04garbage".to_vec(),
        "d.xlsx",
        None,
        false,
    )
    .unwrap_err();
    assert!(e.to_string().contains("not a workbook"), "{e}");
}

#[test]
fn a_workbook_that_makes_calamine_panic_is_an_error() {
    // Found by the `workbook` fuzz target: calamine 0.38 panics while
    // parsing this file; the reader turns that into an error of the file.
    let bytes = std::fs::read(sheet("fuzz-calamine-panic.xlsx")).unwrap();
    let e = read_bytes(RecordKind::Dossiers, bytes, "f.xlsx", None, false).unwrap_err();
    assert_eq!(e.variant(), "Io", "{e}");
}

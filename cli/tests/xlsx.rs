//! The workbooks `dvctt consolidate` writes, read back with an independent
//! reader (calamine): sheet names, Vietnamese headings, values and dates.
//! Expected figures come from the example's input files.

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the dvctt binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every cell of a sheet by absolute (row, column), 0-based.
fn cell(sheet: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn header_col(sheet: &calamine::Range<Data>, heading: &str) -> u32 {
    (0..sheet.end().map_or(0, |e| e.1 + 1))
        .find(|&c| cell(sheet, 1, c) == Data::String(heading.into()))
        .unwrap_or_else(|| panic!("no heading {heading}"))
}

fn row_of(sheet: &calamine::Range<Data>, unit: &str) -> u32 {
    (2..sheet.end().map_or(0, |e| e.0 + 1))
        .find(|&r| cell(sheet, r, 0) == Data::String(unit.into()))
        .unwrap_or_else(|| panic!("no row {unit}"))
}

fn workbook(public: bool, tag: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
    let tmp = tempfile::Builder::new()
        .prefix(&format!("dvctt-xlsx-{tag}-"))
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let path = dir.join("c.xlsx").to_string_lossy().into_owned();
    let mut args = vec!["consolidate", "--example", "--xlsx", &path];
    if public {
        args.push("--public");
    }
    run(&args);
    open_workbook(&path).expect("calamine opens the workbook")
}

fn report(file: &str) -> Value {
    let p = root().join("examples/reports").join(file);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn the_consolidated_workbook_reads_back() {
    let mut wb = workbook(false, "full");
    let names = wb.sheet_names();
    // Sheet names are the titles cut to Excel's 31 characters; row 1 holds
    // the whole title.
    let title = "Tình hình gửi báo cáo kỳ 2026VNQ1";
    assert_eq!(names[0], title.chars().take(31).collect::<String>());
    assert!(names.iter().all(|n| n.chars().count() <= 31), "{names:?}");

    // Reporting: 6 expected (the call's reporters), 5 received (BV-BARIA missing).
    let rep = wb.worksheet_range(&names[0]).unwrap();
    assert_eq!(
        cell(&rep, 0, 0),
        Data::String("Tình hình gửi báo cáo kỳ 2026VNQ1".into())
    );
    assert_eq!(cell(&rep, 1, 1), Data::String("Nội dung".into()));
    let expected = report("hcm-2026VNQ1/call.json")["reporters"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(cell(&rep, 2, 2), Data::Float(expected as f64));
    let completeness = row_of(&rep, "completeness");
    assert_eq!(cell(&rep, completeness, 2), Data::Float(5.0));
    match cell(&rep, completeness, 3) {
        Data::Float(v) => assert!((v - 5.0 / 6.0).abs() < 1e-9, "{v}"),
        other => panic!("completeness rate {other:?}"),
    }

    // Units: BV-NHIDONG1's reported online dossiers, as in its report file.
    let units_name = names
        .iter()
        .find(|n| n.starts_with("Số liệu của các đơn vị"))
        .unwrap();
    let units = wb.worksheet_range(units_name).unwrap();
    let nhidong = report("nhidong1-2026VNQ1.json");
    let fig = &nhidong["indicators"][0];
    assert_eq!(fig["indicator"], "online_dossier_share");
    let r = row_of(&units, "BV-NHIDONG1");
    let num = header_col(&units, "Tỷ lệ hồ sơ trực tuyến toàn trình: tử số");
    let den = header_col(&units, "Tỷ lệ hồ sơ trực tuyến toàn trình: mẫu số");
    let rate = header_col(&units, "Tỷ lệ hồ sơ trực tuyến toàn trình: tỷ lệ");
    let (n, d) = (
        fig["numerator"].as_f64().unwrap(),
        fig["denominator"].as_f64().unwrap(),
    );
    assert_eq!(cell(&units, r, num), Data::Float(n));
    assert_eq!(cell(&units, r, den), Data::Float(d));
    match cell(&units, r, rate) {
        Data::Float(v) => assert!((v - n / d).abs() < 1e-9, "{v}"),
        other => panic!("rate {other:?}"),
    }
    // The due day (period end 14 March + 5 days) is a date cell: calamine
    // sees the dd/mm/yyyy format.
    let due = header_col(&units, "Hạn gửi");
    match cell(&units, r, due) {
        Data::DateTime(dt) => {
            let serial = (NaiveDate::from_ymd_opt(2026, 3, 19).unwrap()
                - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
            .num_days();
            assert_eq!(dt.as_f64(), serial as f64);
        }
        other => panic!("due {other:?}"),
    }
    // BV-BARIA sent nothing: no figures, empty cells.
    let baria = row_of(&units, "BV-BARIA");
    assert_eq!(cell(&units, baria, num), Data::Empty);
}

#[test]
fn the_public_workbook_withholds_small_cells() {
    let mut wb = workbook(true, "public");
    let names = wb.sheet_names();
    let units_name = names
        .iter()
        .find(|n| n.starts_with("Số liệu của các đơn vị"))
        .unwrap();
    let units = wb.worksheet_range(units_name).unwrap();
    // BV-DKBD reported 1/1 units promoting online services: below k = 5.
    let dkbd = report("hcm-2026VNQ1/dkbd.json");
    let fig = dkbd["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["indicator"] == "unit_portal_promotion_share")
        .unwrap();
    assert!(fig["denominator"].as_i64().unwrap() < 5);
    let r = row_of(&units, "BV-DKBD");
    let c = header_col(
        &units,
        "Tỷ lệ đơn vị tuyên truyền trên cổng thông tin: tỷ lệ",
    );
    assert_eq!(cell(&units, r, c), Data::String("*".into()));
}

#[test]
fn the_form06_workbook_reads_back_and_adds_up() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-xlsx-form06-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let path = dir.join("f.xlsx").to_string_lossy().into_owned();
    run(&["form06", "--example", "--xlsx", &path]);
    let out = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(["form06", "--example", "--json"])
        .current_dir(root())
        .output()
        .unwrap();
    let form: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let sheet = wb.worksheet_range(&name).unwrap();
    // Two heading rows as on the official form: the groups merged over
    // their columns in row 2, the sector heading merged down rows 2–3.
    assert_eq!(
        cell(&sheet, 1, 0),
        Data::String("Lĩnh vực giải quyết".into())
    );
    assert_eq!(
        cell(&sheet, 1, 5),
        Data::String("Số hồ sơ đã giải quyết".into())
    );
    assert_eq!(cell(&sheet, 2, 5), Data::String("Tổng số".into()));
    let mut merged: Vec<(u32, u32, u32, u32)> = wb
        .merge_cells_by_sheet_name(&name)
        .unwrap()
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    merged.sort();
    assert_eq!(
        merged,
        vec![(1, 0, 2, 0), (1, 1, 1, 4), (1, 5, 1, 8), (1, 9, 1, 11)]
    );
    let col = |h: &str| {
        (0..12)
            .find(|&c| cell(&sheet, 2, c) == Data::String(h.into()))
            .unwrap_or_else(|| panic!("no heading {h}"))
    };
    let (early, on_time, late) = (
        col("Trả trước hạn"),
        col("Trả đúng thời hạn"),
        col("Trả quá hạn"),
    );
    let f = |r: u32, c: u32| match cell(&sheet, r, c) {
        Data::Float(v) => v,
        other => panic!("({r}, {c}) is {other:?}"),
    };
    // The form's column numbers under the headings: (1)…(11) from the
    // second column, as on the paper form.
    assert_eq!(cell(&sheet, 3, 0), Data::Empty);
    for c in 1..=11 {
        assert_eq!(cell(&sheet, 3, c), Data::String(format!("({c})")));
    }
    let rows = form["rows"].as_array().unwrap();
    for (i, row) in rows.iter().enumerate() {
        let r = row_of(&sheet, row["sector"].as_str().unwrap());
        assert_eq!(r, 4 + i as u32, "sectors in order");
        assert_eq!(f(r, early), row["settled"]["early"].as_f64().unwrap());
        assert_eq!(f(r, on_time), row["settled"]["on_time"].as_f64().unwrap());
        assert_eq!(f(r, late), row["settled"]["late"].as_f64().unwrap());
        // The identity, on the cells as read: received = settled + in progress
        // (columns 1, 5 and 9 of the official form).
        assert_eq!(f(r, 1), f(r, 5) + f(r, 9));
        assert_eq!(f(r, 1), f(r, 2) + f(r, 3) + f(r, 4));
    }
    // The total row sums the sector rows, column by column.
    let total = 4 + rows.len() as u32;
    assert_eq!(cell(&sheet, total, 0), Data::String("Tổng cộng".into()));
    for c in 1..=11 {
        let sum: f64 = (4..total).map(|r| f(r, c)).sum();
        assert_eq!(f(total, c), sum, "column {c}");
    }
    // The autofilter covers the sector rows under the numbers' row, not the
    // total row (1-based rows in the sheet's XML: numbers in 4, the total
    // in total + 1); the total row is bold, a sector row is not.
    let bytes = std::fs::read(&path).unwrap();
    let sheet_xml = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet_xml.contains(&format!("<autoFilter ref=\"A4:L{total}\"/>")),
        "{sheet_xml}"
    );
    let styles = zip_part(&bytes, "xl/styles.xml");
    for c in ["A", "B", "L"] {
        assert!(
            is_bold(&sheet_xml, &styles, &format!("{c}{}", total + 1)),
            "{c}"
        );
        assert!(!is_bold(&sheet_xml, &styles, &format!("{c}{total}")), "{c}");
    }
}

/// The text of one part of a workbook (a ZIP archive).
fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// The value of attribute `name` in the XML element text `elem`.
fn attr<'a>(elem: &'a str, name: &str) -> Option<&'a str> {
    let at = elem.find(&format!(" {name}=\""))? + name.len() + 3;
    elem[at..].split('"').next()
}

/// Whether cell `r` (e.g. `B7`) of the sheet is written in a bold font:
/// its style `s` indexes `cellXfs`, whose `fontId` indexes `fonts`.
fn is_bold(sheet: &str, styles: &str, r: &str) -> bool {
    let at = sheet
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("no cell {r}"));
    let elem = &sheet[at..at + sheet[at..].find('>').unwrap()];
    let xf: usize = attr(elem, "s").map_or(0, |s| s.parse().unwrap());
    let section = |tag: &str| {
        let from = styles.find(&format!("<{tag}")).unwrap();
        let to = styles.find(&format!("</{tag}>")).unwrap();
        &styles[from..to]
    };
    let xfs: Vec<&str> = section("cellXfs").split("<xf ").skip(1).collect();
    let xf = format!(" {}", xfs[xf]);
    let font: usize = attr(&xf, "fontId").unwrap().parse().unwrap();
    let fonts: Vec<&str> = section("fonts").split("<font>").skip(1).collect();
    fonts[font].contains("<b/>")
}

//! Tables as an XLSX workbook (Office Open XML) written by rust_xlsxwriter,
//! one sheet per table. Cells keep the number and carry a number format
//! (`#,##0`, `0.0%`, `dd/mm/yyyy`), so a spreadsheet can still compute with
//! them; headings with groups are merged over two rows as on the official
//! forms (Biểu 06); the sheets print landscape, fitted to the page width.

use crate::base::error::{DvcttError, Result};
use crate::export::format::{format_cell, format_in, heading_runs};
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, ColumnKind, Table};
use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

/// Excel's serial day number of a date (1900 date system).
fn excel_serial(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days()
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_names(tables: &[Table], lang: Lang) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let clean: String = t
            .title(lang)
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
            .collect();
        // One space where a forbidden character was next to one.
        let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        let clean = clean.trim_matches('\'').trim().to_string();
        let base = if clean.is_empty() {
            format!("Sheet{}", i + 1)
        } else {
            clean
        };
        let mut name: String = base.chars().take(31).collect();
        let mut n = 2;
        while names
            .iter()
            .any(|x| x.to_lowercase() == name.to_lowercase())
        {
            let suffix = format!(" ({n})");
            name = base
                .chars()
                .take(31 - suffix.chars().count())
                .collect::<String>()
                + &suffix;
            n += 1;
        }
        names.push(name);
    }
    names
}

/// The cell formats of a workbook.
struct Formats {
    /// Thin borders, vertically centred: what every data cell starts from.
    cell: Format,
    title: Format,
    heading: Format,
    text: Format,
    integer: Format,
    number: Format,
    percent: Format,
    date: Format,
    note: Format,
}

impl Formats {
    /// The formats; with `bold`, every data cell's in bold (a total row).
    fn new(bold: bool) -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let cell = if bold { cell.set_bold() } else { cell };
        Formats {
            cell: cell.clone(),
            title: Format::new().set_bold().set_font_size(13),
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color("#DDEBF7"),
            text: cell.clone().set_text_wrap(),
            integer: cell.clone().set_num_format("#,##0"),
            number: cell.clone().set_num_format("#,##0.0"),
            percent: cell.clone().set_num_format("0.0%"),
            date: cell.clone().set_num_format("dd/mm/yyyy"),
            note: Format::new().set_italic(),
        }
    }
}

/// The creation time written into every workbook, so that the same tables
/// give the same bytes.
fn fixed_properties() -> std::result::Result<DocProperties, XlsxError> {
    let when = ExcelDateTime::from_ymd(2000, 1, 1)?;
    Ok(DocProperties::new()
        .set_creation_datetime(&when)
        .set_author("dvctt"))
}

fn xlsx_err(sheet: &str, e: XlsxError) -> DvcttError {
    DvcttError::data(format!("xlsx sheet `{sheet}`"), e.to_string())
}

/// An XLSX workbook, one sheet per table: the title in row 1, the headings
/// in row 2 (rows 2–3 when columns have groups: each group merged over its
/// columns, an ungrouped heading merged down both rows), the data below
/// (headings and first column frozen, an autofilter on the headings), then
/// the notes. A `numbered` table has a row of column numbers (1), (2), …
/// under its headings, as on the official forms; its `total_rows` last
/// rows are bold and outside the autofilter. Counts carry the format `#,##0`, percentages are stored as
/// fractions with `0.0%`, dates as serial days with `dd/mm/yyyy`, so a
/// Vietnamese Excel shows `80,5%` and `14/12/2025`. "No data" is an empty
/// cell, a suppressed value the text `*`. A table with percentage columns
/// keyed `value` and `threshold` (the judged targets) gets a bar chart of
/// the two under its notes. Sheets print landscape on A4, fitted to the
/// page width, the headings repeated on every page. The creation time is
/// fixed, so the bytes are the same for the same tables.
pub fn to_xlsx(tables: &[Table], lang: Lang) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties().map_err(|e| xlsx_err("", e))?);
    let formats = Formats::new(false);
    let names = sheet_names(tables, lang);
    for (table, name) in tables.iter().zip(&names) {
        let ws = wb.add_worksheet();
        write_sheet(ws, table, name, lang, &formats).map_err(|e| xlsx_err(name, e))?;
    }
    wb.save_to_buffer().map_err(|e| xlsx_err("", e))
}

/// Row of the last heading row (0-based): 1, or 2 with groups.
fn write_headings(
    ws: &mut Worksheet,
    table: &Table,
    lang: Lang,
    f: &Formats,
) -> std::result::Result<u32, XlsxError> {
    let runs = heading_runs(&table.columns);
    if runs.iter().all(|r| r.2.is_none()) {
        for (c, col) in table.columns.iter().enumerate() {
            ws.write_string_with_format(1, col_index(c), col.heading(lang), &f.heading)?;
        }
        return Ok(1);
    }
    for (first, last, group) in runs {
        let (a, b) = (col_index(first), col_index(last));
        match group {
            Some(_) => {
                let g = table.columns[first].group_heading(lang).unwrap_or("");
                if a == b {
                    ws.write_string_with_format(1, a, g, &f.heading)?;
                } else {
                    ws.merge_range(1, a, 1, b, g, &f.heading)?;
                }
                for c in first..=last {
                    let h = table.columns[c].heading(lang);
                    ws.write_string_with_format(2, col_index(c), h, &f.heading)?;
                }
            }
            None => {
                ws.merge_range(1, a, 2, a, table.columns[first].heading(lang), &f.heading)?;
            }
        }
    }
    Ok(2)
}

/// The row of column numbers under the headings: the first column blank,
/// then (1), (2), … as on the official forms.
fn write_column_numbers(
    ws: &mut Worksheet,
    table: &Table,
    row: u32,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let number = f.heading.clone().set_bold().set_italic();
    ws.write_blank(row, 0, &number)?;
    for c in 1..table.columns.len() {
        ws.write_string_with_format(row, col_index(c), format!("({c})"), &number)?;
    }
    Ok(())
}

/// The width of column `c` in characters: its longest cell or heading
/// (a heading counts up to 30 characters, then wraps), within 6–50.
fn column_width(table: &Table, c: usize, lang: Lang) -> usize {
    let col = &table.columns[c];
    let longest = table
        .rows
        .iter()
        .filter_map(|r| r.get(c))
        .map(|v| format_in(v, Some(col), lang).chars().count())
        .chain([col.heading(lang).chars().count().min(30)])
        .max()
        .unwrap_or(8);
    (longest + 2).clamp(6, 50)
}

/// Heading rows tall enough for their wrapped text (Excel does not grow a
/// row for wrapped text written by a program until the cell is edited).
fn set_heading_heights(
    ws: &mut Worksheet,
    table: &Table,
    lang: Lang,
    head_end: u32,
) -> std::result::Result<(), XlsxError> {
    let lines = |text: &str, width: usize| {
        text.chars()
            .count()
            .div_ceil(width.saturating_sub(1).max(1))
    };
    let widths: Vec<usize> = (0..table.columns.len())
        .map(|c| column_width(table, c, lang))
        .collect();
    let mut last_row_lines = 1;
    let mut group_lines = 1;
    for (first, last, group) in heading_runs(&table.columns) {
        let width: usize = widths[first..=last].iter().sum();
        match group {
            Some(_) => {
                let g = table.columns[first].group_heading(lang).unwrap_or("");
                group_lines = group_lines.max(lines(g, width));
                for (col, width) in table.columns[first..=last]
                    .iter()
                    .zip(&widths[first..=last])
                {
                    last_row_lines = last_row_lines.max(lines(col.heading(lang), *width));
                }
            }
            // Merged down both heading rows when there are two.
            None => {
                let n = lines(table.columns[first].heading(lang), width);
                if head_end == 2 {
                    last_row_lines = last_row_lines.max(n.saturating_sub(group_lines));
                } else {
                    last_row_lines = last_row_lines.max(n);
                }
            }
        }
    }
    const LINE: f64 = 15.0;
    if head_end == 2 {
        ws.set_row_height(1, LINE * group_lines as f64)?;
    }
    ws.set_row_height(head_end, LINE * last_row_lines.max(1) as f64)?;
    Ok(())
}

/// Column index as rust_xlsxwriter takes it (Excel has 16,384 columns; a
/// wider table fails when written).
fn col_index(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// The number and percentage formats of a column: `#,##0.0` and `0.0%`,
/// or with the column's digits after the decimal point.
fn decimal_formats(f: &Formats, decimals: Option<u8>) -> (Format, Format) {
    match decimals {
        None | Some(1) => (f.number.clone(), f.percent.clone()),
        Some(d) => {
            let frac = "0".repeat(usize::from(d));
            let dot = if d == 0 { "" } else { "." };
            (
                f.cell.clone().set_num_format(format!("#,##0{dot}{frac}")),
                f.cell.clone().set_num_format(format!("0{dot}{frac}%")),
            )
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    lang: Lang,
    f: &Formats,
    (number, percent): &(Format, Format),
) -> std::result::Result<(), XlsxError> {
    match cell {
        Cell::Empty => ws.write_blank(row, col, &f.text).map(|_| ()),
        Cell::Suppressed => ws
            .write_string_with_format(row, col, "*", &f.text)
            .map(|_| ()),
        Cell::Text(_) | Cell::Label(_) => ws
            .write_string_with_format(row, col, format_cell(cell, lang), &f.text)
            .map(|_| ()),
        Cell::Integer(n) => ws
            .write_number_with_format(row, col, *n as f64, &f.integer)
            .map(|_| ()),
        Cell::Number(v) if v.is_finite() => ws
            .write_number_with_format(row, col, *v, number)
            .map(|_| ()),
        Cell::Percent(v) if v.is_finite() => ws
            .write_number_with_format(row, col, v / 100.0, percent)
            .map(|_| ()),
        Cell::Number(_) | Cell::Percent(_) => ws.write_blank(row, col, &f.text).map(|_| ()),
        Cell::Date(d) => ws
            .write_number_with_format(row, col, excel_serial(*d) as f64, &f.date)
            .map(|_| ()),
    }
}

fn write_sheet(
    ws: &mut Worksheet,
    table: &Table,
    name: &str,
    lang: Lang,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, table.title(lang), &f.title)?;
    let headings_end = write_headings(ws, table, lang, f)?;
    let mut head_end = headings_end;
    if table.numbered {
        head_end += 1;
        write_column_numbers(ws, table, head_end, f)?;
    }
    let first_data = head_end + 1;
    let mut last_row = head_end;
    let bold = Formats::new(true);
    let decimals = |f: &Formats| -> Vec<(Format, Format)> {
        table
            .columns
            .iter()
            .map(|c| decimal_formats(f, c.decimals))
            .collect()
    };
    let (plain_decimals, bold_decimals) = (decimals(f), decimals(&bold));
    let totals_from = table
        .rows
        .len()
        .saturating_sub(usize::try_from(table.total_rows).unwrap_or(usize::MAX));
    for (i, row) in table.rows.iter().enumerate() {
        let r = first_data + u32::try_from(i).unwrap_or(u32::MAX - first_data);
        let (f, decimals) = if i >= totals_from {
            (&bold, &bold_decimals)
        } else {
            (f, &plain_decimals)
        };
        for ((c, cell), fmt) in row.iter().enumerate().zip(decimals) {
            write_cell(ws, r, col_index(c), cell, lang, f, fmt)?;
        }
        last_row = r;
    }
    // The autofilter stops above the total rows, so that filtering keeps them.
    let filter_last = head_end.saturating_add(u32::try_from(totals_from).unwrap_or(u32::MAX));
    set_heading_heights(ws, table, lang, headings_end)?;
    let mut next = last_row + 2;
    for n in table.notes(lang) {
        ws.write_string_with_format(next, 0, n, &f.note)?;
        next += 1;
    }
    for c in 0..table.columns.len() {
        ws.set_column_width(col_index(c), column_width(table, c, lang) as f64)?;
    }
    if !table.columns.is_empty() {
        let last_col = col_index(table.columns.len() - 1);
        ws.set_freeze_panes(first_data, 1)?;
        ws.autofilter(head_end, 0, filter_last, last_col)?;
        ws.set_repeat_rows(1, head_end)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    if let Some(chart) = progress_chart(table, name, lang, first_data, last_row) {
        ws.insert_chart(next + 1, 0, &chart)?;
    }
    Ok(())
}

/// A bar chart of `value` against `threshold` per row, for a table that has
/// both as percentage columns; categories from the first column (and the
/// second, when it is the unit).
fn progress_chart(table: &Table, sheet: &str, lang: Lang, first: u32, last: u32) -> Option<Chart> {
    let find = |key: &str| {
        table
            .columns
            .iter()
            .position(|c| c.key == key && c.kind == ColumnKind::Percent)
    };
    let (value, threshold) = (find("value")?, find("threshold")?);
    if table.rows.is_empty() {
        return None;
    }
    // The unit as a second category level only when the rows differ by unit.
    let units_differ = table.rows.windows(2).any(|w| w[0].get(1) != w[1].get(1));
    let cat_last = match table.columns.get(1) {
        Some(c) if c.key == "unit" && units_differ => 1,
        _ => 0,
    };
    let mut chart = Chart::new(ChartType::Bar);
    for col in [value, threshold] {
        let c = col_index(col);
        chart
            .add_series()
            .set_name(table.columns[col].heading(lang))
            .set_categories((sheet, first, 0, last, cat_last))
            .set_values((sheet, first, c, last, c));
    }
    let (title, axis) = match lang {
        Lang::Vi => ("Tiến độ so với chỉ tiêu", "Tỷ lệ"),
        Lang::En => ("Progress to target", "Rate"),
    };
    chart.title().set_name(title);
    chart
        .x_axis()
        .set_name(axis)
        .set_num_format("0%")
        .set_min(0.0)
        .set_max(1.0);
    chart.y_axis().set_reverse();
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    let height = 180 + 40 * table.rows.len().min(40) as u32;
    chart.set_width(720).set_height(height);
    Some(chart)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::to_csv;
    use crate::export::markdown::to_markdown;
    use crate::tables::table::fixtures::table;
    use crate::tables::table::Column;
    use calamine::{Data, Reader, Xlsx};
    use std::io::{Cursor, Read};

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes)).expect("calamine opens the workbook")
    }

    /// The text of one part of the workbook's ZIP.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip_archive(bytes);
        let mut s = String::new();
        zip.by_name(name)
            .expect("the part exists")
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    fn zip_archive(bytes: &[u8]) -> zip::ZipArchive<Cursor<Vec<u8>>> {
        zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap()
    }

    #[test]
    fn serials() {
        // From March 1900 on, serials are days since 30 December 1899.
        assert_eq!(
            excel_serial(NaiveDate::from_ymd_opt(2025, 12, 14).unwrap()),
            46005
        );
    }

    #[test]
    fn labels_print_in_the_output_language() {
        let mut t = table();
        t.rows = vec![vec![
            Cell::label("Tổng", "Total"),
            Cell::Integer(1),
            Cell::Empty,
            Cell::Empty,
        ]];
        assert!(to_markdown(std::slice::from_ref(&t), Lang::Vi).contains("| Tổng | 1 | – | – |"));
        assert!(to_markdown(std::slice::from_ref(&t), Lang::En).contains("| Total | 1 | – | – |"));
        assert!(to_csv(&t).ends_with("\nTotal,1,,\n"));
        for (lang, want) in [(Lang::Vi, "Tổng"), (Lang::En, "Total")] {
            let mut wb = open(to_xlsx(std::slice::from_ref(&t), lang).unwrap());
            let name = wb.sheet_names()[0].clone();
            let r = wb.worksheet_range(&name).unwrap();
            assert_eq!(r.get_value((2, 0)), Some(&Data::String(want.into())));
        }
        let json = serde_json::to_value(Cell::label("a", "b")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "label", "value": {"vi": "a", "en": "b"}})
        );
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut t = table();
        t.title_vi = "x".repeat(40);
        let names = sheet_names(&[table(), t.clone(), t], Lang::Vi);
        assert_eq!(names[0], "Bảng kết quả quý 1");
        assert_eq!(names[1], "x".repeat(31));
        assert_eq!(names[2], format!("{} (2)", "x".repeat(27)));
    }

    #[test]
    fn workbook_reads_back_with_values_formats_and_print_setup() {
        let bytes = to_xlsx(&[table()], Lang::Vi).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(
            bytes,
            to_xlsx(&[table()], Lang::Vi).unwrap(),
            "deterministic"
        );
        let mut wb = open(bytes.clone());
        let r = wb.worksheet_range("Bảng kết quả quý 1").unwrap();
        assert_eq!(
            r.get_value((0, 0)),
            Some(&Data::String("Bảng: kết quả [quý 1]".into()))
        );
        assert_eq!(r.get_value((1, 1)), Some(&Data::String("Số hồ sơ".into())));
        assert_eq!(r.get_value((2, 0)), Some(&Data::String("A, \"B\"".into())));
        assert_eq!(r.get_value((2, 1)), Some(&Data::Float(1234567.0)));
        assert_eq!(r.get_value((2, 2)), Some(&Data::Float(0.805)));
        assert_eq!(r.get_value((3, 3)), Some(&Data::String("*".into())));
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<pane xSplit=\"1\" ySplit=\"2\""), "{sheet}");
        assert!(sheet.contains("<autoFilter ref=\"A2:D4\"/>"), "{sheet}");
        assert!(sheet.contains("orientation=\"landscape\""), "{sheet}");
        assert!(sheet.contains("fitToHeight=\"0\""), "{sheet}");
        let styles = part(&bytes, "xl/styles.xml");
        for code in ["0.0%", "dd/mm/yyyy", "#,##0"] {
            assert!(
                styles.contains(&format!("formatCode=\"{code}\"")) || code == "#,##0",
                "{code}"
            );
        }
        // Compressed: the parts are deflated, not stored.
        let mut zip = zip_archive(&bytes);
        let f = zip.by_name("xl/worksheets/sheet1.xml").unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
    }

    #[test]
    fn grouped_headings_merge_over_two_rows() {
        let mut t = table();
        t.columns[1] = Column::new("n", "Tổng số", "Total", ColumnKind::Integer)
            .in_group("Số hồ sơ", "Dossiers");
        t.columns[2] = Column::new("rate", "Tỷ lệ", "Rate", ColumnKind::Percent)
            .in_group("Số hồ sơ", "Dossiers");
        let bytes = to_xlsx(&[t], Lang::Vi).unwrap();
        let mut wb = open(bytes.clone());
        let name = wb.sheet_names()[0].clone();
        let r = wb.worksheet_range(&name).unwrap();
        assert_eq!(r.get_value((1, 1)), Some(&Data::String("Số hồ sơ".into())));
        assert_eq!(r.get_value((2, 1)), Some(&Data::String("Tổng số".into())));
        assert_eq!(r.get_value((3, 1)), Some(&Data::Float(1234567.0)));
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        for m in ["A2:A3", "B2:C2", "D2:D3"] {
            assert!(
                sheet.contains(&format!("<mergeCell ref=\"{m}\"/>")),
                "{m}: {sheet}"
            );
        }
        assert!(sheet.contains("<autoFilter ref=\"A3:D5\"/>"));
    }

    #[test]
    fn a_numbered_table_has_a_row_of_column_numbers_and_its_total_outside_the_filter() {
        let mut t = table();
        t.numbered = true;
        t.total_rows = 1;
        let bytes = to_xlsx(&[t], Lang::Vi).unwrap();
        let mut wb = open(bytes.clone());
        let name = wb.sheet_names()[0].clone();
        let r = wb.worksheet_range(&name).unwrap();
        assert_eq!(r.get_value((1, 1)), Some(&Data::String("Số hồ sơ".into())));
        assert_eq!(r.get_value((2, 0)), Some(&Data::Empty));
        for c in 1..4u32 {
            assert_eq!(r.get_value((2, c)), Some(&Data::String(format!("({c})"))));
        }
        assert_eq!(r.get_value((3, 1)), Some(&Data::Float(1234567.0)));
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        // Headings in row 2, numbers in 3, the one row filtered in 4, the
        // total in 5 (bold: another style than the row above).
        assert!(sheet.contains("<autoFilter ref=\"A3:D4\"/>"), "{sheet}");
        assert!(sheet.contains("<pane xSplit=\"1\" ySplit=\"3\""), "{sheet}");
        let style = |cell: &str| {
            let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap();
            let elem = &sheet[at..at + sheet[at..].find('>').unwrap()];
            elem.split(" s=\"")
                .nth(1)
                .map(|s| s.split('"').next().unwrap().to_string())
        };
        assert_ne!(style("B5"), style("B4"));
        // Without totals the filter reaches the last row.
        let bytes = to_xlsx(&[table()], Lang::Vi).unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<autoFilter ref=\"A2:D4\"/>"), "{sheet}");
    }

    #[test]
    fn a_table_of_values_and_thresholds_gets_a_chart() {
        let mut t = table();
        t.columns[2].key = "value".into();
        t.columns[1] = Column::new("threshold", "Chỉ tiêu", "Threshold", ColumnKind::Percent);
        let bytes = to_xlsx(&[t], Lang::Vi).unwrap();
        let chart = part(&bytes, "xl/charts/chart1.xml");
        assert!(chart.contains("<c:barChart>"));
        assert!(chart.contains("$C$3:$C$4"), "{chart}");
        assert!(zip_archive(&to_xlsx(&[table()], Lang::Vi).unwrap())
            .by_name("xl/charts/chart1.xml")
            .is_err());
    }
}

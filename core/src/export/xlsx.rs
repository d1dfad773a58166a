//! Tables as an XLSX workbook (Office Open XML), one sheet per table. XLSX
//! cells keep the number and carry a number format (`0.0%`, `dd/mm/yyyy`),
//! so a spreadsheet can still compute with them.

use crate::export::format::{format_cell, xml_escape};
use crate::export::zip::StoredZip;
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Table};
use chrono::NaiveDate;

/// Cell styles of the workbook, indices into `cellXfs` of [`STYLES`].
const XF_TITLE: u32 = 1;
const XF_HEADER: u32 = 2;
const XF_INTEGER: u32 = 3;
const XF_NUMBER: u32 = 4;
const XF_PERCENT: u32 = 5;
const XF_DATE: u32 = 6;

const STYLES: &str = r##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="#,##0.0"/></numFmts><fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="13"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"##;

/// Shared strings of a workbook, in first-seen order.
#[derive(Default)]
struct SharedStrings {
    list: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    uses: usize,
}

impl SharedStrings {
    fn id(&mut self, s: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// Column letters of a 0-based column index (`0` → `A`, `26` → `AA`).
fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

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
        let clean = clean.trim().trim_matches('\'').to_string();
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

fn sheet_xml(table: &Table, lang: Lang, strings: &mut SharedStrings) -> String {
    let mut rows = String::new();
    let mut cell = |r: usize, c: usize, value: &Cell, style: Option<u32>| -> String {
        let at = format!("{}{}", column_letters(c), r);
        let s = |x: u32| format!(" s=\"{x}\"");
        match value {
            Cell::Empty => String::new(),
            Cell::Suppressed => format!("<c r=\"{at}\" t=\"s\"><v>{}</v></c>", strings.id("*")),
            Cell::Text(t) => format!(
                "<c r=\"{at}\" t=\"s\"{}><v>{}</v></c>",
                style.map(s).unwrap_or_default(),
                strings.id(t)
            ),
            Cell::Label(_) => format!(
                "<c r=\"{at}\" t=\"s\"><v>{}</v></c>",
                strings.id(&format_cell(value, lang))
            ),
            Cell::Integer(n) => format!("<c r=\"{at}\"{}><v>{n}</v></c>", s(XF_INTEGER)),
            Cell::Number(v) if v.is_finite() => {
                format!("<c r=\"{at}\"{}><v>{v}</v></c>", s(XF_NUMBER))
            }
            Cell::Percent(v) if v.is_finite() => {
                format!("<c r=\"{at}\"{}><v>{}</v></c>", s(XF_PERCENT), v / 100.0)
            }
            Cell::Number(_) | Cell::Percent(_) => String::new(),
            Cell::Date(d) => format!(
                "<c r=\"{at}\"{}><v>{}</v></c>",
                s(XF_DATE),
                excel_serial(*d)
            ),
        }
    };
    // Row 1: the title; row 2: the headings; then the data; then the notes.
    rows.push_str(&format!(
        "<row r=\"1\">{}</row>",
        cell(1, 0, &Cell::text(table.title(lang)), Some(XF_TITLE))
    ));
    let heads: String = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| cell(2, c, &Cell::text(col.heading(lang)), Some(XF_HEADER)))
        .collect();
    rows.push_str(&format!("<row r=\"2\">{heads}</row>"));
    for (i, row) in table.rows.iter().enumerate() {
        let r = i + 3;
        let cells: String = row
            .iter()
            .enumerate()
            .map(|(c, v)| cell(r, c, v, None))
            .collect();
        rows.push_str(&format!("<row r=\"{r}\">{cells}</row>"));
    }
    let notes = table.notes(lang);
    for (i, n) in notes.iter().enumerate() {
        let r = table.rows.len() + 4 + i;
        rows.push_str(&format!(
            "<row r=\"{r}\">{}</row>",
            cell(r, 0, &Cell::text(n), None)
        ));
    }
    let widths: String = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let longest = table
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|v| format_cell(v, lang).chars().count())
                .chain([col.heading(lang).chars().count().min(40)])
                .max()
                .unwrap_or(8);
            format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" customWidth=\"1\"/>",
                (longest + 2).clamp(6, 60),
                n = c + 1
            )
        })
        .collect();
    let cols = if widths.is_empty() {
        String::new()
    } else {
        format!("<cols>{widths}</cols>")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>{cols}<sheetData>{rows}</sheetData></worksheet>"
    )
}

/// An XLSX workbook (Office Open XML), one sheet per table: the title in
/// row 1, the headings in row 2 (frozen), data from row 3, notes below.
/// Counts carry the format `#,##0`, percentages are stored as fractions
/// with `0.0%`, dates as serial days with `dd/mm/yyyy`, so a Vietnamese
/// Excel shows `80,5%` and `14/12/2025`. "No data" is an empty cell, a
/// suppressed value the text `*`. The bytes are the same for the same
/// tables (no timestamps inside).
pub fn to_xlsx(tables: &[Table], lang: Lang) -> Vec<u8> {
    let mut strings = SharedStrings::default();
    let names = sheet_names(tables, lang);
    let sheets: Vec<String> = tables
        .iter()
        .map(|t| sheet_xml(t, lang, &mut strings))
        .collect();
    let mut content_types = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
    let mut workbook_sheets = String::new();
    let mut workbook_rels = String::new();
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        content_types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        workbook_sheets.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            xml_escape(name)
        ));
        workbook_rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
    }
    content_types.push_str("</Types>");
    let k = names.len();
    workbook_rels.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>", k + 1, k + 2));
    let workbook = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{workbook_sheets}</sheets></workbook>");
    let workbook_rels = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{workbook_rels}</Relationships>");
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let sst: String = strings
        .list
        .iter()
        .map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", xml_escape(s)))
        .collect();
    let shared = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{}\" uniqueCount=\"{}\">{sst}</sst>",
        strings.uses,
        strings.list.len()
    );
    let mut zip = StoredZip::default();
    zip.add("[Content_Types].xml", content_types.as_bytes());
    zip.add("_rels/.rels", root_rels.as_bytes());
    zip.add("xl/workbook.xml", workbook.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    zip.add("xl/sharedStrings.xml", shared.as_bytes());
    for (i, sheet) in sheets.iter().enumerate() {
        zip.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet.as_bytes(),
        );
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::csv::to_csv;
    use crate::export::markdown::to_markdown;
    use crate::tables::table::fixtures::table;

    #[test]
    fn column_letters_and_serials() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        // 1 January 1900 is serial 1 in Excel's (leap-bug) date system, but
        // from March 1900 on serials are days since 30 December 1899.
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
        let vi = String::from_utf8_lossy(&to_xlsx(std::slice::from_ref(&t), Lang::Vi)).into_owned();
        assert!(vi.contains(">Tổng<") && !vi.contains(">Total<"));
        let en = String::from_utf8_lossy(&to_xlsx(&[t], Lang::En)).into_owned();
        assert!(en.contains(">Total<") && !en.contains(">Tổng<"));
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
        assert_eq!(names[0], "Bảng  kết quả  quý 1");
        assert_eq!(names[1], "x".repeat(31));
        assert_eq!(names[2], format!("{} (2)", "x".repeat(27)));
    }

    #[test]
    fn xlsx_is_a_zip_with_the_parts() {
        let bytes = to_xlsx(&[table()], Lang::Vi);
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(bytes, to_xlsx(&[table()], Lang::Vi), "deterministic");
        let text = String::from_utf8_lossy(&bytes);
        for part in [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/sharedStrings.xml",
        ] {
            assert!(text.contains(part), "{part}");
        }
        assert!(text.contains("<v>0.805</v>"));
        assert!(text.contains("<v>46005</v>"));
    }
}

//! Publishing tables: one neutral [`Table`] shape that every printable
//! document (the TTHC form 06, the consolidated report) is turned into, and
//! the writers for it: XLSX, Markdown and HTML in Vietnamese (default) or
//! English, and tidy CSV.
//!
//! Vietnamese output writes numbers with a decimal comma (`80,5%`) and dates
//! as `14/12/2025`; XLSX cells keep the number and carry a number format
//! (`0.0%`, `dd/mm/yyyy`), so a spreadsheet can still compute with them.

use crate::base::error::{DvcttError, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Output language: Vietnamese by default, English on request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// What a column holds, which decides how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ColumnKind {
    Text,
    Integer,
    /// A percentage, 0–100 (XLSX stores the fraction with format `0.0%`).
    Percent,
    /// A decimal number (one decimal place when printed).
    Number,
    Date,
}

/// A column: a stable machine key (the tidy CSV header) and its headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Column {
    pub key: String,
    /// Heading in Vietnamese.
    pub vi: String,
    /// Heading in English.
    pub en: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn new(key: &str, vi: &str, en: &str, kind: ColumnKind) -> Column {
        Column {
            key: key.into(),
            vi: vi.into(),
            en: en.into(),
            kind,
        }
    }

    /// The heading in `lang`.
    pub fn heading(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Text in both languages (a status, a row label): the writers print the
/// output language's; tidy CSV the English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Label {
    pub vi: String,
    pub en: String,
}

/// One cell. `Empty` is "no data" (a zero denominator, a missing report);
/// `Suppressed` is a small-cell value withheld from public output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Cell {
    Empty,
    Suppressed,
    Text(String),
    /// Text in Vietnamese and English.
    Label(Label),
    Integer(i64),
    Number(f64),
    /// A percentage, 0–100.
    Percent(f64),
    Date(#[cfg_attr(feature = "wasm", tsify(type = "string"))] NaiveDate),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// Text in Vietnamese and English.
    pub fn label(vi: impl Into<String>, en: impl Into<String>) -> Cell {
        Cell::Label(Label {
            vi: vi.into(),
            en: en.into(),
        })
    }

    /// A percentage, or `Empty` when there is none (no data).
    pub fn percent(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Percent)
    }
}

/// A titled table: a sheet of the XLSX, a section of the Markdown or HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Table {
    /// Stable machine key, e.g. `units`, `targets`, `form06`.
    pub key: String,
    /// Title in Vietnamese (also the XLSX sheet name, cut to 31 characters).
    pub title_vi: String,
    /// Title in English.
    pub title_en: String,
    pub columns: Vec<Column>,
    /// Each row has one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Lines printed under the table, in Vietnamese and English
    /// (e.g. what a suppressed cell means).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes_vi: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes_en: Vec<String>,
}

impl Table {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.title_vi,
            Lang::En => &self.title_en,
        }
    }

    /// The notes in `lang`.
    pub fn notes(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Vi => &self.notes_vi,
            Lang::En => &self.notes_en,
        }
    }
}

impl Lang {
    /// `vi` or `en` (any case); anything else is an error naming `path`.
    pub fn parse_at(s: &str, path: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(DvcttError::Data {
                path: path.into(),
                detail: format!("unknown language `{other}` (expected vi or en)"),
            }),
        }
    }
}

/// Tables from JSON: one table object or a list of them. Every row must
/// have one cell per column.
pub fn tables_from_value(value: Value) -> Result<Vec<Table>> {
    let (list, single) = match value {
        Value::Array(a) => (a, false),
        v => (vec![v], true),
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.into_iter().enumerate() {
        let at = if single {
            "$".to_string()
        } else {
            format!("[{i}]")
        };
        crate::base::error::require_object(&v, &at, "a table")?;
        let t: Table = serde_path_to_error::deserialize(v).map_err(|e| {
            let inner = crate::base::error::json_path(e.path());
            DvcttError::Data {
                path: match (single, inner.as_str()) {
                    (true, _) => inner.clone(),
                    (false, "$") => at.clone(),
                    (false, p) => format!("{at}.{p}"),
                },
                detail: e.inner().to_string(),
            }
        })?;
        for (r, row) in t.rows.iter().enumerate() {
            if row.len() != t.columns.len() {
                let prefix = if single {
                    String::new()
                } else {
                    format!("{at}.")
                };
                return Err(DvcttError::Data {
                    path: format!("{prefix}rows[{r}]"),
                    detail: format!("{} cells for {} columns", row.len(), t.columns.len()),
                });
            }
        }
        out.push(t);
    }
    Ok(out)
}

/// A cell as printed in `lang`: `80,5%`, `1.234`, `14/12/2025` in
/// Vietnamese; `80.5%`, `1,234`, `2025-12-14` in English. "No data" prints
/// as `–`, a suppressed value as `*`.
pub fn format_cell(cell: &Cell, lang: Lang) -> String {
    match cell {
        Cell::Empty => "–".into(),
        Cell::Suppressed => "*".into(),
        Cell::Text(s) => s.clone(),
        Cell::Label(l) => match lang {
            Lang::Vi => l.vi.clone(),
            Lang::En => l.en.clone(),
        },
        Cell::Integer(n) => group_thousands(&n.to_string(), lang),
        Cell::Number(v) => format_decimal(*v, lang),
        Cell::Percent(v) => format!("{}%", format_decimal(*v, lang)),
        Cell::Date(d) => match lang {
            Lang::Vi => d.format("%d/%m/%Y").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        },
    }
}

/// One decimal place, thousands grouped, with the language's separators.
fn format_decimal(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = format!("{v:.1}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
    let comma = match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    };
    format!("{}{comma}{frac}", group_thousands(int, lang))
}

/// Groups the digits of an integer string by thousands: `.` in
/// Vietnamese, `,` in English.
fn group_thousands(int: &str, lang: Lang) -> String {
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn is_numeric(kind: ColumnKind) -> bool {
    matches!(
        kind,
        ColumnKind::Integer | ColumnKind::Percent | ColumnKind::Number
    )
}

/// Tidy CSV of one table: the column keys as headers, one line per row,
/// values machine-readable (`80.5` for a percentage, ISO dates); "no data"
/// and suppressed values are empty. RFC 4180 quoting, `\n` line ends.
pub fn to_csv(table: &Table) -> String {
    let mut out = String::new();
    let keys: Vec<&str> = table.columns.iter().map(|c| c.key.as_str()).collect();
    push_csv_line(&mut out, keys.iter().map(|k| k.to_string()));
    for row in &table.rows {
        push_csv_line(
            &mut out,
            row.iter().map(|c| match c {
                Cell::Empty | Cell::Suppressed => String::new(),
                Cell::Text(s) => s.clone(),
                Cell::Label(l) => l.en.clone(),
                Cell::Integer(n) => n.to_string(),
                Cell::Number(v) | Cell::Percent(v) => {
                    if v.is_finite() {
                        v.to_string()
                    } else {
                        String::new()
                    }
                }
                Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            }),
        );
    }
    out
}

fn push_csv_line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push('\n');
}

/// Markdown: a `##` heading per table, a pipe table (numbers right-aligned),
/// then its notes.
pub fn to_markdown(tables: &[Table], lang: Lang) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    for (t, table) in tables.iter().enumerate() {
        if t > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {}\n\n", esc(table.title(lang))));
        let heads: Vec<String> = table.columns.iter().map(|c| esc(c.heading(lang))).collect();
        out.push_str(&format!("| {} |\n", heads.join(" | ")));
        let rule: Vec<&str> = table
            .columns
            .iter()
            .map(|c| if is_numeric(c.kind) { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &table.rows {
            let cells: Vec<String> = row.iter().map(|c| esc(&format_cell(c, lang))).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        let notes = table.notes(lang);
        if !notes.is_empty() {
            out.push('\n');
            for n in notes {
                out.push_str(&format!("{}\n", esc(n)));
            }
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A standalone HTML document (UTF-8, `lang` set): a heading and a table
/// per [`Table`], numbers right-aligned, notes under each table.
pub fn to_html(tables: &[Table], lang: Lang) -> String {
    let code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let title = tables.first().map(|t| t.title(lang)).unwrap_or("dvctt");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>table{{border-collapse:collapse}}th,td{{border:1px solid #999;padding:2px 6px}}td.num{{text-align:right}}</style>\n</head>\n<body>\n",
        xml_escape(title)
    );
    for table in tables {
        out.push_str(&format!(
            "<h2>{}</h2>\n<table>\n<thead><tr>",
            xml_escape(table.title(lang))
        ));
        for c in &table.columns {
            out.push_str(&format!("<th>{}</th>", xml_escape(c.heading(lang))));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let numeric = table.columns.get(i).is_some_and(|c| is_numeric(c.kind));
                let class = if numeric { " class=\"num\"" } else { "" };
                out.push_str(&format!(
                    "<td{class}>{}</td>",
                    xml_escape(&format_cell(cell, lang))
                ));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        let notes = table.notes(lang);
        for n in notes {
            out.push_str(&format!("<p>{}</p>\n", xml_escape(n)));
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------- XLSX

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

/// A ZIP archive of stored (uncompressed) entries: all an XLSX reader
/// needs, without a compression dependency.
#[derive(Default)]
struct StoredZip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

impl StoredZip {
    fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        // Sizes above 4 GiB would need ZIP64; no table gets near that.
        let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        // DOS date 1980-01-01 00:00 so the bytes do not depend on the clock.
        let (time, date) = (0u16, 0x21u16);
        let mut local = Vec::with_capacity(30 + name.len());
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        local.extend_from_slice(&20u16.to_le_bytes()); // version needed
        local.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
        local.extend_from_slice(&0u16.to_le_bytes()); // stored
        local.extend_from_slice(&time.to_le_bytes());
        local.extend_from_slice(&date.to_le_bytes());
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&name_len.to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&local);
        self.out.extend_from_slice(data);

        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by
        c.extend_from_slice(&20u16.to_le_bytes()); // version needed
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&time.to_le_bytes());
        c.extend_from_slice(&date.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&name_len.to_le_bytes());
        c.extend_from_slice(&[0u8; 12]); // extra, comment, disk, attributes
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.entries = self.entries.saturating_add(1);
    }

    fn finish(mut self) -> Vec<u8> {
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0u8; 4]); // disk numbers
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            key: "t".into(),
            title_vi: "Bảng: kết quả [quý 1]".into(),
            title_en: "Results".into(),
            columns: vec![
                Column::new("unit", "Đơn vị", "Unit", ColumnKind::Text),
                Column::new("n", "Số hồ sơ", "Dossiers", ColumnKind::Integer),
                Column::new("rate", "Tỷ lệ", "Rate", ColumnKind::Percent),
                Column::new("on", "Ngày", "Date", ColumnKind::Date),
            ],
            rows: vec![
                vec![
                    Cell::text("A, \"B\""),
                    Cell::Integer(1234567),
                    Cell::Percent(80.5),
                    Cell::Date(NaiveDate::from_ymd_opt(2025, 12, 14).unwrap()),
                ],
                vec![
                    Cell::text("C|D"),
                    Cell::Integer(-5),
                    Cell::Empty,
                    Cell::Suppressed,
                ],
            ],
            notes_vi: vec!["* : ẩn".into()],
            notes_en: vec!["* : suppressed".into()],
        }
    }

    #[test]
    fn cells_print_in_each_language() {
        let d = Cell::Date(NaiveDate::from_ymd_opt(2025, 12, 14).unwrap());
        assert_eq!(format_cell(&Cell::Percent(80.5), Lang::Vi), "80,5%");
        assert_eq!(format_cell(&Cell::Percent(80.5), Lang::En), "80.5%");
        assert_eq!(format_cell(&Cell::Percent(100.0), Lang::Vi), "100,0%");
        assert_eq!(format_cell(&Cell::Number(12345.67), Lang::Vi), "12.345,7");
        assert_eq!(format_cell(&Cell::Integer(1234567), Lang::Vi), "1.234.567");
        assert_eq!(format_cell(&Cell::Integer(-1234), Lang::En), "-1,234");
        assert_eq!(format_cell(&Cell::Integer(999), Lang::En), "999");
        assert_eq!(format_cell(&d, Lang::Vi), "14/12/2025");
        assert_eq!(format_cell(&d, Lang::En), "2025-12-14");
        assert_eq!(format_cell(&Cell::Empty, Lang::Vi), "–");
        assert_eq!(format_cell(&Cell::Suppressed, Lang::En), "*");
    }

    #[test]
    fn csv_is_tidy_and_quoted() {
        assert_eq!(
            to_csv(&table()),
            "unit,n,rate,on\n\"A, \"\"B\"\"\",1234567,80.5,2025-12-14\nC|D,-5,,\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes_and_aligns_numbers() {
        let md = to_markdown(&[table()], Lang::Vi);
        assert!(md.starts_with("## Bảng: kết quả [quý 1]\n\n| Đơn vị | Số hồ sơ | Tỷ lệ | Ngày |\n|---|---:|---:|---|\n"));
        assert!(md.contains("| C\\|D | -5 | – | * |"));
        assert!(md.ends_with("\n* : ẩn\n"));
    }

    #[test]
    fn html_escapes_and_sets_the_language() {
        let html = to_html(&[table()], Lang::En);
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<td>A, &quot;B&quot;</td><td class=\"num\">1,234,567</td><td class=\"num\">80.5%</td><td>2025-12-14</td>"));
    }

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
    fn tables_from_json_name_the_bad_row() {
        let mut v = serde_json::to_value([table(), table()]).unwrap();
        assert_eq!(tables_from_value(v.clone()).unwrap().len(), 2);
        v[1]["rows"][1].as_array_mut().unwrap().pop();
        let e = tables_from_value(v.clone()).unwrap_err();
        assert_eq!(e.fields()["path"], "[1].rows[1]");
        v[1]["rows"][0][1] = serde_json::json!({"kind": "integer", "value": "x"});
        let e = tables_from_value(v).unwrap_err();
        assert_eq!(e.fields()["path"], "[1].rows[0][1].value", "{e}");
        let one = serde_json::to_value(table()).unwrap();
        assert_eq!(tables_from_value(one).unwrap(), vec![table()]);
        assert!(Lang::parse_at("EN", "lang").is_ok());
        assert_eq!(
            Lang::parse_at("fr", "lang").unwrap_err().fields()["path"],
            "lang"
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
    fn crc32_matches_the_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
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

//! Tables as aligned plain text for a terminal, laid out by comfy-table,
//! which measures display width (a decomposed accent takes no column, a
//! wide character two), so Vietnamese text lines up however it is encoded.

use crate::export::format::{format_in, is_numeric};
use crate::tables::lang::Lang;
use crate::tables::table::Table;
use comfy_table::{presets, CellAlignment, ContentArrangement};

/// Rows under a heading row, columns two spaces apart, the columns marked
/// in `right` right-aligned; no trailing spaces.
pub fn aligned(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for r in rows {
        t.add_row(r.clone());
    }
    let n = header.len();
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, if i + 1 < n { 2 } else { 0 }));
        if right.get(i).copied().unwrap_or(false) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = String::new();
    for line in t.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One table as text: its title, the rows under their headings (numbers
/// right-aligned), then its notes. With `numbered`, the columns after the
/// first are headed (1), (2), … as on the official forms, and the headings
/// are listed under the table.
pub fn table_text(t: &Table, lang: Lang, numbered: bool) -> String {
    let head: Vec<String> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if numbered && i > 0 {
                format!("({i})")
            } else {
                c.full_heading(lang)
            }
        })
        .collect();
    let body: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&t.columns)
                .map(|(c, col)| format_in(c, Some(col), lang))
                .collect()
        })
        .collect();
    let right: Vec<bool> = t.columns.iter().map(|c| is_numeric(c.kind)).collect();
    let mut out = format!("{}\n\n", t.title(lang));
    if t.rows.is_empty() {
        out.push_str(match lang {
            Lang::Vi => "(không có dòng nào)\n",
            Lang::En => "(no rows)\n",
        });
    } else {
        out.push_str(&aligned(&head, &body, &right));
    }
    let legend = numbered && t.columns.len() > 1;
    if legend || !t.notes(lang).is_empty() {
        out.push('\n');
    }
    if legend {
        for (i, c) in t.columns.iter().enumerate().skip(1) {
            out.push_str(&format!("({i}) {}\n", c.full_heading(lang)));
        }
    }
    for n in t.notes(lang) {
        out.push_str(n);
        out.push('\n');
    }
    out
}

/// Tables as text, a blank line between them.
pub fn to_text(tables: &[Table], lang: Lang) -> String {
    let parts: Vec<String> = tables.iter().map(|t| table_text(t, lang, false)).collect();
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::table::fixtures::table;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn decomposed_accents_align_like_composed_ones() {
        let composed = "Hồ sơ";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed.chars().count(), decomposed.chars().count());
        let rows = vec![
            vec![composed.to_string(), "1".into()],
            vec![decomposed.clone(), "22".into()],
            vec!["x".into(), "333".into()],
        ];
        let text = aligned(&["a".into(), "n".into()], &rows, &[false, true]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "a        n");
        assert_eq!(lines[1], "Hồ sơ    1");
        assert_eq!(lines[2], format!("{decomposed}   22"));
        assert_eq!(lines[3], "x      333");
    }

    #[test]
    fn a_table_prints_title_rows_and_notes() {
        let text = table_text(&table(), Lang::Vi, false);
        assert!(text.starts_with("Bảng: kết quả [quý 1]\n\nĐơn vị   Số hồ sơ  Tỷ lệ  Ngày\n"));
        assert!(
            text.contains("A, \"B\"  1.234.567  80,5%  14/12/2025\n"),
            "{text}"
        );
        assert!(text.ends_with("\n* : ẩn\n"));
        let numbered = table_text(&table(), Lang::En, true);
        assert!(numbered.contains("(1) Dossiers\n"), "{numbered}");
    }
}

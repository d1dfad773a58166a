//! Tables as Markdown.

use crate::export::format::{format_in, is_numeric};
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Table};

/// Markdown: a `##` heading per table, a pipe table (numbers right-aligned;
/// a `numbered` table's column numbers as its first row, its total rows
/// bold), then its notes.
pub fn to_markdown(tables: &[Table], lang: Lang) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    for (t, table) in tables.iter().enumerate() {
        if t > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {}\n\n", esc(table.title(lang))));
        let heads: Vec<String> = table
            .columns
            .iter()
            .map(|c| esc(&c.full_heading(lang)))
            .collect();
        out.push_str(&format!("| {} |\n", heads.join(" | ")));
        let rule: Vec<&str> = table
            .columns
            .iter()
            .map(|c| if is_numeric(c.kind) { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        if table.numbered {
            // The form's column numbers, as on the paper: (1), (2), …
            let numbers: Vec<String> = (0..table.columns.len())
                .map(|i| {
                    if i == 0 {
                        String::new()
                    } else {
                        format!("({i})")
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", numbers.join(" | ")));
        }
        let totals_from = table.rows.len().saturating_sub(table.total_rows as usize);
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(&table.columns)
                .map(|(c, col)| {
                    let text = esc(&format_in(c, Some(col), lang));
                    let figure = !matches!(c, Cell::Empty | Cell::Suppressed);
                    if r >= totals_from && figure {
                        format!("**{text}**")
                    } else {
                        text
                    }
                })
                .collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::table::fixtures::table;

    #[test]
    fn markdown_escapes_pipes_and_aligns_numbers() {
        let md = to_markdown(&[table()], Lang::Vi);
        assert!(md.starts_with("## Bảng: kết quả [quý 1]\n\n| Đơn vị | Số hồ sơ | Tỷ lệ | Ngày |\n|---|---:|---:|---|\n"));
        assert!(md.contains("| C\\|D | -5 | – | * |"));
        assert!(md.ends_with("\n* : ẩn\n"));
    }

    #[test]
    fn a_numbered_table_has_its_column_numbers_and_a_bold_total() {
        let mut t = table();
        t.numbered = true;
        t.total_rows = 1;
        let md = to_markdown(&[t], Lang::Vi);
        assert!(
            md.contains("|---|---:|---:|---|\n|  | (1) | (2) | (3) |\n| A, \"B\" |"),
            "{md}"
        );
        assert!(md.contains("| **C\\|D** | **-5** | – | * |"), "{md}");
    }
}

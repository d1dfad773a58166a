//! Tables as Markdown.

use crate::export::format::{format_in, is_numeric};
use crate::tables::lang::Lang;
use crate::tables::table::Table;

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
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .zip(&table.columns)
                .map(|(c, col)| esc(&format_in(c, Some(col), lang)))
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
}

//! Tables as a standalone HTML document.

use crate::export::format::{format_in, heading_runs, is_numeric, xml_escape};
use crate::tables::lang::Lang;
use crate::tables::table::Table;

/// The page's look: a sans-serif font, shaded headings and every other
/// row, numbers in aligned figures; nothing the page needs to be read.
const STYLE: &str = "body{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;margin:1.5rem;color:#1f2328}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}table{border-collapse:collapse;margin-bottom:.5rem}th,td{border:1px solid #b8bec6;padding:3px 8px;vertical-align:top}th{background:#e9eef5}tbody tr:nth-child(even){background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.id{white-space:nowrap}th.no{font-style:italic;font-weight:normal}tr.total td{font-weight:bold}p{margin:.25rem 0;color:#3d444d}@media print{body{margin:0}}";

/// A standalone HTML document (UTF-8, `lang` set): a heading and a table
/// per [`Table`], numbers right-aligned, notes under each table; a
/// `numbered` table's column numbers under its headings, its total rows
/// bold.
pub fn to_html(tables: &[Table], lang: Lang) -> String {
    let code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let title = tables.first().map(|t| t.title(lang)).unwrap_or("dvctt");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        xml_escape(title)
    );
    for table in tables {
        out.push_str(&format!(
            "<h2>{}</h2>\n<table>\n<thead>",
            xml_escape(table.title(lang))
        ));
        push_headings(&mut out, table, lang);
        if table.numbered {
            // The form's column numbers under the headings: (1), (2), …
            out.push_str("\n<tr>");
            for i in 0..table.columns.len() {
                let n = if i == 0 {
                    String::new()
                } else {
                    format!("({i})")
                };
                out.push_str(&format!("<th class=\"no\">{n}</th>"));
            }
            out.push_str("</tr>");
        }
        out.push_str("</thead>\n<tbody>\n");
        let totals_from = table.rows.len().saturating_sub(table.total_rows as usize);
        for (r, row) in table.rows.iter().enumerate() {
            out.push_str(if r >= totals_from {
                "<tr class=\"total\">"
            } else {
                "<tr>"
            });
            for (i, cell) in row.iter().enumerate() {
                let numeric = table.columns.get(i).is_some_and(|c| is_numeric(c.kind));
                let text = format_in(cell, table.columns.get(i), lang);
                // An id or code (no space) is not broken at its hyphens.
                let class = if numeric {
                    " class=\"num\""
                } else if !text.contains(char::is_whitespace) && text.chars().count() <= 40 {
                    " class=\"id\""
                } else {
                    ""
                };
                out.push_str(&format!("<td{class}>{}</td>", xml_escape(&text)));
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

/// One heading row, or two when columns have groups: each group spans its
/// columns in the first row, an ungrouped column spans both rows.
fn push_headings(out: &mut String, table: &Table, lang: Lang) {
    let runs = heading_runs(&table.columns);
    let th = |c: &crate::tables::table::Column| xml_escape(c.heading(lang));
    if runs.iter().all(|r| r.2.is_none()) {
        out.push_str("<tr>");
        for c in &table.columns {
            out.push_str(&format!("<th>{}</th>", th(c)));
        }
        out.push_str("</tr>");
        return;
    }
    out.push_str("<tr>");
    for &(first, last, group) in &runs {
        match group {
            Some(_) => out.push_str(&format!(
                "<th colspan=\"{}\">{}</th>",
                last - first + 1,
                xml_escape(table.columns[first].group_heading(lang).unwrap_or(""))
            )),
            None => out.push_str(&format!(
                "<th rowspan=\"2\">{}</th>",
                th(&table.columns[first])
            )),
        }
    }
    out.push_str("</tr>\n<tr>");
    for c in table.columns.iter().filter(|c| c.group.is_some()) {
        out.push_str(&format!("<th>{}</th>", th(c)));
    }
    out.push_str("</tr>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::table::fixtures::table;

    #[test]
    fn html_escapes_and_sets_the_language() {
        let html = to_html(&[table()], Lang::En);
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<td>A, &quot;B&quot;</td><td class=\"num\">1,234,567</td><td class=\"num\">80.5%</td><td class=\"id\">2025-12-14</td>"), "{html}");
        assert!(html.contains("<meta name=\"viewport\""), "{html}");
    }

    #[test]
    fn a_numbered_table_has_its_column_numbers_and_a_bold_total() {
        let mut t = table();
        t.numbered = true;
        t.total_rows = 1;
        let html = to_html(&[t], Lang::Vi);
        assert!(
            html.contains("<tr><th class=\"no\"></th><th class=\"no\">(1)</th><th class=\"no\">(2)</th><th class=\"no\">(3)</th></tr></thead>"),
            "{html}"
        );
        assert!(
            html.contains("<tr class=\"total\"><td class=\"id\">C|D</td>"),
            "{html}"
        );
        assert_eq!(html.matches("<tr class=\"total\">").count(), 1);
        assert!(html.contains("tr.total td{font-weight:bold}"));
    }
}

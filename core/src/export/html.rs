//! Tables as a standalone HTML document.

use crate::export::format::{format_cell, is_numeric, xml_escape};
use crate::tables::lang::Lang;
use crate::tables::table::Table;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::table::fixtures::table;

    #[test]
    fn html_escapes_and_sets_the_language() {
        let html = to_html(&[table()], Lang::En);
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<td>A, &quot;B&quot;</td><td class=\"num\">1,234,567</td><td class=\"num\">80.5%</td><td>2025-12-14</td>"));
    }
}

//! How a cell prints in each language: Vietnamese writes numbers with a
//! decimal comma (`80,5%`) and dates as `14/12/2025`.

use crate::base::day::vn_date;
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Column, ColumnKind, Label};

/// A cell as printed in `lang`: `80,5%`, `1.234`, `14/12/2025` in
/// Vietnamese; `80.5%`, `1,234`, `2025-12-14` in English. "No data" prints
/// as `–`, a suppressed value as `*`.
pub fn format_cell(cell: &Cell, lang: Lang) -> String {
    format_cell_with(cell, lang, 1)
}

/// A cell as printed in its column: numbers and percentages with the
/// column's digits after the decimal point (see `Column::decimals`).
pub(crate) fn format_in(cell: &Cell, column: Option<&Column>, lang: Lang) -> String {
    let decimals = column.and_then(|c| c.decimals).unwrap_or(1);
    format_cell_with(cell, lang, decimals)
}

fn format_cell_with(cell: &Cell, lang: Lang, decimals: u8) -> String {
    match cell {
        Cell::Empty => "–".into(),
        Cell::Suppressed => "*".into(),
        Cell::Text(s) => s.clone(),
        Cell::Label(l) => match lang {
            Lang::Vi => l.vi.clone(),
            Lang::En => l.en.clone(),
        },
        Cell::Integer(n) => group_thousands(&n.to_string(), lang),
        Cell::Number(v) => format_decimal(*v, lang, decimals),
        Cell::Percent(v) => format!("{}%", format_decimal(*v, lang, decimals)),
        Cell::Date(d) => match lang {
            Lang::Vi => vn_date(*d),
            Lang::En => d.to_string(),
        },
    }
}

/// `decimals` places (at least 1), thousands grouped, with the language's
/// separators.
fn format_decimal(v: f64, lang: Lang, decimals: u8) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = format!("{v:.*}", usize::from(decimals.max(1)));
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

/// The runs of neighbouring columns under the same group heading, as
/// `(first, last, group)`; a column without a group is a run of its own
/// with `None`.
pub(crate) fn heading_runs(columns: &[Column]) -> Vec<(usize, usize, Option<&Label>)> {
    let mut runs: Vec<(usize, usize, Option<&Label>)> = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        match runs.last_mut() {
            Some((_, last, Some(g))) if c.group.as_ref() == Some(*g) => *last = i,
            _ => runs.push((i, i, c.group.as_ref())),
        }
    }
    runs
}

/// Whether a column holds numbers (right-aligned).
pub(crate) fn is_numeric(kind: ColumnKind) -> bool {
    matches!(
        kind,
        ColumnKind::Integer | ColumnKind::Percent | ColumnKind::Number
    )
}

/// Text escaped for XML and HTML; characters XML 1.0 cannot hold are dropped.
pub(crate) fn xml_escape(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
}

//! A table as tidy CSV.

use crate::tables::table::{Cell, Table};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::table::fixtures::table;

    #[test]
    fn csv_is_tidy_and_quoted() {
        assert_eq!(
            to_csv(&table()),
            "unit,n,rate,on\n\"A, \"\"B\"\"\",1234567,80.5,2025-12-14\nC|D,-5,,\n"
        );
    }
}

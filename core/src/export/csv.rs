//! A table as tidy CSV, written by the `csv` crate (its quoting is the only
//! one the exports use).

use crate::tables::table::{Cell, Table};

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Tidy CSV of one table: the column keys as headers, one line per row,
/// values machine-readable (`80.5` for a percentage, ISO dates); "no data"
/// and suppressed values are empty. RFC 4180 quoting, `\n` line ends, no
/// byte-order mark (see [`to_csv_for_excel`]).
pub fn to_csv(table: &Table) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let keys = table.columns.iter().map(|c| c.key.as_str());
    // Writing to a Vec cannot fail; an error here would be a bug of the crate.
    let _ = w.write_record(keys);
    for row in &table.rows {
        let _ = w.write_record(row.iter().map(field));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// [`to_csv`] behind a UTF-8 byte-order mark, so that Excel on Windows
/// opens Vietnamese text as written instead of as mojibake.
pub fn to_csv_for_excel(table: &Table) -> String {
    format!("{BOM}{}", to_csv(table))
}

/// A cell's machine-readable text.
fn field(c: &Cell) -> String {
    match c {
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
        Cell::Date(d) => d.to_string(),
    }
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

    #[test]
    fn csv_for_excel_starts_with_a_bom_and_reads_back() {
        let text = to_csv_for_excel(&table());
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let mut r = csv::Reader::from_reader(&text.as_bytes()[BOM.len()..]);
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(&rows[0][0], "A, \"B\"");
        assert_eq!(rows.len(), 2);
    }
}

//! Publishing tables: one neutral [`Table`] shape that every printable
//! document (the TTHC form 06, the consolidated report) is turned into, and
//! the writers for it: XLSX, Markdown and HTML in Vietnamese (default) or
//! English, and tidy CSV.
//!
//! Vietnamese output writes numbers with a decimal comma (`80,5%`) and dates
//! as `14/12/2025`; XLSX cells keep the number and carry a number format
//! (`0.0%`, `dd/mm/yyyy`), so a spreadsheet can still compute with them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
}

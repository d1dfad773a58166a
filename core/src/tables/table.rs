//! Publishing tables: one neutral [`Table`] shape that every printable
//! document (the TTHC form 06, the consolidated report) is turned into;
//! the writers are in `export`.

use crate::base::error::{json_path, require_object, DvcttError, Result};
use crate::tables::lang::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a column holds, which decides how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Column {
    pub key: String,
    /// Heading in Vietnamese (under its group's, when it has one).
    pub vi: String,
    /// Heading in English.
    pub en: String,
    pub kind: ColumnKind,
    /// The heading over this column and its neighbours with the same group
    /// (e.g. "Số hồ sơ đã giải quyết" over "Trả trước hạn", "Trả đúng
    /// thời hạn", …): a workbook or page merges it across them in a first
    /// heading row, as on the official forms; one-row writers print
    /// `group: heading`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub group: Option<Label>,
    /// Digits after the decimal point of its numbers and percentages
    /// (default 1): 2 where a rounded figure could seem to meet a
    /// threshold it misses (79.96% is not 80.0%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub decimals: Option<u8>,
}

impl Column {
    pub fn new(key: &str, vi: &str, en: &str, kind: ColumnKind) -> Column {
        Column {
            key: key.into(),
            vi: vi.into(),
            en: en.into(),
            kind,
            group: None,
            decimals: None,
        }
    }

    /// The column with `n` digits after the decimal point (see [`Column::decimals`]).
    pub fn with_decimals(mut self, n: u8) -> Column {
        self.decimals = Some(n);
        self
    }

    /// The column under a group heading (see [`Column::group`]).
    pub fn in_group(mut self, vi: &str, en: &str) -> Column {
        self.group = Some(Label {
            vi: vi.into(),
            en: en.into(),
        });
        self
    }

    /// The heading in `lang`.
    pub fn heading(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The group's heading in `lang`, if the column has a group.
    pub fn group_heading(&self, lang: Lang) -> Option<&str> {
        self.group.as_ref().map(|g| match lang {
            Lang::Vi => g.vi.as_str(),
            Lang::En => g.en.as_str(),
        })
    }

    /// The heading for a one-row layout: `group: heading` when grouped.
    pub fn full_heading(&self, lang: Lang) -> String {
        match self.group_heading(lang) {
            Some(g) => format!("{g}: {}", self.heading(lang)),
            None => self.heading(lang).to_string(),
        }
    }
}

/// Columns from `(key, Vietnamese heading, English heading, kind)` rows.
pub fn columns(list: &[(&str, &str, &str, ColumnKind)]) -> Vec<Column> {
    list.iter()
        .map(|&(key, vi, en, kind)| Column::new(key, vi, en, kind))
        .collect()
}

/// `columns` with those of `keys` printed with `n` digits after the
/// decimal point (see [`Column::decimals`]).
pub fn with_decimals(mut columns: Vec<Column>, keys: &[&str], n: u8) -> Vec<Column> {
    for c in columns
        .iter_mut()
        .filter(|c| keys.contains(&c.key.as_str()))
    {
        c.decimals = Some(n);
    }
    columns
}

/// Text in both languages (a status, a row label): the writers print the
/// output language's; tidy CSV the English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    Date(
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        NaiveDate,
    ),
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// A row of column numbers under the headings, (1), (2), … from the
    /// second column on, as on the official forms (Biểu 06).
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub numbered: bool,
    /// How many of the last rows are totals (tổng cộng): written bold, and
    /// left out of a workbook's autofilter so that filtering keeps them.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub total_rows: u32,
}

fn is_false(b: &bool) -> bool {
    !b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Table {
    /// A table without notes (see [`Table::with_notes`]); `title` is the
    /// Vietnamese and the English title.
    pub fn new(
        key: &str,
        title: (impl Into<String>, impl Into<String>),
        columns: Vec<Column>,
        rows: Vec<Vec<Cell>>,
    ) -> Table {
        Table {
            key: key.into(),
            title_vi: title.0.into(),
            title_en: title.1.into(),
            columns,
            rows,
            notes_vi: vec![],
            notes_en: vec![],
            numbered: false,
            total_rows: 0,
        }
    }

    /// The table with notes under it, in Vietnamese and English.
    pub fn with_notes(mut self, vi: Vec<String>, en: Vec<String>) -> Table {
        self.notes_vi = vi;
        self.notes_en = en;
        self
    }

    /// The table without the columns of `keys` (and their cells).
    pub fn without(&self, keys: &[&str]) -> Table {
        let keep: Vec<bool> = self
            .columns
            .iter()
            .map(|c| !keys.contains(&c.key.as_str()))
            .collect();
        let pick = |cells: &[Cell]| -> Vec<Cell> {
            cells
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.clone())
                .collect()
        };
        let mut t = self.clone();
        t.columns = self
            .columns
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.clone())
            .collect();
        t.rows = self.rows.iter().map(|r| pick(r)).collect();
        t
    }

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
        require_object(&v, &at, "a table")?;
        let t: Table = crate::base::json::deserialize(v).map_err(|e| {
            let inner = json_path(e.path());
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

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// A table with every kind of cell (for the writers' tests).
    pub fn table() -> Table {
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
            numbered: false,
            total_rows: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::table;
    use super::*;

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
}

//! How to read one input file: what is detected when left out (separator,
//! encoding, header row) and what the user may state (a date format, a
//! sheet of a workbook).

use crate::base::date_text::DateText;
use crate::base::error::{DvcttError, Result};
use serde::{Deserialize, Serialize};

/// How to read one input file. Every field may be left out: the separator
/// and the encoding are then detected, dates are read as ISO or day first,
/// and a workbook's first sheet is read from the row naming the id column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReadOptions {
    /// CSV field separator: `,`, `;` or a tab (`\t` or `tab`); detected
    /// from the header when left out (an Excel `sep=` first line is obeyed).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub delimiter: Option<String>,
    /// CSV text encoding: `utf-8`, `utf-16` (with its byte-order mark),
    /// `windows-1258`, or another WHATWG label; detected when left out
    /// (a byte-order mark; Windows-1258 when the bytes clearly are).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub encoding: Option<String>,
    /// How dates are written when neither ISO (`2025-09-10`) nor day first
    /// (`10/09/2025`, with or without a time): chrono's `strftime`
    /// syntax, e.g. `%m/%d/%Y`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub date_format: Option<String>,
    /// Workbooks (XLSX, ODS): the sheet to read; the first when left out.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sheet: Option<String>,
    /// Workbooks: the 1-based row holding the column names; when left out,
    /// the first row that names the id column.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub header_row: Option<u32>,
}

impl ReadOptions {
    /// The separator asked for, as a byte; `None` to detect it.
    pub fn delimiter_byte(&self) -> Result<Option<u8>> {
        let Some(d) = self.delimiter.as_deref() else {
            return Ok(None);
        };
        match d {
            "," => Ok(Some(b',')),
            ";" => Ok(Some(b';')),
            "\t" | "\\t" | "tab" | "TAB" => Ok(Some(b'\t')),
            "|" => Ok(Some(b'|')),
            _ => Err(DvcttError::data(
                "delimiter",
                format!("`{d}` is not a separator (expected `,`, `;`, `tab` or `|`)"),
            )),
        }
    }

    /// The encoding asked for; `None` to detect it.
    pub fn encoding(&self) -> Result<Option<&'static encoding_rs::Encoding>> {
        let Some(label) = self.encoding.as_deref() else {
            return Ok(None);
        };
        let label = match label.trim().to_ascii_lowercase().as_str() {
            "utf16" | "utf-16" | "unicode" => "utf-16le",
            "cp1258" | "windows1258" => "windows-1258",
            other => return encoding(other, label),
        };
        encoding(label, label)
    }

    /// How dates are read.
    pub fn dates(&self) -> Result<DateText> {
        DateText::new(self.date_format.as_deref(), "date_format")
    }
}

fn encoding(label: &str, given: &str) -> Result<Option<&'static encoding_rs::Encoding>> {
    encoding_rs::Encoding::for_label(label.as_bytes())
        .map(Some)
        .ok_or_else(|| {
            DvcttError::data(
                "encoding",
                format!("`{given}` is not an encoding (e.g. utf-8, utf-16, windows-1258)"),
            )
        })
}

//! JSON decoding shared by every layer: text to a value, with the error
//! naming where the text was given.

use serde_json::Value;

use crate::base::error::{DvcttError, Result};

pub use crate::base::json_de::{deserialize, PathError};

/// Parses JSON text; malformed text is a `Data` error at `path` (the
/// argument's name, or `$` for a whole document).
pub fn parse_json(text: &str, path: &str) -> Result<Value> {
    parse_document(text).map_err(|detail| DvcttError::data(path, detail))
}

/// The largest JSON document read (plans, reports, org trees, data sets
/// given as JSON): 64 MiB. Records in bulk belong in CSV or a workbook.
pub const MAX_JSON_BYTES: usize = 64 << 20;

/// Parses a JSON document, or says why not: larger than
/// [`MAX_JSON_BYTES`] (refused before parsing), not JSON, or nested deeper
/// than serde_json's limit of 128 levels.
pub fn parse_document(text: &str) -> std::result::Result<Value, String> {
    if text.len() > MAX_JSON_BYTES {
        return Err(format!(
            "the document is {} MiB; documents over {} MiB are refused (give records in bulk as CSV or a workbook)",
            text.len() >> 20,
            MAX_JSON_BYTES >> 20
        ));
    }
    serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))
}

/// A value the core builds from JSON already parsed (a Python mapping or a
/// JS object converted by a binding), checked as the type's JSON text would
/// be. Implemented by every input type of the API (see `api::input`).
pub trait FromValue: Sized {
    fn from_value(value: Value) -> Result<Self>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_text_is_a_data_error_at_the_path() {
        let e = parse_json("{", "options").unwrap_err();
        assert_eq!(e.fields()["path"], "options");
        assert!(e.to_string().starts_with("data: options: not valid JSON: "));
        assert_eq!(parse_json("[1]", "$").unwrap(), serde_json::json!([1]));
    }
}

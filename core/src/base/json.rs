//! JSON decoding shared by every layer: text to a value, with the error
//! naming where the text was given.

use serde_json::Value;

use crate::base::error::{DvcttError, Result};

/// Parses JSON text; malformed text is a `Data` error at `path` (the
/// argument's name, or `$` for a whole document).
pub fn parse_json(text: &str, path: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| DvcttError::Data {
        path: path.to_string(),
        detail: format!("not valid JSON: {e}"),
    })
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

//! The output language of tables: Vietnamese by default, English on request.

use crate::base::error::{DvcttError, Result};
use serde::{Deserialize, Serialize};

/// Output language: Vietnamese by default, English on request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en` (any case); anything else is an error naming `path`.
    pub fn parse_at(s: &str, path: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(DvcttError::Data {
                path: path.into(),
                detail: format!("unknown language `{other}` (expected vi or en)"),
            }),
        }
    }
}

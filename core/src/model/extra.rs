//! Unknown fields of a document, kept as read and written back unchanged.

use crate::base::error::{DvcttError, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Fields dvctt does not know, kept as read and written back unchanged.
///
/// In JSON they sit beside the known fields of the same object. Kotlin and
/// Swift see them as the JSON text of an object (`"{}"` when there are none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Extra(pub Map<String, Value>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// Unknown fields cross to Kotlin and Swift as JSON text.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Extra, String, {
    lower: |e| serde_json::to_string(&e.0).unwrap_or_else(|_| "{}".into()),
    try_lift: |s| {
        if s.trim().is_empty() {
            return Ok(Extra::default());
        }
        // A `DvcttError`, so that uniffi raises it as such (not as an
        // internal error) from any call that returns `Result<_, DvcttError>`.
        match serde_json::from_str::<Value>(&s) {
            Ok(Value::Object(m)) => Ok(Extra(m)),
            Ok(_) => Err(DvcttError::data("extra", "must be the JSON text of an object").into()),
            Err(e) => Err(DvcttError::data("extra", format!("not JSON text: {e}")).into()),
        }
    },
});

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** Fields dvctt does not know, kept beside the known ones and written back unchanged. */
export type Extra = Record<string, unknown>;
"#;

/// Checks that no unknown field of the object at `at` repeats one of its
/// `known` field names (a report built from records could shadow one).
pub(crate) fn check_extra(extra: &Extra, known: &[&str], at: &str) -> Result<()> {
    for k in extra.0.keys() {
        if known.contains(&k.as_str()) {
            let p = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            return Err(DvcttError::Data {
                path: p,
                detail: "an unknown field (extra) may not repeat a known field".into(),
            });
        }
    }
    Ok(())
}

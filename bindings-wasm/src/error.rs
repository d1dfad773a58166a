//! `DvcttError` as a JS `Error` (`name = "DvcttError"`, the variant and its
//! fields as properties), and JS values to and from JSON.

use dvctt::DvcttError;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What a binding function throws. The orphan rule forbids
/// `impl From<DvcttError> for JsValue` here; with this type `?` works on
/// the core's errors and on values JS threw.
pub struct JsDvcttError(JsValue);

pub type Res<T> = Result<T, JsDvcttError>;

impl From<DvcttError> for JsDvcttError {
    fn from(e: DvcttError) -> Self {
        Self(js_error(e))
    }
}

impl From<JsValue> for JsDvcttError {
    fn from(e: JsValue) -> Self {
        Self(e)
    }
}

impl From<JsDvcttError> for JsValue {
    fn from(e: JsDvcttError) -> JsValue {
        e.0
    }
}

pub fn js_error(e: DvcttError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("DvcttError");
    if let serde_json::Value::Object(fields) = e.fields() {
        for (k, v) in fields {
            let v = v
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap_or(JsValue::NULL);
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str(&k), &v);
        }
    }
    err.into()
}

pub fn data_err(path: &str, detail: String) -> DvcttError {
    DvcttError::Data {
        path: path.into(),
        detail,
    }
}

/// A core result as a plain JS value: its JSON text, parsed by the JS
/// engine (`JSON.parse`). The same value serde-wasm-bindgen's JSON-compatible
/// serializer makes, with one serde_json serializer per result type (which
/// the core mostly has already) instead of one more: a smaller module.
pub fn to_js<T: Serialize>(v: &T) -> Res<JsValue> {
    let text = serde_json::to_string(v).map_err(|e| data_err("$", e.to_string()))?;
    Ok(js_sys::JSON::parse(&text)?)
}

/// A JS value as JSON (`undefined` is `null`); `path` names the argument in errors.
pub fn to_json(v: JsValue, path: &str) -> Res<serde_json::Value> {
    if v.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| data_err(path, e.to_string()).into())
}

//! The platform's `TextDecoder` (browsers, Node), which implements the
//! WHATWG encodings as encoding_rs does: the page's module, built without
//! encoding_rs's tables, decodes UTF-16 and Windows-1258 files with it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type TextDecoder;

    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// `bytes` of the WHATWG encoding `label` as text (malformed sequences
/// replaced, as encoding_rs does); `None` when the platform lacks it.
pub fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    TextDecoder::new(label).ok()?.decode(bytes).ok()
}

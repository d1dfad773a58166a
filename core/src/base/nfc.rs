//! Unicode composition (NFC) of text read from files and of codes: one
//! function for every caller.
//!
//! By unicode-normalization, except in the browser's modules (feature
//! `platform-nfc` on wasm32), which compose with the platform's
//! `String.prototype.normalize("NFC")`: the same Unicode algorithm, and
//! the crate's tables (about 130 KB, canonical and compatibility
//! decompositions both linked) stay out of the module.

use std::borrow::Cow;

/// `text` in NFC, borrowed when it already is (always for ASCII).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        compose(text)
    }
}

#[cfg(not(all(feature = "platform-nfc", target_arch = "wasm32")))]
fn compose(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

#[cfg(all(feature = "platform-nfc", target_arch = "wasm32"))]
mod platform {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// A JS string (`String.prototype`).
        pub type JsText;
        #[wasm_bindgen(method, js_name = normalize)]
        pub fn normalize(this: &JsText, form: &str) -> String;
    }
}

#[cfg(all(feature = "platform-nfc", target_arch = "wasm32"))]
fn compose(text: &str) -> Cow<'_, str> {
    use wasm_bindgen::{JsCast, JsValue};
    let composed = JsValue::from_str(text)
        .unchecked_into::<platform::JsText>()
        .normalize("NFC");
    if composed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(composed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_vietnamese_and_borrows_what_is_composed() {
        // "Hòa" with the grave as a combining mark (U+0300), as Windows-1258 writes it.
        assert_eq!(nfc("Ho\u{0300}a"), "Hòa");
        assert!(matches!(nfc("Hòa Bình"), Cow::Borrowed(_)));
        assert!(matches!(nfc("SYT-VP"), Cow::Borrowed(_)));
        assert_eq!(nfc("\u{0110}u\u{031B}\u{0301}c"), "Đức");
    }
}

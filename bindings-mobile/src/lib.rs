//! uniffi binding of dvctt, built as one library ("megazord").
//!
//! The core owns the uniffi namespace `dvctt`: its types carry
//! `uniffi::Record`/`Enum`/`Error` derives and its API functions
//! `uniffi::export`, all behind the `uniffi` feature, so Kotlin and Swift get
//! one package (`vn.dvctt`) and nothing is translated twice. Re-exporting the
//! crate is what links its scaffolding symbols into this cdylib.

pub use dvctt;

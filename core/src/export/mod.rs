//! Writers of publishable tables: XLSX, Markdown and HTML in Vietnamese
//! (default) or English, and tidy CSV.

#[cfg(feature = "arrow")]
pub mod arrow;
pub mod csv;
pub mod format;
pub mod html;
pub mod markdown;
pub mod text;
pub mod xlsx;

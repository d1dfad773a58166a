//! Writers of publishable tables: XLSX, Markdown and HTML in Vietnamese
//! (default) or English, and tidy CSV. XLSX only with the feature `xlsx`
//! (a default feature; the browser build leaves it out).

#[cfg(feature = "arrow")]
pub mod arrow;
pub mod csv;
pub mod format;
pub mod html;
pub mod markdown;
pub mod text;
#[cfg(feature = "xlsx")]
pub mod xlsx;

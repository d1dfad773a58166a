//! Publishable tables: the neutral [`table::Table`] shape, and the documents
//! turned into tables (form 06, the consolidated report, the main report).

pub(crate) mod cells;
pub mod consolidated;
pub mod form06;
pub mod lang;
pub mod messages;
pub mod report;
pub mod table;

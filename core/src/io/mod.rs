//! Every reader and writer: CSV into the data set builder, report JSON in
//! and out, record CSV out.

pub mod activities;
#[cfg(feature = "arrow")]
pub mod arrow;
pub mod cells;
pub mod csv_logs;
pub mod csv_read;
pub mod csv_records;
pub mod csv_write;
pub mod dhis2;
pub mod dhis2_read;
pub mod load;
pub mod options;
pub mod parallel;
pub mod pieces;
pub mod report_json;
pub mod schema;
pub mod sheet;
pub mod text_input;

//! The domain model: indicators, records, plans and tasks, organisations, report documents.

pub mod consolidated;
pub mod dataset_records;
pub mod dhis2;
pub mod extra;
pub mod form06;
pub mod indicator;
pub mod logs;
pub mod org;
pub mod plan;
pub mod records;
pub mod report;
pub mod rule;
#[cfg(feature = "schema")]
pub mod schemas;
pub mod target_status;
pub mod task;

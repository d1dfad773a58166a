//! The domain model: indicators, records, plans and tasks, organisations, report documents.

pub mod dataset_records;
pub mod indicator;
pub mod logs;
pub mod org;
pub mod plan;
pub mod records;
pub mod report;
pub mod task;

//! Report handling: validation in context, consolidation of the units' reports.

pub mod consolidate;
pub mod report_checks;

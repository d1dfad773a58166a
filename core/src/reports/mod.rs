//! Report handling: consolidation of the units' reports.

pub mod consolidate;

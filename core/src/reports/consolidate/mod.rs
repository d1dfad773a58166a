//! Consolidation (tổng hợp báo cáo): what the consolidating office (e.g.
//! Văn phòng Sở) makes of the units' reports for one period — who reported,
//! on time or late, who did not; every unit's figures; the sums up the
//! organisation tree; the figures checked against raw records; the plan's
//! targets judged on the consolidated totals; the tasks' results.
//!
//! Completeness and timeliness are counted from what arrived and when
//! (`submitted_at`), never from a "complete" flag: each obligation with a
//! frequency expects one report per reporter for the period; both rates are
//! counts of expected (unit, period) pairs, so they never exceed 100%.
//! Ratios add up as Σ numerator ÷ Σ denominator; a zero denominator is no
//! data.
//!
//! [`run::consolidate`] runs the steps in order: [`entries`] (validation,
//! supersession, the current reports), [`expected`] (the reporting call),
//! [`status`] (each unit's reporting status), [`figures`], [`totals`] (up
//! the org tree), [`records`] (comparison with the raw records),
//! [`targets`], [`tasks`]. [`suppression`] withholds small cells from
//! public output; [`tidy_csv`] writes the report as tidy CSV.

pub mod context;
pub mod entries;
pub mod expected;
pub mod figures;
pub mod records;
pub mod run;
pub mod status;
pub mod suppression;
pub mod targets;
pub mod tasks;
pub mod tidy_csv;
pub mod totals;

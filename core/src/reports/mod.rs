//! Report handling: validation (in context), supersession, form 06 rules,
//! consolidation of the units' reports.

pub mod consolidate;
pub mod counts;
pub mod form06_rules;
pub mod supersede;
pub mod validate;

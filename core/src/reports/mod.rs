//! Report handling: validation (in context), supersession, form 06 rules,
//! consolidation of the units' reports, the main report on a plan.

pub mod consolidate;
pub mod counts;
pub mod form06_rules;
pub mod plan_report;
pub mod supersede;
pub mod validate;

//! Computations: the dossier cube, indicators, target evaluation, scoring, roll-up, form 06,
//! questions about the organisation tree.

pub mod cube;
pub mod evaluate;
pub mod form06;
pub mod org_queries;
pub mod rollup;
pub mod scoring;

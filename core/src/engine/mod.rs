//! Computations: the dossier cube, indicators, target evaluation, scoring,
//! roll-up, task checks, the cascade check, form 06, questions about the
//! organisation tree.

pub mod cascade;
pub mod compute;
pub mod cube;
pub mod evaluate;
pub mod evaluate_parts;
pub mod form06;
pub mod logs;
pub mod org_queries;
pub mod partial;
pub mod rollup;
pub mod scoring;
pub mod stream;
pub mod tasks;

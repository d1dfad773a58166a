//! Computations: the dossier cube, indicators, target evaluation, scoring, roll-up, task
//! checks, the cascade check, form 06.

pub mod cascade;
pub mod compute;
pub mod cube;
pub mod evaluate;
pub mod form06;
pub mod logs;
pub mod rollup;
pub mod scoring;
pub mod tasks;

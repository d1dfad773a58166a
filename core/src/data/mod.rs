//! The columnar data set and its builder: what every computation reads.

pub mod batch;
pub mod builder;
pub mod dataset;
pub mod dict;
pub mod dossiers;
pub mod ids;
pub mod staff;
pub mod survey;

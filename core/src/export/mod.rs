//! Publishable tables and their writers.

pub mod table;

//! Foundations every layer uses: the error type, periods.

pub mod day;
pub mod error;
pub mod period;

//! Foundations every layer uses: the error type, periods, instants.

pub mod day;
pub mod error;
pub mod period;
pub mod time;

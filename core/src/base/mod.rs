//! Foundations every layer uses: the error type, periods, JSON decoding.

pub mod error;
pub mod json;
pub mod period;

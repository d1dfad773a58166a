//! Foundations every layer uses: the error type, periods, day numbers,
//! instants, JSON decoding, the cold paths' one sort.

pub mod date_text;
pub mod day;
pub mod error;
pub mod json;
pub mod json_de;
pub mod message;
pub mod nfc;
pub mod period;
pub mod sort;
pub mod time;

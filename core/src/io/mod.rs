//! Every reader and writer: CSV and JSON in, CSV out.

pub mod activities;
pub mod csv_write;

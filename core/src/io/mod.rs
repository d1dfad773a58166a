//! Readers and writers: CSV into the data set builder, and the records'
//! file forms.

pub mod csv_logs;
pub mod csv_read;
pub mod csv_records;
pub mod load;

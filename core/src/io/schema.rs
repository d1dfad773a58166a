//! The columns of a record kind in a CSV file or a sheet.

/// The columns of a record kind in CSV.
#[derive(Debug)]
pub struct Schema {
    /// Required columns, in the contract's order.
    pub required: &'static [&'static str],
    /// Optional columns read when present.
    pub optional: &'static [&'static str],
    /// Groups of optional columns of which at least one must be present;
    /// a missing group is reported as the column `a or b`.
    pub one_of: &'static [&'static [&'static str]],
}

impl Schema {
    /// The id column (the first required one).
    pub fn id_column(&self) -> &'static str {
        self.required[0]
    }
}

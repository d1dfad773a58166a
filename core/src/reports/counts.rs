//! Rule R002, shared by every kind of report: no count is negative.

use crate::model::report::Finding;
use crate::model::rule::Rule;

/// R002 for one count.
pub fn negative(out: &mut Vec<Finding>, path: String, v: i64) {
    if v < 0 {
        out.push(Finding::new(
            Rule::R002,
            path.clone(),
            format!("Số liệu âm ({v}) tại {path}"),
            format!("negative count ({v}) at {path}"),
        ));
    }
}

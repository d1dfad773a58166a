//! The activity log (hoạt động) read from CSV: `activity_id, task_id,
//! unit_code, date`, optional `kind, count`.

use crate::base::error::Result;
use crate::io::cells::Cells;
use crate::io::csv_read::Schema;
use crate::io::csv_records::{read_records, CsvRecord};
use crate::model::records::RejectedRow;
use crate::model::task::{Activity, ActivityLoad};

impl CsvRecord for Activity {
    const SCHEMA: Schema = Schema {
        required: &["activity_id", "task_id", "unit_code", "date"],
        optional: &["kind", "count"],
        one_of: &[],
    };
    fn from_row<'a>(r: &impl Cells<'a>) -> Result<Self, RejectedRow> {
        let activity_id = r.text("activity_id")?;
        let task_id = r.text("task_id")?;
        let unit_code = r.text("unit_code")?;
        let date = r.date("date")?;
        let kind = r.opt_text("kind")?;
        let count = r.opt_u32("count")?;
        Ok(Activity {
            activity_id,
            task_id,
            unit_code,
            date,
            kind,
            count,
        })
    }
}

/// Reads an activity log (`activity_id, task_id, unit_code, date`, optional
/// `kind, count`) with the same rules as the other CSV files.
pub fn read_activities_csv(text: &str, file: &str, strict: bool) -> Result<ActivityLoad> {
    let l = read_records::<Activity>(text, file, strict, |a| &a.activity_id)?;
    Ok(ActivityLoad {
        activities: l.records,
        rejected: l.rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activities_csv_bad_count_names_line() {
        let text = "activity_id,task_id,unit_code,date,count\nA1,T1,U1,2026-01-05,2\nA2,T1,U1,2026-01-06,two\n";
        let l = read_activities_csv(text, "a.csv", false).unwrap();
        assert_eq!(l.activities.len(), 1);
        assert_eq!(l.activities[0].count, Some(2));
        assert_eq!(
            (l.rejected[0].line, l.rejected[0].field.as_str()),
            (3, "count")
        );
        let e = read_activities_csv(text, "a.csv", true).unwrap_err();
        assert_eq!(e.variant(), "Csv");
    }
}

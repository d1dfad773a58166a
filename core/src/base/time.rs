//! Instants: RFC 3339 timestamps, the system clock, Vietnam time (`+07:00`).

use crate::base::error::{DvcttError, Result};
use chrono::{DateTime, FixedOffset, Offset, Utc};

/// Vietnam time (`+07:00`).
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or(Utc.fix())
}

/// Parses an RFC 3339 timestamp with offset; an error names `path`.
pub fn parse_timestamp(s: &str, path: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s.trim()).map_err(|e| DvcttError::Data {
        path: path.into(),
        detail: format!(
            "`{s}` is not an RFC 3339 timestamp with offset (e.g. 2026-03-20T09:30:00+07:00): {e}"
        ),
    })
}

/// The current time, from the system clock.
pub fn system_now() -> DateTime<FixedOffset> {
    DateTime::<Utc>::from(std::time::SystemTime::now()).fixed_offset()
}

/// The current time in Vietnam (`+07:00`), to the second: the
/// `submitted_at` of a form dvctt computes.
pub fn vietnam_now() -> DateTime<FixedOffset> {
    in_vietnam(system_now())
}

/// An instant in Vietnam time (`+07:00`), to the second.
pub fn in_vietnam(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let t = t.with_timezone(&vietnam());
    chrono::Timelike::with_nanosecond(&t, 0).unwrap_or(t)
}

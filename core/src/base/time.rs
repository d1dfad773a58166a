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

/// An instant (thời điểm) written as RFC 3339 text with an offset, e.g.
/// `2026-03-20T09:30:00+07:00`: the `submitted_at` of a report, the `now` a
/// report is checked against, when a report was queued or sent.
///
/// The text is kept as it was given, so a document read and written back is
/// unchanged (JSON: a string); only valid text can be held. Kotlin sees a
/// `java.time.Instant`, which has no offset: one coming from Kotlin is held
/// in Vietnam time (`+07:00`), the same instant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    at: DateTime<FixedOffset>,
    text: String,
}

impl Timestamp {
    /// Parses RFC 3339 text with offset; an error names `path`.
    pub fn parse(text: &str, path: &str) -> Result<Timestamp> {
        Ok(Timestamp {
            at: parse_timestamp(text, path)?,
            text: text.to_string(),
        })
    }

    /// The instant, with the offset it was written with.
    pub fn at(&self) -> DateTime<FixedOffset> {
        self.at
    }

    /// The text as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The same instant in Vietnam time (`+07:00`), written with as many
    /// digits of the second as it has.
    pub fn from_instant(t: DateTime<FixedOffset>) -> Timestamp {
        Timestamp::from(t.with_timezone(&vietnam()))
    }
}

impl From<DateTime<FixedOffset>> for Timestamp {
    /// The instant written as RFC 3339 with its own offset.
    fn from(at: DateTime<FixedOffset>) -> Timestamp {
        Timestamp {
            at,
            text: at.to_rfc3339(),
        }
    }
}

impl std::str::FromStr for Timestamp {
    type Err = DvcttError;

    /// [`Timestamp::parse`], an error naming `timestamp`.
    fn from_str(s: &str) -> Result<Timestamp> {
        Timestamp::parse(s, "timestamp")
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // The path is added by the caller (serde_path_to_error); only the
        // detail is kept here.
        Timestamp::parse(&text, "").map_err(|e| match e {
            DvcttError::Data { detail, .. } => serde::de::Error::custom(detail),
            other => serde::de::Error::custom(other),
        })
    }
}

// JSON Schema: a string in the `date-time` format.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time" })
    }
}

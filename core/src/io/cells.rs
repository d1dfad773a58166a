//! A row's fields as the row parsers read them, whatever the input: a CSV
//! line ([`Row`](super::csv_read::Row)) or a row of Arrow columns. The
//! parsers of every record kind (`csv_records`, `csv_logs`) are written once
//! against [`Cells`]; each input says how it finds a value, what a value of
//! the wrong kind is, and how its errors name the row.

use crate::base::day::date_of;
use crate::model::records::{choose, RejectedRow};
use chrono::NaiveDate;

/// A column of a row: its index in the kind's schema (required columns
/// first, then optional ones) for the parsers that run on every row, or its
/// name.
pub trait Field: Copy {
    /// Its index among `names`, the schema's columns in that order.
    fn index(self, names: &[&'static str]) -> Option<usize>;
    fn name(self, names: &[&'static str]) -> &'static str;
}

impl Field for &'static str {
    fn index(self, names: &[&'static str]) -> Option<usize> {
        // The names are the same literals (merged by the compiler), so the
        // address usually matches; the text is compared only if not.
        names
            .iter()
            .position(|n| std::ptr::eq(*n, self))
            .or_else(|| names.iter().position(|n| *n == self))
    }
    fn name(self, _: &[&'static str]) -> &'static str {
        self
    }
}

impl Field for usize {
    #[inline(always)]
    fn index(self, _: &[&'static str]) -> Option<usize> {
        Some(self)
    }
    fn name(self, names: &[&'static str]) -> &'static str {
        names[self]
    }
}

/// One row's fields, borrowed for `'a`, with errors that name the row and
/// the field. Empty and absent are the same; values are trimmed.
pub trait Cells<'a> {
    /// A rejection of this row, naming `field`.
    fn reject(&self, field: &str, detail: impl Into<String>) -> RejectedRow;
    /// The schema name of `f`.
    fn name(&self, f: impl Field) -> &'static str;

    /// A required, non-empty text field.
    fn text_ref(&self, f: impl Field) -> Result<&'a str, RejectedRow>;
    /// A required id or code: a text field that must hold no line break
    /// where a line break means the input is broken (a quote never closed).
    fn code_ref(&self, f: impl Field) -> Result<&'a str, RejectedRow> {
        self.text_ref(f)
    }
    /// An optional text field: empty or absent is `None`.
    fn opt_text_ref(&self, f: impl Field) -> Result<Option<&'a str>, RejectedRow>;
    /// A required date, as a day number.
    fn day(&self, f: impl Field) -> Result<i32, RejectedRow>;
    /// An optional date, as a day number: empty or absent is `NO_DATE`.
    fn opt_day(&self, f: impl Field) -> Result<i32, RejectedRow>;
    /// A required date within the calendar's range.
    fn date(&self, f: impl Field) -> Result<NaiveDate, RejectedRow>;
    /// A required boolean.
    fn boolean(&self, f: impl Field) -> Result<bool, RejectedRow>;
    /// An optional boolean: empty or absent is `None`.
    fn opt_boolean(&self, f: impl Field) -> Result<Option<bool>, RejectedRow>;
    /// An optional whole number ≥ 0: empty or absent is `None`.
    fn opt_u32(&self, f: impl Field) -> Result<Option<u32>, RejectedRow>;

    #[inline]
    fn text(&self, f: impl Field) -> Result<String, RejectedRow> {
        self.text_ref(f).map(str::to_string)
    }
    #[inline]
    fn opt_text(&self, f: impl Field) -> Result<Option<String>, RejectedRow> {
        Ok(self.opt_text_ref(f)?.map(str::to_string))
    }
    #[inline]
    fn opt_date(&self, f: impl Field) -> Result<Option<NaiveDate>, RejectedRow> {
        Ok(date_of(self.opt_day(f)?))
    }
    /// A required whole number ≥ 0.
    #[inline]
    fn count(&self, f: impl Field) -> Result<u32, RejectedRow> {
        self.opt_u32(f)?
            .ok_or_else(|| self.reject(self.name(f), "empty value (expected a whole number ≥ 0)"))
    }
    /// One of a closed list of names (case-insensitive).
    fn choice<T: Copy>(
        &self,
        field: &'static str,
        value: &str,
        all: &[T],
        name: fn(T) -> &'static str,
    ) -> Result<T, RejectedRow> {
        choose(field, value, all, name).map_err(|d| self.reject(field, d))
    }
    /// `rec` if its own check passes, else this row rejected at the field
    /// the check names.
    #[inline]
    fn checked<T>(
        &self,
        rec: T,
        check: fn(&T) -> Option<(&'static str, String)>,
    ) -> Result<T, RejectedRow> {
        match check(&rec) {
            Some((field, why)) => Err(self.reject(field, why)),
            None => Ok(rec),
        }
    }
}

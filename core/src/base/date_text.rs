//! Dates as exports write them: ISO (`2025-09-10`, with or without a time),
//! day first as Vietnamese one-stop systems and Excel under a Vietnamese
//! locale write them (`10/09/2025`, `10/09/2025 08:30`, `1/9/2025`,
//! `10-09-2025`, `10.09.2025`), never month first; Excel serial numbers in
//! spreadsheets; or a format the user names (`date_format`, chrono's
//! `strftime` syntax) for anything else.

use super::day::{day_number, parse_iso_day};
use super::error::{DvcttError, Result};
use chrono::format::{Item, StrftimeItems};
use chrono::NaiveDate;

/// How the dates of one input are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateText {
    /// A chrono format (`%m/%d/%Y`); `None` reads ISO and day-first dates.
    format: Option<String>,
    /// Whole numbers are Excel serial dates (spreadsheet cells).
    serials: bool,
}

/// What the default reader accepts, for error messages.
pub const EXPECTED: &str = "YYYY-MM-DD or DD/MM/YYYY, day first, optionally with a time";

impl DateText {
    /// Dates in `format` (chrono's `strftime` syntax), or the default forms
    /// when `None`; an unusable format is an error at `path`.
    pub fn new(format: Option<&str>, path: &str) -> Result<Self> {
        if let Some(f) = format {
            let bad = f.is_empty()
                || StrftimeItems::new(f).any(|i| matches!(i, Item::Error))
                || !["%Y", "%y", "%F", "%D", "%C"].iter().any(|y| f.contains(y));
            if bad {
                return Err(DvcttError::data(
                    path,
                    format!("`{f}` is not a date format with a year (e.g. `%m/%d/%Y`)"),
                ));
            }
        }
        Ok(DateText {
            format: format.map(str::to_string),
            serials: false,
        })
    }

    /// The same, also reading whole numbers as Excel serial dates.
    pub fn with_serials(mut self) -> Self {
        self.serials = true;
        self
    }

    /// The day number of `v`, or why it is not a date.
    pub fn day(&self, v: &str) -> std::result::Result<i32, String> {
        if self.format.is_none() {
            if let Some(d) = parse_iso_day(v) {
                return Ok(d); // the common case first
            }
        }
        if self.serials {
            if let Some(d) = excel_serial(v) {
                return Ok(d);
            }
        }
        match &self.format {
            Some(f) => NaiveDate::parse_from_str(v, f)
                .map(day_number)
                .map_err(|_| format!("`{v}` is not a date in the format `{f}`")),
            None => parse_default(v).map_err(|why| format!("`{v}` is not a date ({why})")),
        }
    }
}

/// An Excel serial date (1900 date system; a fraction is the time of day).
fn excel_serial(v: &str) -> Option<i32> {
    let n: f64 = v.parse().ok()?;
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let whole = n.trunc() as i32;
    // Excel counts a 29 February 1900 that never was (serial 60).
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = match whole {
        60 => return None,
        1..=59 => whole + 1,
        _ => whole,
    };
    Some(day_number(base) + days)
}

/// ISO with a time, or day-first with `/`, `-` or `.` and an optional time;
/// year first with `/` (`2025/09/10`) is unambiguous and accepted too.
fn parse_default(v: &str) -> std::result::Result<i32, String> {
    let (date, time) = match v.find([' ', 'T']) {
        Some(i) => (&v[..i], Some(v[i + 1..].trim_start())),
        None => (v, None),
    };
    if let Some(t) = time {
        check_time(t)?;
    }
    if date.len() == 10 && date.as_bytes()[4] == b'-' {
        return parse_iso_day(date).ok_or_else(|| why_not(date, true));
    }
    let sep = date
        .bytes()
        .find(|b| matches!(b, b'/' | b'-' | b'.'))
        .ok_or_else(|| format!("expected {EXPECTED}"))?;
    let parts: Vec<&str> = date.split(sep as char).collect();
    let [a, b, c] = parts[..] else {
        return Err(format!("expected {EXPECTED}"));
    };
    let num = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 && sep == b'/' {
        (num(a, 4), num(b, 2), num(c, 2))
    } else if c.len() == 4 {
        (num(c, 4), num(b, 2), num(a, 2))
    } else {
        return Err(format!("expected {EXPECTED}; a year has four digits"));
    };
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(format!("expected {EXPECTED}"));
    };
    let iso = format!("{y:04}-{m:02}-{d:02}");
    parse_iso_day(&iso).ok_or_else(|| why_not(&iso, false))
}

/// Why an ISO-shaped date is impossible.
fn why_not(iso: &str, iso_given: bool) -> String {
    // A ten-byte text may hold a character over several bytes (found by
    // fuzzing: a BOM inside a date): slice only at character boundaries.
    let m: u32 = iso.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(0);
    let day_first = if iso_given {
        ""
    } else {
        ", dates are read day first"
    };
    if !(1..=12).contains(&m) {
        format!("there is no month {m}{day_first}")
    } else {
        format!("that day does not exist in {}", iso.get(..7).unwrap_or(iso))
    }
}

/// `H:MM`, `HH:MM:SS`, with an optional fraction of a second.
fn check_time(t: &str) -> std::result::Result<(), String> {
    let t = t.trim_end_matches('Z');
    let mut it = t.split(':');
    let ok = |s: Option<&str>, max: u32, len: std::ops::RangeInclusive<usize>| {
        s.filter(|s| len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
            .is_some_and(|n| n <= max)
    };
    let (h, m, s) = (it.next(), it.next(), it.next());
    let secs = s.map(|s| s.split_once('.').map_or(s, |(w, _)| w));
    let good = ok(h, 23, 1..=2)
        && ok(m, 59, 2..=2)
        && (secs.is_none() || ok(secs, 59, 2..=2))
        && it.next().is_none();
    if good {
        Ok(())
    } else {
        Err(format!("`{t}` is not a time (expected HH:MM or HH:MM:SS)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(v: &str) -> std::result::Result<NaiveDate, String> {
        DateText::default()
            .day(v)
            .map(|d| super::super::day::date_of(d).unwrap())
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn day_first_and_iso_forms() {
        let sept10 = ymd(2025, 9, 10);
        for v in [
            "2025-09-10",
            "10/09/2025",
            "10/9/2025",
            "10-09-2025",
            "10.09.2025",
            "10/09/2025 08:30",
            "10/09/2025 8:30:59",
            "2025-09-10 08:30:00",
            "2025-09-10T08:30:00.123Z",
            "2025/09/10",
        ] {
            assert_eq!(day(v), Ok(sept10), "{v}");
        }
        assert_eq!(day("1/2/2025"), Ok(ymd(2025, 2, 1)));
    }

    #[test]
    fn never_month_first() {
        let e = day("10/13/2025").unwrap_err();
        assert!(e.contains("no month 13") && e.contains("day first"), "{e}");
        let e = day("31/02/2025").unwrap_err();
        assert!(e.contains("2025-02"), "{e}");
        assert!(day("2025-02-30").is_err());
        assert!(day("10/09/25").unwrap_err().contains("four digits"));
        assert!(day("10/09/2025 25:00").is_err());
        assert!(day("10/09/2025 08:61").is_err());
        assert!(day("10/09/2025/1").is_err());
        assert!(day("hôm qua").is_err());
        assert!(day("45910").is_err(), "serials only in spreadsheets");
        // Found by fuzzing: a multi-byte character in a ten-byte text.
        assert!(day("2026-\u{feff}1-2").is_err());
        assert!(day("2026-0\u{e9}-2").is_err());
    }

    #[test]
    fn a_named_format() {
        let us = DateText::new(Some("%m/%d/%Y"), "date_format").unwrap();
        assert_eq!(us.day("09/10/2025"), Ok(day_number(ymd(2025, 9, 10))));
        assert!(us.day("2025-09-10").unwrap_err().contains("%m/%d/%Y"));
        let t = DateText::new(Some("%d/%m/%Y %H:%M"), "f").unwrap();
        assert_eq!(t.day("10/09/2025 08:30"), Ok(day_number(ymd(2025, 9, 10))));
        for bad in ["", "%Q", "%m/%d", "dd/mm/yyyy"] {
            assert!(DateText::new(Some(bad), "date_format").is_err(), "{bad}");
        }
    }

    #[test]
    fn excel_serials() {
        let x = DateText::default().with_serials();
        assert_eq!(x.day("45910"), Ok(day_number(ymd(2025, 9, 10))));
        assert_eq!(x.day("45910.5"), Ok(day_number(ymd(2025, 9, 10))));
        assert_eq!(x.day("61"), Ok(day_number(ymd(1900, 3, 1))));
        assert_eq!(x.day("59"), Ok(day_number(ymd(1900, 2, 28))));
        assert_eq!(x.day("1"), Ok(day_number(ymd(1900, 1, 1))));
        assert!(x.day("60").is_err());
        assert!(x.day("0").is_err());
        assert!(x.day("-3").is_err());
    }
}

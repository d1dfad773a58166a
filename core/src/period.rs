//! Periods with DHIS2-style identifiers.
//!
//! | id                      | kind       |
//! |-------------------------|------------|
//! | `2026`                  | year       |
//! | `2026S1`, `2026S2`      | six months |
//! | `2026Q3`                | quarter    |
//! | `202607`                | month      |
//! | `2026W27`               | ISO week   |
//! | `20260715`              | day        |
//! | `2026-01-01..2026-06-30`| range (inclusive) |

use crate::error::{DvcttError, Result};
use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;
use std::str::FromStr;

/// Kind of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    Year,
    SixMonth,
    Quarter,
    Month,
    Week,
    Day,
    Range,
}

/// A span of days, both ends inclusive, with its canonical id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Period {
    kind: PeriodKind,
    start: NaiveDate,
    end: NaiveDate,
}

fn period_err(value: &str, detail: impl Into<String>) -> DvcttError {
    DvcttError::Period {
        value: value.to_string(),
        detail: detail.into(),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)
        .expect("valid month start")
        .pred_opt()
        .expect("has predecessor")
}

impl Period {
    pub fn year(y: i32) -> Self {
        Period {
            kind: PeriodKind::Year,
            start: ymd(y, 1, 1).expect("valid year"),
            end: ymd(y, 12, 31).expect("valid year"),
        }
    }

    pub fn month(y: i32, m: u32) -> Option<Self> {
        Some(Period {
            kind: PeriodKind::Month,
            start: ymd(y, m, 1)?,
            end: last_of_month(y, m),
        })
    }

    pub fn day(d: NaiveDate) -> Self {
        Period {
            kind: PeriodKind::Day,
            start: d,
            end: d,
        }
    }

    /// A range of days; `start` must not be after `end`.
    pub fn range(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        if start > end {
            return Err(period_err(
                &format!("{start}..{end}"),
                "range starts after it ends",
            ));
        }
        Ok(Period {
            kind: PeriodKind::Range,
            start,
            end,
        })
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }
    pub fn start(&self) -> NaiveDate {
        self.start
    }
    /// Last day, inclusive.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    pub fn contains_date(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    pub fn contains(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Canonical DHIS2-style id.
    pub fn id(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.start;
        match self.kind {
            PeriodKind::Year => write!(f, "{:04}", s.year()),
            PeriodKind::SixMonth => {
                write!(f, "{:04}S{}", s.year(), if s.month() == 1 { 1 } else { 2 })
            }
            PeriodKind::Quarter => write!(f, "{:04}Q{}", s.year(), (s.month() - 1) / 3 + 1),
            PeriodKind::Month => write!(f, "{:04}{:02}", s.year(), s.month()),
            PeriodKind::Week => {
                let w = s.iso_week();
                write!(f, "{:04}W{}", w.year(), w.week())
            }
            PeriodKind::Day => write!(f, "{}", s.format("%Y%m%d")),
            PeriodKind::Range => write!(f, "{}..{}", self.start, self.end),
        }
    }
}

fn num<T: FromStr>(value: &str, part: &str, what: &str) -> Result<T> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(period_err(value, format!("`{part}` is not a valid {what}")));
    }
    part.parse()
        .map_err(|_| period_err(value, format!("`{part}` is not a valid {what}")))
}

fn iso_date(value: &str, part: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(part, "%Y-%m-%d")
        .map_err(|_| period_err(value, format!("`{part}` is not a date (YYYY-MM-DD)")))
}

impl FromStr for Period {
    type Err = DvcttError;

    fn from_str(value: &str) -> Result<Self> {
        let v = value.trim();
        if let Some((a, b)) = v.split_once("..") {
            return Period::range(iso_date(value, a)?, iso_date(value, b)?);
        }
        if v.len() < 4 || !v.is_char_boundary(4) {
            return Err(period_err(
                value,
                "expected a period id such as 2026, 2026Q3, 202607",
            ));
        }
        let (ys, rest) = v.split_at(4);
        let y: i32 = num(value, ys, "year")?;
        let bad = || {
            period_err(value, "expected a period id such as 2026, 2026S1, 2026Q3, 202607, 2026W27, 20260715 or 2026-01-01..2026-06-30")
        };
        let p = match rest.as_bytes() {
            [] => Period::year(y),
            [b'S', ..] => {
                let h: u32 = num(value, &rest[1..], "half-year")?;
                let (m0, m1) = match h {
                    1 => (1, 6),
                    2 => (7, 12),
                    _ => return Err(period_err(value, "half-year must be S1 or S2")),
                };
                Period {
                    kind: PeriodKind::SixMonth,
                    start: ymd(y, m0, 1).ok_or_else(bad)?,
                    end: last_of_month(y, m1),
                }
            }
            [b'Q', ..] => {
                let q: u32 = num(value, &rest[1..], "quarter")?;
                if !(1..=4).contains(&q) {
                    return Err(period_err(value, "quarter must be Q1 to Q4"));
                }
                Period {
                    kind: PeriodKind::Quarter,
                    start: ymd(y, 3 * q - 2, 1).ok_or_else(bad)?,
                    end: last_of_month(y, 3 * q),
                }
            }
            [b'W', ..] => {
                let w: u32 = num(value, &rest[1..], "week")?;
                let start = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)
                    .ok_or_else(|| period_err(value, format!("{y} has no ISO week {w}")))?;
                Period {
                    kind: PeriodKind::Week,
                    start,
                    end: start + chrono::Days::new(6),
                }
            }
            [_, _] => {
                let m: u32 = num(value, rest, "month")?;
                Period::month(y, m).ok_or_else(|| period_err(value, "month must be 01 to 12"))?
            }
            [_, _, _, _] => {
                let m: u32 = num(value, &rest[..2], "month")?;
                let d: u32 = num(value, &rest[2..], "day")?;
                Period::day(ymd(y, m, d).ok_or_else(|| period_err(value, "no such day"))?)
            }
            _ => return Err(bad()),
        };
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_each_kind() {
        let cases = [
            ("2026", "2026-01-01", "2026-12-31"),
            ("2026S2", "2026-07-01", "2026-12-31"),
            ("2026Q1", "2026-01-01", "2026-03-31"),
            ("2024Q1", "2024-01-01", "2024-03-31"),
            ("202402", "2024-02-01", "2024-02-29"),
            ("2026W1", "2025-12-29", "2026-01-04"),
            ("20260715", "2026-07-15", "2026-07-15"),
            ("2026-01-15..2026-02-14", "2026-01-15", "2026-02-14"),
        ];
        for (id, s, e) in cases {
            let p: Period = id.parse().unwrap();
            assert_eq!((p.start(), p.end()), (d(s), d(e)), "{id}");
            assert_eq!(p.id(), id, "round trip of {id}");
        }
    }

    #[test]
    fn rejects_bad_ids() {
        for id in [
            "",
            "26",
            "2026Q5",
            "202613",
            "2026S3",
            "20260230",
            "2026X",
            "2026-02-01..2026-01-01",
            "2026W54",
            "abcd",
        ] {
            let e = id.parse::<Period>().unwrap_err();
            assert_eq!(e.variant(), "Period", "{id}");
        }
    }

    #[test]
    fn containment() {
        let y: Period = "2026".parse().unwrap();
        let q: Period = "2026Q4".parse().unwrap();
        assert!(y.contains(&q));
        assert!(!q.contains(&y));
        assert!(q.contains_date(d("2026-12-31")));
        assert!(!q.contains_date(d("2027-01-01")));
    }
}

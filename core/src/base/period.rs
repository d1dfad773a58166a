//! Periods: DHIS2 identifiers and Vietnamese reporting periods (kỳ báo cáo).
//!
//! Every period is a span of days, both ends inclusive, with one canonical id
//! (`id()` / `Display`) that `FromStr` parses back. Ids use four-digit years.
//!
//! | id                        | kind               | span |
//! |---------------------------|--------------------|------|
//! | `2026`                    | `Year`             | 1 Jan – 31 Dec |
//! | `2025April`               | `FinancialApril`   | 1 Apr 2025 – 31 Mar 2026 |
//! | `2025July`                | `FinancialJuly`    | 1 Jul 2025 – 30 Jun 2026 |
//! | `2025Oct`                 | `FinancialOct`     | 1 Oct 2025 – 30 Sep 2026 |
//! | `2026S1`, `2026S2`        | `SixMonth`         | Jan–Jun, Jul–Dec |
//! | `2026Q1` … `2026Q4`       | `Quarter`          | Jan–Mar … Oct–Dec |
//! | `202601B` … `202606B`     | `BiMonth`          | Jan–Feb … Nov–Dec (index of the bi-month, not a month) |
//! | `202607`                  | `Month`            | 1 – last day of the month |
//! | `2026W27`                 | `Week`             | ISO week, Monday – Sunday |
//! | `20260715`                | `Day`              | one day |
//! | `2026VN`                  | `VnYear`           | 15 Dec 2025 – 14 Dec 2026 |
//! | `2026VN9M`                | `VnNineMonth`      | 15 Dec 2025 – 14 Sep 2026 |
//! | `2026VNS1`, `2026VNS2`    | `VnSixMonth`       | 15 Dec 2025 – 14 Jun 2026, 15 Jun – 14 Dec 2026 |
//! | `2026VNQ1` … `2026VNQ4`   | `VnQuarter`        | 15 Dec 2025 – 14 Mar 2026 … 15 Sep – 14 Dec 2026 |
//! | `2026VNM01` … `2026VNM12` | `VnMonth`          | 15 Dec 2025 – 14 Jan 2026 … 15 Nov – 14 Dec 2026 |
//! | `2026-01-01..2026-06-30`  | `Range`            | inclusive |
//!
//! The `VN` kinds are the data cut-off periods of periodic reports (kỳ báo
//! cáo, Decree 09/2019/NĐ-CP Art. 12): from the 15th of the month before the
//! period to the 14th of its last month. A VN period is labelled by the year
//! and month in which it ends, so 20 Dec 2025 falls in `2026VN` and
//! `2026VNM01`. The decree names the first half (`VNS1`), nine months (`VN9M`,
//! used by some provinces) and the year; `VNS2` (15 Jun – 14 Dec) completes
//! the half-years so that they tile the year. `VN9M` periods do not tile
//! anything: between 15 Sep and 14 Dec no nine-month period is running.
//!
//! The `VN` marker cannot be confused with any DHIS2 id (DHIS2 never puts
//! `VN` after the year).

use crate::base::day::compact_date;
use crate::base::error::{DvcttError, Result};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::fmt;
use std::str::FromStr;

/// Kind of a period; see the module documentation for the ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    /// Calendar year, `2026`.
    Year,
    /// Financial year from 1 April, `2025April`.
    FinancialApril,
    /// Financial year from 1 July, `2025July`.
    FinancialJuly,
    /// Financial year from 1 October, `2025Oct`.
    FinancialOct,
    /// Calendar half-year, `2026S1`.
    SixMonth,
    /// Calendar quarter, `2026Q3`.
    Quarter,
    /// Two calendar months, `202604B` (= Jul–Aug).
    BiMonth,
    /// Calendar month, `202607`.
    Month,
    /// ISO week, `2026W27`.
    Week,
    /// One day, `20260715`.
    Day,
    /// Vietnamese reporting year (kỳ báo cáo năm), `2026VN`.
    VnYear,
    /// Vietnamese nine-month report (báo cáo 9 tháng), `2026VN9M`.
    VnNineMonth,
    /// Vietnamese half-year report (báo cáo 6 tháng), `2026VNS1`.
    VnSixMonth,
    /// Vietnamese quarterly report (báo cáo quý), `2026VNQ3`.
    VnQuarter,
    /// Vietnamese monthly report (báo cáo tháng), `2026VNM07`.
    VnMonth,
    /// Any inclusive span of days, `2026-01-15..2026-02-14`.
    Range,
}

impl PeriodKind {
    /// Every kind, coarsest first within each family, `Range` last.
    pub const ALL: [PeriodKind; 16] = [
        PeriodKind::Year,
        PeriodKind::FinancialApril,
        PeriodKind::FinancialJuly,
        PeriodKind::FinancialOct,
        PeriodKind::SixMonth,
        PeriodKind::Quarter,
        PeriodKind::BiMonth,
        PeriodKind::Month,
        PeriodKind::Week,
        PeriodKind::Day,
        PeriodKind::VnYear,
        PeriodKind::VnNineMonth,
        PeriodKind::VnSixMonth,
        PeriodKind::VnQuarter,
        PeriodKind::VnMonth,
        PeriodKind::Range,
    ];

    /// A Vietnamese reporting-period kind (cut-off on the 14th).
    pub fn is_vn(self) -> bool {
        matches!(
            self,
            PeriodKind::VnYear
                | PeriodKind::VnNineMonth
                | PeriodKind::VnSixMonth
                | PeriodKind::VnQuarter
                | PeriodKind::VnMonth
        )
    }
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

fn last_of_month_opt(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 {
        (y.checked_add(1)?, 1)
    } else {
        (y, m + 1)
    };
    ymd(ny, nm, 1)?.pred_opt()
}

fn last_of_month(y: i32, m: u32) -> NaiveDate {
    last_of_month_opt(y, m).expect("valid month")
}

/// `n` calendar months from the first of month `m` of year `y`.
fn months(kind: PeriodKind, y: i32, m: u32, n: u32) -> Option<Period> {
    let last = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(n) - 1;
    let (ey, em) = (
        i32::try_from(last.div_euclid(12)).ok()?,
        last.rem_euclid(12) as u32 + 1,
    );
    Some(Period {
        kind,
        start: ymd(y, m, 1)?,
        end: last_of_month_opt(ey, em)?,
    })
}

/// VN reporting months `m0..=m1` of VN year `y`: from the 15th of the month
/// before `m0` to the 14th of `m1`.
fn vn_months(kind: PeriodKind, y: i32, m0: u32, m1: u32) -> Option<Period> {
    let start = if m0 == 1 {
        ymd(y.checked_sub(1)?, 12, 15)?
    } else {
        ymd(y, m0 - 1, 15)?
    };
    Some(Period {
        kind,
        start,
        end: ymd(y, m1, 14)?,
    })
}

/// The VN reporting year and month (labelled by their end) holding `d`.
fn vn_year_month(d: NaiveDate) -> Option<(i32, u32)> {
    match (d.month(), d.day() >= 15) {
        (12, true) => Some((d.year().checked_add(1)?, 1)),
        (m, true) => Some((d.year(), m + 1)),
        (m, false) => Some((d.year(), m)),
    }
}

fn financial(kind: PeriodKind) -> Option<(u32, &'static str)> {
    match kind {
        PeriodKind::FinancialApril => Some((4, "April")),
        PeriodKind::FinancialJuly => Some((7, "July")),
        PeriodKind::FinancialOct => Some((10, "Oct")),
        _ => None,
    }
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

    /// The period of `kind` that contains `d`; `None` for `Range`, for a
    /// `VnNineMonth` when `d` lies between 15 Sep and 14 Dec, or past
    /// chrono's date limits.
    pub fn containing(d: NaiveDate, kind: PeriodKind) -> Option<Period> {
        let (y, m) = (d.year(), d.month());
        match kind {
            PeriodKind::Year => months(kind, y, 1, 12),
            PeriodKind::FinancialApril | PeriodKind::FinancialJuly | PeriodKind::FinancialOct => {
                let (m0, _) = financial(kind)?;
                let fy = if m >= m0 { y } else { y.checked_sub(1)? };
                months(kind, fy, m0, 12)
            }
            PeriodKind::SixMonth => months(kind, y, if m <= 6 { 1 } else { 7 }, 6),
            PeriodKind::Quarter => months(kind, y, (m - 1) / 3 * 3 + 1, 3),
            PeriodKind::BiMonth => months(kind, y, (m - 1) / 2 * 2 + 1, 2),
            PeriodKind::Month => months(kind, y, m, 1),
            PeriodKind::Week => {
                let start =
                    d.checked_sub_days(Days::new(d.weekday().num_days_from_monday().into()))?;
                Some(Period {
                    kind,
                    start,
                    end: start.checked_add_days(Days::new(6))?,
                })
            }
            PeriodKind::Day => Some(Period::day(d)),
            PeriodKind::VnYear => {
                let (vy, _) = vn_year_month(d)?;
                vn_months(kind, vy, 1, 12)
            }
            PeriodKind::VnNineMonth => {
                let (vy, vm) = vn_year_month(d)?;
                if vm <= 9 {
                    vn_months(kind, vy, 1, 9)
                } else {
                    None
                }
            }
            PeriodKind::VnSixMonth => {
                let (vy, vm) = vn_year_month(d)?;
                let m0 = if vm <= 6 { 1 } else { 7 };
                vn_months(kind, vy, m0, m0 + 5)
            }
            PeriodKind::VnQuarter => {
                let (vy, vm) = vn_year_month(d)?;
                let m0 = (vm - 1) / 3 * 3 + 1;
                vn_months(kind, vy, m0, m0 + 2)
            }
            PeriodKind::VnMonth => {
                let (vy, vm) = vn_year_month(d)?;
                vn_months(kind, vy, vm, vm)
            }
            PeriodKind::Range => None,
        }
    }

    /// The period of `kind` holding `d`, or else the first one starting after it.
    fn at_or_after(d: NaiveDate, kind: PeriodKind) -> Option<Period> {
        match Period::containing(d, kind) {
            Some(p) => Some(p),
            // Only VN nine-month periods leave gaps (15 Sep – 14 Dec).
            None if kind == PeriodKind::VnNineMonth => {
                vn_months(kind, vn_year_month(d)?.0.checked_add(1)?, 1, 9)
            }
            None => None,
        }
    }

    /// The period of `kind` holding `d`, or else the last one ending before it.
    fn at_or_before(d: NaiveDate, kind: PeriodKind) -> Option<Period> {
        match Period::containing(d, kind) {
            Some(p) => Some(p),
            None if kind == PeriodKind::VnNineMonth => vn_months(kind, vn_year_month(d)?.0, 1, 9),
            None => None,
        }
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

    /// Number of days, both ends counted.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn contains_date(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    pub fn contains(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The next period of the same kind; `None` for `Range`. Consecutive
    /// periods are adjacent, except `VnNineMonth`, whose next is a year later.
    pub fn next(&self) -> Option<Period> {
        if self.kind == PeriodKind::Range {
            return None;
        }
        Period::at_or_after(self.end.succ_opt()?, self.kind)
    }

    /// The previous period of the same kind; `None` for `Range`.
    pub fn previous(&self) -> Option<Period> {
        if self.kind == PeriodKind::Range {
            return None;
        }
        Period::at_or_before(self.start.pred_opt()?, self.kind)
    }

    /// The period of `kind` that contains this one (itself for its own kind),
    /// or `None` when no single period of `kind` does.
    ///
    /// A week is attributed by its Thursday, as DHIS2 does ("the month holding
    /// at least 4 days of the week"): `2026W1` (29 Dec 2025 – 4 Jan 2026)
    /// has parent `202601` and `2026`, which may not contain all its days.
    pub fn parent(&self, kind: PeriodKind) -> Option<Period> {
        if self.kind == PeriodKind::Week && !matches!(kind, PeriodKind::Week | PeriodKind::Day) {
            return Period::containing(self.start.checked_add_days(Days::new(3))?, kind);
        }
        Period::containing(self.start, kind).filter(|p| p.contains(self))
    }

    /// The periods of `kind` that tile this one exactly, in order; empty when
    /// they do not (a coarser kind, misaligned ends, gaps).
    ///
    /// Weeks do not tile months, quarters or years (only a 28-day February
    /// starting on a Monday, e.g. `202102`); use `parent` to attribute weeks.
    /// VN and calendar kinds do not tile each other.
    pub fn children(&self, kind: PeriodKind) -> Vec<Period> {
        let mut out = Vec::new();
        let Some(mut p) = Period::containing(self.start, kind) else {
            return out;
        };
        if p.start != self.start {
            return out;
        }
        loop {
            if p.end > self.end {
                return Vec::new();
            }
            let end = p.end;
            out.push(p);
            if end == self.end {
                return out;
            }
            match out.last().and_then(Period::next) {
                Some(n) if Some(n.start) == end.succ_opt() => p = n,
                _ => return Vec::new(),
            }
        }
    }

    /// The periods of `kind` that overlap `start..=end`, in order; empty for
    /// `Range` or when `start` is after `end`.
    pub fn periods_between(start: NaiveDate, end: NaiveDate, kind: PeriodKind) -> Vec<Period> {
        let mut out = Vec::new();
        if start > end {
            return out;
        }
        let mut cur = Period::at_or_after(start, kind);
        while let Some(p) = cur {
            if p.start > end {
                break;
            }
            cur = p.next();
            out.push(p);
        }
        out
    }

    /// Canonical id (see the module documentation).
    pub fn id(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, e) = (self.start, self.end);
        match self.kind {
            PeriodKind::Year => write!(f, "{:04}", s.year()),
            PeriodKind::FinancialApril | PeriodKind::FinancialJuly | PeriodKind::FinancialOct => {
                let name = financial(self.kind).map_or("", |(_, n)| n);
                write!(f, "{:04}{name}", s.year())
            }
            PeriodKind::SixMonth => {
                write!(f, "{:04}S{}", s.year(), if s.month() == 1 { 1 } else { 2 })
            }
            PeriodKind::Quarter => write!(f, "{:04}Q{}", s.year(), (s.month() - 1) / 3 + 1),
            PeriodKind::BiMonth => write!(f, "{:04}{:02}B", s.year(), (s.month() - 1) / 2 + 1),
            PeriodKind::Month => write!(f, "{:04}{:02}", s.year(), s.month()),
            PeriodKind::Week => {
                let w = s.iso_week();
                write!(f, "{:04}W{}", w.year(), w.week())
            }
            PeriodKind::Day => f.write_str(&compact_date(s)),
            // VN periods are labelled by the year and month they end in.
            PeriodKind::VnYear => write!(f, "{:04}VN", e.year()),
            PeriodKind::VnNineMonth => write!(f, "{:04}VN9M", e.year()),
            PeriodKind::VnSixMonth => write!(f, "{:04}VNS{}", e.year(), e.month() / 6),
            PeriodKind::VnQuarter => write!(f, "{:04}VNQ{}", e.year(), e.month() / 3),
            PeriodKind::VnMonth => write!(f, "{:04}VNM{:02}", e.year(), e.month()),
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

/// Parses the part after `yyyyVN`.
fn parse_vn(value: &str, y: i32, sub: &str) -> Result<Period> {
    let out_of_range = || period_err(value, "year out of range");
    let p = match sub.as_bytes() {
        [] => vn_months(PeriodKind::VnYear, y, 1, 12),
        b"9M" => vn_months(PeriodKind::VnNineMonth, y, 1, 9),
        [b'S', ..] => {
            let h: u32 = num(value, &sub[1..], "VN half-year")?;
            if !(1..=2).contains(&h) {
                return Err(period_err(value, "VN half-year must be VNS1 or VNS2"));
            }
            vn_months(PeriodKind::VnSixMonth, y, 6 * h - 5, 6 * h)
        }
        [b'Q', ..] => {
            let q: u32 = num(value, &sub[1..], "VN quarter")?;
            if !(1..=4).contains(&q) {
                return Err(period_err(value, "VN quarter must be VNQ1 to VNQ4"));
            }
            vn_months(PeriodKind::VnQuarter, y, 3 * q - 2, 3 * q)
        }
        [b'M', ..] => {
            let m: u32 = num(value, &sub[1..], "VN month")?;
            if sub.len() != 3 || !(1..=12).contains(&m) {
                return Err(period_err(value, "VN month must be VNM01 to VNM12"));
            }
            vn_months(PeriodKind::VnMonth, y, m, m)
        }
        _ => {
            return Err(period_err(
                value,
                "expected a Vietnamese reporting period such as 2026VN, 2026VN9M, 2026VNS1, 2026VNQ3 or 2026VNM07",
            ))
        }
    };
    p.ok_or_else(out_of_range)
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
                "expected a period id such as 2026, 2026Q3, 202607, 2026VN",
            ));
        }
        let (ys, rest) = v.split_at(4);
        let y: i32 = num(value, ys, "year")?;
        let bad = || {
            period_err(value, "expected a period id such as 2026, 2025April, 2026S1, 2026Q3, 202604B, 202607, 2026W27, 20260715, 2026VN, 2026VNQ3 or 2026-01-01..2026-06-30")
        };
        if let Some(sub) = rest.strip_prefix("VN") {
            return parse_vn(value, y, sub);
        }
        for kind in [
            PeriodKind::FinancialApril,
            PeriodKind::FinancialJuly,
            PeriodKind::FinancialOct,
        ] {
            if let Some((m0, name)) = financial(kind) {
                if rest == name {
                    return months(kind, y, m0, 12).ok_or_else(bad);
                }
            }
        }
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
                    end: start + Days::new(6),
                }
            }
            [_, _, b'B'] => {
                let b: u32 = num(value, &rest[..2], "bi-month")?;
                if !(1..=6).contains(&b) {
                    return Err(period_err(
                        value,
                        "bi-month must be 01B to 06B (01B = Jan–Feb … 06B = Nov–Dec)",
                    ));
                }
                months(PeriodKind::BiMonth, y, 2 * b - 1, 2).ok_or_else(bad)?
            }
            [_, _] => {
                let m: u32 = num(value, rest, "month")?;
                Period::month(y, m).ok_or_else(|| period_err(value, "month must be 01 to 12"))?
            }
            [_, _, _, _] => {
                // Four bytes, not always four characters: `get` refuses a
                // cut inside a multi-byte character (found by fuzzing).
                let (Some(mm), Some(dd)) = (rest.get(..2), rest.get(2..)) else {
                    return Err(bad());
                };
                let m: u32 = num(value, mm, "month")?;
                let d: u32 = num(value, dd, "day")?;
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

    #[test]
    fn four_bytes_holding_a_multibyte_character_are_an_error_not_a_panic() {
        // Found by the `period_id` fuzz target: "2026V" then "ݧ0" (4 bytes).
        for text in ["2026V\u{767}0", "2026\u{767}00", "2026V0\u{767}"] {
            assert!(text.parse::<Period>().is_err(), "{text}");
        }
    }

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
            // Bi-months: the number is the bi-month's index, 01..06.
            ("202601B", "2026-01-01", "2026-02-28"),
            ("202401B", "2024-01-01", "2024-02-29"),
            ("202602B", "2026-03-01", "2026-04-30"),
            ("202604B", "2026-07-01", "2026-08-31"),
            ("202606B", "2026-11-01", "2026-12-31"),
            // Financial years start in the id's year.
            ("2025April", "2025-04-01", "2026-03-31"),
            ("2025July", "2025-07-01", "2026-06-30"),
            ("2025Oct", "2025-10-01", "2026-09-30"),
            ("2023April", "2023-04-01", "2024-03-31"),
            // Vietnamese reporting periods: 15th of the month before .. 14th.
            ("2026VN", "2025-12-15", "2026-12-14"),
            ("2026VN9M", "2025-12-15", "2026-09-14"),
            ("2026VNS1", "2025-12-15", "2026-06-14"),
            ("2026VNS2", "2026-06-15", "2026-12-14"),
            ("2026VNQ1", "2025-12-15", "2026-03-14"),
            ("2026VNQ2", "2026-03-15", "2026-06-14"),
            ("2026VNQ3", "2026-06-15", "2026-09-14"),
            ("2026VNQ4", "2026-09-15", "2026-12-14"),
            ("2026VNM01", "2025-12-15", "2026-01-14"),
            ("2026VNM07", "2026-06-15", "2026-07-14"),
            ("2026VNM12", "2026-11-15", "2026-12-14"),
            ("2024VNM03", "2024-02-15", "2024-03-14"),
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
            "202600B",
            "202607B",
            "20261B",
            "2026Nov",
            "2026april",
            "2026VNS3",
            "2026VNQ0",
            "2026VNQ5",
            "2026VNM7",
            "2026VNM13",
            "2026VNM00",
            "2026VN8M",
            "2026VNX",
            "2026vn",
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

    fn p(id: &str) -> Period {
        id.parse().unwrap()
    }

    fn ids(ps: &[Period]) -> Vec<String> {
        ps.iter().map(Period::id).collect()
    }

    #[test]
    fn kinds_are_distinct() {
        let cases = [
            ("2026", PeriodKind::Year),
            ("2026April", PeriodKind::FinancialApril),
            ("2026July", PeriodKind::FinancialJuly),
            ("2026Oct", PeriodKind::FinancialOct),
            ("2026S1", PeriodKind::SixMonth),
            ("2026Q1", PeriodKind::Quarter),
            ("202601B", PeriodKind::BiMonth),
            ("202601", PeriodKind::Month),
            ("2026W1", PeriodKind::Week),
            ("20260101", PeriodKind::Day),
            ("2026VN", PeriodKind::VnYear),
            ("2026VN9M", PeriodKind::VnNineMonth),
            ("2026VNS1", PeriodKind::VnSixMonth),
            ("2026VNQ1", PeriodKind::VnQuarter),
            ("2026VNM01", PeriodKind::VnMonth),
            ("2026-01-01..2026-01-31", PeriodKind::Range),
        ];
        assert_eq!(cases.len(), PeriodKind::ALL.len());
        for ((id, kind), all) in cases.iter().zip(PeriodKind::ALL) {
            assert_eq!(p(id).kind(), *kind, "{id}");
            assert_eq!(*kind, all);
        }
    }

    #[test]
    fn error_messages_name_the_rule() {
        let detail = |id: &str| match id.parse::<Period>().unwrap_err() {
            DvcttError::Period { value, detail } => {
                assert_eq!(value, id);
                detail
            }
            e => panic!("{e:?}"),
        };
        assert!(detail("202607B").contains("01B to 06B"));
        assert!(detail("2026VNQ5").contains("VNQ1 to VNQ4"));
        assert!(detail("2026VNM7").contains("VNM01 to VNM12"));
        assert!(detail("2026VNX").contains("2026VNQ3"));
        assert!(detail("2026Nov").contains("2025April"));
    }

    #[test]
    fn days_counts_leap_years() {
        for (id, n) in [
            ("2024", 366),
            ("2025", 365),
            ("202402", 29),
            ("202302", 28),
            ("202401B", 60),
            ("2023April", 366),
            ("2024April", 365),
            ("2024VN", 366),
            ("2025VN", 365),
            ("2024VNM03", 29),
            ("2023VNM03", 28),
            ("2024VNQ1", 91),
            ("2026W27", 7),
            ("20260715", 1),
            ("2026-01-15..2026-02-14", 31),
        ] {
            assert_eq!(p(id).days(), n, "{id}");
        }
    }

    #[test]
    fn containing_each_kind() {
        let cases = [
            ("2025-12-20", PeriodKind::VnYear, "2026VN"),
            ("2025-12-14", PeriodKind::VnYear, "2025VN"),
            ("2025-12-15", PeriodKind::VnMonth, "2026VNM01"),
            ("2026-01-14", PeriodKind::VnMonth, "2026VNM01"),
            ("2026-01-15", PeriodKind::VnMonth, "2026VNM02"),
            ("2026-03-14", PeriodKind::VnQuarter, "2026VNQ1"),
            ("2026-03-15", PeriodKind::VnQuarter, "2026VNQ2"),
            ("2026-06-15", PeriodKind::VnSixMonth, "2026VNS2"),
            ("2026-09-14", PeriodKind::VnNineMonth, "2026VN9M"),
            ("2025-12-15", PeriodKind::VnNineMonth, "2026VN9M"),
            ("2026-02-10", PeriodKind::FinancialApril, "2025April"),
            ("2026-04-01", PeriodKind::FinancialApril, "2026April"),
            ("2026-06-30", PeriodKind::FinancialJuly, "2025July"),
            ("2026-10-01", PeriodKind::FinancialOct, "2026Oct"),
            ("2024-02-29", PeriodKind::BiMonth, "202401B"),
            ("2026-12-31", PeriodKind::BiMonth, "202606B"),
            ("2026-08-15", PeriodKind::Quarter, "2026Q3"),
            ("2026-08-15", PeriodKind::SixMonth, "2026S2"),
            ("2026-08-15", PeriodKind::Year, "2026"),
            ("2024-02-29", PeriodKind::Month, "202402"),
            ("2026-01-01", PeriodKind::Week, "2026W1"),
            ("2025-12-29", PeriodKind::Week, "2026W1"),
            ("2027-01-03", PeriodKind::Week, "2026W53"),
            ("2026-07-15", PeriodKind::Day, "20260715"),
        ];
        for (date, kind, id) in cases {
            let got = Period::containing(d(date), kind).unwrap();
            assert_eq!(got, p(id), "{date} {kind:?}");
        }
        assert_eq!(
            Period::containing(d("2026-09-15"), PeriodKind::VnNineMonth),
            None
        );
        assert_eq!(
            Period::containing(d("2026-12-14"), PeriodKind::VnNineMonth),
            None
        );
        assert_eq!(Period::containing(d("2026-01-01"), PeriodKind::Range), None);
    }

    #[test]
    fn parent_rolls_up() {
        use PeriodKind::*;
        let cases: &[(&str, PeriodKind, Option<&str>)] = &[
            ("202607", Quarter, Some("2026Q3")),
            ("202607", SixMonth, Some("2026S2")),
            ("202607", Year, Some("2026")),
            ("202607", BiMonth, Some("202604B")),
            ("202607", FinancialJuly, Some("2026July")),
            ("202603", FinancialApril, Some("2025April")),
            ("202607", Month, Some("202607")),
            ("202607", Day, None),
            ("202607", VnQuarter, Some("2026VNQ3")),
            ("202603", VnQuarter, None),
            ("202606", VnSixMonth, None),
            ("202605", VnQuarter, Some("2026VNQ2")),
            ("2026Q1", SixMonth, Some("2026S1")),
            ("2026Q2", BiMonth, None),
            ("2026Q4", FinancialOct, Some("2026Oct")),
            ("2026Q4", FinancialApril, Some("2026April")),
            ("2026Q4", FinancialJuly, Some("2026July")),
            ("2026VNM07", VnQuarter, Some("2026VNQ3")),
            ("2026VNM07", VnSixMonth, Some("2026VNS2")),
            ("2026VNM07", VnNineMonth, Some("2026VN9M")),
            ("2026VNM10", VnNineMonth, None),
            ("2026VNM01", VnYear, Some("2026VN")),
            ("2026VNQ3", VnNineMonth, Some("2026VN9M")),
            ("2026VNS1", VnNineMonth, Some("2026VN9M")),
            ("2026VNM01", Year, None),
            ("20251220", VnYear, Some("2026VN")),
            ("20251220", VnQuarter, Some("2026VNQ1")),
            ("20251220", Week, Some("2025W51")),
            ("20251220", FinancialOct, Some("2025Oct")),
            // A week goes to the month of its Thursday (DHIS2).
            ("2026W1", Month, Some("202601")),
            ("2026W1", Year, Some("2026")),
            ("2025W27", Month, Some("202507")),
            ("2025W31", Month, Some("202507")),
            ("2025W32", Month, Some("202508")),
            ("2026W53", Month, Some("202612")),
            ("2026W53", Year, Some("2026")),
            ("2026W1", Day, None),
            ("2026W1", Week, Some("2026W1")),
            ("2026-01-05..2026-01-20", Month, Some("202601")),
            ("2026-01-05..2026-02-20", Month, None),
            ("2026", Range, None),
        ];
        for (id, kind, want) in cases {
            let got = p(id).parent(*kind);
            assert_eq!(got.map(|x| x.id()).as_deref(), *want, "{id} -> {kind:?}");
        }
    }

    #[test]
    fn children_tile_exactly() {
        use PeriodKind::*;
        let cases: &[(&str, PeriodKind, &[&str])] = &[
            ("2026Q1", Month, &["202601", "202602", "202603"]),
            ("2026S1", Quarter, &["2026Q1", "2026Q2"]),
            (
                "2026",
                BiMonth,
                &[
                    "202601B", "202602B", "202603B", "202604B", "202605B", "202606B",
                ],
            ),
            ("202402B", Month, &["202403", "202404"]),
            ("2026Q1", BiMonth, &[]),
            (
                "2025April",
                Quarter,
                &["2025Q2", "2025Q3", "2025Q4", "2026Q1"],
            ),
            ("2025July", SixMonth, &["2025S2", "2026S1"]),
            ("2025Oct", Year, &[]),
            ("2025Oct", SixMonth, &[]),
            (
                "2026VN",
                VnQuarter,
                &["2026VNQ1", "2026VNQ2", "2026VNQ3", "2026VNQ4"],
            ),
            ("2026VN", VnSixMonth, &["2026VNS1", "2026VNS2"]),
            ("2026VN", VnNineMonth, &[]),
            ("2026VN9M", VnQuarter, &["2026VNQ1", "2026VNQ2", "2026VNQ3"]),
            (
                "2026VNQ1",
                VnMonth,
                &["2026VNM01", "2026VNM02", "2026VNM03"],
            ),
            ("2026VN", Month, &[]),
            ("2026", VnMonth, &[]),
            // Weeks tile a month only in a 28-day February starting on Monday.
            ("202602", Week, &[]),
            ("2026Q1", Week, &[]),
            ("202102", Week, &["2021W5", "2021W6", "2021W7", "2021W8"]),
            (
                "2026W27",
                Day,
                &[
                    "20260629", "20260630", "20260701", "20260702", "20260703", "20260704",
                    "20260705",
                ],
            ),
            ("202607", Month, &["202607"]),
            ("202607", Quarter, &[]),
            ("2026-01-01..2026-02-28", Month, &["202601", "202602"]),
            ("2026-01-01..2026-02-27", Month, &[]),
            ("2026", Range, &[]),
        ];
        for (id, kind, want) in cases {
            assert_eq!(ids(&p(id).children(*kind)), *want, "{id} -> {kind:?}");
        }
        assert_eq!(p("2024").children(Day).len(), 366);
        assert_eq!(p("2024VNQ1").children(Day).len(), 91);
    }

    #[test]
    fn next_and_previous() {
        let cases = [
            ("202612", "202701", "202611"),
            ("2026", "2027", "2025"),
            ("2026Q1", "2026Q2", "2025Q4"),
            ("2026S2", "2027S1", "2026S1"),
            ("202606B", "202701B", "202605B"),
            ("2025April", "2026April", "2024April"),
            ("2025Oct", "2026Oct", "2024Oct"),
            ("2026W53", "2027W1", "2026W52"),
            ("2026W1", "2026W2", "2025W52"),
            ("20240228", "20240229", "20240227"),
            ("2026VNQ4", "2027VNQ1", "2026VNQ3"),
            ("2026VNQ1", "2026VNQ2", "2025VNQ4"),
            ("2026VNM01", "2026VNM02", "2025VNM12"),
            ("2026VNS2", "2027VNS1", "2026VNS1"),
            ("2026VN", "2027VN", "2025VN"),
            // Nine-month reports come once a year.
            ("2026VN9M", "2027VN9M", "2025VN9M"),
        ];
        for (id, next, prev) in cases {
            assert_eq!(p(id).next().unwrap().id(), next, "next of {id}");
            assert_eq!(p(id).previous().unwrap().id(), prev, "previous of {id}");
        }
        assert_eq!(p("2027VNQ1").start(), d("2026-12-15"));
        assert_eq!(p("2026-01-01..2026-01-31").next(), None);
        assert_eq!(p("2026-01-01..2026-01-31").previous(), None);
    }

    #[test]
    fn periods_between_lists_overlapping_periods() {
        use PeriodKind::*;
        let cases: &[(&str, &str, PeriodKind, &[&str])] = &[
            (
                "2026-01-10",
                "2026-03-20",
                Month,
                &["202601", "202602", "202603"],
            ),
            (
                "2026-01-10",
                "2026-03-20",
                VnMonth,
                &["2026VNM01", "2026VNM02", "2026VNM03", "2026VNM04"],
            ),
            (
                "2025-10-01",
                "2027-01-01",
                VnNineMonth,
                &["2026VN9M", "2027VN9M"],
            ),
            ("2026-09-15", "2026-12-14", VnNineMonth, &[]),
            ("2025-12-15", "2026-12-14", VnYear, &["2026VN"]),
            ("2025-12-14", "2025-12-15", VnYear, &["2025VN", "2026VN"]),
            ("2026-12-28", "2027-01-04", Week, &["2026W53", "2027W1"]),
            ("2026-03-01", "2026-02-01", Month, &[]),
            ("2026-01-01", "2026-12-31", Range, &[]),
        ];
        for (a, b, kind, want) in cases {
            let got = Period::periods_between(d(a), d(b), *kind);
            assert_eq!(ids(&got), *want, "{a}..{b} {kind:?}");
        }
    }

    #[test]
    fn overlaps() {
        assert!(p("2026VNM01").overlaps(&p("202601")));
        assert!(p("2026VNM01").overlaps(&p("202512")));
        assert!(!p("2026VNM01").overlaps(&p("202602")));
        assert!(p("2026Q1").overlaps(&p("20260331")));
        assert!(!p("2026Q1").overlaps(&p("20260401")));
        assert!(p("2026W1").overlaps(&p("2025")));
    }
}

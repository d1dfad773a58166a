//! Dates as day numbers (days since 1970-01-01), the form columns hold them
//! in, and a hand-written parser for the ISO dates of CSV exports.

use chrono::NaiveDate;

/// Marks a missing date in a date column.
pub const NO_DATE: i32 = i32::MIN;

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const CE_TO_EPOCH: i32 = 719_163;

/// Day number of a date: days since 1970-01-01.
pub fn day_number(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - CE_TO_EPOCH
}

/// The date of a day number (`None` for [`NO_DATE`] or past chrono's range).
pub fn date_of(day: i32) -> Option<NaiveDate> {
    if day == NO_DATE {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(CE_TO_EPOCH)?)
}

/// The first year of [`YEAR_START`].
const TABLE_FROM: i32 = 1900;

/// The day number of 1 January of each year from [`TABLE_FROM`], for
/// 256 years (dates in exports fall there: a lookup instead of the
/// arithmetic).
const YEAR_START: [i32; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = days_from_civil_arith(TABLE_FROM + i as i32, 1, 1);
        i += 1;
    }
    t
};

/// Days before the first of each month, in a common and a leap year.
const MONTH_START: [[i32; 12]; 2] = [
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334],
    [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335],
];

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days since 1970-01-01 of a valid civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    match YEAR_START.get(y.wrapping_sub(TABLE_FROM) as usize) {
        Some(&start) => start + MONTH_START[is_leap(y) as usize][m as usize - 1] + d as i32 - 1,
        None => days_from_civil_arith(y, m, d),
    }
}

/// [`days_from_civil`] by arithmetic, for any year.
const fn days_from_civil_arith(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date as Vietnamese documents write it, `dd/mm/yyyy` (chrono's
/// `%d/%m/%Y`, written without chrono's format machinery, which the
/// browser build then leaves out).
pub fn vn_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}/{:02}/{}", d.day(), d.month(), Year(d.year()))
}

/// A date as `yyyymmdd` (chrono's `%Y%m%d`), a day period's id.
pub fn compact_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}{:02}{:02}", Year(d.year()), d.month(), d.day())
}

/// A year as chrono's `%Y` writes it: four digits from 0 to 9999, else
/// signed with at least four digits.
struct Year(i32);

impl std::fmt::Display for Year {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if (0..=9999).contains(&self.0) {
            write!(f, "{:04}", self.0)
        } else {
            write!(f, "{:+05}", self.0)
        }
    }
}

/// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits) into a day
/// number; `None` for any other shape or an impossible date (`2025-02-30`).
pub fn parse_iso_day(v: &str) -> Option<i32> {
    // Plain arithmetic on the ten bytes, no closures or iterator adapters:
    // the browser build (opt-level "z") would call each instead of inlining.
    let b = v.as_bytes().first_chunk::<10>()?;
    if v.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // A byte that is not a digit gives a value over 9 (wrapping).
    let g = [
        b[0].wrapping_sub(b'0'),
        b[1].wrapping_sub(b'0'),
        b[2].wrapping_sub(b'0'),
        b[3].wrapping_sub(b'0'),
        b[5].wrapping_sub(b'0'),
        b[6].wrapping_sub(b'0'),
        b[8].wrapping_sub(b'0'),
        b[9].wrapping_sub(b'0'),
    ];
    if g[0] > 9 || g[1] > 9 || g[2] > 9 || g[3] > 9 || g[4] > 9 || g[5] > 9 || g[6] > 9 || g[7] > 9
    {
        return None;
    }
    let y = i32::from(g[0]) * 1000 + i32::from(g[1]) * 100 + i32::from(g[2]) * 10 + i32::from(g[3]);
    let m = u32::from(g[4]) * 10 + u32::from(g[5]);
    let d = u32::from(g[6]) * 10 + u32::from(g[7]);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reader before the redesign: chrono with the shape checked.
    fn chrono_day(v: &str) -> Option<i32> {
        let ok_shape = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
        NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|_| ok_shape)
            .map(day_number)
    }

    #[test]
    fn known_days() {
        assert_eq!(parse_iso_day("1970-01-01"), Some(0));
        assert_eq!(parse_iso_day("2024-02-29"), Some(19_782));
        assert_eq!(parse_iso_day("2025-02-29"), None);
        assert_eq!(parse_iso_day("2026-13-01"), None);
        assert_eq!(parse_iso_day("2026-1-05"), None);
        assert_eq!(date_of(19_782), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(date_of(NO_DATE), None);
    }

    #[test]
    fn every_day_of_the_table_years_and_around_them() {
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 1).unwrap();
        while d < NaiveDate::from_ymd_opt(2156, 2, 1).unwrap() {
            let s = d.format("%Y-%m-%d").to_string();
            assert_eq!(parse_iso_day(&s), Some(day_number(d)), "{s}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn written_as_chrono_writes_them() {
        let days = [
            (2026, 3, 19),
            (1, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 5, 6),
            (0, 2, 29),
        ];
        for (y, m, d) in days {
            let d = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(vn_date(d), d.format("%d/%m/%Y").to_string());
            assert_eq!(compact_date(d), d.format("%Y%m%d").to_string());
        }
    }

    proptest! {
        #[test]
        fn written_as_chrono_writes_any_day(n in -800_000i32..3_000_000) {
            let d = date_of(n).unwrap();
            prop_assert_eq!(vn_date(d), d.format("%d/%m/%Y").to_string());
            prop_assert_eq!(compact_date(d), d.format("%Y%m%d").to_string());
            prop_assert_eq!(d.to_string(), d.format("%Y-%m-%d").to_string());
        }

        #[test]
        fn agrees_with_chrono_on_any_short_text(s in "[0-9+ -]{8,11}") {
            prop_assert_eq!(parse_iso_day(&s), chrono_day(&s));
        }

        #[test]
        fn agrees_with_chrono_on_date_shapes(y in 0u32..10_000, m in 0u32..14, d in 0u32..33) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(parse_iso_day(&s), chrono_day(&s));
            if let Some(n) = parse_iso_day(&s) {
                prop_assert_eq!(date_of(n).map(|x| x.to_string()), Some(s));
            }
        }
    }
}

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

/// Days since 1970-01-01 of a valid civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
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
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits) into a day
/// number; `None` for any other shape or an impossible date (`2025-02-30`).
pub fn parse_iso_day(v: &str) -> Option<i32> {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
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

    proptest! {
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

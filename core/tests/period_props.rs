//! Property tests of periods: ids round-trip, tilings, roll-up, sequences.

use chrono::{Datelike, Days, NaiveDate};
use dvctt::{Period, PeriodKind};
use proptest::prelude::*;

/// Kinds with a canonical id per date (all but `Range`).
fn typed_kind() -> impl Strategy<Value = PeriodKind> {
    prop::sample::select(
        PeriodKind::ALL
            .into_iter()
            .filter(|k| *k != PeriodKind::Range)
            .collect::<Vec<_>>(),
    )
}

fn any_kind() -> impl Strategy<Value = PeriodKind> {
    prop::sample::select(PeriodKind::ALL.to_vec())
}

/// Dates well inside the four-digit years that ids can spell.
fn date() -> impl Strategy<Value = NaiveDate> {
    let lo = NaiveDate::from_ymd_opt(1001, 1, 1).unwrap();
    let hi = NaiveDate::from_ymd_opt(9998, 12, 31).unwrap();
    (0..=(hi - lo).num_days() as u64).prop_map(move |n| lo + Days::new(n))
}

fn typed_period() -> impl Strategy<Value = Period> {
    (date(), typed_kind()).prop_filter_map("date in a gap between nine-month periods", |(d, k)| {
        Period::containing(d, k)
    })
}

fn range() -> impl Strategy<Value = Period> {
    (date(), 0u64..800).prop_map(|(d, n)| Period::range(d, d + Days::new(n)).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![4 => typed_period(), 1 => range()]
}

fn succ(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn id_round_trips(p in period()) {
        let back: Period = p.id().parse().unwrap();
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(back.kind(), p.kind());
    }

    #[test]
    fn containing_contains_the_date(d in date(), k in any_kind()) {
        match Period::containing(d, k) {
            Some(p) => {
                prop_assert_eq!(p.kind(), k);
                prop_assert!(p.contains_date(d));
            }
            None => {
                // Only ranges and the 15 Sep – 14 Dec gap of nine-month periods.
                let gap = (d.month() == 9 && d.day() >= 15)
                    || d.month() == 10
                    || d.month() == 11
                    || (d.month() == 12 && d.day() <= 14);
                prop_assert!(k == PeriodKind::Range || (k == PeriodKind::VnNineMonth && gap));
            }
        }
    }

    #[test]
    fn children_tile_the_parent(p in period(), k in any_kind()) {
        let c = p.children(k);
        if let (Some(first), Some(last)) = (c.first(), c.last()) {
            prop_assert_eq!(first.start(), p.start());
            prop_assert_eq!(last.end(), p.end());
            for w in c.windows(2) {
                prop_assert_eq!(w[1].start(), succ(w[0].end()));
            }
            prop_assert!(c.iter().all(|x| x.kind() == k && p.contains(x)));
            prop_assert_eq!(c.iter().map(Period::days).sum::<i64>(), p.days());
        }
    }

    #[test]
    fn known_tilings_are_found(d in date()) {
        use PeriodKind::*;
        let pairs = [
            (Year, SixMonth, 2), (Year, Quarter, 4), (Year, BiMonth, 6), (Year, Month, 12),
            (SixMonth, Quarter, 2), (SixMonth, Month, 6), (Quarter, Month, 3), (BiMonth, Month, 2),
            (FinancialApril, Quarter, 4), (FinancialApril, Month, 12),
            (FinancialJuly, SixMonth, 2), (FinancialJuly, Quarter, 4), (FinancialOct, Quarter, 4),
            (VnYear, VnSixMonth, 2), (VnYear, VnQuarter, 4), (VnYear, VnMonth, 12),
            (VnNineMonth, VnQuarter, 3), (VnNineMonth, VnMonth, 9),
            (VnSixMonth, VnQuarter, 2), (VnSixMonth, VnMonth, 6), (VnQuarter, VnMonth, 3),
            (Week, Day, 7),
        ];
        for (outer, inner, n) in pairs {
            if let Some(p) = Period::containing(d, outer) {
                prop_assert_eq!(p.children(inner).len(), n, "{} -> {:?}", p, inner);
            }
        }
        let y = Period::containing(d, Year).unwrap();
        prop_assert_eq!(y.children(Day).len() as i64, y.days());
    }

    #[test]
    fn parent_contains_self(p in period(), k in any_kind()) {
        if let Some(up) = p.parent(k) {
            prop_assert_eq!(up.kind(), k);
            if p.kind() == PeriodKind::Week && k != PeriodKind::Week {
                // DHIS2: a week belongs to the period holding its Thursday.
                let thursday = p.start() + Days::new(3);
                prop_assert!(up.contains_date(thursday));
            } else {
                prop_assert!(up.contains(&p));
            }
        }
    }

    #[test]
    fn day_and_week_always_have_parents(d in date(), k in typed_kind()) {
        let day = Period::day(d);
        let gap = Period::containing(d, k).is_none();
        prop_assert_eq!(day.parent(k).is_none(), gap);
        let week = Period::containing(d, PeriodKind::Week).unwrap();
        if k != PeriodKind::Day && k != PeriodKind::VnNineMonth {
            prop_assert!(week.parent(k).is_some());
        }
    }

    #[test]
    fn next_follows_and_previous_precedes(p in typed_period()) {
        let n = p.next().unwrap();
        let b = p.previous().unwrap();
        prop_assert_eq!(n.kind(), p.kind());
        prop_assert_eq!(b.kind(), p.kind());
        if p.kind() == PeriodKind::VnNineMonth {
            // Once a year, with a gap of 15 Sep – 14 Dec.
            prop_assert!(n.start() > p.end());
            prop_assert!(b.end() < p.start());
            prop_assert_eq!(n.end().year(), p.end().year() + 1);
        } else {
            prop_assert_eq!(n.start(), succ(p.end()));
            prop_assert_eq!(succ(b.end()), p.start());
        }
        prop_assert_eq!(n.previous().unwrap(), p.clone());
        prop_assert_eq!(b.next().unwrap(), p);
    }

    #[test]
    fn periods_between_covers_the_span(a in date(), n in 0u64..400, k in typed_kind()) {
        let b = a + Days::new(n);
        let ps = Period::periods_between(a, b, k);
        let span = Period::range(a, b).unwrap();
        prop_assert!(ps.iter().all(|p| p.kind() == k && p.overlaps(&span)));
        for w in ps.windows(2) {
            prop_assert_eq!(w[0].next(), Some(w[1].clone()));
        }
        if k != PeriodKind::VnNineMonth {
            // Gapless kinds cover every day of the span.
            prop_assert!(ps.first().unwrap().contains_date(a));
            prop_assert!(ps.last().unwrap().contains_date(b));
        }
        // Nothing overlapping the span is left out at either end.
        if let Some(first) = ps.first() {
            prop_assert!(!first.previous().unwrap().overlaps(&span));
            prop_assert!(!ps.last().unwrap().next().unwrap().overlaps(&span));
        }
    }

    #[test]
    fn overlaps_is_symmetric_and_matches_days(p in period(), q in period()) {
        prop_assert_eq!(p.overlaps(&q), q.overlaps(&p));
        let shared = p.start().max(q.start()) <= p.end().min(q.end());
        prop_assert_eq!(p.overlaps(&q), shared);
        if p.contains(&q) {
            prop_assert!(p.days() >= q.days());
        }
    }
}

//! The dossier cube: hand-computed cells and randomized properties.

use chrono::NaiveDate;
use dvctt::cube::{Counter, DossierColumns, DossierCube, Grid, N_COUNTERS};
use dvctt::synth::Rng;
use dvctt::{Channel, Dossier, Period};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[allow(clippy::too_many_arguments)]
fn dossier(
    id: &str,
    unit: &str,
    sector: &str,
    rec: &str,
    ch: Channel,
    due: Option<&str>,
    done: Option<&str>,
    paused: u32,
) -> Dossier {
    Dossier {
        dossier_id: id.into(),
        unit_code: unit.into(),
        procedure_code: "1.001".into(),
        sector: sector.into(),
        received_on: d(rec),
        channel: ch,
        fully_online: ch == Channel::Online,
        due_on: due.map(d),
        completed_on: done.map(d),
        paused_days: paused,
        fee_required: ch != Channel::Postal,
        paid_online: ch == Channel::Online,
        digitized: id.ends_with('1'),
    }
}

fn year_grid() -> Grid {
    Grid::months(&"2026".parse::<Period>().unwrap())
}

fn get(c: [u32; N_COUNTERS], k: Counter) -> u32 {
    c[k as usize]
}

#[test]
fn counts_by_received_and_completed_month() {
    let rows = vec![
        // Received in January, settled in February two days early.
        dossier(
            "A1",
            "U1",
            "y_te",
            "2026-01-20",
            Channel::Online,
            Some("2026-02-05"),
            Some("2026-02-03"),
            0,
        ),
        // Received in January, settled on 2026-02-07: due 02-05 + 2 paused days = on time.
        dossier(
            "A2",
            "U1",
            "y_te",
            "2026-01-25",
            Channel::Direct,
            Some("2026-02-05"),
            Some("2026-02-07"),
            2,
        ),
        // Received in February, settled late.
        dossier(
            "A3",
            "U1",
            "y_te",
            "2026-02-01",
            Channel::Postal,
            Some("2026-02-10"),
            Some("2026-02-11"),
            0,
        ),
        // Received and settled in February, a week early.
        dossier(
            "A5",
            "U1",
            "y_te",
            "2026-02-02",
            Channel::Direct,
            Some("2026-02-16"),
            Some("2026-02-09"),
            0,
        ),
        // Still open.
        dossier(
            "A4",
            "U1",
            "duoc",
            "2026-02-02",
            Channel::Online,
            Some("2026-02-20"),
            None,
            0,
        ),
    ];
    let cube = DossierCube::build(&DossierColumns::from_dossiers(&rows), year_grid());
    let jan = cube.cell("U1", &"202601".parse().unwrap(), "y_te").unwrap();
    let feb = cube.cell("U1", &"202602".parse().unwrap(), "y_te").unwrap();
    let feb_duoc = cube.cell("U1", &"202602".parse().unwrap(), "duoc").unwrap();
    assert_eq!(get(jan, Counter::Received), 2);
    assert_eq!(get(jan, Counter::FullyOnline), 1);
    assert_eq!(get(jan, Counter::ChannelOnline), 1);
    assert_eq!(get(jan, Counter::ChannelDirect), 1);
    assert_eq!(get(jan, Counter::FeeRequired), 2);
    assert_eq!(get(jan, Counter::PaidOnline), 1);
    assert_eq!(get(jan, Counter::Digitized), 1);
    assert_eq!(get(jan, Counter::Completed), 0);
    assert_eq!(get(feb, Counter::Received), 2);
    assert_eq!(get(feb, Counter::ChannelPostal), 1);
    assert_eq!(get(feb, Counter::ChannelDirect), 1);
    assert_eq!(get(feb, Counter::Completed), 4);
    assert_eq!(get(feb, Counter::CompletedEarly), 2);
    assert_eq!(get(feb, Counter::CompletedOnTime), 1);
    assert_eq!(get(feb, Counter::CompletedLate), 1);
    assert_eq!(get(feb_duoc, Counter::Received), 1);
    assert_eq!(get(feb_duoc, Counter::Completed), 0);
}

fn random_rows(rng: &mut Rng, n: usize, tag: &str) -> Vec<Dossier> {
    let units = ["U1", "U2", "U3"];
    let sectors = ["a", "b"];
    let chans = [Channel::Online, Channel::Direct, Channel::Postal];
    (0..n)
        .map(|i| {
            let rec = d("2026-01-01") + chrono::Days::new(rng.below(360));
            let due = rec + chrono::Days::new(rng.below(20));
            let done = rng
                .chance(0.8)
                .then(|| rec + chrono::Days::new(rng.below(40)));
            let ch = chans[rng.below(3) as usize];
            let mut x = dossier(
                &format!("{tag}{i}"),
                units[rng.below(3) as usize],
                sectors[rng.below(2) as usize],
                "2026-01-01",
                ch,
                None,
                None,
                0,
            );
            x.received_on = rec;
            x.due_on = Some(due);
            x.completed_on = done;
            x.paused_days = rng.below(3) as u32;
            x.digitized = rng.chance(0.5);
            x
        })
        .collect()
}

fn cube_of(rows: &[Dossier], grid: &Grid) -> DossierCube {
    DossierCube::build(&DossierColumns::from_dossiers(rows), grid.clone())
}

#[test]
fn merge_equals_building_on_the_union() {
    let grid = year_grid();
    for seed in 0..60 {
        let mut rng = Rng::new(seed);
        let n = rng.below(40) as usize;
        let a = random_rows(&mut rng, n, "a");
        let n = rng.below(40) as usize;
        let b = random_rows(&mut rng, n, "b");
        let n = rng.below(40) as usize;
        let c = random_rows(&mut rng, n, "c");
        let (ca, cb, cc) = (cube_of(&a, &grid), cube_of(&b, &grid), cube_of(&c, &grid));
        let all: Vec<Dossier> = a.iter().chain(&b).chain(&c).cloned().collect();
        let direct = cube_of(&all, &grid).canonical();
        let left = ca.merge(&cb).unwrap().merge(&cc).unwrap();
        let right = ca.merge(&cb.merge(&cc).unwrap()).unwrap();
        assert_eq!(left, direct, "seed {seed}: (a+b)+c vs union");
        assert_eq!(right, direct, "seed {seed}: a+(b+c) vs union");
        assert_eq!(
            ca.merge(&cb).unwrap(),
            cb.merge(&ca).unwrap(),
            "seed {seed}: commutative"
        );
    }
}

#[test]
fn roll_up_over_months_equals_direct_computation() {
    let grid = year_grid();
    for seed in 100..140 {
        let mut rng = Rng::new(seed);
        let rows = random_rows(&mut rng, 200, "r");
        let months = cube_of(&rows, &grid);
        for q in ["2026Q1", "2026Q2", "2026S2", "2026"] {
            let p: Period = q.parse().unwrap();
            let direct = cube_of(&rows, &Grid::new(vec![p.clone()]).unwrap());
            let a = months.sum_by_unit(&p, |_| true, |_| true).unwrap();
            let b = direct.sum_by_unit(&p, |_| true, |_| true).unwrap();
            assert_eq!(a, b, "seed {seed} period {q}");
            // Also by hand from the rows, for the reception counter.
            let expect: u64 = rows
                .iter()
                .filter(|r| p.contains_date(r.received_on))
                .count() as u64;
            let got: u64 = a.iter().map(|(_, c)| c[Counter::Received as usize]).sum();
            assert_eq!(got, expect, "seed {seed} period {q}");
        }
        // A period that cuts a month in two cannot be answered from months.
        let half: Period = "2026-01-01..2026-01-15".parse().unwrap();
        assert!(months.sum_by_unit(&half, |_| true, |_| true).is_err());
    }
}

#[test]
fn bytes_round_trip_and_corruption_is_an_error() {
    let mut rng = Rng::new(7);
    let rows = random_rows(&mut rng, 300, "x");
    let cube = cube_of(&rows, &year_grid());
    let bytes = cube.to_bytes();
    assert_eq!(DossierCube::from_bytes(&bytes).unwrap(), cube);
    // Compact: far fewer bytes than 4 per counter.
    let counters = cube.units().len() * cube.sectors().len() * 12 * N_COUNTERS;
    assert!(
        bytes.len() < counters * 2,
        "{} bytes for {counters} counters",
        bytes.len()
    );
    for cut in 0..bytes.len() {
        assert!(
            DossierCube::from_bytes(&bytes[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(DossierCube::from_bytes(&extra).is_err());
}

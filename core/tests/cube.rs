//! The dossier cube: hand-computed cells and randomized properties.

use chrono::NaiveDate;
use dvctt::engine::cube::{Counter, DossierColumns, DossierCube, Grid, N_COUNTERS};
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

// --- borrowed column arrays ------------------------------------------------

use dvctt::engine::cube::{Bitmap, Bools, DossierArrays, Validity, NO_DATE};

/// Owned columns in the layout Arrow/numpy hand over, built from rows
/// independently of `DossierColumns`.
#[derive(Default)]
struct Owned {
    units: Vec<String>,
    sectors: Vec<String>,
    channels: Vec<String>,
    unit: Vec<i32>,
    sector: Vec<i32>,
    channel: Vec<i32>,
    received: Vec<i32>,
    completed: Vec<i32>,
    due: Vec<i32>,
    paused: Vec<i32>,
    bools: [Vec<u8>; 4],
}

fn index(dict: &mut Vec<String>, code: &str) -> i32 {
    match dict.iter().position(|c| c == code) {
        Some(i) => i as i32,
        None => {
            dict.push(code.to_string());
            dict.len() as i32 - 1
        }
    }
}

fn days(d: NaiveDate) -> i32 {
    dvctt::engine::cube::day_number(d)
}

fn owned(rows: &[Dossier]) -> Owned {
    // Channel labels in an order other than the codes', to exercise the mapping.
    let mut o = Owned {
        channels: vec!["postal".into(), "online".into(), "direct".into()],
        ..Owned::default()
    };
    for r in rows {
        o.unit.push(index(&mut o.units, &r.unit_code));
        o.sector.push(index(&mut o.sectors, &r.sector));
        let ch = match r.channel {
            Channel::Online => "online",
            Channel::Direct => "direct",
            Channel::Postal => "postal",
        };
        o.channel.push(index(&mut o.channels, ch));
        o.received.push(days(r.received_on));
        o.completed.push(r.completed_on.map_or(NO_DATE, days));
        o.due.push(r.due_on.map_or(NO_DATE, days));
        o.paused.push(r.paused_days as i32);
        for (k, b) in [r.fully_online, r.fee_required, r.paid_online, r.digitized]
            .into_iter()
            .enumerate()
        {
            o.bools[k].push(b as u8);
        }
    }
    o
}

fn bytes_view(o: &Owned) -> DossierArrays<'_> {
    DossierArrays {
        units: &o.units,
        sectors: &o.sectors,
        channels: Some(&o.channels),
        unit: &o.unit,
        sector: &o.sector,
        channel: &o.channel,
        received: &o.received,
        completed: Some(&o.completed),
        due: Some(&o.due),
        paused_days: Some(&o.paused),
        fully_online: Bools::Bytes(&o.bools[0]),
        fee_required: Some(Bools::Bytes(&o.bools[1])),
        paid_online: Some(Bools::Bytes(&o.bools[2])),
        digitized: Some(Bools::Bytes(&o.bools[3])),
        validity: Validity::default(),
    }
}

/// Packs bytes into an Arrow bitmap starting at bit `offset`.
fn pack(v: impl Iterator<Item = bool>, offset: usize) -> Vec<u8> {
    let mut out = vec![0xA5u8; offset.div_ceil(8) + 1];
    for (i, b) in v.enumerate() {
        let j = offset + i;
        if j / 8 >= out.len() {
            out.push(0);
        }
        if b {
            out[j / 8] |= 1 << (j % 8);
        } else {
            out[j / 8] &= !(1 << (j % 8));
        }
    }
    out
}

#[test]
fn arrays_count_as_the_columns_do() {
    let grid = year_grid();
    for seed in 200..230 {
        let mut rng = Rng::new(seed);
        // More than one chunk of rows (1024), and a ragged last chunk.
        let n = 1500 + rng.below(1500) as usize;
        let rows = random_rows(&mut rng, n, "z");
        let expect = cube_of(&rows, &grid).canonical();
        let o = owned(&rows);
        let got = DossierCube::from_arrays(&bytes_view(&o), grid.clone()).unwrap();
        assert_eq!(got.canonical(), expect, "seed {seed}: bytes");

        // Arrow form: booleans as bitmaps at an odd offset, nulls by validity
        // (the values under a null are garbage), paused days folded into due.
        let off = seed as usize % 8;
        let bits: Vec<Vec<u8>> = o
            .bools
            .iter()
            .map(|b| pack(b.iter().map(|&x| x == 1), off))
            .collect();
        let done_valid = pack(o.completed.iter().map(|&d| d != NO_DATE), off);
        let completed: Vec<i32> = o
            .completed
            .iter()
            .map(|&d| if d == NO_DATE { 12345 } else { d })
            .collect();
        let due: Vec<i32> = o.due.iter().zip(&o.paused).map(|(d, p)| d + p).collect();
        fn bm(bits: &[u8], offset: usize) -> Bitmap<'_> {
            Bitmap { bits, offset }
        }
        let a = DossierArrays {
            completed: Some(&completed),
            due: Some(&due),
            paused_days: None,
            fully_online: Bools::Bits(bm(&bits[0], off)),
            fee_required: Some(Bools::Bits(bm(&bits[1], off))),
            paid_online: Some(Bools::Bits(bm(&bits[2], off))),
            digitized: Some(Bools::Bits(bm(&bits[3], off))),
            validity: Validity {
                completed: Some(bm(&done_valid, off)),
                ..Validity::default()
            },
            ..bytes_view(&o)
        };
        let got = DossierCube::from_arrays(&a, grid.clone()).unwrap();
        assert_eq!(got.canonical(), expect, "seed {seed}: bitmaps");

        // Split into batches with their own dictionaries, merged by code.
        let cut = n / 3;
        let (o1, o2) = (owned(&rows[..cut]), owned(&rows[cut..]));
        let got =
            DossierCube::from_array_batches(&[bytes_view(&o1), bytes_view(&o2)], grid.clone())
                .unwrap();
        assert_eq!(got.canonical(), expect, "seed {seed}: batches");
    }
}

#[test]
fn counters_are_dense_in_documented_order() {
    let mut rng = Rng::new(9);
    let rows = random_rows(&mut rng, 400, "c");
    let cube = cube_of(&rows, &year_grid());
    let c = cube.counters();
    assert_eq!(c.buckets.len(), 12);
    assert_eq!(c.buckets[0], "202601");
    assert_eq!(
        c.counters[Counter::CompletedOnTime as usize],
        "completed_on_time"
    );
    let (nb, ns, nk) = (c.buckets.len(), c.sectors.len(), c.counters.len());
    assert_eq!(c.values.len(), c.units.len() * nb * ns * nk);
    for (u, unit) in c.units.iter().enumerate() {
        for (b, bucket) in cube.grid().buckets().iter().enumerate() {
            for (s, sector) in c.sectors.iter().enumerate() {
                let cell = cube.cell(unit, bucket, sector).unwrap();
                let at = ((u * nb + b) * ns + s) * nk;
                let got: Vec<u32> = c.values[at..at + nk].iter().map(|&v| v as u32).collect();
                assert_eq!(got, cell.to_vec());
            }
        }
    }
    let total: u64 = c
        .values
        .iter()
        .skip(Counter::Received as usize)
        .step_by(nk)
        .sum();
    assert_eq!(total, rows.len() as u64);
}

fn bad_path<'a>(o: &'a Owned, edit: impl FnOnce(&mut DossierArrays<'a>)) -> String {
    let mut a = bytes_view(o);
    edit(&mut a);
    match DossierCube::from_arrays(&a, year_grid()) {
        Err(dvctt::DvcttError::Data { path, detail }) => format!("{path}: {detail}"),
        other => panic!("expected a Data error, got {other:?}"),
    }
}

#[test]
fn bad_arrays_are_errors_naming_column_and_row() {
    let mut rng = Rng::new(3);
    let rows = random_rows(&mut rng, 2100, "e");
    let o = owned(&rows);
    let row = 1500; // in the second chunk
    let with = |col: &[i32], v: i32| {
        let mut c = col.to_vec();
        c[row] = v;
        c
    };
    let unit = with(&o.unit, 7);
    let e = bad_path(&o, |a| a.unit = &unit);
    assert!(e.starts_with("unit_code[1500]: index 7 is outside"), "{e}");
    let unit = with(&o.unit, -1);
    let e = bad_path(&o, |a| a.unit = &unit);
    assert!(e.starts_with("unit_code[1500]: index -1"), "{e}");
    let sector = with(&o.sector, 2);
    assert!(bad_path(&o, |a| a.sector = &sector).starts_with("sector[1500]"));
    let channel = with(&o.channel, 3);
    let e = bad_path(&o, |a| a.channel = &channel);
    assert!(e.starts_with("channel[1500]: index 3 is outside"), "{e}");
    let labels = vec!["postal".to_string(), "online".into(), "fax".into()];
    let e = bad_path(&o, |a| a.channels = Some(&labels));
    assert!(e.contains("`fax` is not online, direct or postal"), "{e}");
    // Without labels the column holds codes 0 online, 1 direct, 2 postal.
    let mut codes: Vec<i32> = o.channel.iter().map(|&i| [2, 0, 1][i as usize]).collect();
    assert!(DossierCube::from_arrays(
        &DossierArrays {
            channels: None,
            channel: &codes,
            ..bytes_view(&o)
        },
        year_grid()
    )
    .is_ok());
    codes[row] = 3;
    let e = bad_path(&o, |a| {
        a.channels = None;
        a.channel = &codes;
    });
    assert!(
        e.starts_with("channel[1500]: code 3 is not 0 (online)"),
        "{e}"
    );
    let received = with(&o.received, NO_DATE);
    assert!(bad_path(&o, |a| a.received = &received).starts_with("received_on[1500]"));
    // Completed without a due date.
    let i = (row..).find(|&i| o.completed[i] != NO_DATE).unwrap();
    let mut due2 = o.due.clone();
    due2[i] = NO_DATE;
    let e = bad_path(&o, |a| a.due = Some(&due2));
    assert!(
        e.starts_with(&format!("completed_on[{i}]: a completed dossier needs")),
        "{e}"
    );
    let paused = with(&o.paused, -2);
    assert!(bad_path(&o, |a| a.paused_days = Some(&paused)).starts_with("paused_days[1500]"));
    let mut flag = o.bools[3].clone();
    flag[row] = 2;
    let e = bad_path(&o, |a| a.digitized = Some(Bools::Bytes(&flag)));
    assert!(e.starts_with("digitized[1500]: a boolean byte"), "{e}");
    // Fully online on a non-online row.
    let i = (0..).find(|&i| rows[i].channel != Channel::Online).unwrap();
    let mut fo = o.bools[0].clone();
    fo[i] = 1;
    let e = bad_path(&o, |a| a.fully_online = Bools::Bytes(&fo));
    assert!(e.starts_with(&format!("fully_online[{i}]")), "{e}");
    // Mismatched lengths and short bitmaps.
    let short = o.sector[1..].to_vec();
    let e = bad_path(&o, |a| a.sector = &short);
    assert!(e.starts_with("sector: 2099 values, expected 2100"), "{e}");
    let bits = pack(o.bools[3].iter().map(|&b| b == 1), 0);
    let e = bad_path(&o, |a| {
        a.digitized = Some(Bools::Bits(Bitmap {
            bits: &bits[..100],
            offset: 0,
        }))
    });
    assert!(e.starts_with("digitized: the bitmap holds fewer"), "{e}");
    // A null where a value is required.
    let valid = pack((0..2100).map(|i| i != row), 3);
    let e = bad_path(&o, |a| {
        a.validity.sector = Some(Bitmap {
            bits: &valid,
            offset: 3,
        })
    });
    assert!(e.starts_with("sector[1500]: null"), "{e}");
    // A dictionary with a repeated code.
    let units = vec!["U1".to_string(), "U1".into(), "U3".into()];
    let e = bad_path(&o, |a| a.units = &units);
    assert!(e.starts_with("units[1]: `U1` appears twice"), "{e}");
}

#[test]
fn owned_input_and_crate_root_function() {
    let mut rng = Rng::new(11);
    let rows = random_rows(&mut rng, 300, "o");
    let o = owned(&rows);
    let input = dvctt::DossierArrayInput {
        units: o.units.clone(),
        sectors: o.sectors.clone(),
        channels: Some(o.channels.clone()),
        unit: o.unit.clone(),
        sector: o.sector.clone(),
        channel: o.channel.clone(),
        received: o.received.clone(),
        completed: o
            .completed
            .iter()
            .map(|&d| (d != NO_DATE).then_some(d))
            .collect(),
        due: o.due.iter().map(|&d| (d != NO_DATE).then_some(d)).collect(),
        paused_days: Some(o.paused.clone()),
        fully_online: o.bools[0].iter().map(|&b| b == 1).collect(),
        fee_required: Some(o.bools[1].iter().map(|&b| b == 1).collect()),
        paid_online: Some(o.bools[2].iter().map(|&b| b == 1).collect()),
        digitized: Some(o.bools[3].iter().map(|&b| b == 1).collect()),
    };
    let got = dvctt::api::dossier_cube(input, "2026".into(), "months".into()).unwrap();
    let expect = DossierCube::from_arrays(&bytes_view(&o), year_grid()).unwrap();
    assert_eq!(got, expect.counters());
    let q = dvctt::api::dossier_cube_batches(&[bytes_view(&o)], "2026", "quarters").unwrap();
    assert_eq!(q.buckets, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]);
    let e = dvctt::api::dossier_cube_batches(&[bytes_view(&o)], "2026", "fortnights");
    assert!(matches!(e, Err(dvctt::DvcttError::Data { ref path, .. }) if path == "buckets"));
}

// --- cubes over some dimensions only (`by=`) ------------------------------

use dvctt::engine::cube::Dims;
use std::collections::BTreeMap;

/// Every subset of the three dimensions.
fn all_dims() -> Vec<Dims> {
    (0..8u8)
        .map(|b| Dims {
            unit: b & 1 != 0,
            bucket: b & 2 != 0,
            sector: b & 4 != 0,
        })
        .collect()
}

type Key = (String, String, String);

/// A cube's counters by (unit, bucket, sector) label; "" for a dimension it sums over.
fn by_label(cube: &DossierCube) -> BTreeMap<Key, Vec<u64>> {
    let c = cube.counters();
    let dims = cube.dims();
    let one = [String::new()];
    let pick = |keep: bool, labels: &[String]| -> Vec<String> {
        if keep {
            labels.to_vec()
        } else {
            one.to_vec()
        }
    };
    let (us, bs, ss) = (
        pick(dims.unit, &c.units),
        pick(dims.bucket, &c.buckets),
        pick(dims.sector, &c.sectors),
    );
    let mut out = BTreeMap::new();
    let mut chunks = c.values.chunks_exact(N_COUNTERS);
    for u in &us {
        for b in &bs {
            for s in &ss {
                let v = chunks.next().expect("one cell per label");
                out.insert((u.clone(), b.clone(), s.clone()), v.to_vec());
            }
        }
    }
    assert!(chunks.next().is_none(), "no cell left over");
    out
}

/// The full cube summed over the dimensions `dims` leaves out.
fn rolled_up(full: &DossierCube, dims: Dims) -> BTreeMap<Key, Vec<u64>> {
    let mut out: BTreeMap<Key, Vec<u64>> = BTreeMap::new();
    for ((u, b, s), v) in by_label(full) {
        let key = (
            if dims.unit { u } else { String::new() },
            if dims.bucket { b } else { String::new() },
            if dims.sector { s } else { String::new() },
        );
        let acc = out.entry(key).or_insert_with(|| vec![0; N_COUNTERS]);
        for (a, x) in acc.iter_mut().zip(v) {
            *a += x;
        }
    }
    out
}

/// Counted by hand from the rows, row by row (not through any cube).
fn by_hand(rows: &[Dossier], grid: &Grid, dims: Dims) -> BTreeMap<Key, Vec<u64>> {
    let mut out: BTreeMap<Key, Vec<u64>> = BTreeMap::new();
    let mut add = |r: &Dossier, day: NaiveDate, k: &[Counter]| {
        let Some(b) = grid.buckets().iter().position(|p| p.contains_date(day)) else {
            return;
        };
        let key = (
            if dims.unit {
                r.unit_code.clone()
            } else {
                String::new()
            },
            if dims.bucket {
                grid.buckets()[b].id()
            } else {
                String::new()
            },
            if dims.sector {
                r.sector.clone()
            } else {
                String::new()
            },
        );
        let acc = out.entry(key).or_insert_with(|| vec![0; N_COUNTERS]);
        for &c in k {
            acc[c as usize] += 1;
        }
    };
    for r in rows {
        let mut rec = vec![Counter::Received];
        let ch = match r.channel {
            Channel::Online => Counter::ChannelOnline,
            Channel::Direct => Counter::ChannelDirect,
            Channel::Postal => Counter::ChannelPostal,
        };
        rec.push(ch);
        for (on, c) in [
            (r.fully_online, Counter::FullyOnline),
            (r.fee_required, Counter::FeeRequired),
            (r.paid_online, Counter::PaidOnline),
            (r.digitized, Counter::Digitized),
        ] {
            if on {
                rec.push(c);
            }
        }
        add(r, r.received_on, &rec);
        if let (Some(done), Some(due)) = (r.completed_on, r.due_on) {
            let due = due + chrono::Days::new(r.paused_days as u64);
            let k = match done.cmp(&due) {
                std::cmp::Ordering::Less => Counter::CompletedEarly,
                std::cmp::Ordering::Equal => Counter::CompletedOnTime,
                std::cmp::Ordering::Greater => Counter::CompletedLate,
            };
            add(r, done, &[Counter::Completed, k]);
        }
    }
    out
}

/// Drops all-zero cells (a cube lists every cell, the hand count only those seen).
fn nonzero(m: BTreeMap<Key, Vec<u64>>) -> BTreeMap<Key, Vec<u64>> {
    m.into_iter()
        .filter(|(_, v)| v.iter().any(|&x| x > 0))
        .collect()
}

#[test]
fn a_cube_by_some_dimensions_is_the_full_cube_rolled_up_and_the_hand_count() {
    // Months (the dense kernel past 2048 cells is reached below with many
    // units) and one bucket for the year.
    for grid in [
        year_grid(),
        Grid::new(vec!["2026".parse().unwrap()]).unwrap(),
    ] {
        for seed in 200..230 {
            let mut rng = Rng::new(seed);
            let n = rng.below(300) as usize;
            let rows = random_rows(&mut rng, n, "r");
            let cols = DossierColumns::from_dossiers(&rows);
            let full = DossierCube::build(&cols, grid.clone());
            for dims in all_dims() {
                let cube = DossierCube::build_by(&cols, grid.clone(), dims);
                assert_eq!(cube.dims(), dims);
                let got = by_label(&cube);
                assert_eq!(got, rolled_up(&full, dims), "seed {seed} {dims:?}");
                assert_eq!(
                    nonzero(got),
                    by_hand(&rows, &grid, dims),
                    "seed {seed} {dims:?}"
                );
            }
        }
    }
}

#[test]
fn a_large_cube_by_dimensions_uses_the_dense_kernel_and_agrees() {
    // 300 units x 12 months x 2 sectors = 7200 cells: past the histogram's limit.
    let grid = year_grid();
    let mut rng = Rng::new(5);
    let mut rows = random_rows(&mut rng, 3000, "x");
    for (i, r) in rows.iter_mut().enumerate() {
        r.unit_code = format!("U{:03}", i % 300);
    }
    let cols = DossierColumns::from_dossiers(&rows);
    let full = DossierCube::build(&cols, grid.clone());
    for dims in all_dims() {
        let cube = DossierCube::build_by(&cols, grid.clone(), dims);
        assert_eq!(by_label(&cube), rolled_up(&full, dims), "{dims:?}");
        assert_eq!(
            nonzero(by_label(&cube)),
            by_hand(&rows, &grid, dims),
            "{dims:?}"
        );
    }
}

/// Dossier columns in the layout Arrow hands over, with the batch's own
/// dictionaries: units and sectors in reverse order, channel labels in the
/// order given (`channels`), booleans as bitmaps, open dossiers as nulls.
struct ArrowLike {
    units: Vec<String>,
    sectors: Vec<String>,
    channels: Vec<String>,
    unit: Vec<i32>,
    sector: Vec<i32>,
    channel: Vec<i32>,
    received: Vec<i32>,
    completed: Vec<i32>,
    due: Vec<i32>,
    bits: [Vec<u8>; 5],
}

fn arrow_like(cols: &DossierColumns, channels: &[&str]) -> ArrowLike {
    let rev = |codes: &[String]| codes.iter().rev().cloned().collect::<Vec<_>>();
    let (nu, ns) = (cols.units.codes().len(), cols.sectors.codes().len());
    let pack = |bit: &dyn Fn(usize) -> bool| {
        let mut out = vec![0u8; cols.unit.len().div_ceil(8)];
        for i in 0..cols.unit.len() {
            out[i / 8] |= (bit(i) as u8) << (i % 8);
        }
        out
    };
    let flag = |k: u8| move |i: usize| cols.flags[i] & (1 << k) != 0;
    let names = ["online", "direct", "postal"];
    ArrowLike {
        units: rev(cols.units.codes()),
        sectors: rev(cols.sectors.codes()),
        channels: channels.iter().map(|s| s.to_string()).collect(),
        unit: cols
            .unit
            .iter()
            .map(|&u| (nu - 1 - u as usize) as i32)
            .collect(),
        sector: cols
            .sector
            .iter()
            .map(|&s| (ns - 1 - s as usize) as i32)
            .collect(),
        channel: cols
            .flags
            .iter()
            .map(|f| {
                let name = names[(f >> 4) as usize];
                channels.iter().position(|c| *c == name).unwrap() as i32
            })
            .collect(),
        received: cols.received.clone(),
        // A null's value slot holds garbage, as Arrow allows.
        completed: cols
            .completed
            .iter()
            .map(|&d| if d == NO_DATE { 12345 } else { d })
            .collect(),
        due: cols.due.clone(),
        bits: [
            pack(&flag(0)),
            pack(&flag(1)),
            pack(&flag(2)),
            pack(&flag(3)),
            pack(&|i| cols.completed[i] != NO_DATE),
        ],
    }
}

fn arrays(a: &ArrowLike) -> DossierArrays<'_> {
    let bm = |k: usize| Bitmap {
        bits: &a.bits[k],
        offset: 0,
    };
    DossierArrays {
        units: &a.units,
        sectors: &a.sectors,
        channels: Some(&a.channels),
        unit: &a.unit,
        sector: &a.sector,
        channel: &a.channel,
        received: &a.received,
        completed: Some(&a.completed),
        due: Some(&a.due),
        paused_days: None,
        fully_online: Bools::Bits(bm(0)),
        fee_required: Some(Bools::Bits(bm(1))),
        paid_online: Some(Bools::Bits(bm(2))),
        digitized: Some(Bools::Bits(bm(3))),
        validity: Validity {
            completed: Some(bm(4)),
            ..Validity::default()
        },
    }
}

#[test]
fn borrowed_batches_with_their_own_dictionaries_give_the_by_cube() {
    let grid = year_grid();
    for seed in 300..320 {
        let mut rng = Rng::new(seed);
        let (n1, n2) = (rng.below(200) as usize + 1, rng.below(200) as usize + 1);
        let (r1, r2) = (
            random_rows(&mut rng, n1, "a"),
            random_rows(&mut rng, n2, "b"),
        );
        let (c1, c2) = (
            DossierColumns::from_dossiers(&r1),
            DossierColumns::from_dossiers(&r2),
        );
        // The first batch's channels map directly, the second's are permuted.
        let a1 = arrow_like(&c1, &["online", "direct", "postal"]);
        let a2 = arrow_like(&c2, &["postal", "online", "direct"]);
        let all: Vec<Dossier> = r1.iter().chain(&r2).cloned().collect();
        let full = DossierCube::build(&DossierColumns::from_dossiers(&all), grid.clone());
        for dims in all_dims() {
            let cube =
                DossierCube::from_array_batches_by(&[arrays(&a1), arrays(&a2)], grid.clone(), dims)
                    .unwrap();
            assert_eq!(
                by_label(&cube),
                rolled_up(&full, dims),
                "seed {seed} {dims:?}"
            );
            // Bytes and merge keep the dimensions.
            let back = DossierCube::from_bytes(&cube.to_bytes()).unwrap();
            assert_eq!(back, cube, "seed {seed} {dims:?}: bytes round trip");
            let halves = DossierCube::from_array_batches_by(&[arrays(&a1)], grid.clone(), dims)
                .unwrap()
                .merge(
                    &DossierCube::from_array_batches_by(&[arrays(&a2)], grid.clone(), dims)
                        .unwrap(),
                )
                .unwrap();
            assert_eq!(
                by_label(&halves),
                by_label(&cube),
                "seed {seed} {dims:?}: merge"
            );
        }
    }
}

#[test]
fn by_cubes_refuse_what_they_cannot_answer() {
    let grid = year_grid();
    let mut rng = Rng::new(9);
    let cols = DossierColumns::from_dossiers(&random_rows(&mut rng, 50, "z"));
    let units_only = Dims {
        unit: true,
        bucket: false,
        sector: false,
    };
    let a = DossierCube::build_by(&cols, grid.clone(), units_only);
    let full = DossierCube::build(&cols, grid.clone());
    assert!(a.merge(&full).is_err(), "different dimensions do not merge");
    assert!(a
        .sum_by_unit(&"2026".parse().unwrap(), |_| true, |_| true)
        .is_err());
    assert_eq!(a.cell("U1", &"202601".parse().unwrap(), "a"), None);
    assert_eq!(
        Dims::from_names(&["period", "unit_code"]).unwrap(),
        Dims {
            unit: true,
            bucket: true,
            sector: false
        }
    );
    let e = Dims::from_names(&["month"]).unwrap_err().to_string();
    assert!(e.contains("by[0]") && e.contains("month"), "{e}");
    let e = Dims::from_names(&["sector", "sector"])
        .unwrap_err()
        .to_string();
    assert!(e.contains("by[1]") && e.contains("twice"), "{e}");
    // A byte form whose dimension byte is out of range.
    let mut bytes = a.to_bytes();
    bytes[4] = 9;
    assert!(DossierCube::from_bytes(&bytes).is_err());
}

/// Taking a part's cube out of the whole's gives the cube of the rest, for
/// every choice of dimensions (the rows of the part drawn from the whole).
#[test]
fn subtract_takes_a_part_out_for_every_dims() {
    let grid = year_grid();
    for seed in 300..330 {
        let mut rng = Rng::new(seed);
        let n = 1 + rng.below(60) as usize;
        let rows = random_rows(&mut rng, n, "s");
        let cut = rng.below(n as u64 + 1) as usize;
        let (part, rest) = rows.split_at(cut);
        for dims in all_dims() {
            let by = |r: &[Dossier]| {
                DossierCube::build_by(&DossierColumns::from_dossiers(r), grid.clone(), dims)
            };
            let got = by(&rows).subtract(&by(part)).unwrap();
            // Cells left at zero (units and sectors of the part alone) aside.
            let nonzero = |m: BTreeMap<Key, Vec<u64>>| {
                m.into_iter()
                    .filter(|(_, v)| v.iter().any(|&x| x != 0))
                    .collect::<BTreeMap<_, _>>()
            };
            assert_eq!(
                nonzero(by_label(&got)),
                nonzero(by_hand(rest, &grid, dims)),
                "seed {seed}, dims {:?}",
                dims.names()
            );
        }
    }
}

#[test]
fn subtract_refuses_other_dims_and_more_than_counted() {
    let grid = year_grid();
    let mut rng = Rng::new(7);
    let rows = random_rows(&mut rng, 30, "x");
    let cols = DossierColumns::from_dossiers(&rows);
    let full = DossierCube::build(&cols, grid.clone());
    let by_unit = DossierCube::build_by(
        &cols,
        grid.clone(),
        Dims {
            unit: true,
            bucket: false,
            sector: false,
        },
    );
    let err = full.subtract(&by_unit).unwrap_err().to_string();
    assert!(err.contains("cannot be subtracted"), "{err}");
    let double = full.merge(&full).unwrap();
    let err = full.subtract(&double).unwrap_err().to_string();
    assert!(
        err.contains("a counter to subtract exceeds the cube's"),
        "{err}"
    );
    // A unit the cube does not have.
    let mut stranger = rows[0].clone();
    stranger.unit_code = "U9".into();
    let other = DossierCube::build(&DossierColumns::from_dossiers(&[stranger]), grid);
    let err = full.subtract(&other).unwrap_err().to_string();
    assert!(err.contains("not in this one"), "{err}");
}

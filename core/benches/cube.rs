//! Dossier cube throughput, reported against a peer measured in the same run.
//!
//! `cargo bench -p dvctt --bench cube [-- ROWS...]` (default 1M and 10M rows).
//! Shape: 100 units × 12 months × 20 sectors, all 12 counters in one pass.
//! The peer is a plain dense loop that counts only dossiers received per
//! (unit, month, sector) with the same day → month table: the floor any
//! one-pass cube pays. Peak memory is read from the process's VmHWM.
//!
//! Two paths are timed: the owned `DossierColumns` (packed flag byte) and
//! the borrowed `DossierArrays` in the layout Arrow and numpy hand over
//! (int32 dictionary indices, date32 day numbers, one byte per boolean),
//! which is checked row by row as it is counted, with booleans as bytes
//! (numpy) and as Arrow bitmaps with a validity bitmap on `completed_on`.

use dvctt::engine::cube::{
    Bitmap, Bools, Counter, Dims, DossierArrays, DossierColumns, DossierCube, Grid, Validity,
};
use dvctt::synth::dossier_columns;
use dvctt::Period;
use std::hint::black_box;
use std::time::Instant;

const UNITS: usize = 100;
const SECTORS: usize = 20;
const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn peak_rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The peer: received counts only, dense, same bucket table.
fn plain_loop(cols: &DossierColumns, day0: i32, month_of_day: &[u8]) -> Vec<u32> {
    let mut cells = vec![0u32; UNITS * 12 * SECTORS];
    for ((&u, &s), &d) in cols.unit.iter().zip(&cols.sector).zip(&cols.received) {
        let m = month_of_day[(d - day0) as usize] as usize;
        cells[(u as usize * 12 + m) * SECTORS + s as usize] += 1;
    }
    cells
}

/// The columns unpacked into Arrow/numpy layout (done before timing).
struct Unpacked {
    /// Booleans as Arrow bitmaps, and completed's validity (open = null).
    bitmaps: [Vec<u8>; 5],
    units: Vec<String>,
    sectors: Vec<String>,
    unit: Vec<i32>,
    sector: Vec<i32>,
    channel: Vec<i32>,
    bools: [Vec<u8>; 4],
}

fn unpack(c: &DossierColumns) -> Unpacked {
    let bit = |k: u8| c.flags.iter().map(|f| (f >> k) & 1).collect::<Vec<u8>>();
    let pack = |v: &[u8]| {
        let mut out = vec![0u8; v.len().div_ceil(8)];
        for (i, &b) in v.iter().enumerate() {
            out[i / 8] |= (b & 1) << (i % 8);
        }
        out
    };
    let open: Vec<u8> = c
        .completed
        .iter()
        .map(|&d| (d != dvctt::engine::cube::NO_DATE) as u8)
        .collect();
    Unpacked {
        bitmaps: [
            pack(&bit(0)),
            pack(&bit(1)),
            pack(&bit(2)),
            pack(&bit(3)),
            pack(&open),
        ],
        units: c.units.codes().to_vec(),
        sectors: c.sectors.codes().to_vec(),
        unit: c.unit.iter().map(|&x| x as i32).collect(),
        sector: c.sector.iter().map(|&x| x as i32).collect(),
        channel: c.flags.iter().map(|f| (f >> 4) as i32).collect(),
        bools: [bit(0), bit(1), bit(2), bit(3)],
    }
}

fn arrays<'a>(c: &'a DossierColumns, u: &'a Unpacked) -> DossierArrays<'a> {
    DossierArrays {
        units: &u.units,
        sectors: &u.sectors,
        channels: None,
        unit: &u.unit,
        sector: &u.sector,
        channel: &u.channel,
        received: &c.received,
        completed: Some(&c.completed),
        due: Some(&c.due),
        paused_days: None,
        fully_online: Bools::Bytes(&u.bools[0]),
        fee_required: Some(Bools::Bytes(&u.bools[1])),
        paid_online: Some(Bools::Bytes(&u.bools[2])),
        digitized: Some(Bools::Bytes(&u.bools[3])),
        validity: Validity::default(),
    }
}

/// The Arrow layout: bit-packed booleans, nulls in a validity bitmap.
fn arrow<'a>(c: &'a DossierColumns, u: &'a Unpacked) -> DossierArrays<'a> {
    let bm = |k: usize| Bitmap {
        bits: &u.bitmaps[k],
        offset: 0,
    };
    DossierArrays {
        fully_online: Bools::Bits(bm(0)),
        fee_required: Some(Bools::Bits(bm(1))),
        paid_online: Some(Bools::Bits(bm(2))),
        digitized: Some(Bools::Bits(bm(3))),
        validity: Validity {
            completed: Some(bm(4)),
            ..Validity::default()
        },
        ..arrays(c, u)
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if args.is_empty() {
        vec![1_000_000, 10_000_000]
    } else {
        args
    };
    let year: Period = "2026".parse().unwrap();
    let grid = Grid::months(&year);
    let day0 = dvctt::engine::cube::day_number(year.start());
    let month_of_day: Vec<u8> = (0..365)
        .map(|i| {
            let d = year.start() + chrono::Days::new(i);
            grid.buckets()
                .iter()
                .position(|m| m.contains_date(d))
                .unwrap() as u8
        })
        .collect();
    println!("dossier cube: {UNITS} units x 12 months x {SECTORS} sectors, median of {RUNS} runs");
    for n in sizes {
        let cols = dossier_columns(42, n, UNITS, SECTORS, 2026);
        let input = cols.column_bytes() as f64;
        let unpacked = unpack(&cols);
        let borrowed = arrays(&cols, &unpacked);
        let arrow_layout = arrow(&cols, &unpacked);
        let rss_before = peak_rss_bytes();
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut bits = Vec::new();
        let mut peer = Vec::new();
        let mut check = 0u64;
        for _ in 0..RUNS {
            let t = Instant::now();
            let cube = black_box(DossierCube::build(&cols, grid.clone()));
            ours.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let from_arrays = black_box(DossierCube::from_arrays(&borrowed, grid.clone()).unwrap());
            theirs.push(t.elapsed().as_secs_f64());
            assert_eq!(from_arrays, cube, "both paths give the same cube");
            let t = Instant::now();
            let from_arrow =
                black_box(DossierCube::from_arrays(&arrow_layout, grid.clone()).unwrap());
            bits.push(t.elapsed().as_secs_f64());
            assert_eq!(from_arrow, cube, "the Arrow layout gives the same cube");
            let t = Instant::now();
            let cells = black_box(plain_loop(&cols, day0, &month_of_day));
            peer.push(t.elapsed().as_secs_f64());
            // Both must count the same dossiers.
            let total: u64 = cube
                .sum_by_unit(&year, |_| true, |_| true)
                .unwrap()
                .iter()
                .map(|(_, c)| c[Counter::Received as usize])
                .sum();
            assert_eq!(total, cells.iter().map(|&c| c as u64).sum::<u64>());
            check = total;
        }
        let (t_ours, t_arrays, t_peer) = (median(ours), median(theirs), median(peer));
        let t_arrow = median(bits);
        println!(
            "{n:>10} rows: cube {:>6.1} M rows/s ({:.1} ms) | plain loop {:>6.1} M rows/s ({:.1} ms) | cube/peer time {:.2} | rows counted {check}",
            n as f64 / t_ours / 1e6,
            t_ours * 1e3,
            n as f64 / t_peer / 1e6,
            t_peer * 1e3,
            t_ours / t_peer,
        );
        println!(
            "{:>10}       borrowed arrays, byte booleans {:>6.1} M rows/s ({:.1} ms) | arrays/peer time {:.2}",
            "",
            n as f64 / t_arrays / 1e6,
            t_arrays * 1e3,
            t_arrays / t_peer,
        );
        println!(
            "{:>10}       borrowed arrays, Arrow bitmaps {:>6.1} M rows/s ({:.1} ms) | arrays/peer time {:.2}",
            "",
            n as f64 / t_arrow / 1e6,
            t_arrow * 1e3,
            t_arrow / t_peer,
        );
        by_dims(&cols, &borrowed, &arrow_layout, &grid);
        if let (Some(before), Some(after)) = (rss_before, peak_rss_bytes()) {
            println!(
                "{:>10}       input columns {:.1} MB; process peak RSS {:.1} MB ({:.2}x input); growth during the cube runs {:.1} MB",
                "",
                input / 1e6,
                after as f64 / 1e6,
                after as f64 / input,
                (after.saturating_sub(before)) as f64 / 1e6,
            );
        }
    }
}

/// CPU time of this thread (s), from /proc/thread-self/schedstat: on a
/// shared machine wall time counts other processes' turns too.
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

/// Cubes over some dimensions only (`by=`): owned columns against borrowed
/// arrays (bytes and Arrow layout), the thread's CPU time, best of [`RUNS`]
/// interleaved runs.
fn by_dims(cols: &DossierColumns, bytes: &DossierArrays, arrow: &DossierArrays, grid: &Grid) {
    let shapes = [
        ("unit x month x sector", Dims::ALL),
        (
            "unit x month",
            Dims {
                unit: true,
                bucket: true,
                sector: false,
            },
        ),
        (
            "unit",
            Dims {
                unit: true,
                bucket: false,
                sector: false,
            },
        ),
        (
            "month",
            Dims {
                unit: false,
                bucket: true,
                sector: false,
            },
        ),
    ];
    for (name, dims) in shapes {
        let (mut owned, mut by_bytes, mut by_arrow) = (Vec::new(), Vec::new(), Vec::new());
        let (mut w_owned, mut w_bytes, mut w_arrow) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let (t, w) = (cpu(), Instant::now());
            let a = black_box(DossierCube::build_by(cols, grid.clone(), dims));
            owned.push(cpu() - t);
            w_owned.push(w.elapsed().as_secs_f64());
            let (t, w) = (cpu(), Instant::now());
            let b = black_box(
                DossierCube::from_array_batches_by(std::slice::from_ref(bytes), grid.clone(), dims)
                    .unwrap(),
            );
            by_bytes.push(cpu() - t);
            w_bytes.push(w.elapsed().as_secs_f64());
            let (t, w) = (cpu(), Instant::now());
            let c = black_box(
                DossierCube::from_array_batches_by(std::slice::from_ref(arrow), grid.clone(), dims)
                    .unwrap(),
            );
            by_arrow.push(cpu() - t);
            w_arrow.push(w.elapsed().as_secs_f64());
            assert_eq!(a, b, "{name}: owned and borrowed bytes agree");
            assert_eq!(a, c, "{name}: owned and Arrow layout agree");
        }
        let best = |v: Vec<f64>| v.into_iter().fold(f64::INFINITY, f64::min);
        let (o, b, a) = (best(owned), best(by_bytes), best(by_arrow));
        let (wo, wb, wa) = (best(w_owned), best(w_bytes), best(w_arrow));
        println!(
            "{:>10}       by {name:<22} CPU owned {:.1} ms | borrowed bytes {:.1} ms ({:.2}x owned) | Arrow layout {:.1} ms ({:.2}x owned)",
            "",
            o * 1e3,
            b * 1e3,
            b / o,
            a * 1e3,
            a / o,
        );
        println!(
            "{:>10}          {:<22} wall owned {:.1} ms | borrowed bytes {:.1} ms ({:.2}x owned) | Arrow layout {:.1} ms ({:.2}x owned)",
            "",
            "",
            wo * 1e3,
            wb * 1e3,
            wb / wo,
            wa * 1e3,
            wa / wo,
        );
    }
}

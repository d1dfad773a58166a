//! The dossier cube of borrowed batches on several threads
//! (`api::arrow::dossier_cube_of_batches_by`, what Python's
//! `dvctt.dossier_cube` calls): batches cut into runs of equal numbers of
//! rows, a batch cut in two where a run ends, give the cube of the owned
//! columns, in the same order whatever the number of threads, and a bad
//! batch or row is refused as on one thread.

use dvctt::api::arrow::dossier_cube_of_batches_by;
use dvctt::engine::cube::{
    Bitmap, Bools, Dims, DossierArrays, DossierColumns, DossierCube, Grid, Validity, NO_DATE,
};
use dvctt::synth::dossier_columns;

/// The columns in the layout Arrow hands over, built from owned columns.
struct Layout {
    units: Vec<String>,
    sectors: Vec<String>,
    unit: Vec<i32>,
    sector: Vec<i32>,
    channel: Vec<i32>,
    received: Vec<i32>,
    completed: Vec<i32>,
    due: Vec<i32>,
    /// Booleans as bitmaps starting at bit `OFFSET`, then completed's validity.
    bitmaps: [Vec<u8>; 5],
}

/// Bit offset of row 0 in every bitmap (as an Arrow array sliced at 3).
const OFFSET: usize = 3;

fn pack(v: impl Iterator<Item = bool>) -> Vec<u8> {
    let v: Vec<bool> = v.collect();
    let mut out = vec![0u8; (OFFSET + v.len()).div_ceil(8)];
    for (i, b) in v.into_iter().enumerate() {
        if b {
            out[(OFFSET + i) / 8] |= 1 << ((OFFSET + i) % 8);
        }
    }
    out
}

fn layout(c: &DossierColumns) -> Layout {
    let bit = |k: u8| pack(c.flags.iter().map(move |f| (f >> k) & 1 == 1));
    Layout {
        units: c.units.codes().to_vec(),
        sectors: c.sectors.codes().to_vec(),
        unit: c.unit.iter().map(|&x| x as i32).collect(),
        sector: c.sector.iter().map(|&x| x as i32).collect(),
        channel: c.flags.iter().map(|f| (f >> 4) as i32).collect(),
        received: c.received.clone(),
        // The values under a null are garbage.
        completed: c
            .completed
            .iter()
            .map(|&d| if d == NO_DATE { 7 } else { d })
            .collect(),
        due: c.due.clone(),
        bitmaps: [
            bit(0),
            bit(1),
            bit(2),
            bit(3),
            pack(c.completed.iter().map(|&d| d != NO_DATE)),
        ],
    }
}

/// Rows `start..end` as one batch (bitmaps by their bit offset).
fn batch(l: &Layout, start: usize, end: usize) -> DossierArrays<'_> {
    let bm = |k: usize| Bitmap {
        bits: &l.bitmaps[k],
        offset: OFFSET + start,
    };
    DossierArrays {
        units: &l.units,
        sectors: &l.sectors,
        channels: None,
        unit: &l.unit[start..end],
        sector: &l.sector[start..end],
        channel: &l.channel[start..end],
        received: &l.received[start..end],
        completed: Some(&l.completed[start..end]),
        due: Some(&l.due[start..end]),
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

/// Batches of uneven sizes (a short one first, one of a single row).
fn batches(l: &Layout) -> Vec<DossierArrays<'_>> {
    let n = l.unit.len();
    let cuts = [0, 5, 6, 1000, 3001, n];
    cuts.windows(2).map(|w| batch(l, w[0], w[1])).collect()
}

#[test]
fn every_number_of_threads_gives_the_owned_cube_in_one_order() {
    let cols = dossier_columns(11, 5000, 7, 4, 2026);
    let l = layout(&cols);
    let grid = Grid::months(&"2026".parse().unwrap());
    let dims = [
        Dims::ALL,
        Dims {
            unit: true,
            bucket: false,
            sector: false,
        },
    ];
    for dims in dims {
        let owned = DossierCube::build_by(&cols, grid.clone(), dims).canonical();
        for threads in 1..=7 {
            let got =
                dossier_cube_of_batches_by(&batches(&l), "2026", "months", threads, dims).unwrap();
            // Equal as built, not only once put in order: units and sectors
            // come sorted by code whatever the number of threads.
            assert_eq!(got, owned, "{threads} threads, {:?}", dims.names());
            let mut units = got.units().to_vec();
            units.sort();
            assert_eq!(got.units(), units.as_slice());
        }
    }
}

#[test]
fn a_bad_row_or_batch_is_refused_as_on_one_thread() {
    let cols = dossier_columns(12, 5000, 7, 4, 2026);
    let mut l = layout(&cols);
    // A unit index outside the dictionary in the last run.
    l.unit[4321] = 99;
    let one = dossier_cube_of_batches_by(&batches(&l), "2026", "months", 1, Dims::ALL)
        .unwrap_err()
        .to_string();
    assert!(one.contains("unit_code[4321]"), "{one}");
    for threads in 2..=5 {
        let many = dossier_cube_of_batches_by(&batches(&l), "2026", "months", threads, Dims::ALL)
            .unwrap_err()
            .to_string();
        assert_eq!(many, one, "{threads} threads");
    }
    // A column longer than unit_code in one batch: refused, not cut.
    let l = layout(&cols);
    let mut b = batches(&l);
    b[2].sector = &l.sector[6..1001];
    let one = dossier_cube_of_batches_by(&b, "2026", "months", 1, Dims::ALL)
        .unwrap_err()
        .to_string();
    assert!(one.contains("sector"), "{one}");
    let many = dossier_cube_of_batches_by(&b, "2026", "months", 3, Dims::ALL)
        .unwrap_err()
        .to_string();
    assert_eq!(many, one);
}

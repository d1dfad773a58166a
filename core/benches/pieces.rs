//! A dossier file read in pieces (what the portal's Web Workers do),
//! against a read on one thread (`api::read_bytes`) measured in the same run.
//!
//! `cargo bench -p dvctt --bench pieces [-- FILE [PIECE_BYTES]]`: FILE is a
//! dossiers CSV (default: 1M synthetic rows); pieces of 8 MiB by default.
//! Prints the CPU time of the one-thread read, of parsing every piece (the
//! workers' part, spread over them in the page) and of the merge in file
//! order (one thread: the floor of the read in pieces), as medians and as
//! ratios to the one-thread read. Checks that both give the same data set
//! and rows refused.

use dvctt::api::{read_bytes, PieceMerge, PieceReader};
use dvctt::io::options::ReadOptions;
use dvctt::synth::{generate, SynthSpec};
use dvctt::RecordKind;
use std::time::Instant;

const RUNS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn synthetic(rows: usize) -> Vec<u8> {
    let spec = SynthSpec {
        seed: 1,
        units: (0..100)
            .map(|u| (format!("U{u:03}"), 0.6 + (u % 30) as f64 / 100.0, 0.9))
            .collect(),
        sectors: (0..20).map(|s| format!("S{s:02}")).collect(),
        year: 2026,
        dossiers: rows,
        responses: 0,
        staff_per_unit: 0,
    };
    let s = generate(&spec);
    dvctt::io::csv_write::write_csv(&s.dossiers).into_bytes()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let bytes = match args.first() {
        Some(path) => std::fs::read(path).expect("the dossiers file"),
        None => synthetic(1_000_000),
    };
    let piece_bytes: u64 = args.get(1).map_or(8 << 20, |a| a.parse().unwrap());
    let opts = ReadOptions::default();
    let head = &bytes[..bytes.len().min(64 << 10)];
    let (mut one, mut parse, mut merge) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let a = read_bytes(RecordKind::Dossiers, bytes.clone(), "d.csv", None, false).unwrap();
        one.push(t.elapsed().as_secs_f64());

        let t = Instant::now();
        let reader = PieceReader::new(RecordKind::Dossiers, head, "d.csv", &opts)
            .unwrap()
            .expect("a file for pieces");
        let pieces = reader.pieces(bytes.len() as u64, piece_bytes);
        let parsed: Vec<Vec<u8>> = pieces
            .iter()
            .map(|p| {
                let b = &bytes[p.start as usize..p.end as usize];
                reader.parse(b, p).unwrap().expect("a piece for pieces")
            })
            .collect();
        parse.push(t.elapsed().as_secs_f64());

        let t = Instant::now();
        let mut m = PieceMerge::new(reader, bytes.len() as u64);
        for p in &parsed {
            m.merge(p).unwrap();
        }
        let b = m.finish().unwrap();
        merge.push(t.elapsed().as_secs_f64());
        assert!(
            a.dataset == b.dataset && a.rejected == b.rejected,
            "pieces differ from one thread"
        );
    }
    let (one, parse, merge) = (median(one), median(parse), median(merge));
    println!(
        "{} bytes, pieces of {piece_bytes} bytes, median of {RUNS} runs",
        bytes.len()
    );
    println!("one thread (read_bytes): {:8.1} ms  1.00", one * 1e3);
    println!(
        "pieces: parse all       : {:8.1} ms  {:.2}",
        parse * 1e3,
        parse / one
    );
    println!(
        "pieces: merge in order  : {:8.1} ms  {:.2}",
        merge * 1e3,
        merge / one
    );
}

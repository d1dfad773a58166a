//! A dossier file read in pieces (`api::PieceReader`, `api::PieceMerge`: the
//! portal's Web Workers) gives exactly what a read on one thread gives: the
//! same records in the same order, the same rejected rows (file, line,
//! field, reason), repeated ids found within and across pieces, whatever
//! the pieces' size. Files are made here quote-free (the pieces' fast
//! path) with a byte-order mark, CRLF, a `sep=` line, blank lines, short
//! rows, bad values and repeated ids; a file with a quote is sent back to
//! the one-thread reader (`parse` gives `None`).

use dvctt::api::{read_bytes, PieceMerge, PieceReader};
use dvctt::io::options::ReadOptions;
use dvctt::DatasetLoad;
use dvctt::RecordKind;

use dvctt::synth::Rng;

fn dossiers(rng: &mut Rng, rows: usize) -> String {
    let eol = if rng.below(2) == 0 { "\n" } else { "\r\n" };
    let bom = if rng.below(3) == 0 { "\u{feff}" } else { "" };
    let (sep, d) = if rng.below(3) == 0 {
        (format!("sep=;{eol}"), ";")
    } else {
        (String::new(), ",")
    };
    let mut t = format!(
        "{bom}{sep}dossier_id{d}unit_code{d}procedure_code{d}sector{d}received_on{d}channel{d}fully_online{d}due_on{d}completed_on{eol}"
    );
    for i in 0..rows {
        let id = if rng.below(20) == 0 {
            format!("HS{}", rng.below(i as u64 + 1)) // a repeat, maybe
        } else {
            format!("HS{i}")
        };
        let day = 1 + rng.below(28);
        let received = match rng.below(40) {
            0 => "2026-02-30".to_string(),
            _ => format!("2026-03-{day:02}"),
        };
        let channel = ["online", "direct", "postal", "Online", "fax"][rng.below(5) as usize];
        let done = if rng.below(3) == 0 {
            String::new()
        } else {
            format!("2026-04-{day:02}")
        };
        match rng.below(30) {
            0 => t.push_str(eol),                             // blank line
            1 => t.push_str(&format!("{id}{d}U1{d}P1{eol}")), // short row
            _ => {}
        }
        let unit = ["U1", "Hòa", "Ho\u{300}a", "U3"][rng.below(4) as usize]; // NFC and NFD
        t.push_str(&format!(
            "{id}{d}{unit}{d}P{}{d}s{}{d}{received}{d}{channel}{d}{}{d}2026-04-10{d}{done}{eol}",
            rng.below(3),
            rng.below(4),
            if channel == "online" { "true" } else { "false" },
        ));
    }
    t
}

/// `bytes` read in pieces of about `size` bytes, as the portal does it;
/// `None` when a piece is sent back to the one-thread reader.
fn in_pieces(bytes: &[u8], size: u64) -> Option<dvctt::Result<DatasetLoad>> {
    let head = &bytes[..bytes.len().min(64 << 10)];
    let opts = ReadOptions::default();
    let reader = PieceReader::new(RecordKind::Dossiers, head, "f.csv", &opts).unwrap()?;
    let pieces = reader.pieces(bytes.len() as u64, size);
    // Three workers, each with its reader, take the pieces in turn.
    let workers: Vec<PieceReader> = (0..3)
        .map(|_| {
            PieceReader::new(RecordKind::Dossiers, head, "f.csv", &opts)
                .unwrap()
                .unwrap()
        })
        .collect();
    let parsed: Vec<Option<Vec<u8>>> = pieces
        .iter()
        .enumerate()
        .map(|(k, p)| {
            workers[k % 3]
                .parse(&bytes[p.start as usize..p.end as usize], p)
                .unwrap()
        })
        .collect();
    let parsed: Vec<Vec<u8>> = parsed.into_iter().collect::<Option<_>>()?;
    let mut merge = PieceMerge::new(reader, bytes.len() as u64);
    for p in &parsed {
        if let Err(e) = merge.merge(p) {
            return Some(Err(e));
        }
    }
    Some(merge.finish())
}

fn same(text: &str, size: u64) {
    let one = read_bytes(
        RecordKind::Dossiers,
        text.as_bytes().to_vec(),
        "f.csv",
        None,
        false,
    );
    let pieces = in_pieces(text.as_bytes(), size).expect("a quote-free file is read in pieces");
    match (one, pieces) {
        (Ok(one), Ok(p)) => {
            assert_eq!(p.rejected, one.rejected, "pieces of {size} bytes");
            assert_eq!(p.dataset, one.dataset, "pieces of {size} bytes");
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("pieces of {size}: one thread {a:?}, pieces {b:?}"),
    }
}

#[test]
fn pieces_read_as_one_file() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    for round in 0..8 {
        let text = dossiers(&mut rng, 200 + round * 37);
        for size in [7, 50, 97, 256, 1000, 1 << 12, 1 << 20] {
            same(&text, size);
        }
    }
    // Pieces of one byte: most hold no record's start.
    same(&dossiers(&mut rng, 30), 1);
}

#[test]
fn the_generated_files_have_what_they_test() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let text = dossiers(&mut rng, 400);
    let one = read_bytes(
        RecordKind::Dossiers,
        text.into_bytes(),
        "f.csv",
        None,
        false,
    )
    .unwrap();
    let reasons: Vec<&str> = one.rejected.iter().map(|r| r.detail.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("duplicate id")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("fields, the header has")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("not a date")),
        "{reasons:?}"
    );
    // Duplicates far apart: their pieces differ when pieces are small.
    let far = one
        .rejected
        .iter()
        .filter(|r| r.detail.contains("duplicate id"))
        .any(|r| {
            let first: u32 = r
                .detail
                .rsplit("line ")
                .next()
                .unwrap()
                .trim_end_matches(')')
                .parse()
                .unwrap();
            r.line - first > 50
        });
    assert!(far);
}

#[test]
fn a_header_without_rows_is_the_same_error() {
    let text = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n";
    same(text, 10);
}

#[test]
fn a_file_with_a_quote_goes_back_to_one_thread() {
    let text = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n\
                A,U1,P1,\"s, 1\",2026-03-01,online,true\n";
    assert!(in_pieces(text.as_bytes(), 1 << 20).is_none());
    // Not dossiers, or not UTF-8: not read in pieces.
    let opts = ReadOptions::default();
    let survey = b"response_id,unit_code,responded_on,satisfied\nR1,U1,2026-01-01,true\n";
    assert!(PieceReader::new(RecordKind::Survey, survey, "s.csv", &opts)
        .unwrap()
        .is_none());
    let mut cp1258 = b"dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\nA,H\xf2a,P1,s,2026-03-01,online,true\n".to_vec();
    cp1258.extend_from_slice(b"B,U1,P1,s,2026-03-01,online,true\n");
    let opts = ReadOptions {
        encoding: Some("windows-1258".into()),
        ..Default::default()
    };
    assert!(
        PieceReader::new(RecordKind::Dossiers, &cp1258, "d.csv", &opts)
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_record_longer_than_the_tail_goes_back_to_one_thread() {
    let mut text = String::from(
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n",
    );
    text.push_str("A,U1,P1,s,2026-03-01,online,true\n");
    text.push_str(&format!(
        "B,U1,P1,{},2026-03-01,online,true\n",
        "x".repeat(3 << 19)
    ));
    text.push_str("C,U1,P1,s,2026-03-01,online,true\n");
    assert!(in_pieces(text.as_bytes(), 64 << 10).is_none());
    // With pieces larger than the record, it is read in pieces, as on one thread.
    same(&text, 4 << 20);
}

//! A file read in parallel chunks gives exactly what a sequential read
//! gives: the same records in the same order, the same rejected rows (file,
//! line, field, reason) in the same order, duplicates found across chunks.
//! Files are made here with the awkward parts of real exports: quoted
//! fields with commas, quotes and line breaks, CRLF, blank lines, short
//! rows, bad values, repeated ids, a byte-order mark.

use dvctt::api::read_csv_text;
use dvctt::data::builder::DatasetBuilder;
use dvctt::io::options::ReadOptions;
use dvctt::io::parallel::{read_kind_parallel, Split};
use dvctt::RecordKind;

use dvctt::synth::Rng;

fn dossiers(rng: &mut Rng, rows: usize) -> String {
    let eol = if rng.below(2) == 0 { "\n" } else { "\r\n" };
    let bom = if rng.below(3) == 0 { "\u{feff}" } else { "" };
    let mut t = format!(
        "{bom}dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,due_on,completed_on{eol}"
    );
    for i in 0..rows {
        let id = if rng.below(25) == 0 {
            format!("HS{}", rng.below(i as u64 + 1)) // a repeat, maybe
        } else {
            format!("HS{i}")
        };
        let sector = match rng.below(12) {
            0 => "\"y te, du phong\"".to_string(),
            1 => "\"an \"\"toan\"\"\nthuc pham\"".to_string(),
            _ => format!("s{}", rng.below(5)),
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
            0 => t.push_str(eol),                         // blank line
            1 => t.push_str(&format!("{id},U1,P1{eol}")), // short row
            _ => {}
        }
        t.push_str(&format!(
            "{id},U{},P{},{sector},{received},{channel},{},2026-04-10,{done}{eol}",
            rng.below(7),
            rng.below(3),
            if channel == "online" { "true" } else { "false" },
        ));
    }
    t
}

fn survey(rng: &mut Rng, rows: usize) -> String {
    let mut t = String::from("response_id,unit_code,responded_on,satisfied,rating,scale,sector\n");
    for i in 0..rows {
        let answer = match rng.below(4) {
            0 => "true,,,".to_string(),
            1 => "false,,,".to_string(),
            2 => "\"\",Rất hài lòng,3,".to_string(),
            _ => ",neutral,3,".to_string(), // not on the 3-level scale
        };
        t.push_str(&format!(
            "R{},U{},2026-05-{:02},{answer}\"s,{}\"\n",
            i % 97 + i / 7,
            rng.below(4),
            1 + rng.below(28),
            rng.below(3)
        ));
    }
    t
}

fn same(kind: RecordKind, text: &str, split: Split) {
    let seq = read_csv_text(kind, text, "f.csv", false);
    let mut b = DatasetBuilder::new();
    b.begin_file(kind, "f.csv");
    let par = read_kind_parallel(
        &mut b,
        kind,
        text.as_bytes(),
        text.len() as u64,
        "f.csv",
        &ReadOptions::default(),
        split,
    )
    .expect("a columnar kind");
    let (seq, (rejected, absent)) = match (seq, par) {
        (Ok(s), Ok(p)) => (s, p),
        (Err(s), Err(p)) => return assert_eq!(s, p, "{split:?}"),
        (s, p) => panic!("{split:?}: one thread {s:?}, parallel {p:?}"),
    };
    b.absent_columns(kind, "f.csv", &absent);
    assert_eq!(rejected, seq.rejected, "{split:?}");
    assert_eq!(b.finish(), seq.dataset, "{split:?}");
}

#[test]
fn chunks_read_as_one_file() {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    for round in 0..12 {
        let text = dossiers(&mut rng, 300 + round * 40);
        let survey_text = survey(&mut rng, 200);
        for (threads, block) in [(1, 50), (2, 97), (3, 256), (2, 1 << 12), (4, 1 << 20)] {
            let split = Split { threads, block };
            same(RecordKind::Dossiers, &text, split);
            same(RecordKind::Survey, &survey_text, split);
        }
    }
}

#[test]
fn the_generated_files_have_what_they_test() {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let text = dossiers(&mut rng, 400);
    let seq = read_csv_text(RecordKind::Dossiers, &text, "f.csv", false).unwrap();
    let reasons: Vec<&str> = seq.rejected.iter().map(|r| r.detail.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("duplicate id")),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.contains("fields, the header has")));
    assert!(reasons.iter().any(|r| r.contains("not a date")));
    assert!(seq
        .dataset
        .dossiers
        .cols
        .sectors
        .codes()
        .iter()
        .any(|s| s.contains('\n')));
    assert!(seq.dataset.dossiers.len() > 200);
}

#[test]
fn header_only_and_no_final_newline() {
    for text in [
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online",
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n",
        "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\nD1,U,P,s,2026-01-02,online,true",
    ] {
        same(RecordKind::Dossiers, text, Split { threads: 2, block: 16 });
    }
}

/// A file without quote characters (what most exports are), read by the
/// chunk reader's fast path: mixed `\n` and `\r\n` line ends, blank lines,
/// lines of spaces, a lone `\r` inside a field (the CSV reader ends a record
/// there, so that chunk is read the slow way), short and long rows, empty
/// last fields, Vietnamese text, and maybe no final newline.
fn plain_dossiers(rng: &mut Rng, rows: usize, delimiter: char, lone_cr: bool) -> String {
    let d = delimiter;
    let mut t = format!(
        "dossier_id{d}unit_code{d}procedure_code{d}sector{d}received_on{d}channel{d}fully_online{d}completed_on\n"
    );
    for i in 0..rows {
        let eol = if rng.below(3) == 0 { "\r\n" } else { "\n" };
        let sector = match rng.below(20) {
            0 => "Y tế dự phòng".to_string(),
            1 => "  an toàn thực phẩm ".to_string(),
            2 if lone_cr => "x\ry".to_string(),
            _ => format!("s{}", rng.below(5)),
        };
        let done = match rng.below(4) {
            0 => String::new(),
            _ => format!("2026-04-{:02}", 1 + rng.below(28)),
        };
        match rng.below(25) {
            0 => t.push_str(eol),
            1 => t.push_str(&format!("   {eol}")),
            2 => t.push_str(&format!("HS{i}x{d}U1{eol}")),
            3 => t.push_str(&format!(
                "HS{i}y{d}U1{d}P1{d}s{d}2026-03-01{d}online{d}true{d}{d}extra{eol}"
            )),
            _ => {}
        }
        t.push_str(&format!(
            "HS{}{d}U{}{d}P1{d}{sector}{d}2026-03-{:02}{d}online{d}{}{d}{done}{eol}",
            if rng.below(30) == 0 {
                rng.below(i as u64 + 1)
            } else {
                i as u64
            },
            rng.below(7),
            1 + rng.below(28),
            ["true", "false", "yes"][rng.below(3) as usize],
        ));
    }
    if rng.below(2) == 0 {
        t.truncate(t.trim_end().len());
    }
    t
}

#[test]
fn files_without_quotes_read_by_the_fast_path_as_one_file() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut plain_chunks = 0;
    for round in 0..16 {
        let delimiter = if round % 4 == 3 { ';' } else { ',' };
        let text = plain_dossiers(&mut rng, 200 + round * 30, delimiter, round % 2 == 0);
        if dvctt::io::csv_read::plain_text(text.as_bytes()).is_some() {
            plain_chunks += 1;
        }
        for (threads, block) in [(1, 40), (2, 97), (2, 333), (3, 1 << 12)] {
            same(RecordKind::Dossiers, &text, Split { threads, block });
        }
    }
    // Half the files hold a lone `\r` (their chunks without one take the
    // fast path); the others are read by it whole.
    assert_eq!(plain_chunks, 8);
}

/// Regression (found by the fast path's test): a line of spaces after a
/// `\r\n` line end was refused as a row of one field, where after a `\n`
/// it is a blank line.
#[test]
fn a_line_of_spaces_after_crlf_is_blank() {
    let h = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n";
    let row = |id: &str, eol: &str| format!("{id},U,P,s,2026-01-02,online,true{eol}");
    for (a, b) in [
        ("\r\n", "\r\n"),
        ("\n", "\r\n"),
        ("\r\n", "\n"),
        ("\n", "\n"),
    ] {
        let text = format!("{h}{}   {b}{}", row("D0", a), row("D1", "\n"));
        let seq = read_csv_text(RecordKind::Dossiers, &text, "f.csv", false).unwrap();
        assert_eq!(seq.rejected, [], "{text:?}");
        assert_eq!(seq.dataset.dossiers.len(), 2);
    }
}

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

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

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
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
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
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
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

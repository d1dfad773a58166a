//! Nothing lost, provably: on random dossier files with random corruptions
//! (stray and missing quotes, cut fields, CRLF, blank lines, bytes that are
//! not UTF-8, a cut last line), every physical line of the file is the
//! header, a line of a record read, a line of a rejected row, or blank;
//! or the whole file is refused with an error.

use dvctt::io::csv_read::read_rows;
use dvctt::io::csv_records::{dossier, DOSSIER_SCHEMA};
use proptest::prelude::*;

const HEADER: &str = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online,completed_on,due_on";

/// A field value: plain, quoted with the separator, quoted over lines,
/// a bad value.
fn field(kind: u8, i: usize) -> String {
    match kind % 8 {
        0 => format!("\"a,{i}\""),
        1 => format!("\"line\n{i}\""),
        2 => "\"say \"\"hi\"\"\"".into(),
        3 => "2026-02-30".into(),
        _ => format!("v{i}"),
    }
}

fn row(i: usize, shape: &[u8]) -> String {
    let mut f = vec![
        format!("D{}", i % 50),
        "U1".to_string(),
        "1.001".to_string(),
        "y_te".to_string(),
        "10/01/2026".to_string(),
        "online".to_string(),
        "true".to_string(),
        String::new(),
        String::new(),
    ];
    for (k, s) in shape.iter().enumerate() {
        if s % 3 == 0 {
            let at = k % f.len();
            f[at] = field(*s / 3, i);
        }
    }
    f.join(",")
}

/// One corruption of the body's bytes at `at` (a fraction of its length).
fn corrupt(body: &mut Vec<u8>, what: u8, at: f64) {
    if body.is_empty() {
        return;
    }
    let i = ((body.len() - 1) as f64 * at) as usize;
    match what % 7 {
        0 => body.insert(i, b'"'),
        1 => {
            body.remove(i);
        }
        2 => body.splice(i..i, b"\n\n".iter().copied()).for_each(drop),
        3 => body.insert(i, 0xFF),
        4 => body.splice(i..i, b"\r\n".iter().copied()).for_each(drop),
        5 => body.truncate(i),
        _ => body.splice(i..i, b",,".iter().copied()).for_each(drop),
    }
}

/// The file's physical lines (a last line without a newline counts).
fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut covered = vec![false; lines(bytes).len() + 2];
    let mut mark = |from: u32, to: u32| {
        for l in from..=to {
            if let Some(c) = covered.get_mut(l as usize) {
                *c = true;
            }
        }
    };
    mark(1, 1);
    let mut read = Vec::new();
    let result = read_rows(bytes, None, "f.csv", false, &DOSSIER_SCHEMA, |r| {
        read.push((r.line(), r.last_line()));
        dossier(r).map(|_| ())
    });
    let rejected = match result {
        Ok(rejected) => rejected,
        Err(_) => return Ok(()), // refused as a whole, with its reason
    };
    for (from, to) in read {
        mark(from, to);
    }
    for r in &rejected {
        prop_assert!(
            r.line >= 1 && r.last_line.is_none_or(|l| l > r.line),
            "{r:?}"
        );
        mark(r.line, r.last_line.unwrap_or(r.line));
    }
    for (k, line) in lines(bytes).iter().enumerate() {
        let n = k + 1;
        let blank = line.iter().all(u8::is_ascii_whitespace);
        prop_assert!(
            covered[n] || blank,
            "line {n} ({:?}) is in no record and no rejected row;\nrejected: {rejected:#?}\nfile:\n{}",
            String::from_utf8_lossy(line),
            String::from_utf8_lossy(bytes)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_line_is_accounted_for(
        shapes in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..4), 1..30),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        corruptions in prop::collection::vec((any::<u8>(), 0.0f64..1.0), 0..4),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut body: Vec<u8> = Vec::new();
        for (i, s) in shapes.iter().enumerate() {
            body.extend(row(i, s).replace('\n', end).as_bytes());
            body.extend(end.as_bytes());
        }
        if !final_newline {
            body.truncate(body.len() - end.len());
        }
        for (what, at) in &corruptions {
            corrupt(&mut body, *what, *at);
        }
        let mut file = format!("{HEADER}{end}").into_bytes();
        file.extend(body);
        check(&file)?;
    }
}

#[test]
fn the_issue_example_unclosed_quote() {
    // A quote opened on line 2 swallows lines 3-6 into one field.
    let mut text = format!("{HEADER}\n");
    text.push_str("D1,\"U1,1.001,y_te,10/01/2026,online,true,,\n");
    for i in 2..6 {
        text.push_str(&format!("D{i},U1,1.001,y_te,10/01/2026,online,true,,\n"));
    }
    text.push_str("D9,U1,1.001,y_te,10/01/2026,online,true,,\n");
    check(text.as_bytes()).unwrap();
    let rejected = read_rows(
        text.as_bytes(),
        None,
        "f.csv",
        false,
        &DOSSIER_SCHEMA,
        |r| dossier(r).map(|_| ()),
    )
    .unwrap();
    assert_eq!(rejected.len(), 1, "{rejected:#?}");
    assert_eq!((rejected[0].line, rejected[0].last_line), (2, Some(7)));
    assert!(
        rejected[0].detail.contains("closing quote"),
        "{rejected:#?}"
    );
}

#[test]
fn a_row_longer_than_the_limit_is_refused_naming_its_line() {
    use dvctt::io::csv_read::MAX_ROW_BYTES;
    // A quote opened on line 3 and never closed, over 2 MiB of rows.
    let mut text = format!("{HEADER}\nD1,U1,1.001,y_te,10/01/2026,online,true,,\nD2,\"U1");
    while (text.len() as u64) < 2 * MAX_ROW_BYTES {
        text.push_str("\nD3,U1,1.001,y_te,10/01/2026,online,true,,");
    }
    let e = read_rows(
        text.as_bytes(),
        None,
        "f.csv",
        false,
        &DOSSIER_SCHEMA,
        |r| dossier(r).map(|_| ()),
    )
    .unwrap_err();
    assert_eq!(e.variant(), "Io");
    assert!(
        e.to_string()
            .contains("starts on line 3 is longer than 1 MiB"),
        "{e}"
    );
    // The same through the parallel reader.
    let mut b = dvctt::data::builder::DatasetBuilder::new();
    let split = dvctt::io::parallel::Split {
        threads: 2,
        block: 1 << 16,
    };
    let e = dvctt::io::parallel::read_kind_parallel(
        &mut b,
        dvctt::RecordKind::Dossiers,
        text.as_bytes(),
        text.len() as u64,
        "f.csv",
        &dvctt::ReadOptions::default(),
        split,
    )
    .unwrap()
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("starts on line 3 is longer than 1 MiB"),
        "{e}"
    );
}

#[test]
fn a_json_document_over_the_limit_is_refused() {
    let big = format!(
        "{{\"x\": \"{}\"}}",
        "a".repeat(dvctt::base::json::MAX_JSON_BYTES)
    );
    let e = dvctt::api::load_plan(&big).unwrap_err();
    assert!(
        e.to_string().contains("documents over 64 MiB are refused"),
        "{e}"
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = dvctt::api::dataset_from_json(&deep).unwrap_err();
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn a_line_of_quotes_is_not_blank() {
    // Found by the property test: a last line holding only `"` (or `""`)
    // parses as one empty field, as a blank line does; it was skipped.
    for last in ["\"", "\"\"", "\"\"\n", "  \"  \"\n"] {
        let text = format!("{HEADER}\nD1,U1,1.001,y_te,10/01/2026,online,true,,\n{last}");
        check(text.as_bytes()).unwrap();
        let rejected = read_rows(
            text.as_bytes(),
            None,
            "f.csv",
            false,
            &DOSSIER_SCHEMA,
            |r| dossier(r).map(|_| ()),
        )
        .unwrap();
        assert_eq!(rejected.len(), 1, "{last:?}: {rejected:#?}");
        assert_eq!(rejected[0].line, 3, "{last:?}");
    }
    // Spaces alone are a blank line.
    let text = format!("{HEADER}\nD1,U1,1.001,y_te,10/01/2026,online,true,,\n   \n");
    let rejected = read_rows(
        text.as_bytes(),
        None,
        "f.csv",
        false,
        &DOSSIER_SCHEMA,
        |r| dossier(r).map(|_| ()),
    )
    .unwrap();
    assert!(rejected.is_empty(), "{rejected:#?}");
}

//! Any bytes as a file of each record kind, through the detection of
//! encoding and separator, the row loop and each kind's row parser; the
//! first byte picks the kind and whether to be strict.
#![no_main]
use dvctt::RecordKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let kinds = [
        RecordKind::Dossiers,
        RecordKind::Survey,
        RecordKind::Staff,
        RecordKind::Procedures,
        RecordKind::Units,
        RecordKind::Publications,
        RecordKind::Outreach,
        RecordKind::Feedback,
    ];
    let kind = kinds[(pick & 7) as usize];
    let strict = pick & 8 != 0;
    if let Ok(load) = dvctt::api::read_bytes(kind, bytes.to_vec(), "f.csv", None, strict) {
        for r in &load.rejected {
            assert!(r.line >= 1, "{r:?}");
            assert!(r.last_line.is_none_or(|l| l > r.line), "{r:?}");
        }
    }
});

//! Any bytes as a workbook (XLSX, XLS, ODS) of dossiers or survey responses.
#![no_main]
use dvctt::RecordKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dvctt::api::read_bytes(RecordKind::Dossiers, data.to_vec(), "f.xlsx", None, false);
    let opts = dvctt::ReadOptions {
        sheet: Some("Khảo sát".into()),
        ..Default::default()
    };
    let _ = dvctt::api::read_bytes(RecordKind::Survey, data.to_vec(), "f.xlsx", Some(opts), false);
});

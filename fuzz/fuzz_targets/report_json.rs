//! A unit or team report from any bytes, read and written back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(read) = dvctt::api::read_report(text) {
            let _ = dvctt::api::report_to_json(read.report);
        }
    }
});

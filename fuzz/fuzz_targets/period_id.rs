//! Any text as a period id (`2026Q1`, `2026VNQ1`, ranges), and its parts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = text.parse::<dvctt::Period>() {
            let _ = p.id();
            let _ = p.days();
            let _ = p.contains_date(p.start());
            let _ = p.id().parse::<dvctt::Period>();
        }
    }
});

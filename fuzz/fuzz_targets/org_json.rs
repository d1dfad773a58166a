//! An org-unit tree (`dvctt/org@1`) from any bytes, then its queries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(org) = dvctt::api::load_org(text) {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
            let _ = dvctt::api::org_units_at(&org, day, None);
            for u in org.units.iter().take(4) {
                let _ = dvctt::api::org_children(&org, &u.code, day);
                let _ = dvctt::api::org_ancestors(&org, &u.code, day);
            }
        }
    }
});

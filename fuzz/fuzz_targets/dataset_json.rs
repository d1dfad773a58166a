//! A data set given as JSON (records and aggregates), then an indicator of
//! each source computed on it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(ds) = dvctt::api::dataset_from_json(text) else { return };
    for id in ["online_dossier_share", "satisfaction_rate", "trained_staff_coverage", "events_held"] {
        let q = format!(r#"{{"indicator": "{id}", "period": "2026", "by_unit": true}}"#);
        if let Ok(q) = dvctt::api::query_from_json(&q) {
            let _ = dvctt::api::compute_indicator(&ds, &q);
        }
    }
});

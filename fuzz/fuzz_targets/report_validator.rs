//! Any bytes as a report, validated against a fixed plan: findings or an
//! error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PLAN: &str = r#"{"schema": "dvctt/plan@1", "id": "p-rep", "title": "t", "issuer": "i",
  "period": "2026", "targets": [{"id": "t1", "description": "d", "indicator": "online_dossier_share",
  "comparator": ">=", "threshold": 80, "deadline": "2026-12-31"},
  {"id": "t2", "description": "d", "indicator": "satisfaction_rate", "comparator": ">=",
  "threshold": 95, "deadline": "2026-12-31"}]}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let plan = dvctt::api::load_plan(PLAN).ok();
    let _ = dvctt::api::validate_report(text, plan, None, Some("2026-04-05T09:00:00+07:00".into()));
});

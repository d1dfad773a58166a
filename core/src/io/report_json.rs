//! Report documents as JSON: reading (by `schema`, upgrading the
//! `dvctt/unit-report@0` draft), and writing canonical JSON.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::time::vietnam;
use crate::model::form06::TTHC_FORM06_SCHEMA;
use crate::model::report::{Finding, Report, ReportRead, TEAM_REPORT_SCHEMA, UNIT_REPORT_SCHEMA};
use crate::model::rule::Rule;
use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Schema id of the pre-release draft of the unit report, upgraded on read.
pub const UNIT_REPORT_SCHEMA_V0: &str = "dvctt/unit-report@0";

/// Reads a report from JSON text (see [`read_report_value`]).
pub fn read_report(text: &str) -> Result<ReportRead> {
    let value = crate::base::json::parse_json(text, "$")?;
    read_report_value(value)
}

/// Reads a report from a JSON value, by its `schema`.
///
/// `dvctt/unit-report@0` is the pre-release draft of the unit report, defined
/// here (it was never published) so that the upgrade path exists and is
/// tested. It differs from `@1` in three fields, upgraded as follows, with
/// finding R019: `unit_code` becomes `unit`; `submitted_on` (a date) becomes
/// `submitted_at` at 00:00 Vietnam time (`+07:00`); `summary` (one text)
/// becomes `narrative.results_achieved`.
pub fn read_report_value(value: Value) -> Result<ReportRead> {
    let Value::Object(mut map) = value else {
        return Err(DvcttError::data("$", "a report must be a JSON object"));
    };
    let schema = match map.get("schema") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(DvcttError::data(
                "schema",
                format!("expected a schema id string, found {other}"),
            ))
        }
        None => {
            return Err(DvcttError::data(
                "schema",
                format!("missing; expected \"{UNIT_REPORT_SCHEMA}\", \"{TEAM_REPORT_SCHEMA}\" or \"{TTHC_FORM06_SCHEMA}\""),
            ))
        }
    };
    let mut findings = Vec::new();
    let report = match schema.as_str() {
        UNIT_REPORT_SCHEMA => Report::Unit(typed(Value::Object(map))?),
        UNIT_REPORT_SCHEMA_V0 => {
            upgrade_v0(&mut map)?;
            findings.push(Finding::new(
                Rule::R019,
                "schema",
                format!("Báo cáo theo mẫu nháp {UNIT_REPORT_SCHEMA_V0} đã được chuyển sang {UNIT_REPORT_SCHEMA}"),
                format!("the report was written in the draft {UNIT_REPORT_SCHEMA_V0} and upgraded to {UNIT_REPORT_SCHEMA}"),
            ));
            Report::Unit(typed(Value::Object(map))?)
        }
        TEAM_REPORT_SCHEMA => Report::Team(typed(Value::Object(map))?),
        TTHC_FORM06_SCHEMA => Report::Form06(typed(Value::Object(map))?),
        other => {
            return Err(DvcttError::data(
                "schema",
                format!("unknown report schema \"{other}\"; known: {UNIT_REPORT_SCHEMA}, {UNIT_REPORT_SCHEMA_V0}, {TEAM_REPORT_SCHEMA}, {TTHC_FORM06_SCHEMA}"),
            ))
        }
    };
    report.check_shape()?;
    Ok(ReportRead { report, findings })
}

fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T> {
    // An unknown indicator id is reported as such, with its path.
    crate::model::indicator::check_indicator_ids(&value, "indicators", "indicator")?;
    crate::base::json::deserialize(value)
        .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))
}

/// Moves the `@0` draft's fields to their `@1` places.
fn upgrade_v0(map: &mut Map<String, Value>) -> Result<()> {
    map.insert("schema".into(), Value::String(UNIT_REPORT_SCHEMA.into()));
    if let Some(u) = map.remove("unit_code") {
        map.insert("unit".into(), u);
    }
    if let Some(d) = map.remove("submitted_on") {
        let s = d
            .as_str()
            .ok_or_else(|| DvcttError::data("submitted_on", "expected a date YYYY-MM-DD"))?;
        let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
            DvcttError::data(
                "submitted_on",
                format!("`{s}` is not a date YYYY-MM-DD: {e}"),
            )
        })?;
        let ts = vietnam()
            .from_local_datetime(&date.and_time(NaiveTime::MIN))
            .single()
            .ok_or_else(|| DvcttError::data("submitted_on", "date out of range"))?;
        map.insert("submitted_at".into(), Value::String(ts.to_rfc3339()));
    }
    if let Some(s) = map.remove("summary") {
        let narrative = map
            .entry("narrative")
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(n) = narrative else {
            return Err(DvcttError::data("narrative", "must be an object"));
        };
        n.entry("results_achieved").or_insert(s);
    }
    Ok(())
}

/// The report as canonical JSON: object keys sorted, two-space indentation,
/// unknown fields in place.
pub fn to_canonical_json(report: &Report) -> Result<String> {
    report.check_shape()?;
    let value = serde_json::to_value(report).map_err(|e| DvcttError::data("$", e.to_string()))?;
    serde_json::to_string_pretty(&sorted(value)).map_err(|e| DvcttError::data("$", e.to_string()))
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let b: BTreeMap<String, Value> = m.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(b.into_iter().collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Places an error about one report of a list under `list[i]` (e.g.
/// `reports[2].period`).
pub fn in_list(e: DvcttError, list: &str, i: usize) -> DvcttError {
    let at = |path: String| {
        if path == "$" {
            format!("{list}[{i}]")
        } else {
            format!("{list}[{i}].{path}")
        }
    };
    match e {
        DvcttError::Data { path, detail } => DvcttError::Data {
            path: at(path),
            detail,
        },
        DvcttError::UnknownIndicator {
            id,
            path,
            known,
            closest,
        } => DvcttError::UnknownIndicator {
            id,
            path: at(path),
            known,
            closest,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_may_not_shadow_a_known_field() {
        let text = include_str!("../../../examples/reports/team-saigon-2026VNM03.json");
        let Report::Team(mut r) = read_report(text).unwrap().report else {
            panic!("not a team report")
        };
        r.sessions.extra.0.insert("event".into(), Value::from(3));
        let err = to_canonical_json(&Report::Team(r)).unwrap_err();
        assert_eq!(err.fields()["path"], "sessions.event");
    }
}

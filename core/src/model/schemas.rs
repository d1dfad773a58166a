//! The JSON Schemas of the report documents (`schemas/`), generated from
//! their types (feature `schema`).

use crate::model::consolidated::{ConsolidatedReport, CONSOLIDATED_REPORT_SCHEMA};
use crate::model::form06::{TthcForm06, TTHC_FORM06_SCHEMA};
use crate::model::report::{TeamReport, UnitReport, TEAM_REPORT_SCHEMA, UNIT_REPORT_SCHEMA};
use serde_json::Value;

/// The JSON Schemas of the report documents, as `(file name, schema)`.
pub fn json_schemas() -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for (file, id, mut schema) in [
        (
            "unit-report.json",
            UNIT_REPORT_SCHEMA,
            schemars::schema_for!(UnitReport),
        ),
        (
            "team-report.json",
            TEAM_REPORT_SCHEMA,
            schemars::schema_for!(TeamReport),
        ),
        (
            "tthc-form-06.json",
            TTHC_FORM06_SCHEMA,
            schemars::schema_for!(TthcForm06),
        ),
        (
            "consolidated-report.json",
            CONSOLIDATED_REPORT_SCHEMA,
            schemars::schema_for!(ConsolidatedReport),
        ),
    ] {
        schema.insert(
            "$id".into(),
            Value::String(format!("https://dvctt.invalid/schemas/{file}")),
        );
        schema.insert(
            "description".into(),
            Value::String(format!("{id}: generated from the Rust types of dvctt (core/src/report.rs); regenerate with UPDATE_SCHEMAS=1 cargo test -p dvctt --features schema --test schemas")),
        );
        if let Some(Value::Object(props)) = schema.get_mut("properties") {
            props.insert("schema".into(), serde_json::json!({"const": id}));
        }
        out.push((file, schema.to_value()));
    }
    out
}

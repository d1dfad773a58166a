//! The JSON Schemas in `schemas/` (the report documents, and the API types
//! in `schemas/api/`) must be the ones the Rust types generate.
//! Regenerate them with
//! `UPDATE_SCHEMAS=1 cargo test -p dvctt --features schema --test schemas`.

use std::path::PathBuf;

#[test]
fn schemas_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v != "0");
    let mut stale = Vec::new();
    let mut schemas = dvctt::model::schemas::json_schemas();
    assert!(schemas.len() >= 2, "only {} schemas", schemas.len());
    let api = dvctt::api::schemas::json_schemas();
    assert_eq!(api.len(), 2, "the API schemas: input and output");
    for (file, schema) in &api {
        let defs = schema["$defs"].as_object().map_or(0, |d| d.len());
        assert!(defs > 100, "only {defs} types in schemas/{file}");
    }
    schemas.extend(api);
    for (file, schema) in schemas {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{stale:?} are not current: run UPDATE_SCHEMAS=1 cargo test -p dvctt --features schema --test schemas"
    );
}

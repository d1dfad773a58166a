//! DHIS2 operations: computed values out as `dataValueSets` JSON or ADX
//! XML through a mapping, `dataValueSets` JSON or ADX XML in as reported
//! aggregates, and
//! DHIS2 org units in as a `dvctt/org@1` document (see `io::dhis2`).

use serde_json::Value;

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::json::{parse_json, FromValue};
use crate::base::time::{parse_timestamp, system_now};
use crate::io::{dhis2, dhis2_read};
use crate::model::dhis2::{Dhis2Import, Dhis2Mapping};
use crate::model::indicator::IndicatorResult;
use crate::model::org::OrgDocument;

impl FromValue for Dhis2Mapping {
    fn from_value(value: Value) -> Result<Self> {
        Dhis2Mapping::from_value(value)
    }
}

/// A list of indicator results (what `compute_indicator` returns).
impl FromValue for Vec<IndicatorResult> {
    fn from_value(value: Value) -> Result<Self> {
        if !value.is_array() {
            return Err(DvcttError::data("results", "expected an array of results"));
        }
        crate::base::json::deserialize(value).map_err(|e| {
            DvcttError::data(
                format!("results{}", json_path(e.path()).trim_start_matches('$')),
                e.inner().to_string(),
            )
        })
    }
}

/// Parses and checks a `dvctt/dhis2-mapping@1` document.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dhis2_mapping_from_json(json: &str) -> Result<Dhis2Mapping> {
    Dhis2Mapping::from_value(parse_json(json, "$")?)
}

/// Computed results as a DHIS2 `dataValueSets` JSON payload (see
/// [`dhis2::data_value_set`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dhis2_data_value_set(
    results: Vec<IndicatorResult>,
    mapping: Dhis2Mapping,
) -> Result<String> {
    dhis2::data_value_set_json(&results, &mapping)
}

/// Computed results as an ADX XML message (see [`dhis2::adx_xml`]);
/// `exported` is the instant of the export written on the message (RFC
/// 3339; default: the system clock; WASM, which has no system clock,
/// passes the JS `Date`).
pub fn dhis2_adx(
    results: Vec<IndicatorResult>,
    mapping: Dhis2Mapping,
    exported: Option<String>,
) -> Result<String> {
    let exported = match exported {
        Some(t) => parse_timestamp(&t, "exported")?,
        None => system_now(),
    };
    dhis2::adx_xml(&results, &mapping, exported)
}

/// A DHIS2 `dataValueSets` JSON payload read as reported aggregates (see
/// [`dhis2_read::read_data_value_set`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dhis2_read_data_value_set(json: &str, mapping: Dhis2Mapping) -> Result<Dhis2Import> {
    dhis2_read::read_data_value_set(json, &mapping)
}

/// An ADX XML message read as reported aggregates, as a `dataValueSets`
/// payload is (see [`dhis2_read::read_adx`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dhis2_read_adx(xml: &str, mapping: Dhis2Mapping) -> Result<Dhis2Import> {
    dhis2_read::read_adx(xml, &mapping)
}

/// DHIS2's `organisationUnits` JSON read as a `dvctt/org@1` document (see
/// [`dhis2::read_org_units`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dhis2_org_units(json: &str) -> Result<OrgDocument> {
    dhis2::read_org_units(json)
}

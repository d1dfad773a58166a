//! DHIS2 interchange: the mapping between dvctt's indicators and units and
//! a DHIS2 instance's data elements and org units (`dvctt/dhis2-mapping@1`),
//! and the payloads DHIS2 exchanges (`dataValueSets`, `organisationUnits`)
//! as types. The readers and writers are in `io::dhis2`.

use crate::base::error::{json_path, DvcttError, Result};
use crate::model::dataset_records::Aggregate;
use crate::model::indicator::IndicatorId;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Schema id of a mapping document.
pub const DHIS2_MAPPING_SCHEMA: &str = "dvctt/dhis2-mapping@1";

/// One cell of a DHIS2 data set: a data element and, for a disaggregated
/// element, its category option combo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dhis2Element {
    /// Data element uid (or code, when the instance imports by code).
    pub data_element: String,
    /// Category option combo uid; `None`: the default combo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub category_option_combo: Option<String>,
    /// ADX only: the disaggregation as category code → option code (ADX
    /// names categories, not option combos). Needed in ADX whenever
    /// `category_option_combo` is given.
    #[serde(default, skip_serializing_if = "HashMap::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub adx_categories: HashMap<String, String>,
}

/// Where one indicator's figures go in DHIS2: its numerator, denominator
/// and value, each an element (at least one). A count indicator's count is
/// its numerator. Importing needs the numerator, and for a ratio the
/// denominator too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dhis2IndicatorMap {
    pub indicator: IndicatorId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub numerator: Option<Dhis2Element>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub denominator: Option<Dhis2Element>,
    /// The value itself (a percentage for a ratio), for instances that
    /// store the rate rather than compute it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub value: Option<Dhis2Element>,
}

/// The mapping document (`dvctt/dhis2-mapping@1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dhis2Mapping {
    /// Always [`DHIS2_MAPPING_SCHEMA`].
    pub schema: String,
    /// Data set uid written into exports (`dataSet`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub data_set: Option<String>,
    /// Attribute option combo uid written into exports, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub attribute_option_combo: Option<String>,
    pub indicators: Vec<Dhis2IndicatorMap>,
    /// dvctt unit code → DHIS2 org unit uid.
    pub org_units: HashMap<String, String>,
    /// The org unit uid of figures for all units together (a result with
    /// no unit); without it such figures cannot be exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub all_units_org_unit: Option<String>,
}

impl Dhis2Mapping {
    /// Parses and checks a mapping: the schema id, one entry per indicator
    /// with at least one element, an org unit uid used by one unit only, no
    /// element used twice (an import could not tell them apart).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        if !value.is_object() {
            return Err(DvcttError::data(
                "$",
                "a DHIS2 mapping must be a JSON object",
            ));
        }
        let m: Dhis2Mapping = crate::base::json::deserialize(value)
            .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
        m.check()?;
        Ok(m)
    }

    fn check(&self) -> Result<()> {
        if self.schema != DHIS2_MAPPING_SCHEMA {
            return Err(DvcttError::data(
                "schema",
                format!(
                    "expected \"{DHIS2_MAPPING_SCHEMA}\", found \"{}\"",
                    self.schema
                ),
            ));
        }
        let mut seen_ind = HashMap::new();
        let mut seen_el: HashMap<(&str, Option<&str>), String> = HashMap::new();
        for (i, m) in self.indicators.iter().enumerate() {
            let at = format!("indicators[{i}]");
            if let Some(j) = seen_ind.insert(m.indicator, i) {
                return Err(DvcttError::data(
                    at,
                    format!("{} is mapped already at indicators[{j}]", m.indicator),
                ));
            }
            let parts = [
                ("numerator", &m.numerator),
                ("denominator", &m.denominator),
                ("value", &m.value),
            ];
            if parts.iter().all(|(_, e)| e.is_none()) {
                return Err(DvcttError::data(
                    at,
                    "give at least one of numerator, denominator, value",
                ));
            }
            for (name, e) in parts {
                let Some(e) = e else { continue };
                let here = format!("{at}.{name}");
                if e.data_element.trim().is_empty() {
                    return Err(DvcttError::data(format!("{here}.data_element"), "empty"));
                }
                let key = (e.data_element.as_str(), e.category_option_combo.as_deref());
                if let Some(first) = seen_el.insert(key, here.clone()) {
                    return Err(DvcttError::data(
                        here,
                        format!("the same data element and combo as {first}"),
                    ));
                }
            }
        }
        let mut uids: HashMap<&str, &str> = HashMap::new();
        let mut pairs: Vec<(&String, &String)> = self.org_units.iter().collect();
        pairs.sort();
        for (code, uid) in pairs {
            if let Some(other) = uids.insert(uid.as_str(), code.as_str()) {
                return Err(DvcttError::data(
                    format!("org_units.{code}"),
                    format!("org unit {uid} is also mapped from {other}"),
                ));
            }
        }
        Ok(())
    }
}

/// One DHIS2 data value, as in a `dataValueSets` payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataValue {
    pub data_element: String,
    /// Missing: the set's period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Missing: the set's org unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_option_combo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_option_combo: Option<String>,
    /// DHIS2 writes values as strings; a JSON number is read too.
    pub value: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `true` on a value deleted in DHIS2 (exported with
    /// `includeDeleted=true`): it is not a figure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// A `dataValueSets` payload: set-level defaults and the data values.
/// Fields DHIS2 adds on export that dvctt does not use (`storedBy`,
/// `created`, `lastUpdated`, `followup`, …) are read and ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataValueSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_option_combo: Option<String>,
    #[serde(default)]
    pub data_values: Vec<DataValue>,
}

/// A reference to another DHIS2 object (`{"id": "…"}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IdRef {
    pub id: String,
}

/// One org unit of DHIS2's `organisationUnits` payload (the fields dvctt
/// reads; others are ignored).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2OrgUnit {
    pub id: String,
    #[serde(default)]
    pub code: Option<String>,
    pub name: String,
    #[serde(default)]
    pub level: Option<u32>,
    #[serde(default)]
    pub parent: Option<IdRef>,
    /// `/uidRoot/…/uidSelf`.
    #[serde(default)]
    pub path: Option<String>,
    /// `2010-01-01T00:00:00.000`.
    #[serde(default)]
    pub opening_date: Option<String>,
    #[serde(default)]
    pub closed_date: Option<String>,
}

/// The `organisationUnits` payload (`/api/organisationUnits?paging=false`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2OrgUnits {
    pub organisation_units: Vec<Dhis2OrgUnit>,
    /// Present when the payload is one page of a paged list.
    #[serde(default)]
    pub pager: Option<Dhis2Pager>,
}

/// The `pager` of a paged DHIS2 list (`page` of `pageCount`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dhis2Pager {
    #[serde(default)]
    pub page: Option<u64>,
    #[serde(default)]
    pub page_count: Option<u64>,
    #[serde(default)]
    pub total: Option<u64>,
}

/// What a `dataValueSets` payload gives: reported aggregates, and the data
/// values that were not imported, each with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dhis2Import {
    pub aggregates: Vec<Aggregate>,
    /// `dataValues[7]: data element X (combo Y) is not in the mapping`, …
    pub not_imported: Vec<String>,
}

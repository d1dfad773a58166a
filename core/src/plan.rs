//! Plans (Kế hoạch) and their targets, loaded from `dvctt/plan@1` JSON.

use crate::error::{json_path, DvcttError, Result};
use crate::indicator::{check_indicator_ids, IndicatorId, Scope};
use crate::period::Period;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The schema id every plan document carries.
pub const PLAN_SCHEMA: &str = "dvctt/plan@1";

/// How a value is compared with a target's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Comparator {
    /// Value ≥ threshold (tối thiểu, ít nhất).
    #[serde(rename = ">=", alias = "≥")]
    AtLeast,
    /// Value ≤ threshold (tối đa, không quá).
    #[serde(rename = "<=", alias = "≤")]
    AtMost,
    /// Value = threshold (e.g. 100%).
    #[serde(rename = "=")]
    Equal,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
            Comparator::Equal => "=",
        }
    }
}

/// A numeric target (chỉ tiêu) of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Target {
    pub id: String,
    /// The target as the plan words it.
    pub description: String,
    pub indicator: IndicatorId,
    pub comparator: Comparator,
    /// In the indicator's unit (percent for ratios).
    pub threshold: f64,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub deadline: NaiveDate,
    /// Period the value is measured over; the plan's period when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub period: Option<String>,
    #[serde(default)]
    pub scope: Scope,
}

/// A plan (Kế hoạch) with its numeric targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Plan {
    /// Always [`PLAN_SCHEMA`].
    pub schema: String,
    /// Stable id chosen by whoever encodes the plan, e.g. `hcm-syt-2026`.
    pub id: String,
    /// Document number (số hiệu), e.g. `81/KH-SYT`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub number: Option<String>,
    pub title: String,
    /// Issuing body (cơ quan ban hành).
    pub issuer: String,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub issued_on: Option<NaiveDate>,
    /// Period id the plan covers, e.g. `2026`.
    pub period: String,
    /// Documents the plan cites as its basis (căn cứ).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub legal_basis: Vec<String>,
    /// Free-text remarks of whoever encoded the plan.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Vec<String>,
    pub targets: Vec<Target>,
}

fn plan_err(path: impl Into<String>, detail: impl Into<String>) -> DvcttError {
    DvcttError::Plan {
        path: path.into(),
        detail: detail.into(),
    }
}

impl Plan {
    /// Parses and validates a plan document.
    pub fn from_json(text: &str) -> Result<Self> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| plan_err("$", format!("not valid JSON: {e}")))?;
        Self::from_value(value)
    }

    /// Validates an already-parsed plan document.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        match value.get("schema") {
            Some(serde_json::Value::String(s)) if s == PLAN_SCHEMA => {}
            Some(other) => {
                return Err(plan_err(
                    "schema",
                    format!("expected \"{PLAN_SCHEMA}\", found {other}"),
                ))
            }
            None if value.is_object() => {
                return Err(plan_err(
                    "schema",
                    format!("missing; expected \"{PLAN_SCHEMA}\""),
                ))
            }
            None => return Err(plan_err("$", "a plan must be a JSON object")),
        }
        check_indicator_ids(&value, "targets", "indicator")?;
        let plan: Plan = serde_path_to_error::deserialize(value)
            .map_err(|e| plan_err(json_path(e.path()), e.inner().to_string()))?;
        plan.validate()?;
        Ok(plan)
    }

    /// Rules the JSON shape cannot express.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(plan_err("id", "empty"));
        }
        self.period
            .parse::<Period>()
            .map_err(|e| plan_err("period", e.to_string()))?;
        let mut ids = HashMap::new();
        for (i, t) in self.targets.iter().enumerate() {
            let at = |f: &str| format!("targets[{i}].{f}");
            if t.id.trim().is_empty() {
                return Err(plan_err(at("id"), "empty"));
            }
            if let Some(first) = ids.insert(t.id.as_str(), i) {
                return Err(plan_err(
                    at("id"),
                    format!("duplicate target id `{}` (first at targets[{first}])", t.id),
                ));
            }
            if !t.threshold.is_finite()
                || (t.indicator.is_ratio() && !(0.0..=100.0).contains(&t.threshold))
            {
                return Err(plan_err(
                    at("threshold"),
                    format!("{} is not a percentage between 0 and 100", t.threshold),
                ));
            }
            if let Some(p) = &t.period {
                p.parse::<Period>()
                    .map_err(|e| plan_err(at("period"), e.to_string()))?;
            }
        }
        Ok(())
    }

    /// The period a target is measured over.
    pub fn target_period(&self, t: &Target) -> Result<Period> {
        t.period.as_deref().unwrap_or(&self.period).parse()
    }
}

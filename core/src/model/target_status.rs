//! How a target stands: the outcome of judging it, in every document that
//! judges targets (the evaluation, the consolidated report).

use serde::{Deserialize, Serialize};

/// Outcome for one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum TargetStatus {
    /// The value satisfies the applicable threshold (đạt).
    Met,
    /// Not yet met, but progressing along the trajectory (đúng tiến độ).
    OnTrack,
    /// Not met and behind the trajectory, though not far (có nguy cơ không đạt).
    AtRisk,
    /// Not met at the deadline, or far behind the trajectory (chậm tiến độ / không đạt).
    OffTrack,
    /// Zero denominator: nothing to judge (không có số liệu).
    NoData,
}

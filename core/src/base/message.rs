//! Message codes (mã thông điệp) of the engine's findings: why an indicator
//! or a target is not computed, and what the cascade check found. Each is
//! an enum serialised with a stable `code` and its parameters, so that
//! every output can say it in Vietnamese or English (the catalogue of both
//! texts is `tables::messages`); `Display` gives the English sentence the
//! error texts have always carried.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An optional column a source lacked: `source` (a file name or `dossiers`
/// for records given as objects) has no `column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ColumnRef {
    pub source: String,
    pub column: String,
}

/// Why an indicator (or a target) is not computed (lý do chưa tính được):
/// absent data is "not computed, because …", never 0%.
///
/// Serialised as `{"code": "columns_absent", "columns": […]}`; the codes are
/// stable (outputs and other programs key on them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum NotComputedReason {
    /// The inputs lack optional columns the indicator needs (thiếu cột).
    ColumnsAbsent { columns: Vec<ColumnRef> },
    /// Partial counts were given instead of records, and they do not hold
    /// records of `kind` (campaign logs), nor were such records given.
    PartsLackKind { kind: String },
    /// The partial counts' time buckets of `kind` do not tile `period`.
    PartsNotTiled { kind: String, period: String },
    /// The indicator comes from reported aggregates only (số liệu báo cáo),
    /// and none of it were given.
    NoAggregates,
    /// A count from records of `kind`, which the inputs did not give (no
    /// file of it, no record): unknown, not 0.
    KindNotGiven { kind: String },
}

impl NotComputedReason {
    /// The stable code, as serialised (`columns_absent`, …).
    pub fn code(&self) -> &'static str {
        match self {
            NotComputedReason::ColumnsAbsent { .. } => "columns_absent",
            NotComputedReason::PartsLackKind { .. } => "parts_lack_kind",
            NotComputedReason::PartsNotTiled { .. } => "parts_not_tiled",
            NotComputedReason::NoAggregates => "no_aggregates",
            NotComputedReason::KindNotGiven { .. } => "kind_not_given",
        }
    }
}

impl fmt::Display for NotComputedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotComputedReason::ColumnsAbsent { columns } => {
                let each: Vec<String> = columns
                    .iter()
                    .map(|c| format!("{} has no `{}` column", c.source, c.column))
                    .collect();
                f.write_str(&each.join("; "))
            }
            NotComputedReason::PartsLackKind { kind } => write!(
                f,
                "the partial counts hold dossiers, survey responses and staff only, and no {kind} records were given beside them"
            ),
            NotComputedReason::PartsNotTiled { kind, period } => write!(
                f,
                "the partial counts' {kind} buckets do not tile {period}: build the parts with this plan (or these queries)"
            ),
            NotComputedReason::NoAggregates => f.write_str(
                "it comes from reported aggregates only (dataset.aggregates), and none of it were given",
            ),
            NotComputedReason::KindNotGiven { kind } => write!(
                f,
                "no records of `{kind}` were given: a count without them is unknown, not 0"
            ),
        }
    }
}

/// One step of a target as the cascade messages quote it: `>= 80 by
/// 2025-12-31` (a milestone or the final threshold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CascadeStep {
    /// `>=`, `<=` or `=`.
    pub comparator: String,
    pub threshold: f64,
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deadline: NaiveDate,
}

impl fmt::Display for CascadeStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} by {}",
            self.comparator, self.threshold, self.deadline
        )
    }
}

/// What the cascade check (phân cấp) found about a target and the plan it
/// implements: a stable `code` and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CascadeDetail {
    /// The plan it implements is not among the plans loaded.
    ParentNotLoaded,
    /// The parent plan has no target of the indicator whose scope contains
    /// this target's.
    NoParentTarget {
        parent_plan_id: String,
        indicator: String,
    },
    /// The two targets disagree on the direction (`higher_is_better`,
    /// `lower_is_better`).
    DirectionDiffers {
        direction: String,
        parent_direction: String,
    },
    /// A step of this target is worse than the parent's requirement at its
    /// date (chỉ tiêu thấp hơn cấp trên).
    LooserThanParent {
        step: CascadeStep,
        parent_plan_id: String,
        parent_target_id: String,
        parent_step: CascadeStep,
    },
    /// The parent asks for a level, inside this target's period, that this
    /// target reaches only later (lùi thời hạn).
    LaterThanParent {
        step: CascadeStep,
        parent_plan_id: String,
        parent_target_id: String,
        parent_step: CascadeStep,
    },
    /// The target refines the parent's step (cụ thể hoá chỉ tiêu cấp trên).
    Refines {
        step: CascadeStep,
        parent_plan_id: String,
        parent_target_id: String,
        parent_step: CascadeStep,
    },
}

impl CascadeDetail {
    /// The stable code, as serialised (`parent_not_loaded`, …).
    pub fn code(&self) -> &'static str {
        match self {
            CascadeDetail::ParentNotLoaded => "parent_not_loaded",
            CascadeDetail::NoParentTarget { .. } => "no_parent_target",
            CascadeDetail::DirectionDiffers { .. } => "direction_differs",
            CascadeDetail::LooserThanParent { .. } => "looser_than_parent",
            CascadeDetail::LaterThanParent { .. } => "later_than_parent",
            CascadeDetail::Refines { .. } => "refines",
        }
    }
}

impl fmt::Display for CascadeDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CascadeDetail::ParentNotLoaded => {
                f.write_str("the plan it implements is not among the plans loaded")
            }
            CascadeDetail::NoParentTarget {
                parent_plan_id,
                indicator,
            } => write!(
                f,
                "no target of {parent_plan_id} on {indicator} with a scope containing this one's"
            ),
            CascadeDetail::DirectionDiffers {
                direction,
                parent_direction,
            } => write!(
                f,
                "direction {direction} differs from the parent target's {parent_direction}"
            ),
            CascadeDetail::LooserThanParent {
                step,
                parent_plan_id,
                parent_target_id,
                parent_step,
            } => write!(
                f,
                "looser than the parent: asks {step} where {parent_plan_id} target {parent_target_id} asks {parent_step}"
            ),
            CascadeDetail::LaterThanParent {
                step,
                parent_plan_id,
                parent_target_id,
                parent_step,
            } => write!(
                f,
                "later deadline than the parent: {parent_plan_id} target {parent_target_id} asks {parent_step}, this target only {step}"
            ),
            CascadeDetail::Refines {
                step,
                parent_plan_id,
                parent_target_id,
                parent_step,
            } => write!(
                f,
                "refines {parent_plan_id} target {parent_target_id} ({parent_step}) with {step}"
            ),
        }
    }
}

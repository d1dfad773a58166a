//! `dvctt/tthc-form-06@1`: the report on handling administrative procedures
//! (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP — tình hình, kết quả giải
//! quyết thủ tục hành chính): the document's types and shape. It is computed
//! from dossiers in [`crate::engine::form06`] and checked against its rules
//! (R024–R029) in `reports::form06_rules`.
//!
//! In every row `received.total = settled.total + in_progress.total`.

use crate::base::error::{DvcttError, Result};
use crate::base::time::Timestamp;
use crate::model::extra::{check_extra, Extra};
use serde::{Deserialize, Serialize};

/// Schema id of the TTHC handling report (Biểu số 06/VPCP/KSTT).
pub const TTHC_FORM06_SCHEMA: &str = "dvctt/tthc-form-06@1";

/// Dossiers received for handling (số hồ sơ nhận giải quyết, tiếp nhận).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Form06Received {
    /// All (tổng số) = online + direct_or_postal + carried_over.
    pub total: i64,
    /// Newly received online (mới tiếp nhận trực tuyến).
    pub online: i64,
    /// Newly received in person or by post (mới tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính công ích).
    pub direct_or_postal: i64,
    /// Carried over from the previous period (từ kỳ trước chuyển qua).
    pub carried_over: i64,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// Dossiers settled in the period (đã giải quyết).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Form06Settled {
    /// All (tổng số) = early + on_time + late.
    pub total: i64,
    /// Before the due date (trước hạn).
    pub early: i64,
    /// On the due date (đúng hạn).
    pub on_time: i64,
    /// After the due date (quá hạn).
    pub late: i64,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// Dossiers still being handled at the period's end (đang giải quyết).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Form06InProgress {
    /// All (tổng số) = within_deadline + overdue.
    pub total: i64,
    /// Not yet due (trong hạn, chưa đến hạn).
    pub within_deadline: i64,
    /// Past the due date (quá hạn).
    pub overdue: i64,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// One row of the form: one sector (lĩnh vực), or the total row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Form06Row {
    /// Sector code (lĩnh vực) as in the dossiers; empty in the total row.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub sector: String,
    pub received: Form06Received,
    pub settled: Form06Settled,
    pub in_progress: Form06InProgress,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

/// `dvctt/tthc-form-06@1`: Biểu số 06/VPCP/KSTT for a unit and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TthcForm06 {
    /// Always [`TTHC_FORM06_SCHEMA`].
    pub schema: String,
    /// The form's own id, if the sender gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub id: Option<String>,
    /// Reporting unit's code (đơn vị báo cáo): the first unit asked for.
    pub unit: String,
    /// Every unit code the figures cover, sorted, when more than one (several
    /// units asked for, or a unit with its subtree of the org tree).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub units: Vec<String>,
    /// Period id, any kind (e.g. `2026Q1`, `2026VNQ1`).
    pub period: String,
    /// When the form was produced or submitted: RFC 3339 with offset.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub submitted_at: Timestamp,
    /// One row per sector, sorted by sector code.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rows: Vec<Form06Row>,
    /// Column sums of the rows (tổng cộng).
    pub total: Form06Row,
    #[serde(flatten)]
    #[cfg_attr(feature = "uniffi", uniffi(default = "{}"))]
    pub extra: Extra,
}

impl Form06Row {
    /// The eleven counts with their JSON paths inside a row, in form order.
    pub fn counts(&self) -> [(&'static str, i64); 11] {
        let (r, s, p) = (&self.received, &self.settled, &self.in_progress);
        [
            ("received.total", r.total),
            ("received.online", r.online),
            ("received.direct_or_postal", r.direct_or_postal),
            ("received.carried_over", r.carried_over),
            ("settled.total", s.total),
            ("settled.early", s.early),
            ("settled.on_time", s.on_time),
            ("settled.late", s.late),
            ("in_progress.total", p.total),
            ("in_progress.within_deadline", p.within_deadline),
            ("in_progress.overdue", p.overdue),
        ]
    }

    /// Adds another row's counts to this one's.
    pub fn add(&mut self, o: &Form06Row) {
        let (a, b) = (&mut self.received, &o.received);
        a.total += b.total;
        a.online += b.online;
        a.direct_or_postal += b.direct_or_postal;
        a.carried_over += b.carried_over;
        let (a, b) = (&mut self.settled, &o.settled);
        a.total += b.total;
        a.early += b.early;
        a.on_time += b.on_time;
        a.late += b.late;
        let (a, b) = (&mut self.in_progress, &o.in_progress);
        a.total += b.total;
        a.within_deadline += b.within_deadline;
        a.overdue += b.overdue;
    }
}

const FORM_FIELDS: &[&str] = &[
    "schema",
    "id",
    "unit",
    "units",
    "period",
    "submitted_at",
    "rows",
    "total",
];
const ROW_FIELDS: &[&str] = &["sector", "received", "settled", "in_progress"];
const RECEIVED_FIELDS: &[&str] = &["total", "online", "direct_or_postal", "carried_over"];
const SETTLED_FIELDS: &[&str] = &["total", "early", "on_time", "late"];
const IN_PROGRESS_FIELDS: &[&str] = &["total", "within_deadline", "overdue"];

impl TthcForm06 {
    /// The sector rows, then the total row, each with its JSON path
    /// (`rows[i]`, `total`).
    pub fn rows_and_total(&self) -> impl Iterator<Item = (String, &Form06Row)> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("rows[{i}]"), r))
            .chain(std::iter::once(("total".to_string(), &self.total)))
    }

    /// Shape checks beyond the JSON shape: extras that shadow known fields,
    /// and a sector code in every sector row.
    pub fn check_shape(&self) -> Result<()> {
        check_extra(&self.extra, FORM_FIELDS, "")?;
        for (at, r) in self.rows_and_total() {
            check_extra(&r.extra, ROW_FIELDS, &at)?;
            check_extra(
                &r.received.extra,
                RECEIVED_FIELDS,
                &format!("{at}.received"),
            )?;
            check_extra(&r.settled.extra, SETTLED_FIELDS, &format!("{at}.settled"))?;
            check_extra(
                &r.in_progress.extra,
                IN_PROGRESS_FIELDS,
                &format!("{at}.in_progress"),
            )?;
            if at != "total" && r.sector.trim().is_empty() {
                return Err(DvcttError::Data {
                    path: format!("{at}.sector"),
                    detail: "empty sector code".into(),
                });
            }
        }
        Ok(())
    }
}

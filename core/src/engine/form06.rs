//! `dvctt/tthc-form-06@1`: the report on handling administrative procedures
//! (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP — tình hình, kết quả giải
//! quyết thủ tục hành chính), computed from dossier records for a unit and a
//! period, or read from a submitted form and checked (rules R024–R029).
//!
//! For a period `[start, end]`, a dossier of a unit covered is:
//!
//! - **outside the form** when received after `end`, or settled before `start`;
//! - **carried over** (từ kỳ trước chuyển qua) when received before `start`
//!   and not settled before `start`; **new** otherwise, split by `channel`
//!   into **online** (trực tuyến) and **direct or postal** (trực tiếp, bưu
//!   chính công ích);
//! - **settled** (đã giải quyết) when `completed_on` lies in the period:
//!   early, on time or late exactly as `on_time_completion_rate` counts
//!   ([`Dossier::completion_part`]: `completed_on` against `due_on +
//!   paused_days`);
//! - **in progress** (đang giải quyết) otherwise (not settled by `end`):
//!   **overdue** (quá hạn) when `due_on + paused_days` is before `end`,
//!   **within the deadline** (trong hạn) otherwise. A dossier in progress
//!   without a due date is within the deadline: no deadline has passed.
//!
//! So `received.total = settled.total + in_progress.total` in every row.

use crate::base::day::{day_number, NO_DATE};
use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::data::dossiers::{DossierBatch, CHANNEL_SHIFT};
use crate::export::table::{Cell, Column, ColumnKind, Table};
use crate::model::org::OrgTree;
use crate::model::report::{finding, negative, Extra, Finding};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub submitted_at: String,
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

fn data_err(path: impl Into<String>, detail: impl Into<String>) -> DvcttError {
    DvcttError::Data {
        path: path.into(),
        detail: detail.into(),
    }
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

    fn add(&mut self, o: &Form06Row) {
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

/// The form's rows, one per sector, from the dossiers of the covered units:
/// received up to the period's end and not settled before it.
fn count_rows<'d>(
    dossiers: &'d DossierBatch,
    covered: &BTreeSet<&str>,
    start: i32,
    end: i32,
) -> Result<BTreeMap<&'d str, Form06Row>> {
    let c = &dossiers.cols;
    let unit_in: Vec<bool> = c
        .units
        .codes()
        .iter()
        .map(|u| covered.contains(u.as_str()))
        .collect();
    let mut rows: BTreeMap<&str, Form06Row> = BTreeMap::new();
    for i in 0..dossiers.len() {
        if let Some((field, reason)) = dossiers.fields(i).check() {
            return Err(data_err(format!("dossiers[{i}].{field}"), reason));
        }
        let (received, done, due) = (c.received[i], c.completed[i], c.due[i]);
        if !unit_in[c.unit[i] as usize] || received > end {
            continue;
        }
        if done != NO_DATE && done < start {
            continue;
        }
        let row = rows.entry(c.sectors.code(c.sector[i])).or_default();
        let r = &mut row.received;
        r.total += 1;
        if received < start {
            r.carried_over += 1;
        } else if c.flags[i] >> CHANNEL_SHIFT == 0 {
            r.online += 1;
        } else {
            r.direct_or_postal += 1;
        }
        if done != NO_DATE && done <= end {
            // Early, on time or late against the due date pushed back by the
            // paused days, as `on_time_completion_rate` counts them.
            let s = &mut row.settled;
            s.total += 1;
            match due {
                NO_DATE => s.late += 1,
                d if done < d => s.early += 1,
                d if done == d => s.on_time += 1,
                _ => s.late += 1,
            }
        } else {
            let p = &mut row.in_progress;
            p.total += 1;
            if due != NO_DATE && due < end {
                p.overdue += 1;
            } else {
                p.within_deadline += 1;
            }
        }
    }
    Ok(rows)
}

/// Computes the form for `units` over `period` from dossier records.
///
/// Without `org` the form covers exactly the unit codes given; with it, each
/// unit and its subtree on the period's last day (records are matched by
/// code; records of units reorganised away before then are not mapped). The
/// form's `unit` is the first unit given. Errors: no unit, an empty code, a
/// unit not in the tree on the period's last day (`units[i]`), an
/// inconsistent dossier (`dossiers[i].field`, see [`Dossier::check`]).
pub fn compute_form06(
    dossiers: &DossierBatch,
    units: &[String],
    period: &Period,
    org: Option<&OrgTree>,
    submitted_at: DateTime<FixedOffset>,
) -> Result<TthcForm06> {
    let Some(first) = units.first() else {
        return Err(data_err("units", "at least one unit is needed"));
    };
    let (start, end) = (period.start(), period.end());
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for (i, u) in units.iter().enumerate() {
        if u.trim().is_empty() {
            return Err(data_err(format!("units[{i}]"), "empty unit code"));
        }
        match org {
            None => {
                covered.insert(u.as_str());
            }
            Some(tree) => {
                let sub = tree.descendants_at(u, end);
                if sub.is_empty() {
                    return Err(data_err(
                        format!("units[{i}]"),
                        format!("unit `{u}` is not in the organisation tree on {end}"),
                    ));
                }
                covered.extend(sub.into_iter().map(|x| x.code.as_str()));
            }
        }
    }
    let rows = count_rows(dossiers, &covered, day_number(start), day_number(end))?;
    let mut total = Form06Row::default();
    let rows: Vec<Form06Row> = rows
        .into_iter()
        .map(|(sector, mut row)| {
            row.sector = sector.to_string();
            total.add(&row);
            row
        })
        .collect();
    Ok(TthcForm06 {
        schema: TTHC_FORM06_SCHEMA.into(),
        id: None,
        unit: first.clone(),
        units: if covered.len() > 1 {
            covered.into_iter().map(str::to_string).collect()
        } else {
            Vec::new()
        },
        period: period.id(),
        submitted_at: submitted_at.to_rfc3339(),
        rows,
        total,
        extra: Extra::default(),
    })
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

/// Shape checks beyond the JSON shape: extras that shadow known fields, and
/// a sector code in every sector row.
pub(crate) fn check_shape(f: &TthcForm06) -> Result<()> {
    use crate::model::report::check_extra;
    check_extra(&f.extra, FORM_FIELDS, "")?;
    let all = f
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("rows[{i}]"), r))
        .chain(std::iter::once(("total".to_string(), &f.total)));
    for (at, r) in all {
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
            return Err(data_err(format!("{at}.sector"), "empty sector code"));
        }
    }
    Ok(())
}

/// The form's own rules (R024–R029) and R002, for every row and the total.
pub(crate) fn rules(f: &TthcForm06, out: &mut Vec<Finding>) {
    let all = f
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("rows[{i}]"), r))
        .chain(std::iter::once(("total".to_string(), &f.total)));
    for (at, r) in all {
        for (k, v) in r.counts() {
            negative(out, format!("{at}.{k}"), v);
        }
        let rc = &r.received;
        let parts =
            i128::from(rc.online) + i128::from(rc.direct_or_postal) + i128::from(rc.carried_over);
        if i128::from(rc.total) != parts {
            out.push(finding(
                "R024-form06-received-total",
                format!("{at}.received.total"),
                format!("Tổng số hồ sơ tiếp nhận ({}) khác tổng trực tuyến + trực tiếp/bưu chính + kỳ trước chuyển qua ({parts})", rc.total),
                format!("received total ({}) differs from online + direct or postal + carried over ({parts})", rc.total),
            ));
        }
        let s = &r.settled;
        let parts = i128::from(s.early) + i128::from(s.on_time) + i128::from(s.late);
        if i128::from(s.total) != parts {
            out.push(finding(
                "R025-form06-settled-total",
                format!("{at}.settled.total"),
                format!("Tổng số hồ sơ đã giải quyết ({}) khác tổng trước hạn + đúng hạn + quá hạn ({parts})", s.total),
                format!("settled total ({}) differs from early + on time + late ({parts})", s.total),
            ));
        }
        let p = &r.in_progress;
        let parts = i128::from(p.within_deadline) + i128::from(p.overdue);
        if i128::from(p.total) != parts {
            out.push(finding(
                "R026-form06-in-progress-total",
                format!("{at}.in_progress.total"),
                format!(
                    "Tổng số hồ sơ đang giải quyết ({}) khác tổng trong hạn + quá hạn ({parts})",
                    p.total
                ),
                format!(
                    "in-progress total ({}) differs from within the deadline + overdue ({parts})",
                    p.total
                ),
            ));
        }
        let handled = i128::from(s.total) + i128::from(p.total);
        if i128::from(rc.total) != handled {
            out.push(finding(
                "R027-form06-identity",
                at.clone(),
                format!(
                    "Số hồ sơ tiếp nhận ({}) khác số đã giải quyết + đang giải quyết ({handled})",
                    rc.total
                ),
                format!(
                    "dossiers received ({}) differ from settled + in progress ({handled})",
                    rc.total
                ),
            ));
        }
    }
    let mut sums = [0i128; 11];
    for r in &f.rows {
        for (s, (_, v)) in sums.iter_mut().zip(r.counts()) {
            *s += i128::from(v);
        }
    }
    for (s, (k, v)) in sums.iter().zip(f.total.counts()) {
        if i128::from(v) != *s {
            out.push(finding(
                "R028-form06-total-row",
                format!("total.{k}"),
                format!("Dòng tổng cộng {k} ({v}) khác tổng các dòng lĩnh vực ({s})"),
                format!("total row {k} ({v}) differs from the sum of the sector rows ({s})"),
            ));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in f.rows.iter().enumerate() {
        if let Some(first) = seen.insert(r.sector.as_str(), i) {
            // Keep pointing at the first occurrence.
            seen.insert(r.sector.as_str(), first);
            out.push(finding(
                "R029-form06-duplicate-sector",
                format!("rows[{i}].sector"),
                format!("Lĩnh vực {} đã có tại rows[{first}]", r.sector),
                format!("sector {} already reported at rows[{first}]", r.sector),
            ));
        }
    }
}

/// The form as one table (key `form06`): the sector rows, then the total
/// row, with the official form's Vietnamese headings and English ones.
pub fn form06_tables(f: &TthcForm06) -> Vec<Table> {
    use ColumnKind::Integer as I;
    let columns = vec![
        Column::new("sector", "Lĩnh vực giải quyết", "Sector", ColumnKind::Text),
        Column::new(
            "received_total",
            "Số hồ sơ nhận giải quyết: Tổng số",
            "Dossiers received: total",
            I,
        ),
        Column::new(
            "received_online",
            "Số mới tiếp nhận trực tuyến",
            "New, received online",
            I,
        ),
        Column::new(
            "received_direct_or_postal",
            "Số mới tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính công ích",
            "New, received in person or by post",
            I,
        ),
        Column::new(
            "carried_over",
            "Số kỳ trước chuyển qua",
            "Carried over from the previous period",
            I,
        ),
        Column::new(
            "settled_total",
            "Số hồ sơ đã giải quyết: Tổng số",
            "Dossiers settled: total",
            I,
        ),
        Column::new("settled_early", "Trả trước hạn", "Settled early", I),
        Column::new("settled_on_time", "Trả đúng thời hạn", "Settled on time", I),
        Column::new("settled_late", "Trả quá hạn", "Settled late", I),
        Column::new(
            "in_progress_total",
            "Số hồ sơ đang giải quyết: Tổng số",
            "Dossiers in progress: total",
            I,
        ),
        Column::new(
            "in_progress_within_deadline",
            "Trong hạn",
            "Within the deadline",
            I,
        ),
        Column::new("in_progress_overdue", "Quá hạn", "Overdue", I),
    ];
    let row = |label: Cell, r: &Form06Row| {
        let (a, s, p) = (&r.received, &r.settled, &r.in_progress);
        let mut cells = vec![label];
        cells.extend(
            [
                a.total,
                a.online,
                a.direct_or_postal,
                a.carried_over,
                s.total,
                s.early,
                s.on_time,
                s.late,
                p.total,
                p.within_deadline,
                p.overdue,
            ]
            .map(Cell::Integer),
        );
        cells
    };
    let mut rows: Vec<Vec<Cell>> = f
        .rows
        .iter()
        .map(|r| row(Cell::text(&r.sector), r))
        .collect();
    rows.push(row(Cell::label("Tổng cộng", "Total"), &f.total));
    let covered = if f.units.is_empty() {
        f.unit.clone()
    } else {
        f.units.join(", ")
    };
    let span = f
        .period
        .parse::<Period>()
        .map(|p| {
            (
                p.start().format("%d/%m/%Y").to_string(),
                p.end().format("%d/%m/%Y").to_string(),
            )
        })
        .ok();
    let (span_vi, span_en) = match &span {
        Some((a, b)) => (format!(" ({a} – {b})"), format!(" ({a} to {b})")),
        None => (String::new(), String::new()),
    };
    vec![Table {
        key: "form06".into(),
        title_vi: format!(
            "Biểu số 06/VPCP/KSTT: Tình hình, kết quả giải quyết TTHC — {} — kỳ {}",
            f.unit, f.period
        ),
        title_en: format!(
            "Form 06/VPCP/KSTT: handling of administrative procedures — {} — period {}",
            f.unit, f.period
        ),
        columns,
        rows,
        notes_vi: vec![
            format!("Đơn vị: {covered}; kỳ báo cáo {}{span_vi}; lập lúc {}.", f.period, f.submitted_at),
            "Hồ sơ kỳ trước chuyển qua: tiếp nhận trước kỳ, chưa giải quyết khi kỳ bắt đầu. Đúng hạn/quá hạn so với ngày hẹn trả cộng thời gian tạm dừng; hồ sơ đang giải quyết tính đến ngày cuối kỳ.".into(),
        ],
        notes_en: vec![
            format!("Units: {covered}; period {}{span_en}; produced at {}.", f.period, f.submitted_at),
            "Carried over: received before the period and not settled when it starts. Early/on time/late against the due date plus paused days; in progress as of the period's last day.".into(),
        ],
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::{Channel, Dossier};
    use chrono::NaiveDate;

    fn d(
        id: &str,
        sector: &str,
        rec: &str,
        ch: Channel,
        due: Option<&str>,
        done: Option<&str>,
        paused: u32,
    ) -> Dossier {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Dossier {
            dossier_id: id.into(),
            unit_code: "U".into(),
            procedure_code: "P".into(),
            sector: sector.into(),
            received_on: date(rec),
            channel: ch,
            fully_online: false,
            due_on: due.map(date),
            completed_on: done.map(date),
            paused_days: paused,
            fee_required: false,
            paid_online: false,
            digitized: false,
        }
    }

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-04-01T08:00:00+07:00").unwrap()
    }

    #[test]
    fn classifies_every_case() {
        use Channel::*;
        let ds = [
            // carried over, settled early in the period
            d(
                "1",
                "a",
                "2025-12-01",
                Online,
                Some("2026-01-20"),
                Some("2026-01-10"),
                0,
            ),
            // new online, late by the due date but on time with 3 paused days
            d(
                "2",
                "a",
                "2026-01-05",
                Online,
                Some("2026-01-15"),
                Some("2026-01-18"),
                3,
            ),
            // new direct, in progress, overdue at 31 March
            d("3", "b", "2026-02-01", Direct, Some("2026-03-01"), None, 0),
            // new postal, due on the last day: within the deadline
            d("4", "b", "2026-03-01", Postal, Some("2026-03-31"), None, 0),
            // settled after the period: in progress, no due date: within
            d("5", "b", "2026-03-02", Online, None, None, 0),
            // outside: settled before the period; received after it
            d(
                "6",
                "a",
                "2025-11-01",
                Online,
                Some("2025-11-10"),
                Some("2025-12-20"),
                0,
            ),
            d("7", "a", "2026-04-01", Online, None, None, 0),
            // another unit
            Dossier {
                unit_code: "V".into(),
                ..d("8", "a", "2026-01-01", Online, None, None, 0)
            },
        ];
        let f = compute_form06(
            &DossierBatch::from_records(&ds),
            &["U".into()],
            &"2026Q1".parse().unwrap(),
            None,
            at(),
        )
        .unwrap();
        assert_eq!(f.rows.len(), 2);
        let a = &f.rows[0];
        assert_eq!(
            (a.received.total, a.received.online, a.received.carried_over),
            (2, 1, 1)
        );
        assert_eq!(
            (
                a.settled.total,
                a.settled.early,
                a.settled.on_time,
                a.settled.late
            ),
            (2, 1, 1, 0)
        );
        let b = &f.rows[1];
        assert_eq!(
            (
                b.received.total,
                b.received.online,
                b.received.direct_or_postal
            ),
            (3, 1, 2)
        );
        assert_eq!(
            (
                b.in_progress.total,
                b.in_progress.within_deadline,
                b.in_progress.overdue
            ),
            (3, 2, 1)
        );
        assert_eq!(f.total.received.total, 5);
        assert!(f.units.is_empty());
        let mut out = Vec::new();
        rules(&f, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn errors_name_the_input() {
        let p: Period = "2026Q1".parse().unwrap();
        let e = compute_form06(&DossierBatch::default(), &[], &p, None, at()).unwrap_err();
        assert_eq!(e.fields()["path"], "units");
        let bad = d(
            "1",
            "a",
            "2026-01-05",
            Channel::Online,
            None,
            Some("2026-01-06"),
            0,
        );
        let e = compute_form06(
            &DossierBatch::from_records(&[bad]),
            &["U".into()],
            &p,
            None,
            at(),
        )
        .unwrap_err();
        assert_eq!(e.fields()["path"], "dossiers[0].due_on");
    }
}

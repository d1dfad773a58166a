//! `dvctt/tthc-form-06@1`: the report on handling administrative procedures
//! (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP — tình hình, kết quả giải
//! quyết thủ tục hành chính), computed from dossier records for a unit and a
//! period (the document: [`crate::model::form06`]; a submitted form's rules
//! R024–R029: `reports::form06_rules`).
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
use crate::model::extra::Extra;
use crate::model::form06::{Form06Row, TthcForm06, TTHC_FORM06_SCHEMA};
use crate::model::org::OrgTree;
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeMap, BTreeSet};

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
            return Err(DvcttError::data(format!("dossiers[{i}].{field}"), reason));
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
        return Err(DvcttError::data("units", "at least one unit is needed"));
    };
    let (start, end) = (period.start(), period.end());
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for (i, u) in units.iter().enumerate() {
        if u.trim().is_empty() {
            return Err(DvcttError::data(format!("units[{i}]"), "empty unit code"));
        }
        match org {
            None => {
                covered.insert(u.as_str());
            }
            Some(tree) => {
                let sub = tree.descendants_at(u, end);
                if sub.is_empty() {
                    return Err(DvcttError::data(
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
        submitted_at: submitted_at.into(),
        rows,
        total,
        extra: Extra::default(),
    })
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
        crate::reports::form06_rules::rules(&f, &mut out);
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

//! The rules of a submitted form 06 (Biểu số 06/VPCP/KSTT): R024–R029,
//! and R002 for its counts.

use crate::model::form06::{Form06Row, TthcForm06};
use crate::model::report::Finding;
use crate::model::rule::Rule;
use crate::reports::counts::negative;
use std::collections::HashMap;

/// The form's own rules (R024–R029) and R002, for every row and the total.
pub fn rules(f: &TthcForm06, out: &mut Vec<Finding>) {
    for (at, r) in f.rows_and_total() {
        for (k, v) in r.counts() {
            negative(out, format!("{at}.{k}"), v);
        }
        row_rules(&at, r, out);
    }
    total_row(f, out);
    duplicate_sectors(f, out);
}

/// R024–R027 in one row (`at`: `rows[i]` or `total`): each total is the
/// sum of its parts, and received = settled + in progress.
fn row_rules(at: &str, r: &Form06Row, out: &mut Vec<Finding>) {
    let rc = &r.received;
    let parts =
        i128::from(rc.online) + i128::from(rc.direct_or_postal) + i128::from(rc.carried_over);
    if i128::from(rc.total) != parts {
        out.push(Finding::new(
            Rule::R024,
            format!("{at}.received.total"),
            format!("Tổng số hồ sơ tiếp nhận ({}) khác tổng trực tuyến + trực tiếp/bưu chính + kỳ trước chuyển qua ({parts})", rc.total),
            format!("received total ({}) differs from online + direct or postal + carried over ({parts})", rc.total),
        ));
    }
    let s = &r.settled;
    let parts = i128::from(s.early) + i128::from(s.on_time) + i128::from(s.late);
    if i128::from(s.total) != parts {
        out.push(Finding::new(
            Rule::R025,
            format!("{at}.settled.total"),
            format!("Tổng số hồ sơ đã giải quyết ({}) khác tổng trước hạn + đúng hạn + quá hạn ({parts})", s.total),
            format!("settled total ({}) differs from early + on time + late ({parts})", s.total),
        ));
    }
    let p = &r.in_progress;
    let parts = i128::from(p.within_deadline) + i128::from(p.overdue);
    if i128::from(p.total) != parts {
        out.push(Finding::new(
            Rule::R026,
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
        out.push(Finding::new(
            Rule::R027,
            at.to_string(),
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

/// R028: each count of the total row is the sum over the sector rows.
fn total_row(f: &TthcForm06, out: &mut Vec<Finding>) {
    let mut sums = [0i128; 11];
    for r in &f.rows {
        for (s, (_, v)) in sums.iter_mut().zip(r.counts()) {
            *s += i128::from(v);
        }
    }
    for (s, (k, v)) in sums.iter().zip(f.total.counts()) {
        if i128::from(v) != *s {
            out.push(Finding::new(
                Rule::R028,
                format!("total.{k}"),
                format!("Dòng tổng cộng {k} ({v}) khác tổng các dòng lĩnh vực ({s})"),
                format!("total row {k} ({v}) differs from the sum of the sector rows ({s})"),
            ));
        }
    }
}

/// R029: a sector has one row.
fn duplicate_sectors(f: &TthcForm06, out: &mut Vec<Finding>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in f.rows.iter().enumerate() {
        if let Some(first) = seen.insert(r.sector.as_str(), i) {
            // Keep pointing at the first occurrence.
            seen.insert(r.sector.as_str(), first);
            out.push(Finding::new(
                Rule::R029,
                format!("rows[{i}].sector"),
                format!("Lĩnh vực {} đã có tại rows[{first}]", r.sector),
                format!("sector {} already reported at rows[{first}]", r.sector),
            ));
        }
    }
}

//! Supersession: of several reports for the same kind, plan, unit and
//! period, the one submitted last is current (R018 for the others).

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::sort;
use crate::base::time::parse_timestamp;
use crate::model::report::{Finding, Report, SupersededReport, Supersession};
use crate::model::rule::Rule;
use std::collections::BTreeMap;

/// Groups reports by kind, plan reference (id, else number), unit and
/// period; in each group the report submitted last (by instant; on a tie,
/// the later in the list) is current and every other one gets finding
/// R018 naming the report that replaces it. Nothing is dropped.
pub fn supersede(reports: &[Report]) -> Result<Supersession> {
    let mut groups: BTreeMap<(String, String, String, String), Vec<usize>> = BTreeMap::new();
    let mut times = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let ts = parse_timestamp(r.submitted_at(), &format!("reports[{i}].submitted_at"))?;
        let period: Period = r.period().parse().map_err(|e: DvcttError| {
            DvcttError::data(format!("reports[{i}].period"), e.to_string())
        })?;
        times.push(ts);
        let plan = r
            .plan_ref()
            .map(|p| {
                p.id.clone()
                    .or_else(|| p.number.as_ref().map(|n| n.trim().to_lowercase()))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        let kind = r.kind();
        groups
            .entry((kind.into(), plan, r.unit().to_string(), period.id()))
            .or_default()
            .push(i);
    }
    let idx = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut current = Vec::new();
    let mut superseded = Vec::new();
    for members in groups.values() {
        let Some(&latest) = members
            .iter()
            .max_by(|&&a, &&b| times[a].cmp(&times[b]).then(a.cmp(&b)))
        else {
            continue;
        };
        current.push(idx(latest));
        for &i in members.iter().filter(|&&i| i != latest) {
            let r = &reports[i];
            superseded.push(SupersededReport {
                report: idx(i),
                by: idx(latest),
                finding: Finding::new(
                    Rule::R018,
                    "$",
                    format!("Báo cáo của {} kỳ {} đã được thay thế bằng báo cáo gửi lúc {} (báo cáo số {latest})", r.unit(), r.period(), times[latest]),
                    format!("report of {} for {} superseded by the one submitted at {} (report {latest})", r.unit(), r.period(), times[latest]),
                ),
            });
        }
    }
    sort::sort(&mut current);
    sort::sort_by_key(&mut superseded, |s| s.report);
    Ok(Supersession {
        current,
        superseded,
    })
}

//! Validation of a report: the rules a JSON Schema cannot express (R001–R017,
//! R020–R029; see [`crate::model::rule::Rule`]). Rule failures are
//! [`Finding`]s; an error only means the input is not a report.

use crate::base::error::{DvcttError, Result};
use crate::base::period::{Period, PeriodKind};
use crate::base::sort;
use crate::base::time::{parse_timestamp, system_now};
use crate::model::indicator::IndicatorId;
use crate::model::org::{OrgDocument, OrgTree};
use crate::model::plan::Plan;
use crate::model::report::{
    Finding, IndicatorValue, Report, ReportRead, TaskResult, TaskStatus, TeamReport, UnitReport,
};
use crate::model::rule::Rule;
use crate::reports::counts::negative;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

/// Validates a report against a plan and, optionally, an org tree.
/// `now` (default: the system clock) is the instant `submitted_at` may not
/// exceed. Findings are sorted by rule id, then path.
pub fn validate(
    report: &Report,
    plan: Option<&Plan>,
    org: Option<&OrgTree>,
    now: Option<DateTime<FixedOffset>>,
) -> Result<Vec<Finding>> {
    report.check_shape()?;
    let now = now.unwrap_or_else(system_now);
    let period: Period = report
        .period()
        .parse()
        .map_err(|e: DvcttError| DvcttError::data("period", e.to_string()))?;
    let submitted = parse_timestamp(report.submitted_at(), "submitted_at")?;
    let mut out = Vec::new();
    let plan = plan_rules(report, plan, &period, &mut out)?;
    org_rules(report, org, &period, &mut out);
    timestamp_rules(submitted, now, &period, &mut out);
    match report {
        Report::Unit(r) => unit_rules(r, plan, &period, &mut out),
        Report::Form06(f) => crate::reports::form06_rules::rules(f, &mut out),
        Report::Team(r) => team_rules(r, &mut out),
    }
    sort_findings(&mut out);
    Ok(out)
}

/// A report as read (with the findings of reading it, e.g. R019) validated
/// against a plan (optional) and an organisation document (optional); `now`
/// is an RFC 3339 timestamp (default: the system clock). The findings of
/// reading and of validating, sorted by rule id, then path.
pub fn validate_with_context(
    read: ReportRead,
    plan: Option<&Plan>,
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<Vec<Finding>> {
    let (org, now) = context(org, now)?;
    let mut out = read.findings;
    out.extend(validate(&read.report, plan, org.as_ref(), now)?);
    sort_findings(&mut out);
    Ok(out)
}

/// [`validate`] with the organisation given as a document and `now` as an
/// RFC 3339 timestamp (default: the system clock).
pub fn validate_record(
    report: &Report,
    plan: Option<&Plan>,
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<Vec<Finding>> {
    let (org, now) = context(org, now)?;
    validate(report, plan, org.as_ref(), now)
}

/// The org tree of a document, and `now` parsed (path `now`).
fn context(
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<(Option<OrgTree>, Option<DateTime<FixedOffset>>)> {
    let org = org.map(OrgTree::new).transpose()?;
    let now = now.map(|s| parse_timestamp(&s, "now")).transpose()?;
    Ok((org, now))
}

fn sort_findings(out: &mut [Finding]) {
    sort::sort_by(out, |a, b| (&a.rule, &a.path).cmp(&(&b.rule, &b.path)));
}

/// R006 and R003: the plan, when the report refers to it (returned), and
/// the report's period inside the plan's.
fn plan_rules<'p>(
    report: &Report,
    plan: Option<&'p Plan>,
    period: &Period,
    out: &mut Vec<Finding>,
) -> Result<Option<&'p Plan>> {
    let plan = match (plan, report.plan_ref()) {
        (Some(p), Some(r)) if !r.designates(p) => {
            out.push(Finding::new(
                Rule::R006,
                "plan",
                format!("Báo cáo không thuộc kế hoạch {}", p.id),
                format!("the report does not refer to plan {}", p.id),
            ));
            None
        }
        (Some(p), Some(_)) => Some(p),
        _ => None,
    };
    if let Some(p) = plan {
        let window = plan_window(p, period)?;
        if !window.contains(period) {
            out.push(Finding::new(
                Rule::R003,
                "period",
                format!(
                    "Kỳ báo cáo {period} ({} – {}) nằm ngoài thời gian của kế hoạch ({} – {})",
                    period.start(),
                    period.end(),
                    window.start(),
                    window.end()
                ),
                format!(
                    "period {period} ({} to {}) is outside the plan's period ({} to {})",
                    period.start(),
                    period.end(),
                    window.start(),
                    window.end()
                ),
            ));
        }
    }
    Ok(plan)
}

/// The span a report's period must lie in: the plan's period, or for a
/// Vietnamese reporting period against a calendar-year plan, that year's
/// Vietnamese reporting year (15 Dec of the year before to 14 Dec).
fn plan_window(plan: &Plan, report: &Period) -> Result<Period> {
    let p: Period = plan
        .period
        .parse()
        .map_err(|e: DvcttError| DvcttError::data("plan.period", e.to_string()))?;
    if p.kind() == PeriodKind::Year && report.kind().is_vn() {
        let vn: Period = format!("{}VN", p.id())
            .parse()
            .map_err(|e: DvcttError| DvcttError::data("plan.period", e.to_string()))?;
        return Ok(vn);
    }
    Ok(p)
}

/// R004 and R005: the unit (and every unit a form 06 covers) in the org
/// tree and active in the period.
fn org_rules(report: &Report, org: Option<&OrgTree>, period: &Period, out: &mut Vec<Finding>) {
    let unit_field = match report {
        Report::Unit(_) | Report::Form06(_) => "unit",
        Report::Team(_) => "commune",
    };
    let mut codes = vec![(unit_field.to_string(), report.unit())];
    // A form 06 also names every unit it covers.
    if let Report::Form06(f) = report {
        codes.extend(
            f.units
                .iter()
                .enumerate()
                .filter(|(_, u)| *u != &f.unit)
                .map(|(i, u)| (format!("units[{i}]"), u.as_str())),
        );
    }
    let Some(tree) = org else { return };
    for (unit_field, code) in codes.iter() {
        let unit_field = unit_field.as_str();
        let versions = tree.versions(code);
        if versions.is_empty() {
            out.push(Finding::new(
                Rule::R004,
                unit_field,
                format!("Đơn vị {code} không có trong cơ cấu tổ chức"),
                format!("unit {code} is not in the organisation tree"),
            ));
        } else if !versions.iter().any(|u| {
            u.valid_from.is_none_or(|f| f <= period.end())
                && u.valid_to.is_none_or(|t| t >= period.start())
        }) {
            out.push(Finding::new(
                Rule::R005,
                unit_field,
                format!("Đơn vị {code} không hoạt động trong kỳ {period}"),
                format!("unit {code} is not active on any day of period {period}"),
            ));
        }
    }
}

/// R012 and R013: submitted not after `now`, not before the period starts.
fn timestamp_rules(
    submitted: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
    period: &Period,
    out: &mut Vec<Finding>,
) {
    if submitted > now {
        out.push(Finding::new(
            Rule::R012,
            "submitted_at",
            format!("Thời điểm gửi {submitted} sau thời điểm hiện tại {now}"),
            format!("submitted at {submitted}, after now ({now})"),
        ));
    }
    if submitted.date_naive() < period.start() {
        out.push(Finding::new(
            Rule::R013,
            "submitted_at",
            format!(
                "Báo cáo gửi trước khi kỳ {period} bắt đầu ({})",
                period.start()
            ),
            format!(
                "submitted before period {period} starts ({})",
                period.start()
            ),
        ));
    }
}

/// A team report's rules: R002, R020, R021, R023.
fn team_rules(r: &TeamReport, out: &mut Vec<Finding>) {
    let s = &r.sessions;
    for (f, v) in [
        ("sessions.door_to_door", s.door_to_door),
        ("sessions.one_stop_shop", s.one_stop_shop),
        ("sessions.event", s.event),
        ("people_guided", r.people_guided),
        ("dossiers_submitted", r.dossiers_submitted),
        ("members_trained", r.members_trained),
    ] {
        negative(out, f.into(), v);
    }
    if let Some(m) = r.members {
        negative(out, "members".into(), m);
        if r.members_trained > m && m >= 0 {
            out.push(Finding::new(
                Rule::R023,
                "members_trained",
                format!(
                    "Số thành viên được tập huấn ({}) lớn hơn số thành viên của tổ ({m})",
                    r.members_trained
                ),
                format!(
                    "members trained ({}) exceed the team's members ({m})",
                    r.members_trained
                ),
            ));
        }
    }
    if r.dossiers_submitted > r.people_guided && r.people_guided >= 0 {
        out.push(Finding::new(
            Rule::R020,
            "dossiers_submitted",
            format!(
                "Số hồ sơ được hỗ trợ nộp trực tuyến ({}) lớn hơn số người được hướng dẫn ({})",
                r.dossiers_submitted, r.people_guided
            ),
            format!(
                "dossiers submitted with help ({}) exceed people guided ({})",
                r.dossiers_submitted, r.people_guided
            ),
        ));
    }
    if r.people_guided > 0 && s.total() <= 0 {
        out.push(Finding::new(
            Rule::R021,
            "people_guided",
            format!(
                "Có {} người được hướng dẫn nhưng không có buổi hướng dẫn nào",
                r.people_guided
            ),
            format!("{} people guided but no session held", r.people_guided),
        ));
    }
}

/// A unit report's rules: its indicators, the plan's required indicators,
/// its tasks, its narrative.
fn unit_rules(r: &UnitReport, plan: Option<&Plan>, period: &Period, out: &mut Vec<Finding>) {
    let mut seen: HashMap<IndicatorId, usize> = HashMap::new();
    for (i, v) in r.indicators.iter().enumerate() {
        if let Some(first) = seen.insert(v.indicator, i) {
            out.push(Finding::new(
                Rule::R010,
                format!("indicators[{i}].indicator"),
                format!(
                    "Chỉ tiêu {} đã được báo cáo tại indicators[{first}]",
                    v.indicator
                ),
                format!(
                    "indicator {} already reported at indicators[{first}]",
                    v.indicator
                ),
            ));
        }
        indicator_rules(i, v, plan, out);
    }
    if let Some(p) = plan {
        required_indicators(r, p, period, &seen, out);
    }
    let mut tasks_seen: HashMap<&str, usize> = HashMap::new();
    for (i, t) in r.tasks.iter().enumerate() {
        if let Some(first) = tasks_seen.insert(&t.task, i) {
            out.push(Finding::new(
                Rule::R011,
                format!("tasks[{i}].task"),
                format!("Nhiệm vụ {} đã được báo cáo tại tasks[{first}]", t.task),
                format!("task {} already reported at tasks[{first}]", t.task),
            ));
        }
        task_rules(i, t, out);
        if let Some(p) = plan {
            plan_task_rules(i, t, &r.unit, p, out);
        }
    }
    if r.narrative.results_achieved.trim().is_empty() {
        out.push(Finding::new(
            Rule::R017,
            "narrative.results_achieved",
            "Chưa có nội dung kết quả đạt được".into(),
            "the results-achieved section is empty".into(),
        ));
    }
}

/// One reported value (`indicators[i]`): R002, R014, R001, and R008 against
/// the plan.
fn indicator_rules(i: usize, v: &IndicatorValue, plan: Option<&Plan>, out: &mut Vec<Finding>) {
    let at = |f: &str| format!("indicators[{i}].{f}");
    for (f, x) in [
        ("numerator", v.numerator),
        ("denominator", v.denominator),
        ("count", v.count),
    ] {
        if let Some(x) = x {
            negative(out, at(f), x);
        }
    }
    if v.indicator.is_ratio()
        && (v.numerator.is_none() || v.denominator.is_none() || v.count.is_some())
    {
        let f = if v.numerator.is_none() {
            "numerator"
        } else if v.denominator.is_none() {
            "denominator"
        } else {
            "count"
        };
        out.push(Finding::new(
            Rule::R014,
            at(f),
            format!(
                "Chỉ tiêu tỷ lệ {} cần có tử số và mẫu số (không dùng count)",
                v.indicator
            ),
            format!(
                "ratio indicator {} needs a numerator and a denominator (and no count)",
                v.indicator
            ),
        ));
    }
    if let (Some(n), Some(d)) = (v.numerator, v.denominator) {
        if n > d && n >= 0 && d >= 0 {
            out.push(Finding::new(
                Rule::R001,
                at("numerator"),
                format!(
                    "Tử số ({n}) lớn hơn mẫu số ({d}) của chỉ tiêu {}",
                    v.indicator
                ),
                format!(
                    "numerator ({n}) exceeds denominator ({d}) of {}",
                    v.indicator
                ),
            ));
        }
    }
    if let Some(p) = plan {
        if !p.targets.iter().any(|t| t.indicator == v.indicator) {
            out.push(Finding::new(
                Rule::R008,
                at("indicator"),
                format!("Kế hoạch {} không có chỉ tiêu {}", p.id, v.indicator),
                format!("plan {} has no target on {}", p.id, v.indicator),
            ));
        }
    }
}

/// R009: every indicator of a target covering the unit and overlapping the
/// period is reported (`seen`).
fn required_indicators(
    r: &UnitReport,
    p: &Plan,
    period: &Period,
    seen: &HashMap<IndicatorId, usize>,
    out: &mut Vec<Finding>,
) {
    let mut required: Vec<(IndicatorId, &str)> = Vec::new();
    for t in &p.targets {
        let covers = t.scope.units.is_empty() || t.scope.units.contains(&r.unit);
        let overlaps = p.target_period(t).is_ok_and(|tp| tp.overlaps(period));
        if covers && overlaps && !required.iter().any(|(i, _)| *i == t.indicator) {
            required.push((t.indicator, &t.id));
        }
    }
    for (ind, target) in required {
        if !seen.contains_key(&ind) {
            out.push(Finding::new(
                Rule::R009,
                "indicators",
                format!("Thiếu chỉ tiêu {ind} (mục tiêu {target} của kế hoạch)"),
                format!("indicator {ind} is missing (plan target {target})"),
            ));
        }
    }
}

/// One task result (`tasks[i]`) on its own: R002, R015, R016.
fn task_rules(i: usize, t: &TaskResult, out: &mut Vec<Finding>) {
    let at = |f: &str| format!("tasks[{i}].{f}");
    negative(out, at("activities"), t.activities);
    let contradicts = match t.status {
        TaskStatus::NotStarted => t.activities > 0,
        TaskStatus::Kept => t.activities == 0,
        _ => false,
    };
    if contradicts {
        out.push(Finding::new(
            Rule::R015,
            at("status"),
            format!(
                "Trạng thái nhiệm vụ {} mâu thuẫn với số hoạt động ({})",
                t.task, t.activities
            ),
            format!(
                "status of task {} contradicts its {} activities",
                t.task, t.activities
            ),
        ));
    }
    for (j, link) in t.evidence.iter().enumerate() {
        let l = link.trim().to_ascii_lowercase();
        let url = ["http://", "https://"]
            .iter()
            .any(|s| l.starts_with(s) && l.len() > s.len());
        if !url {
            out.push(Finding::new(
                Rule::R016,
                format!("tasks[{i}].evidence[{j}]"),
                format!("Minh chứng \"{link}\" không phải đường dẫn http(s)"),
                format!("evidence \"{link}\" is not an http(s) link"),
            ));
        }
    }
}

/// A task result against the plan: R007 (no such task), R022 (the unit
/// neither leads nor cooperates on it).
fn plan_task_rules(i: usize, t: &TaskResult, unit: &str, p: &Plan, out: &mut Vec<Finding>) {
    let at = format!("tasks[{i}].task");
    match p.tasks.iter().find(|x| x.id == t.task) {
        None => out.push(Finding::new(
            Rule::R007,
            at,
            format!("Kế hoạch {} không có nhiệm vụ {}", p.id, t.task),
            format!("plan {} has no task {}", p.id, t.task),
        )),
        Some(pt) => {
            let assigned = pt
                .lead_units
                .iter()
                .chain(&pt.cooperating_units)
                .any(|u| *u == unit);
            if !assigned {
                out.push(Finding::new(
                    Rule::R022,
                    at,
                    format!(
                        "Đơn vị {} không chủ trì hay phối hợp nhiệm vụ {}",
                        unit, t.task
                    ),
                    format!(
                        "unit {} neither leads nor cooperates on task {}",
                        unit, t.task
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::report_json::read_report;

    #[test]
    fn now_defaults_to_the_clock() {
        let text = include_str!("../../../examples/reports/nhidong1-2026VNQ1.json")
            .replace("2026-03-18T16:45:00+07:00", "9999-01-01T00:00:00+07:00");
        let read = read_report(&text).unwrap();
        let found = validate(&read.report, None, None, None).unwrap();
        assert!(found.iter().any(|f| f.rule == "R012-submitted-in-future"));
    }
}

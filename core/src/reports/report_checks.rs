//! A report validated with its context: the plan, the organisation document
//! and the instant given by a caller, the findings of reading it merged with
//! those of its rules.

use chrono::{DateTime, FixedOffset};

use crate::base::error::Result;
use crate::model::org::{OrgDocument, OrgTree};
use crate::model::plan::Plan;
use crate::model::report::{self, Finding, Report, ReportRead};

/// The organisation tree and the instant `now` (RFC 3339, path `now`).
fn context(
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<(Option<OrgTree>, Option<DateTime<FixedOffset>>)> {
    let org = org.map(OrgTree::new).transpose()?;
    let now = now
        .map(|s| report::parse_timestamp(&s, "now"))
        .transpose()?;
    Ok((org, now))
}

/// Validates a report as built (see [`report::validate`]); `now` defaults to
/// the system clock.
pub fn validate_record(
    report: &Report,
    plan: Option<&Plan>,
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<Vec<Finding>> {
    let (org, now) = context(org, now)?;
    report::validate(report, plan, org.as_ref(), now)
}

/// Validates a report as read: the findings of reading it (e.g. R019, an
/// upgraded schema) and those of its rules, sorted by rule id, then path.
pub fn validate_read(
    read: ReportRead,
    plan: Option<&Plan>,
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<Vec<Finding>> {
    let mut out = read.findings;
    out.extend(validate_record(&read.report, plan, org, now)?);
    out.sort_by(|a, b| (&a.rule, &a.path).cmp(&(&b.rule, &b.path)));
    Ok(out)
}

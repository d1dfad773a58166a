//! The report validation rules: their stable ids (`R001-…` to `R035-…`),
//! severities and what each checks. The checks themselves are in `reports`
//! (and R019 in `io::report_json`, R030–R035 in the consolidation).

use crate::model::report::{Finding, FindingSeverity, RuleInfo};
use FindingSeverity::{Error as E, Warning as W};

/// A rule of the catalogue. A [`Finding`] carries its [`Rule::id`], e.g.
/// `R024-form06-received-total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// `R001-numerator-exceeds-denominator`.
    R001,
    /// `R002-negative-count`.
    R002,
    /// `R003-period-outside-plan`.
    R003,
    /// `R004-unit-unknown`.
    R004,
    /// `R005-unit-not-active`.
    R005,
    /// `R006-plan-mismatch`.
    R006,
    /// `R007-unknown-task`.
    R007,
    /// `R008-indicator-not-in-plan`.
    R008,
    /// `R009-required-indicator-missing`.
    R009,
    /// `R010-duplicate-indicator`.
    R010,
    /// `R011-duplicate-task`.
    R011,
    /// `R012-submitted-in-future`.
    R012,
    /// `R013-submitted-before-period`.
    R013,
    /// `R014-value-incomplete`.
    R014,
    /// `R015-status-contradicts-activities`.
    R015,
    /// `R016-evidence-not-url`.
    R016,
    /// `R017-results-missing`.
    R017,
    /// `R018-superseded`.
    R018,
    /// `R019-schema-upgraded`.
    R019,
    /// `R020-dossiers-exceed-guided`.
    R020,
    /// `R021-guided-without-sessions`.
    R021,
    /// `R022-task-not-assigned`.
    R022,
    /// `R023-trained-exceed-members`.
    R023,
    /// `R024-form06-received-total`.
    R024,
    /// `R025-form06-settled-total`.
    R025,
    /// `R026-form06-in-progress-total`.
    R026,
    /// `R027-form06-identity`.
    R027,
    /// `R028-form06-total-row`.
    R028,
    /// `R029-form06-duplicate-sector`.
    R029,
    /// `R030-report-not-expected`.
    R030,
    /// `R031-report-late`.
    R031,
    /// `R032-report-missing`.
    R032,
    /// `R033-figure-contradicts-records`.
    R033,
    /// `R034-report-other-period`.
    R034,
    /// `R035-report-not-consolidated`.
    R035,
}

impl Rule {
    /// Every rule, in id order.
    pub const ALL: [Rule; 35] = [
        Rule::R001,
        Rule::R002,
        Rule::R003,
        Rule::R004,
        Rule::R005,
        Rule::R006,
        Rule::R007,
        Rule::R008,
        Rule::R009,
        Rule::R010,
        Rule::R011,
        Rule::R012,
        Rule::R013,
        Rule::R014,
        Rule::R015,
        Rule::R016,
        Rule::R017,
        Rule::R018,
        Rule::R019,
        Rule::R020,
        Rule::R021,
        Rule::R022,
        Rule::R023,
        Rule::R024,
        Rule::R025,
        Rule::R026,
        Rule::R027,
        Rule::R028,
        Rule::R029,
        Rule::R030,
        Rule::R031,
        Rule::R032,
        Rule::R033,
        Rule::R034,
        Rule::R035,
    ];

    /// The stable id, e.g. `R001-numerator-exceeds-denominator`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::R001 => "R001-numerator-exceeds-denominator",
            Rule::R002 => "R002-negative-count",
            Rule::R003 => "R003-period-outside-plan",
            Rule::R004 => "R004-unit-unknown",
            Rule::R005 => "R005-unit-not-active",
            Rule::R006 => "R006-plan-mismatch",
            Rule::R007 => "R007-unknown-task",
            Rule::R008 => "R008-indicator-not-in-plan",
            Rule::R009 => "R009-required-indicator-missing",
            Rule::R010 => "R010-duplicate-indicator",
            Rule::R011 => "R011-duplicate-task",
            Rule::R012 => "R012-submitted-in-future",
            Rule::R013 => "R013-submitted-before-period",
            Rule::R014 => "R014-value-incomplete",
            Rule::R015 => "R015-status-contradicts-activities",
            Rule::R016 => "R016-evidence-not-url",
            Rule::R017 => "R017-results-missing",
            Rule::R018 => "R018-superseded",
            Rule::R019 => "R019-schema-upgraded",
            Rule::R020 => "R020-dossiers-exceed-guided",
            Rule::R021 => "R021-guided-without-sessions",
            Rule::R022 => "R022-task-not-assigned",
            Rule::R023 => "R023-trained-exceed-members",
            Rule::R024 => "R024-form06-received-total",
            Rule::R025 => "R025-form06-settled-total",
            Rule::R026 => "R026-form06-in-progress-total",
            Rule::R027 => "R027-form06-identity",
            Rule::R028 => "R028-form06-total-row",
            Rule::R029 => "R029-form06-duplicate-sector",
            Rule::R030 => "R030-report-not-expected",
            Rule::R031 => "R031-report-late",
            Rule::R032 => "R032-report-missing",
            Rule::R033 => "R033-figure-contradicts-records",
            Rule::R034 => "R034-report-other-period",
            Rule::R035 => "R035-report-not-consolidated",
        }
    }

    /// Severity, the report kinds it applies to (space-separated) and what
    /// it checks, in English.
    fn entry(self) -> (FindingSeverity, &'static str, &'static str) {
        match self {
            Rule::R001 => (E, "unit", "an indicator's numerator is not above its denominator"),
            Rule::R002 => (E, "unit team form06", "no count (numerator, denominator, count, activities, sessions, people, dossiers, members, form 06 cells) is negative"),
            Rule::R003 => (E, "unit team", "the report's period lies inside the plan's period (a Vietnamese reporting period against a calendar-year plan: inside that year's reporting year, 15 Dec – 14 Dec)"),
            Rule::R004 => (E, "unit team form06", "with an org tree: the unit code is in it"),
            Rule::R005 => (E, "unit team form06", "with an org tree: the unit is active on at least one day of the period"),
            Rule::R006 => (E, "unit team", "the report's plan reference designates the plan (by id or document number); when it does not, rules R003, R007–R009 and R022 are not checked"),
            Rule::R007 => (E, "unit", "every task result names a task of the plan"),
            Rule::R008 => (W, "unit", "every reported indicator is one of the plan's targets"),
            Rule::R009 => (E, "unit", "every indicator of a target whose scope covers the unit (no units listed, or the unit listed) and whose measurement period overlaps the report's period is reported"),
            Rule::R010 => (E, "unit", "an indicator is reported once"),
            Rule::R011 => (E, "unit", "a task has one result"),
            Rule::R012 => (E, "unit team form06", "submitted_at is not after `now`"),
            Rule::R013 => (W, "unit team form06", "submitted_at is not before the period starts"),
            Rule::R014 => (E, "unit", "a ratio indicator has both numerator and denominator and no count"),
            Rule::R015 => (W, "unit", "a task not started has no activities; a task kept has at least one"),
            Rule::R016 => (W, "unit", "every evidence link is an http(s) URL"),
            Rule::R017 => (W, "unit", "the results-achieved section (kết quả đạt được) is not empty"),
            Rule::R018 => (W, "unit team form06", "from current_reports: a later report for the same plan, unit and period replaces this one (both are kept)"),
            Rule::R019 => (W, "unit", "the report was written in the draft schema dvctt/unit-report@0 and upgraded on read"),
            Rule::R020 => (W, "team", "dossiers submitted with help are not more than people guided"),
            Rule::R021 => (W, "team", "people were guided only if sessions were held"),
            Rule::R022 => (W, "unit", "a task result comes from one of the task's lead or cooperating units"),
            Rule::R023 => (W, "team", "members trained are not more than the team's members (when given)"),
            Rule::R024 => (E, "form06", "in every row and the total: received.total = online + direct_or_postal + carried_over"),
            Rule::R025 => (E, "form06", "in every row and the total: settled.total = early + on_time + late"),
            Rule::R026 => (E, "form06", "in every row and the total: in_progress.total = within_deadline + overdue"),
            Rule::R027 => (E, "form06", "in every row and the total: received.total = settled.total + in_progress.total"),
            Rule::R028 => (E, "form06", "each count of the total row is the sum of that count over the sector rows"),
            Rule::R029 => (E, "form06", "a sector has one row"),
            Rule::R030 => (W, "unit", "consolidation: a current report for the period comes from a unit the reporting call expects"),
            Rule::R031 => (W, "unit", "consolidation: an expected report was submitted (day in Vietnam time) on or before its due day; the message gives the days late"),
            Rule::R032 => (E, "unit", "consolidation: every unit the reporting call expects sent a report for the period (path `$`, names the unit)"),
            Rule::R033 => (W, "unit", "consolidation: a reported figure agrees with the same figure computed from the raw records, within the tolerance"),
            Rule::R034 => (W, "unit", "consolidation: a current report is for the consolidated period (others are not consolidated)"),
            Rule::R035 => (W, "unit team", "consolidation: a current report is a unit report on the plan consolidated (others are listed, not consolidated)"),
        }
    }

    pub fn severity(self) -> FindingSeverity {
        self.entry().0
    }

    /// The catalogue entry (for documentation and user interfaces).
    pub fn info(self) -> RuleInfo {
        let (severity, kinds, checks) = self.entry();
        RuleInfo {
            id: self.id().to_string(),
            severity,
            applies_to: kinds.split(' ').map(str::to_string).collect(),
            checks: checks.to_string(),
        }
    }
}

/// The catalogue of report validation rules.
pub fn rules() -> Vec<RuleInfo> {
    Rule::ALL.iter().map(|r| r.info()).collect()
}

impl Finding {
    /// A finding of `rule`, with the rule's severity, at `path` (a JSON
    /// path, `$` for the whole report).
    pub fn new(rule: Rule, path: impl Into<String>, vi: String, en: String) -> Finding {
        Finding {
            rule: rule.id().to_string(),
            severity: rule.severity(),
            path: path.into(),
            message_vi: vi,
            message_en: en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_rule_table_matches_the_catalogue() {
        let readme = include_str!("../../../README.md");
        for r in rules() {
            let sev = match r.severity {
                FindingSeverity::Error => "error",
                FindingSeverity::Warning => "warning",
            };
            let row = format!("| `{}` | {sev} | {} |", r.id, r.applies_to.join(", "));
            assert!(readme.contains(&row), "README lacks the row {row}");
        }
    }

    #[test]
    fn ids_are_in_order_and_numbered() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert!(r.id().starts_with(&format!("R{:03}-", i + 1)), "{}", r.id());
        }
    }
}

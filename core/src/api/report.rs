//! The main report on a plan (what `dvctt report` prints and writes) as
//! two operations: the report document from a plan, a data set and an
//! activity log ([`plan_report`]; [`plan_report_streamed`] for dossier files
//! larger than memory), and its publishing tables ([`plan_report_tables`]),
//! which `tables_to_xlsx`, `tables_to_html`, `tables_to_markdown` and
//! `table_to_csv` write.

use serde_json::Value;

use crate::base::error::Result;
use crate::base::json::{parse_json, FromValue};
use crate::data::dataset::Dataset;
use crate::io::load::CsvSource;
use crate::model::plan::Plan;
use crate::model::task::Activity;
use crate::reports::plan_report::{self, PlanReport, PlanReportOptions};
use crate::tables::table::Table;

impl FromValue for PlanReportOptions {
    fn from_value(value: Value) -> Result<Self> {
        PlanReportOptions::from_value(value)
    }
}

impl FromValue for PlanReport {
    fn from_value(value: Value) -> Result<Self> {
        PlanReport::from_value(value)
    }
}

/// The main report on a plan: every target judged (per unit too with
/// `by_unit`), every task checked over the period, every catalogue
/// indicator over it, the cascade check among `options.plans`, the
/// rejected rows given and the columns the data lacked, the record counts.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn plan_report(
    plan: &Plan,
    data: &Dataset,
    activities: Vec<Activity>,
    options: &PlanReportOptions,
) -> Result<PlanReport> {
    plan_report::build(plan, data, activities, options)
}

/// [`plan_report`] with the dossiers of `dossier_files` streamed into
/// counters instead of held (`data` holds the other records): the same
/// report, for exports larger than memory.
pub fn plan_report_streamed(
    plan: &Plan,
    data: Dataset,
    activities: Vec<Activity>,
    options: &PlanReportOptions,
    dossier_files: &[CsvSource],
    strict: bool,
) -> Result<PlanReport> {
    plan_report::build_streamed(plan, data, activities, options, dossier_files, strict)
}

/// Report options from JSON text (`{period, as_of, by_unit, plans,
/// rejected}`; `null` gives the defaults), for Kotlin and Swift.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn plan_report_options_from_json(json: &str) -> Result<PlanReportOptions> {
    PlanReportOptions::from_value(parse_json(json, "options")?)
}

/// The main report as publishing tables: `summary`, `targets` (ratio
/// targets first), `tasks`, `cascade`, `indicators`, `rejected`.
pub fn plan_report_tables(report: &PlanReport) -> Vec<Table> {
    crate::tables::report::plan_report_tables(report)
}

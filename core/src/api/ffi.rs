//! The API as Kotlin and Swift call it where it differs from Rust's: each
//! function here is exported to uniffi under the name of the API function
//! it calls (one name per operation), and only converts.
//!
//! - Operations that cannot fail in Rust can fail in Kotlin: converting
//!   their arguments can (a `LocalDate.MAX` in a `Plan` or a table cell, an
//!   `Instant` past year 9999, `extra` that is not a JSON object). uniffi
//!   raises a failed conversion as the call's error type, and as
//!   `InternalException` when the call has none; so these return
//!   `Result<_, DvcttError>` here, and the caller gets `DvcttException.Data`
//!   naming the value.
//! - Instants that Python and JS pass as RFC 3339 text are `Timestamp`s
//!   (`java.time.Instant` in Kotlin), so no date string crosses.

use crate::base::error::Result;
use crate::base::time::Timestamp;
use crate::data::dataset::Dataset;
use crate::model::consolidated::ConsolidatedReport;
use crate::model::dhis2::Dhis2Mapping;
use crate::model::form06::TthcForm06;
use crate::model::indicator::IndicatorResult;
use crate::model::org::OrgDocument;
use crate::model::plan::{CascadeFinding, Plan};
use crate::reports::plan_report::PlanReport;
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Table};

/// Checks each plan's targets against the plan it implements.
#[uniffi::export(name = "cascade_check")]
fn cascade_check_ffi(plans: Vec<Plan>) -> Result<Vec<CascadeFinding>> {
    Ok(super::cascade_check(plans))
}

/// Biểu số 06/VPCP/KSTT (`dvctt/tthc-form-06@1`) for `units` over `period`
/// from the dataset's dossiers; with `org`, each unit covers its subtree on
/// the period's last day. The form is submitted `at` (default: the system
/// clock), written in Vietnam time.
#[uniffi::export(name = "tthc_form06", default(at = None))]
fn tthc_form06_ffi(
    data: &Dataset,
    units: Vec<String>,
    period: String,
    org: Option<OrgDocument>,
    at: Option<Timestamp>,
) -> Result<TthcForm06> {
    super::tthc_form06(data, units, period, org, at.map(|t| t.to_string()))
}

/// The form as publishable tables (one, key `form06`).
#[uniffi::export(name = "form06_tables")]
fn form06_tables_ffi(form: &TthcForm06) -> Result<Vec<Table>> {
    Ok(super::form06_tables(form))
}

/// The consolidated report as tables; with `public`, small cells are
/// suppressed.
#[uniffi::export(name = "consolidated_tables")]
fn consolidated_tables_ffi(report: &ConsolidatedReport, public: bool) -> Result<Vec<Table>> {
    Ok(super::consolidated_tables(report, public))
}

/// The consolidated report as tidy CSV, one row per unit × period ×
/// indicator.
#[uniffi::export(name = "consolidated_tidy_csv")]
fn consolidated_tidy_csv_ffi(report: &ConsolidatedReport, public: bool) -> Result<String> {
    Ok(super::consolidated_tidy_csv(report, public))
}

/// Tables as Markdown, in Vietnamese or English.
#[uniffi::export(name = "tables_to_markdown")]
fn tables_to_markdown_ffi(tables: Vec<Table>, lang: Lang) -> Result<String> {
    Ok(super::tables_to_markdown(tables, lang))
}

/// Tables as a standalone HTML document, in Vietnamese or English.
#[uniffi::export(name = "tables_to_html")]
fn tables_to_html_ffi(tables: Vec<Table>, lang: Lang) -> Result<String> {
    Ok(super::tables_to_html(tables, lang))
}

/// One table as tidy CSV: column keys as headers, machine-readable values.
#[uniffi::export(name = "table_to_csv")]
fn table_to_csv_ffi(table: Table) -> Result<String> {
    Ok(super::table_to_csv(table))
}

/// A cell as printed in `lang` (`80,5%`, `14/12/2025` in Vietnamese).
#[uniffi::export(name = "format_cell")]
fn format_cell_ffi(cell: Cell, lang: Lang) -> Result<String> {
    Ok(super::format_cell(cell, lang))
}

/// The main report as publishing tables: `summary`, `targets` (ratio
/// targets first), `tasks`, `cascade`, `indicators`, `rejected`.
#[uniffi::export(name = "plan_report_tables")]
fn plan_report_tables_ffi(report: &PlanReport) -> Result<Vec<Table>> {
    Ok(super::plan_report_tables(report))
}

/// Computed results as an ADX XML message; `exported` is the instant of the
/// export written on the message (default: the system clock).
#[uniffi::export(name = "dhis2_adx", default(exported = None))]
fn dhis2_adx_ffi(
    results: Vec<IndicatorResult>,
    mapping: Dhis2Mapping,
    exported: Option<Timestamp>,
) -> Result<String> {
    super::dhis2_adx(results, mapping, exported.map(|t| t.to_string()))
}
